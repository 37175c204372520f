"""What template.yaml promises, checked on the source and on the SAM-transformed template."""

from __future__ import annotations

import json
from typing import Any

import pytest

from local.template import (
    evaluate_conditions,
    parameter_values,
    policy_documents,
    resolve,
    resources_of_type,
    statements,
)
from local.validate_template import least_privilege_findings

BUCKET_NAME = "${AWS::StackName}-articles-${AWS::AccountId}-${AWS::Region}"
PARAMETER_SETS = [
    {},
    {"SummaryEngine": "bedrock", "TracingMode": "Active", "ApiAccessLogs": "Enabled"},
    {"ReadAuth": "IAM", "WriteAuth": "IAM", "ReservedConcurrency": "3"},
]


def props(template: dict[str, Any], logical_id: str, **params: str) -> dict[str, Any]:
    """The Properties of one resource, resolved for the given parameter values."""
    return resolve(template["Resources"][logical_id]["Properties"], template, params)  # type: ignore[no-any-return]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# ------------------------------------------------------------------------ queue and DLQ


def test_queue_moves_a_message_to_the_dlq_after_three_receives(transformed):
    queue = props(transformed, "ArticlesQueue")

    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {
        "Fn::GetAtt": ["ArticlesDeadLetterQueue", "Arn"]
    }
    assert int(queue["RedrivePolicy"]["maxReceiveCount"]) == 3


def test_dead_letter_queue_keeps_messages_for_fourteen_days(transformed):
    assert (
        int(props(transformed, "ArticlesDeadLetterQueue")["MessageRetentionPeriod"]) == 14 * 86400
    )


def test_function_reads_the_same_receive_count_as_the_redrive_policy(transformed):
    env = props(transformed, "SummarizeFunction")["Environment"]["Variables"]
    queue = props(transformed, "ArticlesQueue")

    assert str(env["MAX_RECEIVE_COUNT"]) == str(queue["RedrivePolicy"]["maxReceiveCount"])


def test_visibility_timeout_is_at_least_six_times_the_timeout_for_every_allowed_timeout(source):
    timeouts = source["Parameters"]["FunctionTimeout"]["AllowedValues"]
    longest_window = int(source["Parameters"]["BatchWindow"]["MaxValue"])
    assert len(timeouts) >= 3

    for timeout in timeouts:
        queue = props(source, "ArticlesQueue", FunctionTimeout=str(timeout))
        function_timeout = resolve(
            source["Globals"]["Function"]["Timeout"], source, {"FunctionTimeout": str(timeout)}
        )
        assert int(function_timeout) == int(timeout)
        assert int(queue["VisibilityTimeout"]) >= 6 * int(timeout) + longest_window


def test_summarize_function_uses_the_timeout_parameter(transformed):
    function = transformed["Resources"]["SummarizeFunction"]["Properties"]

    assert function["Timeout"] == {"Ref": "FunctionTimeout"}


def test_api_function_answers_before_api_gateway_gives_up(transformed):
    assert int(props(transformed, "ApiFunction")["Timeout"]) < 29


def test_queues_are_encrypted(transformed):
    for logical_id in ("ArticlesQueue", "ArticlesDeadLetterQueue"):
        assert props(transformed, logical_id)["SqsManagedSseEnabled"] is True


def test_queue_policy_lets_only_this_bucket_in_this_account_send(transformed):
    policy = props(transformed, "ArticlesQueuePolicy")
    allows = [s for s in statements(policy["PolicyDocument"]) if s["Effect"] == "Allow"]

    assert len(allows) == 1
    (allow,) = allows
    assert allow["Principal"] == {"Service": "s3.amazonaws.com"}
    assert allow["Action"] == "sqs:SendMessage"
    assert allow["Resource"] == {"Fn::GetAtt": ["ArticlesQueue", "Arn"]}
    assert allow["Condition"]["ArnLike"]["aws:SourceArn"] == {
        "Fn::Sub": f"arn:${{AWS::Partition}}:s3:::{BUCKET_NAME}"
    }
    assert allow["Condition"]["StringEquals"]["aws:SourceAccount"] == "123456789012"


# ------------------------------------------------------------------------------ bucket


