"""Moto resources shaped like template.yaml, and the glue Lambda would add around the handlers.

Integration tests import it as `aws_fixtures` (their conftest puts this folder on sys.path);
other test packages as `tests.integration.aws_fixtures` (the repository root is on sys.path):
- `create_stack(...)` makes the bucket (notifications for `articles/` to the queue), the queue
  with its DLQ (maxReceiveCount 3) and the summaries table (GSI by_status, TTL expires_at);
- `receive_sqs_event(...)` receives the real messages moto put on the queue and wraps them in
  a Lambda SQS event; `settle(...)` deletes what succeeded and makes failures visible again,
  like the event source mapping with ReportBatchItemFailures;
- `load_function(name)` loads `functions/<name>/app.py` under a unique module name.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from local.runtime import LambdaContext

ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
ARTICLES_PREFIX = "articles/"
MAX_RECEIVE_COUNT = 3

FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
}


@dataclass
class Stack:
    """Names and clients of one moto deployment."""

    bucket: str
    table: str
    queue_url: str
    queue_arn: str
    dlq_url: str
    s3: Any = field(repr=False)
    sqs: Any = field(repr=False)
    dynamodb: Any = field(repr=False)

    def env(self) -> dict[str, str]:
        """The function environment the template would set for these resources."""
        return {
            "TABLE_NAME": self.table,
            "BUCKET_NAME": self.bucket,
            "EVENT_BUS_NAME": "default",
            "ARTICLES_PREFIX": ARTICLES_PREFIX,
            "MAX_RECEIVE_COUNT": str(MAX_RECEIVE_COUNT),
            "POWERTOOLS_SERVICE_NAME": "precis",
            "POWERTOOLS_METRICS_NAMESPACE": "Precis",
        }


def create_table(dynamodb: Any, name: str) -> None:
    dynamodb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": "article_id", "AttributeType": "S"},
            {"AttributeName": "status", "AttributeType": "S"},
            {"AttributeName": "updated_at", "AttributeType": "S"},
        ],
        KeySchema=[{"AttributeName": "article_id", "KeyType": "HASH"}],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by_status",
                "KeySchema": [
                    {"AttributeName": "status", "KeyType": "HASH"},
                    {"AttributeName": "updated_at", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )
    dynamodb.update_time_to_live(
        TableName=name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"},
    )


def create_queues(sqs: Any, name: str, *, visibility_timeout: int = 120) -> tuple[str, str, str]:
    """Queue and DLQ; returns (queue_url, queue_arn, dlq_url)."""
    dlq_url = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    redrive = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(MAX_RECEIVE_COUNT)}
    queue_url = sqs.create_queue(
        QueueName=name,
        Attributes={
            "VisibilityTimeout": str(visibility_timeout),
            "RedrivePolicy": json.dumps(redrive),
        },
    )["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    return queue_url, queue_arn, dlq_url


def create_bucket(s3: Any, name: str, queue_arn: str, *, versioned: bool = False) -> None:
    s3.create_bucket(Bucket=name)
    if versioned:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    prefix_filter = {"Key": {"FilterRules": [{"Name": "prefix", "Value": ARTICLES_PREFIX}]}}
    s3.put_bucket_notification_configuration(
        Bucket=name,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "Id": "articles",
                    "QueueArn": queue_arn,
                    "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
                    "Filter": prefix_filter,
                }
            ]
        },
    )


def create_stack(*, versioned: bool = False, prefix: str = "precis") -> Stack:
    """Bucket, queue + DLQ and table in the active moto backend (call inside mock_aws)."""
    import boto3

    suffix = uuid.uuid4().hex[:8]
    s3 = boto3.client("s3", region_name=REGION)
    sqs = boto3.client("sqs", region_name=REGION)
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    queue_url, queue_arn, dlq_url = create_queues(sqs, f"{prefix}-articles-{suffix}")
    bucket = f"{prefix}-articles-{suffix}"
    create_bucket(s3, bucket, queue_arn, versioned=versioned)
    table = f"{prefix}-summaries-{suffix}"
    create_table(dynamodb, table)
    # S3 sends a test event when a notification is configured; drain it like Lambda would.
    sqs.purge_queue(QueueUrl=queue_url)
    return Stack(bucket, table, queue_url, queue_arn, dlq_url, s3, sqs, dynamodb)


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
