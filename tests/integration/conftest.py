"""Moto fixtures for the summarize side: template.yaml's stack (deployed by the local deploy)
and a pipeline that moves real S3 notifications from the moto queue through the summarize
handler."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from aws_fixtures import (
    FAKE_ENV,
    Stack,
    deploy_stack,
    fresh_collaborators,
    lambda_context,
    load_function,
    moto_like_s3,
    receive_sqs_event,
    settle,
)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from moto import mock_aws

    for name, value in FAKE_ENV.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POWERTOOLS_METRICS_DISABLED", "true")
    with moto_like_s3(), mock_aws():
        yield


@pytest.fixture
def stack(aws: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    """template.yaml's stack in a fresh moto backend, its functions' environment set.

    The bucket is versioned as in the template; `moto_like_s3` makes moto send what S3 sends
    for it (the delete-marker event, sequencers, version ids)."""
    deployed = deploy_stack()
    for name, value in deployed.env().items():
        monkeypatch.setenv(name, value)
    fresh_collaborators()
    yield deployed
    fresh_collaborators()


class Pipeline:
    """Upload, let moto notify the queue, run the handler over what it received."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.app = load_function("summarize")
        self.responses: list[dict[str, Any]] = []

    def put(self, key: str, body: bytes | str, content_type: str | None = None) -> dict[str, Any]:
        data = body.encode("utf-8") if isinstance(body, str) else body
        extra = {"ContentType": content_type} if content_type else {}
        response: dict[str, Any] = self.stack.s3.put_object(
            Bucket=self.stack.bucket, Key=key, Body=data, **extra
        )
        return response

    def delete(self, key: str, version_id: str | None = None) -> None:
        """Delete `key` (a delete marker), or with `version_id` that version for good."""
        extra = {"VersionId": version_id} if version_id else {}
        self.stack.s3.delete_object(Bucket=self.stack.bucket, Key=key, **extra)

    def receive(self, max_messages: int = 10) -> dict[str, Any]:
        return receive_sqs_event(self.stack, max_messages=max_messages)

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        response: dict[str, Any] = self.app.handler(event, lambda_context())
        self.responses.append(response)
        return response

    def run_once(self, max_messages: int = 10) -> tuple[dict[str, Any], list[str]]:
        """One batch: receive, handle, settle. Returns the event and the failed message ids."""
        event = self.receive(max_messages)
        if not event["Records"]:
            return event, []
        response = self.invoke(event)
        return event, settle(self.stack, event, response)

    def drain(self, *, max_batches: int = 50, max_messages: int = 10) -> int:
        """Run batches until the queue is empty; the number of batches run."""
        for batch in range(max_batches):
            event, _failed = self.run_once(max_messages)
            if not event["Records"]:
                return batch
        raise AssertionError("queue did not drain")

    def item(self, article_id: str) -> dict[str, Any] | None:
        """The raw DynamoDB item (tombstones included), deserialized."""
        from boto3.dynamodb.types import TypeDeserializer

        response = self.stack.dynamodb.get_item(
            TableName=self.stack.table, Key={"article_id": {"S": article_id}}, ConsistentRead=True
        )
        raw = response.get("Item")
        if raw is None:
            return None
        deserializer = TypeDeserializer()
        return {k: deserializer.deserialize(v) for k, v in raw.items()}

    def record(self, article_id: str) -> Any:
        from precis.store.dynamodb import DynamoSummaryStore

        return DynamoSummaryStore(self.stack.table).get(article_id, consistent=True)

    def subscribe(self, name: str = "summary-events") -> str:
        """A rule on the default bus sending every Précis event to a new queue; its URL."""
        import boto3

        events = boto3.client("events", region_name=self.stack.sqs.meta.region_name)
        queue_url: str = self.stack.sqs.create_queue(QueueName=name)["QueueUrl"]
        queue_arn = self.stack.sqs.get_queue_attributes(
            QueueUrl=queue_url, AttributeNames=["QueueArn"]
        )["Attributes"]["QueueArn"]
        events.put_rule(Name=name, EventPattern=json.dumps({"source": ["precis"]}))
        events.put_targets(Rule=name, Targets=[{"Id": "q", "Arn": queue_arn}])
        return queue_url

    def announced(self, queue_url: str) -> list[dict[str, Any]]:
        """Every event the queue of `subscribe` has received so far (consumed)."""
        found: list[dict[str, Any]] = []
        while batch := self.stack.sqs.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10
        ).get("Messages", []):
            found.extend(json.loads(m["Body"]) for m in batch)
        return found

    def dlq_bodies(self) -> list[str]:
        """The bodies of the messages in the dead-letter queue (left there, invisible)."""
        messages = self.stack.sqs.receive_message(
            QueueUrl=self.stack.dlq_url, MaxNumberOfMessages=10, WaitTimeSeconds=0
        ).get("Messages", [])
        return [str(m["Body"]) for m in messages]


@pytest.fixture
def pipeline(stack: Stack) -> Pipeline:
    return Pipeline(stack)
