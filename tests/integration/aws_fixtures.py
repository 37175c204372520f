"""The stack of template.yaml in moto, and the glue Lambda would add around the handlers.

Integration tests import it as `aws_fixtures` (their conftest puts this folder on sys.path);
other test packages as `tests.integration.aws_fixtures` (the repository root is on sys.path):
- `deploy_stack(...)` creates template.yaml's resources in the active moto backend through
  the local deploy (local.deploy: SAM transform, moto's CloudFormation, then the bucket's
  versioning and S3 -> SQS notifications): bucket, queue with its DLQ and redrive policy,
  summaries table with its keys, GSI and TTL, all as the template declares them;
- `moto_like_s3()` adds what moto's S3 notifications leave out (local.moto_patches:
  sequencers, version ids, the delete-marker event of a versioned bucket) while it is active;
- `receive_sqs_event(...)` receives the real messages moto put on the queue and wraps them in
  a Lambda SQS event; `settle(...)` deletes what succeeded and makes failures visible again,
  like the event source mapping with ReportBatchItemFailures;
- `load_function(name)` loads `functions/<name>/app.py` under a unique module name.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from local import moto_patches
from local.deploy import Deployment, DeploymentPlan, deploy, plan_deployment
from local.runtime import LambdaContext
from local.stack import LOCAL_PARAMETERS
from local.template import TEMPLATE_PATH, load_template, resolve

ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
STACK_NAME = "precis-test"

FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
}


@cache
def _constants() -> dict[str, Any]:
    constants: dict[str, Any] = load_template(TEMPLATE_PATH)["Mappings"]["Constants"]["Articles"]
    return constants


# The template's values (Mappings.Constants), which its queue and functions are built from.
MAX_RECEIVE_COUNT = int(_constants()["MaxReceiveCount"])
ARTICLES_PREFIX = str(_constants()["Prefix"])


@dataclass
class Stack:
    """Names and clients of one deployment of template.yaml in moto."""

    bucket: str
    table: str
    queue_url: str
    queue_arn: str
    dlq_url: str
    environment: dict[str, str]
    s3: Any = field(repr=False)
    sqs: Any = field(repr=False)
    dynamodb: Any = field(repr=False)
    deployment: Deployment | None = field(default=None, repr=False)

    def env(self) -> dict[str, str]:
        """The functions' environment as the template sets it for these resources."""
        return dict(self.environment)


def _client(service: str) -> Any:
    import boto3

    return boto3.client(service, region_name=REGION)  # type: ignore[call-overload]


def _queue(sqs: Any, physical_id: str) -> tuple[str, str]:
    """(url, arn) of a queue moto's CloudFormation created (its physical id is the URL)."""
    name = physical_id.rstrip("/").rsplit("/", 1)[-1]
    url: str = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    arn: str = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    return url, arn


def _function_environment(deployment: Deployment) -> dict[str, str]:
    """Every function's variables in one mapping (one process hosts both, as locally)."""
    environment: dict[str, str] = {}
    for spec in deployment.functions.values():
        for name, value in spec.environment.items():
            environment.setdefault(name, value)
    return environment


@cache
def _plan() -> DeploymentPlan:
    # Transformed once per test session; each test then creates it in its own moto backend.
    return plan_deployment(TEMPLATE_PATH, LOCAL_PARAMETERS)


def deploy_stack(stack_name: str = STACK_NAME) -> Stack:
    """template.yaml's resources in the active moto backend (call inside mock_aws)."""
    deployment = deploy(
        template_path=TEMPLATE_PATH,
        stack_name=stack_name,
        client_factory=_client,
        parameter_overrides=LOCAL_PARAMETERS,
        plan=_plan(),
    )
    sqs = _client("sqs")
    queue_url, queue_arn = _queue(sqs, deployment.physical_ids["ArticlesQueue"])
    dlq_url, _dlq_arn = _queue(sqs, deployment.physical_ids["ArticlesDeadLetterQueue"])
    # S3 sends a test event when a notification is configured; drain it like Lambda would.
    sqs.purge_queue(QueueUrl=queue_url)
    return Stack(
        bucket=deployment.outputs["BucketName"],
        table=deployment.outputs["TableName"],
        queue_url=queue_url,
        queue_arn=queue_arn,
        dlq_url=dlq_url,
        environment=_function_environment(deployment),
        s3=_client("s3"),
        sqs=sqs,
        dynamodb=_client("dynamodb"),
        deployment=deployment,
    )


def deploy_on(endpoint_url: str, stack_name: str) -> Deployment:
    """template.yaml's stack on the moto server at `endpoint_url`, as the local stack does."""
    import boto3

    def client(service: str) -> Any:
        return boto3.client(  # type: ignore[call-overload]
            service, endpoint_url=endpoint_url, region_name=REGION
        )

    deployment = deploy(
        template_path=TEMPLATE_PATH,
        stack_name=stack_name,
        client_factory=client,
        parameter_overrides=LOCAL_PARAMETERS,
        plan=_plan(),
    )
    # S3 sends a test event when a notification is configured; drain it like Lambda would.
    client("sqs").purge_queue(QueueUrl=deployment.outputs["QueueUrl"])
    return deployment