def test_bucket_has_a_literal_name_so_policies_need_no_reference_to_it(source):
    bucket = source["Resources"]["ArticlesBucket"]["Properties"]

    assert bucket["BucketName"] == {"Fn::Sub": BUCKET_NAME}
    assert source["Globals"]["Function"]["Environment"]["Variables"]["BUCKET_NAME"] == {
        "Fn::Sub": BUCKET_NAME
    }


def test_bucket_blocks_all_public_access_and_disables_acls(transformed):
    bucket = props(transformed, "ArticlesBucket")

    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]


def test_bucket_is_versioned_and_encrypted(transformed):
    bucket = props(transformed, "ArticlesBucket")

    assert bucket["VersioningConfiguration"]["Status"] == "Enabled"
    (rule,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"aws:kms", "AES256"}


def test_bucket_expires_noncurrent_versions(transformed):
    rules = props(transformed, "ArticlesBucket")["LifecycleConfiguration"]["Rules"]

    expiring = [r for r in rules if "NoncurrentVersionExpiration" in r]
    assert expiring and expiring[0]["Status"] == "Enabled"
    assert int(expiring[0]["NoncurrentVersionExpiration"]["NoncurrentDays"]) >= 1


def test_bucket_policy_denies_every_request_without_tls(transformed):
    policy = props(transformed, "ArticlesBucketPolicy")
    denies = [s for s in statements(policy["PolicyDocument"]) if s["Effect"] == "Deny"]

    assert any(
        statement["Principal"] == "*"
        and statement["Action"] in ("s3:*", ["s3:*"])
        and statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        and {"Fn::GetAtt": ["ArticlesBucket", "Arn"]} in statement["Resource"]
        and {"Fn::Sub": "${ArticlesBucket.Arn}/*"} in statement["Resource"]
        for statement in denies
    )


def test_bucket_notifies_the_queue_of_creates_and_removes_under_articles(transformed):
    bucket = props(transformed, "ArticlesBucket")
    configurations = bucket["NotificationConfiguration"]["QueueConfigurations"]

    events = {c["Event"] for c in configurations}
    assert events == {"s3:ObjectCreated:*", "s3:ObjectRemoved:*"}
    for configuration in configurations:
        assert configuration["Queue"] == {"Fn::GetAtt": ["ArticlesQueue", "Arn"]}
        assert configuration["Filter"]["S3Key"]["Rules"] == [
            {"Name": "prefix", "Value": "articles/"}
        ]


def test_bucket_is_created_after_the_queue_policy_s3_checks(source):
    depends = as_list(source["Resources"]["ArticlesBucket"]["DependsOn"])

    assert "ArticlesQueuePolicy" in depends


def test_articles_prefix_is_the_same_for_notifications_iam_and_the_functions(transformed):
    env = props(transformed, "SummarizeFunction")["Environment"]["Variables"]
    read = next(
        s
        for _, document in policy_documents(transformed)
        for s in statements(document)
        if s.get("Sid") == "ReadArticles"
    )

    assert env["ARTICLES_PREFIX"] == "articles/"
    assert read["Resource"]["Fn::Sub"][0].endswith("/${Prefix}*")
    assert read["Resource"]["Fn::Sub"][1]["Prefix"] == env["ARTICLES_PREFIX"]


# ------------------------------------------------------------------------------- table


def test_table_is_on_demand_encrypted_and_recoverable(transformed):
    table = props(transformed, "SummariesTable")

    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["SSESpecification"]["SSEEnabled"] is True
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True


def test_table_key_and_status_index_match_the_store(transformed):
    table = props(transformed, "SummariesTable")
    types = {a["AttributeName"]: a["AttributeType"] for a in table["AttributeDefinitions"]}

    assert table["KeySchema"] == [{"AttributeName": "article_id", "KeyType": "HASH"}]
    (index,) = table["GlobalSecondaryIndexes"]
    assert index["IndexName"] == "by_status"
    assert index["KeySchema"] == [
        {"AttributeName": "status", "KeyType": "HASH"},
        {"AttributeName": "updated_at", "KeyType": "RANGE"},
    ]
    assert types == {"article_id": "S", "status": "S", "updated_at": "S"}


def test_table_expires_tombstones_by_ttl(transformed):
    ttl = props(transformed, "SummariesTable")["TimeToLiveSpecification"]

    assert ttl == {"AttributeName": "expires_at", "Enabled": True}


