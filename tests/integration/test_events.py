"""Events on a moto EventBridge bus: a rule routes them to SQS, where a consumer reads them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from aws_fixtures import FAKE_ENV, REGION
from moto import mock_aws

from precis.aws import eventbridge as events
from precis.aws.eventbridge import EventBridgePublisher, EventPublisher, publisher_for
from precis.config import Settings
from precis.observability import metrics
from precis.record import EngineRef, ErrorInfo, SourceRef, Status, SummaryRecord

BUS = "precis-test-bus"
ROOT = Path(__file__).resolve().parents[2]
DOCUMENTED_RULE = ROOT / "docs" / "examples" / "eventbridge-rule-pattern.json"
ALL_SUMMARY_EVENTS = {"source": ["precis"], "detail-type": ["SummaryCompleted", "SummaryFailed"]}


@dataclass
class Bus:
    events: Any
    sqs: Any

    def route(self, pattern: dict[str, Any], *, bus: str = BUS, name: str = "summaries") -> str:
        """A rule on `bus` sending matching events to a new queue; the queue's URL."""
        queue_url: str = self.sqs.create_queue(QueueName=f"{name}-consumer")["QueueUrl"]
        queue_arn = self.sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        self.events.put_rule(Name=name, EventBusName=bus, EventPattern=json.dumps(pattern))
        self.events.put_targets(
            Rule=name, EventBusName=bus, Targets=[{"Id": "consumer", "Arn": queue_arn}]
        )
        return queue_url

    def delivered(self, queue_url: str) -> list[dict[str, Any]]:
        messages = self.sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)
        return [json.loads(m["Body"]) for m in messages.get("Messages", [])]


@pytest.fixture
def bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[Bus]:
    for name, value in {**FAKE_ENV, "EVENT_BUS_NAME": BUS}.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "SUMMARY_ENGINE"):
        monkeypatch.delenv(name, raising=False)
    metrics.clear_metrics()
    with mock_aws():
        client = boto3.client("events", region_name=REGION)
        client.create_event_bus(Name=BUS)
        yield Bus(client, boto3.client("sqs", region_name=REGION))
    metrics.clear_metrics()


def configured_publisher() -> EventPublisher:
    """The publisher the summarize function builds from its environment."""
    return publisher_for(Settings.from_env())


def record(status: Status, article_id: str = "world/harbour-reopens") -> SummaryRecord:
    finished = status is Status.COMPLETED
    return SummaryRecord(
        article_id=article_id,
        status=status,
        title="Harbour reopens after storm repairs",
        summary="The harbour reopened on Monday. Ferries resume on Friday." if finished else None,
        source=SourceRef(
            bucket="precis-articles", key=f"articles/{article_id}.txt", version_id="3"
        ),
        engine=EngineRef(name="extractive", version="1") if finished else None,
        error=None if finished else ErrorInfo(code="TOO_LARGE", message="over 2097152 bytes"),
        created_at="2026-01-05T10:00:00.000Z",
        updated_at="2026-01-05T10:00:01.000Z",
    )


def published_failures() -> list[float]:
    return list(metrics.metric_set.get(events.PUBLISH_FAILED_METRIC, {}).get("Value", []))


def test_completed_summary_reaches_a_rule_target(bus: Bus) -> None:
    # Given a rule on the service's bus that routes every summary event to a queue
    queue_url = bus.route(ALL_SUMMARY_EVENTS)

    # When the summarize function's publisher announces a completed record
    configured_publisher().publish(record(Status.COMPLETED))

    # Then the consumer reads an EventBridge event with the agreed envelope and detail
    (event,) = bus.delivered(queue_url)
    assert event["source"] == "precis"
    assert event["detail-type"] == "SummaryCompleted"
    assert event["resources"] == ["arn:aws:s3:::precis-articles/articles/world/harbour-reopens.txt"]
    detail = event["detail"]
    assert detail["article_id"] == "world/harbour-reopens"
    assert detail["status"] == "COMPLETED"
    assert detail["title"] == "Harbour reopens after storm repairs"
    assert detail["summary"] == "The harbour reopened on Monday. Ferries resume on Friday."
    assert detail["error"] is None
    assert detail["source"] == {
        "bucket": "precis-articles",
        "key": "articles/world/harbour-reopens.txt",
        "version_id": "3",
    }
    assert detail["api_path"] == "/summaries/world/harbour-reopens"
    assert published_failures() == []


def test_failed_summary_is_announced_with_its_error(bus: Bus) -> None:
    queue_url = bus.route(ALL_SUMMARY_EVENTS)

    configured_publisher().publish(record(Status.FAILED))

    (event,) = bus.delivered(queue_url)
    assert event["detail-type"] == "SummaryFailed"
    assert event["detail"]["status"] == "FAILED"
    assert event["detail"]["error"] == {"code": "TOO_LARGE", "message": "over 2097152 bytes"}


def test_the_documented_rule_selects_completed_world_articles_only(bus: Bus) -> None:
    # Given the example rule from docs/integration.md
    queue_url = bus.route(json.loads(DOCUMENTED_RULE.read_text(encoding="utf-8")))
    publisher = configured_publisher()

    # When a world article completes, another fails, and a sports article completes
    publisher.publish(record(Status.COMPLETED, "world/harbour-reopens"))
    publisher.publish(record(Status.FAILED, "world/oversized"))
    publisher.publish(record(Status.COMPLETED, "sport/final-score"))

    # Then only the completed world article matched
    delivered = bus.delivered(queue_url)
    assert [e["detail"]["article_id"] for e in delivered] == ["world/harbour-reopens"]


def test_the_default_bus_is_used_when_no_bus_is_configured(
    bus: Bus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EVENT_BUS_NAME")
    queue_url = bus.route(ALL_SUMMARY_EVENTS, bus="default", name="on-default")

    configured_publisher().publish(record(Status.COMPLETED))

    (event,) = bus.delivered(queue_url)
    assert event["detail"]["article_id"] == "world/harbour-reopens"


def test_a_failed_put_events_does_not_raise_and_is_counted(bus: Bus) -> None:
    # Given a publisher pointed at a bus that does not exist (deleted, or a wrong parameter)
    publisher = EventBridgePublisher("no-such-bus", sleep=lambda _: None)

    # When it publishes, nothing is raised: the record is already stored
    publisher.publish(record(Status.COMPLETED))

    # Then the failure is counted in the shared metrics the handler flushes
    assert published_failures() == [1.0]
