"""The summarize function end to end on moto: real S3 notifications, real queue messages.

Each test uploads to the moto bucket, receives what moto put on the queue, hands those
messages to the handler as a Lambda SQS event and settles them like the event source
mapping would (delete the successes, make `batchItemFailures` visible again).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from samples import HARBOUR, LIBRARY, LIBRARY_V2, RAIL

from precis.record import Status

if TYPE_CHECKING:
    from conftest import Pipeline


def api_get(path: str, query: dict[str, str] | None = None) -> dict[str, Any]:
    """GET through functions/api/app.py with an API Gateway REST proxy event."""
    from aws_fixtures import lambda_context, load_function

    article_id = path.removeprefix("/summaries/")
    event = {
        "resource": "/summaries/{article_id+}",
        "path": path,
        "httpMethod": "GET",
        "headers": {"Accept": "application/json"},
        "multiValueHeaders": {"Accept": ["application/json"]},
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "pathParameters": {"article_id": article_id},
        "stageVariables": None,
        "requestContext": {
            "resourcePath": "/summaries/{article_id+}",
            "httpMethod": "GET",
            "path": f"/Prod{path}",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "stage": "Prod",
            "identity": {"sourceIp": "127.0.0.1"},
        },
        "body": None,
        "isBase64Encoded": False,
    }
    response: dict[str, Any] = load_function("api").handler(event, lambda_context("precis-api"))
    return response


def test_uploaded_article_is_summarized_and_served_by_the_api(pipeline: Pipeline) -> None:
    pipeline.put("articles/local/harbour-reopens.txt", HARBOUR, "text/plain")

    event, failed = pipeline.run_once()

    assert len(event["Records"]) == 1 and failed == []
    record = pipeline.record("local/harbour-reopens")
    assert record is not None and record.status == Status.COMPLETED
    assert record.title == "Harbour reopens after storm repairs"
    assert "harbour" in (record.summary or "").lower()
    assert 1 <= len(record.ranked_sentences) <= 10
    assert record.single_sentence is not None
    assert record.keywords and record.language == "en"
    assert record.word_count and record.word_count > 50
    assert record.source is not None and record.source.key == "articles/local/harbour-reopens.txt"
    assert record.source.etag and record.source.size == len(HARBOUR.encode())
    assert record.source.sha256 is not None
    assert record.engine is not None and record.engine.name
    assert record.attempts == 1 and record.revision == 1
    assert record.processing_ms is not None and record.created_at == record.updated_at

    response = api_get("/summaries/local/harbour-reopens")
    assert response["statusCode"] == 200
    body = json.loads(response["body"])
    assert body["summary"] == record.summary


def test_html_article_loses_its_navigation_and_footer(pipeline: Pipeline) -> None:
    pipeline.put("articles/transport/rail.html", RAIL, "text/html")

    pipeline.drain()

    record = pipeline.record("transport/rail")
    assert record is not None and record.status == Status.COMPLETED
    assert "Subscribe" not in (record.summary or "")
    assert "rail line" in (record.summary or "")


def test_unsupported_file_is_failed_with_its_code_and_not_retried(pipeline: Pipeline) -> None:
    pipeline.put("articles/bad/picture.png", b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png")

    _event, failed = pipeline.run_once()

    record = pipeline.record("bad/picture")
    assert failed == []
    assert record is not None and record.status == Status.FAILED
    assert record.error is not None and record.error.code == "UNSUPPORTED_TYPE"
    assert record.attempts == 1 and record.summary is None
    assert pipeline.receive()["Records"] == []
    response = api_get("/summaries/bad/picture")
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["error"]["code"] == "UNSUPPORTED_TYPE"


def test_deleted_object_removes_its_summary(pipeline: Pipeline) -> None:
    pipeline.put("articles/local/library.txt", LIBRARY)
    pipeline.drain()
    assert pipeline.record("local/library") is not None

    pipeline.delete("articles/local/library.txt")
    pipeline.drain()

    assert pipeline.record("local/library") is None
    item = pipeline.item("local/library")
    assert item is not None and item["deleted"] is True and "status" not in item
    assert int(item["expires_at"]) > 0
    assert api_get("/summaries/local/library")["statusCode"] == 404


def test_duplicate_delivery_changes_nothing(pipeline: Pipeline) -> None:
    pipeline.put("articles/local/library.txt", LIBRARY)
    [message] = pipeline.receive()["Records"]
    duplicate = {"Records": [message, {**message, "messageId": "duplicate-of-first"}]}

    first = pipeline.invoke({"Records": [message]})
    before = pipeline.item("local/library")
    second = pipeline.invoke(duplicate)
    after = pipeline.item("local/library")

    assert first["batchItemFailures"] == [] and second["batchItemFailures"] == []
    assert before == after
    assert after is not None and after["revision"] == 1


def test_overwrite_with_new_content_replaces_the_summary(pipeline: Pipeline) -> None:
    pipeline.put("articles/local/library.txt", LIBRARY)
    pipeline.drain()
    first = pipeline.record("local/library")

    pipeline.put("articles/local/library.txt", LIBRARY_V2)
    pipeline.drain()

    second = pipeline.record("local/library")
    assert first is not None and second is not None
    assert second.title == "Library extension approved by council"
    assert second.summary != first.summary
    assert second.created_at == first.created_at and second.revision == 2


def test_reupload_of_same_bytes_reuses_the_summary_without_recomputing(
    pipeline: Pipeline,
) -> None:
    pipeline.put("articles/local/harbour.txt", HARBOUR)
    pipeline.drain()
    first = pipeline.record("local/harbour")
    ingestor = pipeline.app.collaborators.ingestor
    calls: list[str] = []
    real = ingestor.analyzer

    def counting(data: bytes, **kwargs: Any) -> Any:
        calls.append(kwargs["filename"])
        return real(data, **kwargs)

    ingestor._analyzer = counting
    pipeline.put("articles/local/harbour.txt", HARBOUR)
    pipeline.drain()

    second = pipeline.record("local/harbour")
    assert calls == []
    assert first is not None and second is not None
    assert second.summary == first.summary and second.content_sha256 == first.content_sha256
    assert second.revision == 2 and second.updated_at >= first.updated_at


def test_s3_test_event_is_acknowledged(pipeline: Pipeline) -> None:
    body = {"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": pipeline.stack.bucket}
    pipeline.stack.sqs.send_message(QueueUrl=pipeline.stack.queue_url, MessageBody=json.dumps(body))

    _event, failed = pipeline.run_once()

    assert failed == []
    assert pipeline.stack.dynamodb.scan(TableName=pipeline.stack.table)["Count"] == 0


def test_malformed_message_fails_alone_and_parks_in_the_dlq(pipeline: Pipeline) -> None:
    pipeline.stack.sqs.send_message(QueueUrl=pipeline.stack.queue_url, MessageBody="not json")
    pipeline.put("articles/local/harbour.txt", HARBOUR)

    event, failed = pipeline.run_once()
    assert len(event["Records"]) == 2 and len(failed) == 1
    pipeline.drain()

    assert pipeline.record("local/harbour") is not None
    assert pipeline.dlq_bodies() == ["not json"]


def emf_blobs(output: str) -> list[dict[str, Any]]:
    blobs = []
    for line in output.splitlines():
        if line.startswith("{") and '"_aws"' in line:
            blobs.append(json.loads(line))
    return blobs


def test_metrics_count_summaries_and_failures_by_code(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("POWERTOOLS_METRICS_DISABLED")
    pipeline.put("articles/local/harbour.txt", HARBOUR)
    pipeline.put("articles/bad/empty.txt", b"")
    capsys.readouterr()

    pipeline.drain()

    blobs = emf_blobs(capsys.readouterr().out)
    assert all(b["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Precis" for b in blobs)
    summarized = [b for b in blobs if "ArticlesSummarized" in b]
    assert summarized and summarized[0]["InputBytes"] == [len(HARBOUR.encode())]
    assert summarized[0]["SummarizeLatency"][0] > 0
    failed = [b for b in blobs if "SummarizeFailed" in b]
    assert [b["code"] for b in failed] == ["EMPTY"]


def test_finished_articles_are_announced_on_eventbridge(pipeline: Pipeline) -> None:
    target_url = pipeline.subscribe()
    pipeline.put("articles/local/harbour.txt", HARBOUR)
    pipeline.put("articles/bad/empty.txt", b"")

    pipeline.drain()

    announced = {event["detail"]["article_id"]: event for event in pipeline.announced(target_url)}
    assert set(announced) == {"local/harbour", "bad/empty"}
    completed = announced["local/harbour"]
    assert completed["detail-type"] == "SummaryCompleted"
    assert completed["detail"]["summary"] == pipeline.record("local/harbour").summary
    assert completed["detail"]["api_path"] == "/summaries/local/harbour"
    failed = announced["bad/empty"]
    assert failed["detail-type"] == "SummaryFailed"
    assert failed["detail"]["error"]["code"] == "EMPTY"


def test_bedrock_engine_failing_falls_back_and_the_record_says_why(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aws_fixtures import fresh_collaborators

    monkeypatch.setenv("SUMMARY_ENGINE", "bedrock")
    monkeypatch.setenv("BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0")
    fresh_collaborators()  # moto has no Bedrock Converse: every call fails
    pipeline.put("articles/local/harbour.txt", HARBOUR)

    pipeline.drain()

    record = pipeline.record("local/harbour")
    assert record is not None and record.status == Status.COMPLETED
    assert record.engine is not None and record.engine.name == "extractive"
    assert record.engine.fallback_reason