def create_table(dynamodb: Any, name: str) -> None:
    """The template's summaries table (keys, GSIs, billing, TTL) under `name`, on its own:
    for tests of the store alone, which need neither the bucket nor the queues."""
    props = _plan().transformed["Resources"]["SummariesTable"]["Properties"]
    dynamodb.create_table(
        TableName=name,
        **{
            key: props[key]
            for key in (
                "BillingMode",
                "AttributeDefinitions",
                "KeySchema",
                "GlobalSecondaryIndexes",
            )
            if key in props
        },
    )
    ttl = props.get("TimeToLiveSpecification")
    if ttl:
        dynamodb.update_time_to_live(
            TableName=name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl["AttributeName"]},
        )


def _queue_attributes(logical_id: str, dead_letter_arn: str | None = None) -> dict[str, str]:
    """The SQS attributes template.yaml gives queue `logical_id`, resolved for the local
    parameters; a redrive policy targets `dead_letter_arn`."""
    template = _plan().transformed
    props = resolve(template["Resources"][logical_id]["Properties"], template, LOCAL_PARAMETERS)
    attributes: dict[str, str] = {}
    for name, value in props.items():
        if name == "RedrivePolicy":
            attributes[name] = json.dumps({**value, "deadLetterTargetArn": dead_letter_arn})
        else:
            attributes[name] = str(value).lower()
    return attributes


def create_queues(
    sqs: Any, name: str, *, visibility_timeout: int | None = None
) -> tuple[str, str, str]:
    """The template's articles queue and DLQ under names of the test's choosing (for tests
    of the queues alone); returns (queue_url, queue_arn, dlq_url)."""
    dlq_url = sqs.create_queue(
        QueueName=f"{name}-dlq", Attributes=_queue_attributes("ArticlesDeadLetterQueue")
    )["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    attributes = _queue_attributes("ArticlesQueue", dlq_arn)
    if visibility_timeout is not None:
        attributes["VisibilityTimeout"] = str(visibility_timeout)
    queue_url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    return queue_url, queue_arn, dlq_url


@contextmanager
def moto_like_s3() -> Iterator[None]:
    """moto's S3 notifications completed as real S3 sends them (local.moto_patches)."""
    moto_patches.install()
    try:
        yield
    finally:
        moto_patches.uninstall()


def to_lambda_record(message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
    """An SQS message as the Lambda event source mapping hands it to the function."""
    attributes = message.get("Attributes", {})
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": {
            "ApproximateReceiveCount": attributes.get("ApproximateReceiveCount", "1"),
            "SentTimestamp": attributes.get("SentTimestamp", "0"),
            "SenderId": attributes.get("SenderId", "AIDAEXAMPLE"),
            "ApproximateFirstReceiveTimestamp": attributes.get(
                "ApproximateFirstReceiveTimestamp", "0"
            ),
        },
        "messageAttributes": {},
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": REGION,
    }


def receive_sqs_event(stack: Stack, *, max_messages: int = 10) -> dict[str, Any]:
    """Up to `max_messages` real messages from the queue, as one Lambda SQS event."""
    records: list[dict[str, Any]] = []
    while len(records) < max_messages:
        response = stack.sqs.receive_message(
            QueueUrl=stack.queue_url,
            MaxNumberOfMessages=min(10, max_messages - len(records)),
            AttributeNames=["All"],
            WaitTimeSeconds=0,
        )
        messages = response.get("Messages", [])
        if not messages:
            break
        records.extend(to_lambda_record(m, stack.queue_arn) for m in messages)
    return {"Records": records}


def settle(stack: Stack, event: dict[str, Any], response: dict[str, Any]) -> list[str]:
    """Delete the messages that succeeded, make the failed ones visible again; failed ids."""
    failed = {item["itemIdentifier"] for item in response.get("batchItemFailures", [])}
    for record in event["Records"]:
        if record["messageId"] in failed:
            stack.sqs.change_message_visibility(
                QueueUrl=stack.queue_url, ReceiptHandle=record["receiptHandle"], VisibilityTimeout=0
            )
        else:
            stack.sqs.delete_message(
                QueueUrl=stack.queue_url, ReceiptHandle=record["receiptHandle"]
            )
    return sorted(failed)


def queue_depth(stack: Stack, queue_url: str | None = None) -> int:
    attributes = stack.sqs.get_queue_attributes(
        QueueUrl=queue_url or stack.queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(
        attributes["ApproximateNumberOfMessagesNotVisible"]
    )


def lambda_context(function_name: str = "precis-summarize") -> LambdaContext:
    """The context the local runtime passes to handlers, with a minute to run."""
    return LambdaContext(function_name=function_name, timeout_s=60, memory_limit_in_mb=512)


def fresh_collaborators() -> None:
    """New composition roots for both functions, built from the current environment."""
    for name in ("summarize", "api"):
        app = load_function(name)
        app.collaborators = app.Collaborators()


def load_function(name: str) -> ModuleType:
    """`functions/<name>/app.py` as module `<name>_app` (both functions have an app.py)."""
    module_name = f"{name}_app"
    if module_name in sys.modules:
        return sys.modules[module_name]
    path = ROOT / "functions" / name / "app.py"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
