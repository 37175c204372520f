"""Reliability on moto: transient faults mid-batch, retries to the DLQ, ordering, deletes.

Faults are injected by wrapping the ingestor's real (moto) clients: a rule raises a botocore
error for the matching call a given number of times, then lets calls through again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

import pytest
from aws_fixtures import MAX_RECEIVE_COUNT, to_lambda_record
from samples import HARBOUR, LIBRARY, LIBRARY_V2, RAIL, long_article

from precis.record import Status

if TYPE_CHECKING:
    from conftest import Pipeline


@dataclass
class Fault:
    method: str
    matches: Callable[[dict[str, Any]], bool]
    error: Callable[[], Exception]
    remaining: int = 1


class FlakyClient:
    """Delegates to a real client, raising the configured faults first."""

    def __init__(self, real: Any, faults: list[Fault]) -> None:
        self._real = real
        self.faults = faults

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._real, name)
        if not callable(attribute):
            return attribute

        def call(**kwargs: Any) -> Any:
            for fault in self.faults:
                if fault.method == name and fault.remaining > 0 and fault.matches(kwargs):
                    fault.remaining -= 1
                    raise fault.error()
            return attribute(**kwargs)

        return call


def throttled(operation: str) -> Callable[[], Exception]:
    from botocore.exceptions import ClientError

    error = {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow down"}}
    return lambda: ClientError(error, operation)


def s3_timeout() -> Exception:
    from botocore.exceptions import ReadTimeoutError

    return ReadTimeoutError(endpoint_url="https://s3.us-east-1.amazonaws.com")


def for_key(key: str) -> Callable[[dict[str, Any]], bool]:
    return lambda kwargs: kwargs.get("Key") == key


def for_article(article_id: str) -> Callable[[dict[str, Any]], bool]:
    return lambda kwargs: kwargs.get("Key", {}).get("article_id", {}).get("S") == article_id


def for_item(article_id: str) -> Callable[[dict[str, Any]], bool]:
    return lambda kwargs: kwargs.get("Item", {}).get("article_id", {}).get("S") == article_id


def inject(pipeline: Pipeline, *, s3: list[Fault] = (), dynamodb: list[Fault] = ()) -> None:  # type: ignore[assignment]
    ingestor = pipeline.app.collaborators.ingestor
    ingestor.reader._client = FlakyClient(ingestor.reader.client, list(s3))
    ingestor.store._client = FlakyClient(ingestor.store.client, list(dynamodb))


def message_ids_by_key(event: dict[str, Any]) -> dict[str, str]:
    ids = {}
    for record in event["Records"]:
        key = json.loads(record["body"])["Records"][0]["s3"]["object"]["key"]
        ids[unquote_plus(key)] = record["messageId"]
    return ids


ARTICLES = {
    "articles/batch/harbour.txt": HARBOUR,
    "articles/batch/library.txt": LIBRARY,
    "articles/batch/council.txt": LIBRARY_V2,
    "articles/batch/rail.html": RAIL,
    "articles/batch/survey.txt": long_article(),
}


def test_one_transient_failure_fails_only_its_message(pipeline: Pipeline) -> None:
    for key, body in ARTICLES.items():
        pipeline.put(key, body)
    inject(pipeline, s3=[Fault("get_object", for_key("articles/batch/library.txt"), s3_timeout)])

    event, failed = pipeline.run_once()

    assert failed == [message_ids_by_key(event)["articles/batch/library.txt"]]
    assert pipeline.record("batch/library") is None
    for other in ("batch/harbour", "batch/council", "batch/rail", "batch/survey"):
        record = pipeline.record(other)
        assert record is not None and record.status == Status.COMPLETED

    retry, failed_again = pipeline.run_once()

    assert len(retry["Records"]) == 1 and failed_again == []
    record = pipeline.record("batch/library")
    assert record is not None and record.status == Status.COMPLETED and record.attempts == 2


def test_throttling_and_timeouts_mid_batch_end_completed_exactly_once(
    pipeline: Pipeline,
) -> None:
    for key, body in ARTICLES.items():
        pipeline.put(key, body)
    inject(
        pipeline,
        s3=[
            Fault("get_object", for_key("articles/batch/harbour.txt"), s3_timeout),
            Fault("get_object", for_key("articles/batch/rail.html"), s3_timeout, remaining=2),
        ],
        dynamodb=[
            Fault("put_item", for_item("batch/council"), throttled("PutItem")),
            Fault("get_item", for_article("batch/survey"), throttled("GetItem")),
        ],
    )

    event, failed = pipeline.run_once()

    ids = message_ids_by_key(event)
    expected = sorted(
        ids[key]
        for key in (
            "articles/batch/harbour.txt",
            "articles/batch/rail.html",
            "articles/batch/council.txt",
            "articles/batch/survey.txt",
        )
    )
    assert failed == expected
    assert pipeline.record("batch/library") is not None

    pipeline.drain()

    for key in ARTICLES:
        article_id = key.removeprefix("articles/").rsplit(".", 1)[0]
        record = pipeline.record(article_id)
        assert record is not None and record.status == Status.COMPLETED, article_id
        assert record.revision == 1, article_id
    rail = pipeline.record("batch/rail")
    assert rail is not None and rail.attempts == 3
    assert pipeline.dlq_bodies() == []


def test_message_failing_on_every_receive_is_recorded_failed_then_dead_lettered(
    pipeline: Pipeline,
) -> None:
    pipeline.put("articles/stuck/harbour.txt", HARBOUR)
    fault = Fault("get_object", for_key("articles/stuck/harbour.txt"), s3_timeout, remaining=99)
    inject(pipeline, s3=[fault])

    for attempt in range(1, MAX_RECEIVE_COUNT + 1):
        _event, failed = pipeline.run_once()
        assert len(failed) == 1
        record = pipeline.record("stuck/harbour")
        if attempt < MAX_RECEIVE_COUNT:
            assert record is None
    pipeline.drain()

    record = pipeline.record("stuck/harbour")
    assert record is not None and record.status == Status.FAILED
    assert record.error is not None and record.error.code == "TIMEOUT"
    assert record.attempts == MAX_RECEIVE_COUNT
    [parked] = pipeline.dlq_bodies()

    # Redrive once S3 is healthy again: the retryable FAILED record gives way.
    fault.remaining = 0
    pipeline.stack.sqs.send_message(QueueUrl=pipeline.stack.queue_url, MessageBody=parked)
    pipeline.drain()

    record = pipeline.record("stuck/harbour")
    assert record is not None and record.status == Status.COMPLETED and record.error is None


def test_throttled_store_on_last_receive_still_dead_letters(pipeline: Pipeline) -> None:
    pipeline.put("articles/stuck/library.txt", LIBRARY)
    inject(
        pipeline,
        dynamodb=[Fault("get_item", for_article("stuck/library"), throttled("GetItem"), 99)],
    )

    pipeline.drain()

    assert len(pipeline.dlq_bodies()) == 1


# ----------------------------------------------------------------- ordering and deletes


def s3_event(
    pipeline: Pipeline,
    name: str,
    key: str,
    *,
    sequencer: str,
    version_id: str | None = None,
    size: int | None = None,
) -> dict[str, Any]:
    """A Lambda SQS event holding one S3 notification of the shape AWS sends."""
    obj: dict[str, Any] = {"key": key.replace(" ", "+"), "sequencer": sequencer}
    if version_id:
        obj["versionId"] = version_id
    if size is not None:
        obj["size"] = size
    body = {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": "us-east-1",
                "eventTime": "2026-11-26T09:00:00.000Z",
                "eventName": name,
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "articles",
                    "bucket": {"name": pipeline.stack.bucket},
                    "object": obj,
                },
            }
        ]
    }
    message = {
        "MessageId": f"msg-{sequencer}-{name}",
        "ReceiptHandle": "unused",
        "Body": json.dumps(body),
        "Attributes": {"ApproximateReceiveCount": "1"},
    }
    return {"Records": [to_lambda_record(message, pipeline.stack.queue_arn)]}


@pytest.mark.parametrize("newer_first", [True, False])
def test_stale_event_does_not_overwrite_newer_summary(
    pipeline: Pipeline, newer_first: bool
) -> None:
    key = "articles/local/library.txt"
    v1 = pipeline.put(key, LIBRARY)["VersionId"]
    v2 = pipeline.put(key, LIBRARY_V2)["VersionId"]
    older = s3_event(
        pipeline, "ObjectCreated:Put", key, sequencer="0055AED6DCD90281E5", version_id=v1
    )
    newer = s3_event(
        pipeline, "ObjectCreated:Put", key, sequencer="0055AED6DCD9028200", version_id=v2
    )

    for event in (newer, older) if newer_first else (older, newer):
        assert pipeline.invoke(event)["batchItemFailures"] == []

    record = pipeline.record("local/library")
    assert record is not None and record.title == "Library extension approved by council"
    assert record.source is not None and record.source.version_id == v2
    assert record.source.sequencer == "0055AED6DCD9028200"
    assert record.revision == (1 if newer_first else 2)


def test_delete_before_create_does_not_resurrect(pipeline: Pipeline) -> None:
    key = "articles/local/harbour.txt"
    version = pipeline.put(key, HARBOUR)["VersionId"]
    create = s3_event(pipeline, "ObjectCreated:Put", key, sequencer="00A1", version_id=version)
    delete = s3_event(pipeline, "ObjectRemoved:DeleteMarkerCreated", key, sequencer="00A2")

    pipeline.invoke(delete)
    response = pipeline.invoke(create)

    assert response["batchItemFailures"] == []
    assert pipeline.record("local/harbour") is None
    item = pipeline.item("local/harbour")
    assert item is not None and item["deleted"] is True

    # A newer upload after the delete does bring it back.
    newer = s3_event(pipeline, "ObjectCreated:Put", key, sequencer="00A3", version_id=version)
    pipeline.invoke(newer)
    assert pipeline.record("local/harbour") is not None


def test_object_deleted_before_processing_ends_gone_not_failed(pipeline: Pipeline) -> None:
    version = pipeline.put("articles/local/short-lived.txt", HARBOUR)["VersionId"]
    [put_message] = pipeline.receive()["Records"]
    # The bucket is versioned: the version the message names is what must be gone.
    pipeline.delete("articles/local/short-lived.txt", version_id=version)

    response = pipeline.invoke({"Records": [put_message]})

    assert response["batchItemFailures"] == []
    assert pipeline.record("local/short-lived") is None
    item = pipeline.item("local/short-lived")
    assert item is not None and item["deleted"] is True and "error" not in item
    pipeline.drain()  # the delete event arrives later and changes nothing visible
    assert pipeline.record("local/short-lived") is None


def test_size_from_the_event_fails_too_large_without_reading(pipeline: Pipeline) -> None:
    key = "articles/local/huge.txt"
    event = s3_event(pipeline, "ObjectCreated:Put", key, sequencer="01", size=50 * 1024 * 1024)
    inject(pipeline, s3=[Fault("get_object", lambda _: True, s3_timeout, remaining=99)])

    response = pipeline.invoke(event)

    record = pipeline.record("local/huge")
    assert response["batchItemFailures"] == []
    assert record is not None and record.status == Status.FAILED
    assert record.error is not None and record.error.code == "TOO_LARGE"
