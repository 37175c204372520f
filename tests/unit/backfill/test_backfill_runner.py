"""The backfill loop with a listed bucket in a list, states in the in-memory store, a recording
queue and a checkpoint in memory: batching, resuming, dry runs, refusals, progress."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from precis.pipeline.backfill import Engine, new_run_id
from precis.pipeline.backfill_runner import (
    SEND_BATCH,
    STATE_CHUNK,
    BackfillError,
    BackfillResult,
    Checkpoint,
    Progress,
    run_backfill,
)
from precis.pipeline.notifications import parse_message
from precis.record import ListedObject
from precis.store import FINAL
from precis.store.memory import InMemorySummaryStore

ENGINE = Engine("extractive", "7")
RUN = new_run_id(datetime(2026, 12, 3, 6, 0, tzinfo=UTC))


@dataclass
class ListedBucket:
    items: list[ListedObject]
    listings: list[str | None] = field(default_factory=list)

    def after(self, prefix: str, key: str | None) -> list[ListedObject]:
        found = [o for o in self.items if o.key.startswith(prefix) and (key is None or o.key > key)]
        return sorted(found, key=lambda o: o.key)

    def objects(self, prefix: str, *, after: str | None) -> Iterator[ListedObject]:
        self.listings.append(after)
        yield from self.after(prefix, after)

    def count(self, prefix: str, *, after: str | None) -> int:
        return len(self.after(prefix, after))


@dataclass
class RecordingQueue:
    batches: list[list[str]] = field(default_factory=list)
    refuse_after: int | None = None

    def send(self, bodies: Sequence[str]) -> None:
        if self.refuse_after is not None and len(self.batches) >= self.refuse_after:
            raise BackfillError("the queue refused 10 of 10 messages (ThrottlingException)")
        self.batches.append(list(bodies))

    @property
    def keys(self) -> list[str]:
        return [parse_message(body)[0].key for batch in self.batches for body in batch]


@dataclass
class MemoryCheckpoints:
    saved: Checkpoint | None = None
    saves: int = 0

    def load(self) -> Checkpoint | None:
        # A copy through JSON, as the file would give back.
        return None if self.saved is None else Checkpoint.from_json(self.saved.to_json())

    def save(self, checkpoint: Checkpoint) -> None:
        self.saved = Checkpoint.from_json(checkpoint.to_json())
        self.saves += 1

    def clear(self) -> None:
        self.saved = None


def listed(count: int, prefix: str = "articles/archive/") -> list[ListedObject]:
    return [ListedObject(f"{prefix}{n:05d}.txt", f"v{n}", f"e{n}", 100) for n in range(count)]


def run(
    bucket: ListedBucket, queue: RecordingQueue, checkpoints: MemoryCheckpoints, **kw: Any
) -> BackfillResult:
    options: dict[str, Any] = {
        "bucket": "b",
        "prefix": "articles/",
        "articles_prefix": "articles/",
        "lister": bucket,
        "states": kw.pop("store", InMemorySummaryStore()),
        "sender": queue,
        "checkpoints": checkpoints,
        "engine": ENGINE,
        "run_id": RUN,
        "send_threads": 1,  # batches in order, so the tests can follow them
    }
    return run_backfill(**{**options, **kw})


def test_every_object_is_enqueued_once_in_batches_of_ten_and_the_checkpoint_removed() -> None:
    bucket, queue, checkpoints = ListedBucket(listed(235)), RecordingQueue(), MemoryCheckpoints()

    result = run(bucket, queue, checkpoints)

    assert queue.keys == [o.key for o in bucket.items]
    assert max(len(b) for b in queue.batches) == SEND_BATCH
    assert (result.listed, result.enqueued, result.complete) == (235, 235, True)
    assert checkpoints.saves == 3  # one per chunk of STATE_CHUNK
    assert checkpoints.saved is None


def test_a_stopped_run_resumes_after_its_last_chunk_with_the_same_run_id() -> None:
    bucket, queue, checkpoints = ListedBucket(listed(250)), RecordingQueue(), MemoryCheckpoints()

    first = run(bucket, queue, checkpoints, limit=120)
    saved = checkpoints.saved
    second = run(bucket, queue, checkpoints, run_id=new_run_id())

    assert (first.complete, first.listed, first.enqueued) == (False, 120, 120)
    assert saved is not None and saved.last_key == bucket.items[119].key
    assert bucket.listings == [None, bucket.items[119].key]
    assert second.run_id == RUN and second.resumed_after == bucket.items[119].key
    assert (second.complete, second.listed, second.enqueued) == (True, 250, 250)
    assert queue.keys == [o.key for o in bucket.items]  # each exactly once


def test_a_refused_batch_stops_the_run_and_the_rerun_repeats_at_most_one_chunk() -> None:
    bucket, checkpoints = ListedBucket(listed(300)), MemoryCheckpoints()
    refusing = RecordingQueue(refuse_after=15)  # the 16th batch: inside the second chunk

    with pytest.raises(BackfillError):
        run(bucket, refusing, checkpoints)
    resumed = RecordingQueue()
    run(bucket, resumed, checkpoints)

    assert checkpoints.saved is None
    assert resumed.keys == [o.key for o in bucket.items[STATE_CHUNK:]]
    sent_twice = set(refusing.keys) & set(resumed.keys)
    assert len(sent_twice) == 50  # the second chunk's first five batches


def test_the_repeated_chunk_carries_the_same_order_keys() -> None:
    bucket, checkpoints = ListedBucket(listed(20)), MemoryCheckpoints()
    first, second = RecordingQueue(refuse_after=1), RecordingQueue()

    with pytest.raises(BackfillError):
        run(bucket, first, checkpoints)
    run(bucket, second, checkpoints)

    orders = {parse_message(b)[0].key: parse_message(b)[0].order for b in first.batches[0]}
    again = {parse_message(b)[0].key: parse_message(b)[0].order for b in second.batches[0]}
    assert orders == {key: again[key] for key in orders}


def test_a_dry_run_sends_nothing_and_keeps_no_checkpoint() -> None:
    bucket, queue, checkpoints = ListedBucket(listed(30)), RecordingQueue(), MemoryCheckpoints()

    result = run(bucket, queue, checkpoints, dry_run=True)

    assert (result.enqueued, result.dry_run, queue.batches) == (30, True, [])
    assert checkpoints.saves == 0


def test_a_checkpoint_of_another_backfill_is_not_continued_unless_restarted() -> None:
    bucket, queue = ListedBucket(listed(5)), RecordingQueue()
    checkpoints = MemoryCheckpoints(Checkpoint(RUN, "b", "articles/other/", False, "x"))

    with pytest.raises(BackfillError, match="another backfill"):
        run(bucket, queue, checkpoints)
    result = run(bucket, queue, checkpoints, restart=True, run_id=new_run_id())

    assert result.enqueued == 5 and result.resumed_after is None


def test_only_stale_skips_what_is_current_and_counts_why() -> None:
    from precis.record import EngineRef, SourceRef, Status, SummaryRecord

    objects = [*listed(4), ListedObject("articles/notes/", None, None, 0)]
    store = InMemorySummaryStore()
    for number, engine_version in ((0, "7"), (1, "6")):
        store.put_record(
            SummaryRecord(
                article_id=f"archive/{number:05d}",
                status=Status.COMPLETED,
                source=SourceRef(
                    bucket="b", key=objects[number].key, version_id=f"v{number}", etag=f"e{number}"
                ),
                engine=EngineRef(name="extractive", version=engine_version),
                created_at="2026-01-01T00:00:00.000Z",
                updated_at="2026-01-01T00:00:00.000Z",
            ),
            order="s" + "0" * 63 + f"{number + 1}" + FINAL,
        )
    queue = RecordingQueue()

    result = run(ListedBucket(objects), queue, MemoryCheckpoints(), store=store, only_stale=True)

    assert queue.keys == [o.key for o in objects[1:4]]
    assert dict(result.skipped) == {"current": 1, "not_an_article": 1}


def test_progress_counts_up_to_the_total() -> None:
    seen: list[Progress] = []
    ticks = iter(float(n) for n in range(100))

    run(
        ListedBucket(listed(250)),
        RecordingQueue(),
        MemoryCheckpoints(),
        progress=seen.append,
        clock=lambda: next(ticks),
    )

    assert [p.done for p in seen] == [0, 100, 200, 250]
    assert {p.total for p in seen} == {250}
    assert seen[-1].enqueued == 250 and seen[-1].elapsed_s > 0


def test_a_checkpoint_file_that_is_not_one_is_refused() -> None:
    for text in (
        "",
        "[]",
        json.dumps({"run_id": "yesterday", "bucket": "b", "prefix": "p", "only_stale": False}),
    ):
        with pytest.raises(BackfillError):
            Checkpoint.from_json(text)


def test_batches_sent_in_parallel_still_deliver_every_object_once() -> None:
    bucket, queue, checkpoints = ListedBucket(listed(345)), RecordingQueue(), MemoryCheckpoints()

    result = run(bucket, queue, checkpoints, send_threads=8)

    assert sorted(queue.keys) == [o.key for o in bucket.items]
    assert result.enqueued == 345 and checkpoints.saved is None