def test_deletion_protection_follows_its_parameter(source):
    assert props(source, "SummariesTable")["DeletionProtectionEnabled"] == "false"
    protected = props(source, "SummariesTable", TableDeletionProtection="true")
    assert protected["DeletionProtectionEnabled"] == "true"


def test_stateful_resources_survive_stack_deletion(source):
    for logical_id in ("ArticlesBucket", "SummariesTable"):
        assert source["Resources"][logical_id]["DeletionPolicy"] == "Retain"
        assert source["Resources"][logical_id]["UpdateReplacePolicy"] == "Retain"


# ------------------------------------------------------------------------- SQS trigger


def test_summarize_function_reports_partial_batch_failures(transformed):
    (mapping,) = resources_of_type(transformed, "AWS::Lambda::EventSourceMapping").values()
    properties = mapping["Properties"]

    assert properties["EventSourceArn"] == {"Fn::GetAtt": ["ArticlesQueue", "Arn"]}
    assert properties["FunctionName"] == {"Ref": "SummarizeFunction"}
    assert properties["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_batching_and_concurrency_are_parameters(transformed):
    (mapping,) = resources_of_type(transformed, "AWS::Lambda::EventSourceMapping").values()
    properties = mapping["Properties"]

    assert properties["BatchSize"] == {"Ref": "BatchSize"}
    assert properties["MaximumBatchingWindowInSeconds"] == {"Ref": "BatchWindow"}
    assert properties["ScalingConfig"] == {"MaximumConcurrency": {"Ref": "MaxConcurrency"}}
    assert int(transformed["Parameters"]["MaxConcurrency"]["MinValue"]) >= 2  # AWS minimum


def test_reserved_concurrency_is_optional(transformed):
    assert "ReservedConcurrentExecutions" not in props(transformed, "SummarizeFunction")
    reserved = props(transformed, "SummarizeFunction", ReservedConcurrency="4")
    assert reserved["ReservedConcurrentExecutions"] == "4"


# ----------------------------------------------------------------- runtime, layer, env


def test_functions_run_python_3_12_on_arm64_with_the_layer(transformed):
    functions = resources_of_type(transformed, "AWS::Lambda::Function")
    (layer_id,) = resources_of_type(transformed, "AWS::Lambda::LayerVersion")

    assert set(functions) == {"SummarizeFunction", "ApiFunction"}
    for function in functions.values():
        properties = function["Properties"]
        assert properties["Runtime"] == "python3.12"
        assert properties["Architectures"] == ["arm64"]
        assert properties["Handler"] == "app.handler"
        assert properties["Layers"] == [{"Ref": layer_id}]


def test_layer_is_built_for_python_3_12_on_arm64(source):
    layer = source["Resources"]["PrecisLayer"]

    assert layer["Type"] == "AWS::Serverless::LayerVersion"
    assert layer["Metadata"]["BuildMethod"] == "python3.12"
    assert layer["Metadata"]["BuildArchitecture"] == "arm64"
    assert layer["Properties"]["ContentUri"] == "layers/precis"
    assert layer["Properties"]["CompatibleRuntimes"] == ["python3.12"]
    assert layer["Properties"]["CompatibleArchitectures"] == ["arm64"]


def test_functions_code_comes_from_their_folders(source):
    assert source["Resources"]["SummarizeFunction"]["Properties"]["CodeUri"] == (
        "functions/summarize"
    )
    assert source["Resources"]["ApiFunction"]["Properties"]["CodeUri"] == "functions/api"


def test_environment_carries_the_powertools_settings(transformed):
    for logical_id in ("SummarizeFunction", "ApiFunction"):
        env = props(transformed, logical_id, LogLevel="DEBUG")["Environment"]["Variables"]
        assert env["POWERTOOLS_SERVICE_NAME"] == "precis"
        assert env["POWERTOOLS_METRICS_NAMESPACE"] == "Precis"
        assert env["POWERTOOLS_LOG_LEVEL"] == "DEBUG"


def test_environment_is_what_precis_config_reads(transformed):
    from precis.config import ENVIRONMENT

    env = props(transformed, "SummarizeFunction")["Environment"]["Variables"]
    contract = {
        "TABLE_NAME",
        "BUCKET_NAME",
        "EVENT_BUS_NAME",
        "MAX_ARTICLE_BYTES",
        "MAX_REQUEST_BYTES",
        "SUMMARY_ENGINE",
        "BEDROCK_MODEL_ID",
        "DEFAULT_SUMMARY_SENTENCES",
        "ARTICLES_PREFIX",
        "CURSOR_SECRET",
        "CORS_ORIGINS",
    }

    assert contract <= set(env)
    # Everything else the template sets is read by precis.config, Powertools or pydantic.
    assert set(env) - set(ENVIRONMENT) <= {"POWERTOOLS_TRACE_DISABLED", "PYDANTIC_DISABLE_PLUGINS"}


def test_the_templates_defaults_are_the_settings_defaults(transformed):
    # What a deployment with default parameters sets is what the code assumes when unset,
    # so a function run without the template (tests, the CLI) behaves like a deployed one.
    from precis.config import ENVIRONMENT, Settings

    env = props(transformed, "SummarizeFunction")["Environment"]["Variables"]
    deployed = Settings.from_env({k: v for k, v in env.items() if isinstance(v, str)})
    unset = Settings()
    compared = [
        field
        for name, field in ENVIRONMENT.items()
        # The template names a model to use once SUMMARY_ENGINE=bedrock; the code needs none.
        if name in env and isinstance(env[name], str) and field != "bedrock_model_id"
    ]

    assert {"event_bus_name", "max_article_bytes", "max_request_bytes", "summary_engine"} <= set(
        compared
    )
    assert {f: getattr(deployed, f) for f in compared} == {f: getattr(unset, f) for f in compared}


def test_cursor_secret_is_hidden_and_generated_when_not_given(source):
    assert source["Parameters"]["CursorSecret"]["NoEcho"] is True
    generated = props(source, "SummarizeFunction")
    env = resolve(source["Globals"]["Function"]["Environment"]["Variables"], source)
    assert evaluate_conditions(source)["GenerateCursorSecret"] is True
    assert "resolve:secretsmanager" in json.dumps(env["CURSOR_SECRET"])
    assert "CursorSecretValue" in json.dumps(env["CURSOR_SECRET"])
    assert generated["CodeUri"] == "functions/summarize"

    given = "s" * 40
    env = resolve(
        source["Globals"]["Function"]["Environment"]["Variables"], source, {"CursorSecret": given}
    )
    assert env["CURSOR_SECRET"] == given
    assert evaluate_conditions(source, {"CursorSecret": given})["GenerateCursorSecret"] is False


def test_tracing_active_turns_on_xray_and_the_powertools_tracer(transformed, transform):
    assert props(transformed, "SummarizeFunction")["TracingConfig"] == {"Mode": "PassThrough"}
    assert (
        props(transformed, "SummarizeFunction")["Environment"]["Variables"][
            "POWERTOOLS_TRACE_DISABLED"
        ]
        == "true"
    )

    traced = transform({"TracingMode": "Active"})
    function = props(traced, "SummarizeFunction", TracingMode="Active")
    assert function["TracingConfig"] == {"Mode": "Active"}
    assert function["Environment"]["Variables"]["POWERTOOLS_TRACE_DISABLED"] == "false"
    role = props(traced, "SummarizeFunctionRole", TracingMode="Active")
    assert "iam::aws:policy/AWSXrayWriteOnlyAccess" in json.dumps(role["ManagedPolicyArns"])
    assert "ManagedPolicyArns" not in props(transformed, "SummarizeFunctionRole")


# ------------------------------------------------------------------------- permissions


@pytest.mark.parametrize("params", PARAMETER_SETS, ids=["defaults", "bedrock-traced", "iam"])
def test_no_policy_allows_a_wildcard_action_or_resource(transform, params):
    assert least_privilege_findings(transform(params), params) == []


def test_least_privilege_check_catches_wildcards():
    template = {
        "Resources": {
            "Role": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
                    "Policies": [
                        {
                            "PolicyName": "p",
                            "PolicyDocument": {
                                "Statement": [
                                    {
                                        "Sid": "A",
                                        "Effect": "Allow",
                                        "Action": "s3:*",
                                        "Resource": "arn:x",
                                    },
                                    {
                                        "Sid": "B",
                                        "Effect": "Allow",
                                        "Action": "s3:GetObject",
                                        "Resource": "*",
                                    },
                                    {"Sid": "C", "Effect": "Deny", "Action": "*", "Resource": "*"},
                                ]
                            },
                        }
                    ],
                },
            }
        }
    }

    findings = least_privilege_findings(template)

    assert any("[A]" in f and "s3:*" in f for f in findings)
    assert any("[B]" in f and "resource '*'" in f for f in findings)
    assert any("AdministratorAccess" in f for f in findings)
    assert not any("[C]" in f for f in findings)


