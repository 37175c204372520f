"""Events from the real pipeline: upload -> queue -> summarize handler -> table -> bus -> rule.

Uses the moto stack and pipeline fixtures of tests/integration/conftest.py.
"""

from __future__ import annotations

import json
from typing import Any

import boto3

REGION = "us-east-1"
ARTICLE = (
    "Harbour reopens after storm repairs\n\n"
    "The harbour of Port Elling reopened on Monday after six weeks of repairs. "
    "Storm waves had broken the northern breakwater in October. "
    "Ferries to the islands resume on Friday, the port authority said. "
    "Fishing boats returned to their berths over the weekend. "
    "Repairs cost 4.2 million euros, a third more than planned.\n"
)


def route_summary_events() -> tuple[Any, str]:
    """A rule on the default bus sending every Précis event to a fresh queue."""
    sqs = boto3.client("sqs", region_name=REGION)
    events = boto3.client("events", region_name=REGION)
    queue_url: str = sqs.create_queue(QueueName="summary-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    events.put_rule(Name="all-summaries", EventPattern=json.dumps({"source": ["precis"]}))
    events.put_targets(Rule="all-summaries", Targets=[{"Id": "q", "Arn": queue_arn}])
    return sqs, queue_url


def received(sqs: Any, queue_url: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    while batch := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get(
        "Messages", []
    ):
        found.extend(json.loads(m["Body"]) for m in batch)
    return found


def test_an_upload_ends_in_one_summary_completed_event_matching_the_record(
    pipeline: Any,
) -> None:
    # Given a consumer of Précis events
    sqs, queue_url = route_summary_events()

    # When an article is uploaded and the summarize function processes the notification
    pipeline.put("articles/world/harbour-reopens.txt", ARTICLE)
    pipeline.drain()

    # Then exactly one event announces it, with what the table holds
    (event,) = received(sqs, queue_url)
    record = pipeline.record("world/harbour-reopens")
    assert event["source"] == "precis"
    assert event["detail-type"] == "SummaryCompleted"
    detail = event["detail"]
    assert detail["article_id"] == "world/harbour-reopens"
    assert detail["status"] == "COMPLETED"
    assert detail["summary"] == record.summary
    assert detail["title"] == record.title
    assert detail["source"]["key"] == "articles/world/harbour-reopens.txt"
    assert detail["source"]["bucket"] == pipeline.stack.bucket
    assert detail["engine"]["name"] == record.engine.name
    assert detail["api_path"] == "/summaries/world/harbour-reopens"


def test_an_unsupported_file_ends_in_a_summary_failed_event(pipeline: Any) -> None:
    sqs, queue_url = route_summary_events()

    pipeline.put("articles/world/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    pipeline.drain()

    (event,) = received(sqs, queue_url)
    assert event["detail-type"] == "SummaryFailed"
    assert event["detail"]["status"] == "FAILED"
    assert event["detail"]["summary"] is None
    assert event["detail"]["error"]["code"] == pipeline.record("world/photo").error.code


def test_a_duplicate_delivery_publishes_nothing_more(pipeline: Any) -> None:
    # Given a notification the function already handled
    sqs, queue_url = route_summary_events()
    pipeline.put("articles/world/harbour-reopens.txt", ARTICLE)
    event = pipeline.receive()
    pipeline.invoke(event)

    # When SQS delivers the same messages again
    pipeline.invoke(event)

    # Then consumers heard about the article once
    assert len(received(sqs, queue_url)) == 1
