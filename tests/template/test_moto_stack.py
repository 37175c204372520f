"""The transformed template creates a stack in moto's CloudFormation, and what moto builds."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from local.template import CODE_BUCKET, code_locations, stack_parameters

# moto's CloudFormation skips the types it does not model (bucket and queue policies, API
# keys, the stage, secrets) with a warning; what it does create is asserted below.
pytestmark = pytest.mark.filterwarnings("ignore:Tried to parse AWS:UserWarning")

REGION = "us-east-1"
STACK = "precis-tmpl"
PARAMETER_SETS = {
    "defaults": {},
    "bedrock-iam-traced": {
        "SummaryEngine": "bedrock",
        "ReadAuth": "IAM",
        "WriteAuth": "IAM",
        "TracingMode": "Active",
        "ApiAccessLogs": "Enabled",
        "CursorSecret": "k" * 48,
        "FunctionTimeout": "60",
    },
}


@pytest.fixture(scope="module", params=list(PARAMETER_SETS))
def stack(request, source, transform) -> Iterator[tuple[str, dict[str, str], dict[str, str]]]:
    """(name, parameters, outputs) of the stack created in moto, once per parameter set.

    moto stays active for the module's tests of that set; they only read from it.
    """
    params = PARAMETER_SETS[request.param]
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name, value in {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": REGION,
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("AWS_PROFILE", raising=False)
        monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
        _import_rest_api_body(monkeypatch)
        with mock_aws():
            yield request.param, params, create_stack(source, transform(params), params)


def _import_rest_api_body(monkeypatch) -> None:
    # moto creates AWS::ApiGateway::RestApi without its Body, then refuses the Deployment of
    # an API with no methods. Real CloudFormation imports the Body; so does this patch.
    from moto.apigateway import models

    original = models.RestAPI.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]

    def create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        api = original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        body = cloudformation_json["Properties"].get("Body")
        if body:
            backend = models.apigateway_backends[account_id][region_name]
            backend.put_rest_api(api.id, body, fail_on_warnings=False)
        return api

    monkeypatch.setattr(models.RestAPI, "create_from_cloudformation_json", classmethod(create))


def _upload_code(source: dict[str, Any]) -> None:
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket=CODE_BUCKET)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("app.py", "def handler(event, context):\n    return event\n")
    for key in code_locations(source).values():
        s3.put_object(Bucket=CODE_BUCKET, Key=key, Body=archive.getvalue())


def create_stack(source, template, params) -> dict[str, str]:
    """Create the stack in moto; its outputs by key. Fails the test unless CREATE_COMPLETE."""
    _upload_code(source)
    cloudformation = boto3.client("cloudformation", region_name=REGION)
    cloudformation.create_stack(
        StackName=STACK,
        TemplateBody=json.dumps(template),
        Parameters=stack_parameters(params),
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
    )
    stack = cloudformation.describe_stacks(StackName=STACK)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    return {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}


def test_stack_creates_bucket_and_table(stack):
    _, _, outputs = stack

    assert outputs["BucketName"] == f"{STACK}-articles-123456789012-{REGION}"
    s3 = boto3.client("s3", region_name=REGION)
    s3.head_bucket(Bucket=outputs["BucketName"])
    encryption = s3.get_bucket_encryption(Bucket=outputs["BucketName"])
    (rule,) = encryption["ServerSideEncryptionConfiguration"]["Rules"]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"

    dynamodb = boto3.client("dynamodb", region_name=REGION)
    table = dynamodb.describe_table(TableName=outputs["TableName"])["Table"]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["by_status"]
    assert outputs["ApiUrl"].startswith("https://")
    assert outputs["ApiUrl"].endswith(".execute-api.us-east-1.amazonaws.com/v1")


def test_queue_redrives_to_the_dlq_after_three_receives(stack):
    _, params, outputs = stack
    sqs = boto3.client("sqs", region_name=REGION)

    queue = sqs.get_queue_attributes(QueueUrl=outputs["QueueUrl"], AttributeNames=["All"])
    dlq = sqs.get_queue_attributes(QueueUrl=outputs["DeadLetterQueueUrl"], AttributeNames=["All"])

    redrive = json.loads(queue["Attributes"]["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == dlq["Attributes"]["QueueArn"]
    assert int(redrive["maxReceiveCount"]) == 3
    timeout = int(params.get("FunctionTimeout", "30"))
    assert int(queue["Attributes"]["VisibilityTimeout"]) >= 6 * timeout
    assert queue["Attributes"]["SqsManagedSseEnabled"] == "true"
    assert int(dlq["Attributes"]["MessageRetentionPeriod"]) == 1_209_600


def test_summarize_function_is_triggered_by_the_queue_with_partial_failures(stack):
    _, _, outputs = stack
    lambda_client = boto3.client("lambda", region_name=REGION)
    queue_arn = boto3.client("sqs", region_name=REGION).get_queue_attributes(
        QueueUrl=outputs["QueueUrl"], AttributeNames=["QueueArn"]
    )["Attributes"]["QueueArn"]

    (mapping,) = lambda_client.list_event_source_mappings()["EventSourceMappings"]

    assert mapping["EventSourceArn"] == queue_arn
    assert mapping["FunctionArn"].endswith(f":function:{outputs['SummarizeFunctionName']}")
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["ScalingConfig"] == {"MaximumConcurrency": 10}
    assert mapping["BatchSize"] == 10


def test_function_environment_is_accepted_by_precis_config(stack):
    from precis.config import Settings

    _, params, outputs = stack
    lambda_client = boto3.client("lambda", region_name=REGION)

    for suffix in ("summarize", "api"):
        function = lambda_client.get_function_configuration(FunctionName=f"{STACK}-{suffix}")
        env = {k: str(v) for k, v in function["Environment"]["Variables"].items()}
        settings = Settings.from_env(env)

        assert function["Runtime"] == "python3.12"
        assert function["Handler"] == "app.handler"
        assert settings.table_name == outputs["TableName"]
        assert settings.bucket_name == outputs["BucketName"]
        assert settings.summary_engine == params.get("SummaryEngine", "extractive")
        assert settings.articles_prefix == "articles/"
        assert settings.max_receive_count == 3


def test_api_has_every_route(stack):
    apigateway = boto3.client("apigateway", region_name=REGION)
    (api,) = apigateway.get_rest_apis()["items"]

    routes = {
        resource["path"]: set(resource.get("resourceMethods", {}))
        for resource in apigateway.get_resources(restApiId=api["id"])["items"]
    }

    assert routes["/summaries/{article_id+}"] == {"GET", "OPTIONS"}
    assert routes["/summaries"] == {"GET", "POST", "OPTIONS"}
    assert routes["/health"] == {"GET"}
    assert routes["/openapi.json"] == {"GET"}
    assert routes["/widget.js"] == {"GET"}