def _allowed(template: dict[str, Any], owner_prefix: str, **params: str) -> dict[str, Any]:
    """Sid -> statement of the Allow statements in the policies of one role."""
    found = {}
    for owner, document in policy_documents(template, params):
        if owner.startswith(owner_prefix):
            for statement in statements(document):
                if statement["Effect"] == "Allow":
                    found[statement.get("Sid", "?")] = statement
    return found


def test_summarize_role_reads_only_articles_and_writes_only_its_table_and_bus(transformed):
    allowed = _allowed(transformed, "SummarizeFunctionRole/")

    assert set(as_list(allowed["ReadArticles"]["Action"])) == {
        "s3:GetObject",
        "s3:GetObjectVersion",
    }
    assert set(as_list(allowed["WriteSummaries"]["Action"])) == {
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:ConditionCheckItem",
    }
    assert allowed["WriteSummaries"]["Resource"] == {"Fn::GetAtt": ["SummariesTable", "Arn"]}
    assert allowed["AnnounceSummaries"]["Action"] == "events:PutEvents"
    assert allowed["AnnounceSummaries"]["Resource"] == {
        "Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}"
        ":event-bus/${EventBusName}"
    }
    assert allowed["ConsumeArticlesQueue"]["Resource"] == {"Fn::GetAtt": ["ArticlesQueue", "Arn"]}
    assert allowed["WriteOwnLogs"]["Resource"] == {"Fn::GetAtt": ["SummarizeLogGroup", "Arn"]}
    assert "InvokeSummaryModel" not in allowed


