"""Events from the real pipeline: upload -> queue -> summarize handler -> table -> bus -> rule.

Uses the moto stack and pipeline fixtures of tests/integration/conftest.py.
"""

from __future__ import annotations

from typing import Any

from samples import HARBOUR


def test_an_upload_ends_in_one_summary_completed_event_matching_the_record(
    pipeline: Any,
) -> None:
    # Given a consumer of Précis events
    queue_url = pipeline.subscribe()

    # When an article is uploaded and the summarize function processes the notification
    pipeline.put("articles/world/harbour-reopens.txt", HARBOUR)
    pipeline.drain()

    # Then exactly one event announces it, with what the table holds
    (event,) = pipeline.announced(queue_url)
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
    queue_url = pipeline.subscribe()

    pipeline.put("articles/world/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    pipeline.drain()

    (event,) = pipeline.announced(queue_url)
    assert event["detail-type"] == "SummaryFailed"
    assert event["detail"]["status"] == "FAILED"
    assert event["detail"]["summary"] is None
    assert event["detail"]["error"]["code"] == pipeline.record("world/photo").error.code


def test_a_duplicate_delivery_publishes_nothing_more(pipeline: Any) -> None:
    # Given a notification the function already handled
    queue_url = pipeline.subscribe()
    pipeline.put("articles/world/harbour-reopens.txt", HARBOUR)
    event = pipeline.receive()
    pipeline.invoke(event)

    # When SQS delivers the same messages again
    pipeline.invoke(event)

    # Then consumers heard about the article once
    assert len(pipeline.announced(queue_url)) == 1
