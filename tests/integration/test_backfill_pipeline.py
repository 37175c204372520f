"""Backfill on the moto stack: the real lister, table reads and queue, then the real handler.

An archive is put in the template's (versioned) bucket with its notification switched off
(objects no S3 event announced); `run_backfill` enqueues them; the summarize handler drains
the queue.
"""

from __future__ import annotations

from typing import Any

import pytest

from precis.aws.backfill import S3ObjectLister, SqsMessageSender
from precis.pipeline.backfill import Engine
from precis.pipeline.backfill_runner import BackfillResult, Checkpoint, run_backfill
from precis.record import Status
from precis.store.dynamodb import DynamoSummaryStore
from precis.summarize.engine import default_summarizer


def article(number: int, edition: int = 0) -> str:
    return (
        f"Council report {number} edition {edition}\n\n"
        f"The council met for report {number} in edition {edition} and approved a budget. "
        f"Residents of report {number} asked for longer library hours in edition {edition}. "
        f"The mayor said report {number} edition {edition} would be reviewed next spring.\n"
    )


class NoCheckpoints:
    def __init__(self) -> None:
        self.saved: Checkpoint | None = None

    def load(self) -> Checkpoint | None:
        return self.saved

    def save(self, checkpoint: Checkpoint) -> None:
        self.saved = checkpoint

    def clear(self) -> None:
        self.saved = None


def _with_archive(pipeline: Any) -> Any:
    """`pipeline` with 25 archived articles, its notification configuration put back."""
    stack = pipeline.stack
    saved = stack.s3.get_bucket_notification_configuration(Bucket=stack.bucket)
    saved.pop("ResponseMetadata", None)
    stack.s3.put_bucket_notification_configuration(
        Bucket=stack.bucket, NotificationConfiguration={}
    )
    for number in range(25):
        pipeline.put(f"articles/archive/{number:03d}.txt", article(number))
    pipeline.put("articles/archive/notes/", b"")  # a folder marker, not an article
    stack.s3.put_bucket_notification_configuration(
        Bucket=stack.bucket, NotificationConfiguration=saved
    )
    pipeline.drain()
    return pipeline


@pytest.fixture
def archive(pipeline: Any) -> Any:
    return _with_archive(pipeline)


def backfill(pipeline: Any, **options: Any) -> BackfillResult:
    stack = pipeline.stack
    engine = default_summarizer()
    return run_backfill(
        bucket=stack.bucket,
        prefix="articles/",
        articles_prefix="articles/",
        lister=S3ObjectLister(stack.s3, stack.bucket),
        states=DynamoSummaryStore(stack.table),
        sender=SqsMessageSender(stack.sqs, stack.queue_url),
        checkpoints=options.pop("checkpoints", NoCheckpoints()),
        engine=Engine(engine.name, engine.version),
        **options,
    )


def test_the_archive_is_summarized_from_the_versions_listed(archive: Any) -> None:
    assert archive.record("archive/000") is None  # no event ever announced it

    result = backfill(archive)
    archive.drain()

    assert (result.listed, result.enqueued, dict(result.skipped)) == (26, 25, {"not_an_article": 1})
    for number in range(25):
        record = archive.record(f"archive/{number:03d}")
        assert record is not None and record.status == Status.COMPLETED
        assert record.title == f"Council report {number} edition 0"
        head = archive.stack.s3.head_object(
            Bucket=archive.stack.bucket, Key=f"articles/archive/{number:03d}.txt"
        )
        assert record.source.version_id == head["VersionId"]


def test_rerunning_finds_nothing_stale_and_a_full_rerun_analyzes_nothing(
    archive: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    backfill(archive)
    archive.drain()
    import precis.analyze as analyze_module

    calls: list[str] = []
    original = analyze_module.analyze_bytes
    monkeypatch.setattr(
        analyze_module,
        "analyze_bytes",
        lambda data, **kw: calls.append(kw["filename"]) or original(data, **kw),
    )

    stale = backfill(archive, only_stale=True)
    full = backfill(archive)
    archive.drain()

    assert (stale.enqueued, stale.skipped["current"]) == (0, 25)
    assert full.enqueued == 25
    assert calls == []
    assert archive.item("archive/000")["revision"] == 2  # backfill, then the reused rerun


def test_overwrites_and_deletes_after_the_listing_win(archive: Any) -> None:
    # Listed and enqueued first; the uploads and deletes happen before the queue is drained.
    result = backfill(archive)
    archive.put("articles/archive/001.txt", article(1, edition=1))
    archive.delete("articles/archive/002.txt")
    archive.drain()

    assert result.enqueued == 25
    record = archive.record("archive/001")
    assert record is not None and record.title == "Council report 1 edition 1"
    assert archive.record("archive/002") is None
    assert archive.item("archive/002")["deleted"] is True


def test_a_stopped_backfill_continues_from_its_checkpoint(archive: Any) -> None:
    checkpoints = NoCheckpoints()

    first = backfill(archive, limit=10, checkpoints=checkpoints)
    second = backfill(archive, checkpoints=checkpoints)
    archive.drain()

    assert (first.listed, first.complete) == (10, False)
    assert (second.listed, second.enqueued, second.complete) == (26, 25, True)
    assert second.resumed_after == "articles/archive/009.txt"
    assert all(archive.record(f"archive/{n:03d}") is not None for n in range(25))