def test_bedrock_may_be_invoked_only_with_the_bedrock_engine_and_only_its_model(transformed):
    allowed = _allowed(transformed, "SummarizeFunctionRole/", SummaryEngine="bedrock")

    assert allowed["InvokeSummaryModel"]["Action"] == "bedrock:InvokeModel"
    assert allowed["InvokeSummaryModel"]["Resource"] == {
        "Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}"
        "::foundation-model/${BedrockModelId}"
    }
    assert transformed["Conditions"]["UseBedrock"] == {
        "Fn::Equals": [{"Ref": "SummaryEngine"}, "bedrock"]
    }


def test_bedrock_model_id_cannot_widen_the_grant(source):
    pattern = source["Parameters"]["BedrockModelId"]["AllowedPattern"]

    assert "*" not in pattern.replace("]*", "]")  # the class excludes "*" and "/"
    with pytest.raises(Exception, match="not one of"):
        parameter_values(source, {"SummaryEngine": "claude"})


def test_api_role_only_reads_the_table_and_its_index(transformed):
    allowed = _allowed(transformed, "ApiFunctionRole/")

    assert set(allowed) == {"WriteOwnLogs", "ReadSummaries"}
    assert set(as_list(allowed["ReadSummaries"]["Action"])) == {
        "dynamodb:GetItem",
        "dynamodb:Query",
    }
    assert allowed["ReadSummaries"]["Resource"] == [
        {"Fn::GetAtt": ["SummariesTable", "Arn"]},
        {"Fn::Sub": "${SummariesTable.Arn}/index/by_status"},
    ]


# ----------------------------------------------------------------------- API and outputs


def test_api_serves_every_route_through_the_api_function(transformed):
    body = props(transformed, "PrecisApi")["Body"]
    expected = {
        "/summaries/{article_id+}": {"get", "options"},
        "/summaries": {"get", "post", "options"},
        "/health": {"get"},
        "/openapi.json": {"get"},
        "/widget.js": {"get"},
    }

    assert {path: set(methods) for path, methods in body["paths"].items()} == expected
    for methods in body["paths"].values():
        for operation in methods.values():
            integration = operation["x-amazon-apigateway-integration"]
            assert integration["type"] == "aws_proxy"
            assert "${ApiFunction.Arn}" in integration["uri"]["Fn::Sub"]


