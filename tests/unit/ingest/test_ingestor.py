"""The ingest's decisions with an in-memory store and a fake S3: what is read, what is written."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pytest

from precis.errors import TransientError
from precis.pipeline.notifications import ObjectEvent
from precis.record import Status
from precis.store import FINAL, RETRYABLE

from .conftest import s3_record

if TYPE_CHECKING:
    from conftest import Harness

ARTICLE = (
    b"Harbour reopens after repairs\n\n"
    b"The city harbour reopened on Monday after three weeks of repairs to the sea wall. "
    b"Engineers replaced two hundred metres of concrete. Fishing crews returned the same "
    b"morning. The port authority said the work came in under budget."
)


def created(
    key: str = "articles/local/harbour.txt", sequencer: str = "0A", **kw: Any
) -> ObjectEvent:
    return ObjectEvent("created", "ObjectCreated:Put", "bucket", key, sequencer=sequencer, **kw)


def removed(key: str = "articles/local/harbour.txt", sequencer: str = "0B") -> ObjectEvent:
    return ObjectEvent("removed", "ObjectRemoved:Delete", "bucket", key, sequencer=sequencer)


def test_created_event_stores_and_announces_a_completed_record(harness: Harness) -> None:
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")

    outcome = harness.ingestor.process_event(created())

    record = harness.store.get("local/harbour")
    assert outcome.action == "completed"
    assert record is not None and record.status == Status.COMPLETED
    assert record.title == "Harbour reopens after repairs"
    assert record.source is not None and record.source.sequencer == "0A"
    assert harness.publisher.published == [outcome.record]


def test_duplicate_event_does_no_work(harness: Harness) -> None:
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")
    harness.ingestor.process_event(created())
    harness.reader.calls.clear()

    outcome = harness.ingestor.process_event(created())

    assert outcome.action == "duplicate"
    assert harness.reader.calls == []
    assert len(harness.publisher.published) == 1


def test_older_event_is_skipped_without_reading(harness: Harness) -> None:
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")
    harness.ingestor.process_event(created(sequencer="0F"))
    harness.reader.calls.clear()

    outcome = harness.ingestor.process_event(created(sequencer="0E"))

    assert outcome.action == "stale" and harness.reader.calls == []


def test_same_bytes_again_reuse_the_summary_without_downloading(harness: Harness) -> None:
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")
    first = harness.ingestor.process_event(created(sequencer="01"))
    harness.reader.calls.clear()

    again = harness.ingestor.process_event(created(sequencer="02"))

    assert again.action == "reused"
    assert harness.reader.calls == ["head articles/local/harbour.txt"]
    assert again.record is not None and first.record is not None
    assert again.record.summary == first.record.summary


def test_hostile_key_is_counted_not_stored(harness: Harness) -> None:
    outcome = harness.ingestor.process_event(created("articles/../escape.txt"))

    assert outcome.action == "failed" and outcome.code == "INVALID_KEY"
    assert harness.reader.calls == []


def test_keys_outside_the_prefix_are_ignored(harness: Harness) -> None:
    assert harness.ingestor.process_event(created("elsewhere/a.txt")).action == "ignored"
    assert harness.ingestor.process_event(created("articles/folder/")).action == "ignored"


def test_delete_tombstones_and_late_create_cannot_resurrect(harness: Harness) -> None:
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")

    assert harness.ingestor.process_event(removed(sequencer="0B")).action == "deleted"
    late = harness.ingestor.process_event(created(sequencer="0A"))

    assert late.action == "stale"
    assert harness.store.get("local/harbour") is None


def test_event_size_over_the_cap_fails_before_any_read(harness: Harness) -> None:
    outcome = harness.ingestor.process_event(created(size=50_000))

    assert outcome.action == "failed" and outcome.code == "TOO_LARGE"
    assert harness.reader.calls == []
    record = harness.store.get("local/harbour")
    assert record is not None and record.error is not None and record.error.code == "TOO_LARGE"


def test_crash_inside_the_domain_is_a_permanent_internal_failure(harness: Harness) -> None:
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")

    def explode(_data: bytes, **_kwargs: Any) -> Any:
        raise RecursionError("too deep")

    harness.ingestor._analyzer = explode

    outcome = harness.ingestor.process_event(created(), attempt=1)

    assert outcome.action == "failed" and outcome.code == "INTERNAL"
    record = harness.store.get("local/harbour")
    assert record is not None and record.error is not None
    assert record.error.code == "INTERNAL"
    assert "too deep" not in record.error.message  # no exception text leaks into the API


def test_crash_inside_the_domain_is_logged_without_its_message_or_traceback(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    # Given an analyzer whose exception quotes the article
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")

    def explode(_data: bytes, **_kwargs: Any) -> Any:
        raise ValueError("quoted: The city harbour reopened on Monday")

    harness.ingestor._analyzer = explode

    # When the article is processed
    with caplog.at_level(logging.DEBUG):
        harness.ingestor.process_event(created(), attempt=1)

    # Then the log line names the error's type, never its text or a traceback
    (crash,) = [r for r in caplog.records if r.getMessage() == "analysis crashed"]
    assert getattr(crash, "error_type", None) == "ValueError"
    assert crash.exc_info is None
    assert all("harbour reopened" not in str(vars(r)) for r in caplog.records)
    assert "Traceback" not in caplog.text


def test_transient_error_is_raised_and_recorded_only_on_the_last_receive(
    harness: Harness,
) -> None:
    key = "articles/local/harbour.txt"
    harness.reader.objects[key] = (ARTICLE, "text/plain")
    harness.reader.errors[key] = [TransientError("s3 head: timed out", code="TIMEOUT")] * 3

    for attempt in (1, 2):
        with pytest.raises(TransientError):
            harness.ingestor.process_event(created(), attempt=attempt)
        assert harness.store.state("local/harbour") is None
    with pytest.raises(TransientError):
        harness.ingestor.process_event(created(), attempt=3)

    state = harness.store.state("local/harbour")
    assert state is not None and state.order is not None and state.order.endswith(RETRYABLE)
    assert state.record is not None and state.record.status == Status.FAILED
    assert state.record.error is not None and state.record.error.code == "TIMEOUT"
    assert state.record.attempts == 3
    # The same event, redriven from the DLQ, may still complete.
    assert harness.ingestor.process_event(created(), attempt=1).action == "completed"
    final = harness.store.state("local/harbour")
    assert final is not None and final.order is not None and final.order.endswith(FINAL)


def test_object_gone_before_reading_leaves_a_tombstone_not_a_failure(harness: Harness) -> None:
    outcome = harness.ingestor.process_event(created())

    state = harness.store.state("local/harbour")
    assert outcome.action == "gone"
    assert state is not None and state.deleted and harness.publisher.published == []


def test_publisher_failure_never_loses_the_record(harness: Harness) -> None:
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")
    harness.publisher.fail = True

    outcome = harness.ingestor.process_event(created())

    assert outcome.action == "completed"
    assert harness.store.get("local/harbour") is not None


def test_message_with_several_records_processes_each(harness: Harness) -> None:
    import json

    harness.reader.objects["articles/a.txt"] = (ARTICLE, "text/plain")
    harness.reader.objects["articles/b.txt"] = (ARTICLE, "text/plain")
    records = [s3_record(k, sequencer="01") for k in ("articles/a.txt", "articles/b.txt")]

    outcomes = harness.ingestor.process_message(json.dumps({"Records": records}))

    assert [o.action for o in outcomes] == ["completed", "completed"]


def test_event_with_size_and_etag_needs_one_get_and_no_head(harness: Harness) -> None:
    import hashlib

    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")
    etag = hashlib.md5(ARTICLE, usedforsecurity=False).hexdigest()

    first = harness.ingestor.process_event(created(size=len(ARTICLE), etag=etag, sequencer="01"))
    again = harness.ingestor.process_event(created(size=len(ARTICLE), etag=etag, sequencer="02"))

    assert (first.action, again.action) == ("completed", "reused")
    assert harness.reader.calls == ["get articles/local/harbour.txt"]


def test_retries_and_failures_are_counted_by_code(
    harness: Harness, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.delenv("POWERTOOLS_METRICS_DISABLED", raising=False)
    key = "articles/local/harbour.txt"
    harness.reader.objects[key] = (ARTICLE, "text/plain")
    harness.reader.objects["articles/local/empty.txt"] = (b"", "text/plain")
    harness.reader.errors[key] = [TransientError("s3 head: timed out", code="TIMEOUT")]
    capsys.readouterr()

    with pytest.raises(TransientError):
        harness.ingestor.process_event(created(), attempt=1)
    harness.ingestor.process_event(created("articles/local/empty.txt"))

    lines = capsys.readouterr().out.splitlines()
    blobs = [json.loads(line) for line in lines if '"_aws"' in line]
    counted = {(name, blob["code"]) for blob in blobs for name in blob if name.startswith("Summ")}
    assert counted == {("SummarizeRetried", "TIMEOUT"), ("SummarizeFailed", "EMPTY")}


class _BrokenEngine:
    name = "bedrock"
    version = "test-model"

    def rank(self, document: Any, sentences: Any) -> Any:
        raise RuntimeError("model unavailable")


def test_summaries_left_to_the_fallback_engine_are_counted(harness: Harness) -> None:
    from precis import observability
    from precis.pipeline.ingestor import Ingestor
    from precis.summarize.engine import default_summarizer
    from precis.summarize.fallback import FallbackSummarizer

    ingestor = Ingestor(
        store=harness.store,
        reader=harness.reader,  # type: ignore[arg-type]
        settings=harness.ingestor.settings,
        summarizer=FallbackSummarizer(_BrokenEngine(), default_summarizer()),
    )
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")

    first = ingestor.process_event(created(sequencer="01"))
    # The fallback's summary is not the configured engine's: the next delivery tries again.
    again = ingestor.process_event(created(sequencer="02"))

    assert (first.action, again.action) == ("completed", "completed")
    counted = observability.metrics.metric_set[observability.ENGINE_FALLBACKS]["Value"]
    assert counted == [1.0, 1.0]


def test_summaries_of_the_configured_engine_count_no_fallback(harness: Harness) -> None:
    from precis import observability

    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")

    assert harness.ingestor.process_event(created()).action == "completed"
    assert observability.ENGINE_FALLBACKS not in observability.metrics.metric_set
    assert observability.ARTICLES_SUMMARIZED in observability.metrics.metric_set