def test_api_gateway_may_invoke_the_function_for_every_route(transformed):
    permissions = resources_of_type(transformed, "AWS::Lambda::Permission")

    assert len(permissions) == 8  # one per route and method
    for permission in permissions.values():
        assert permission["Properties"]["Principal"] == "apigateway.amazonaws.com"
        assert permission["Properties"]["FunctionName"] == {"Ref": "ApiFunction"}


def test_api_is_throttled_by_parameters(transformed):
    (stage,) = resources_of_type(transformed, "AWS::ApiGateway::Stage").values()
    (setting,) = stage["Properties"]["MethodSettings"]

    assert setting["ThrottlingRateLimit"] == {"Ref": "ApiThrottleRate"}
    assert setting["ThrottlingBurstLimit"] == {"Ref": "ApiThrottleBurst"}
    assert setting["ResourcePath"] == "/*"
    assert setting["HttpMethod"] == "*"


def test_api_access_logs_are_optional(transformed):
    (stage_id,) = resources_of_type(transformed, "AWS::ApiGateway::Stage")

    assert "AccessLogSetting" not in props(transformed, stage_id)
    logged = props(transformed, stage_id, ApiAccessLogs="Enabled")
    assert logged["AccessLogSetting"]["DestinationArn"] == {
        "Fn::GetAtt": ["ApiAccessLogGroup", "Arn"]
    }


def test_api_errors_from_the_gateway_use_the_service_error_shape(transformed):
    body = props(transformed, "PrecisApi", CorsOrigins="https://a.example,https://b.example")
    responses = body["Body"]["x-amazon-apigateway-gateway-responses"]

    for kind in ("DEFAULT_4XX", "DEFAULT_5XX"):
        template = responses[kind]["responseTemplates"]["application/json"]
        rendered = (
            template.replace("$context.error.responseType", "THROTTLED")
            .replace("$context.error.messageString", '"Too Many Requests"')
            .replace("$context.requestId", "req-1")
        )
        assert json.loads(rendered) == {
            "error": {"code": "THROTTLED", "message": "Too Many Requests", "request_id": "req-1"}
        }
        headers = responses[kind]["responseParameters"]
        # No condition is possible in a gateway response: a list is served by echoing Origin.
        assert headers["gatewayresponse.header.Access-Control-Allow-Origin"] == (
            "method.request.header.Origin"
        )
        assert headers["gatewayresponse.header.Vary"] == "'Origin'"
        assert headers["gatewayresponse.header.X-Request-Id"] == "context.requestId"
        assert "X-Request-Id" in headers["gatewayresponse.header.Access-Control-Expose-Headers"]


def test_api_errors_from_the_gateway_allow_any_origin_by_default(transformed):
    body = props(transformed, "PrecisApi")
    for response in body["Body"]["x-amazon-apigateway-gateway-responses"].values():
        headers = response["responseParameters"]

        assert headers["gatewayresponse.header.Access-Control-Allow-Origin"] == "'*'"
        assert "gatewayresponse.header.Vary" not in headers


def test_cors_origins_reach_the_api_function(transformed):
    env = props(transformed, "ApiFunction", CorsOrigins="https://a.example")["Environment"]

    assert env["Variables"]["CORS_ORIGINS"] == "https://a.example"


def test_outputs_name_every_resource_a_caller_needs(transformed):
    outputs = transformed["Outputs"]

    assert {
        "ApiUrl",
        "BucketName",
        "TableName",
        "QueueUrl",
        "DeadLetterQueueUrl",
        "EventBusName",
    } <= set(outputs)
    assert outputs["BucketName"]["Value"] == {"Ref": "ArticlesBucket"}
    assert outputs["QueueUrl"]["Value"] == {"Ref": "ArticlesQueue"}
    assert outputs["DeadLetterQueueUrl"]["Value"] == {"Ref": "ArticlesDeadLetterQueue"}
    assert outputs["EventBusName"]["Value"] == {"Ref": "EventBusName"}
    assert "${PrecisApi}" in outputs["ApiUrl"]["Value"]["Fn::Sub"]
