"""The backfill loop: list, read the stored states, decide, enqueue, checkpoint, report.

Collaborators are protocols (`precis.aws.backfill` implements them on S3, DynamoDB and SQS;
the tests use dicts), so the loop's promises are tested without AWS:

- objects are handled in key order, in chunks; after each chunk the checkpoint holds the last
  key handled, so a rerun lists from there on and repeats at most one chunk (whose messages
  carry the same order keys, and are refused as duplicates);
- a run that stops (an error, `limit`, Ctrl-C) keeps its checkpoint; a run that reaches the
  end of the listing removes it;
- a dry run reads and decides but sends and saves nothing.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from precis.errors import BackfillError
from precis.pipeline.backfill import (
    Decision,
    Engine,
    decide,
    is_run_id,
    new_run_id,
    notification,
)
from precis.pipeline.notifications import InvalidKey, article_id_for_key
from precis.record import ListedObject

if TYPE_CHECKING:
    from precis.store import StoredState

STATE_CHUNK = 100  # objects whose states are read together (one BatchGetItem)
SEND_BATCH = 10  # what a Sender takes per call: the SQS maximum per SendMessageBatch
SEND_THREADS = 10  # a chunk's batches at once


class ObjectLister(Protocol):
    def objects(self, prefix: str, *, after: str | None) -> Iterator[ListedObject]:
        """The current version of every object under `prefix` with a key after `after`, in
        key order (deleted objects, whose current version is a delete marker, left out)."""
        ...

    def count(self, prefix: str, *, after: str | None) -> int:
        """How many objects `objects` will yield (an estimate while uploads go on)."""
        ...


class StateReader(Protocol):
    def states(self, article_ids: Iterable[str]) -> dict[str, StoredState]:
        """The stored state of each article that was ever written."""
        ...


class MessageSender(Protocol):
    def send(self, bodies: Sequence[str]) -> None:
        """Enqueue these message bodies (at most SEND_BATCH). Raises BackfillError."""
        ...


class CheckpointStore(Protocol):
    def load(self) -> Checkpoint | None: ...

    def save(self, checkpoint: Checkpoint) -> None: ...

    def clear(self) -> None: ...


@dataclass
class Checkpoint:
    """Where a run stands: enough to continue it with the same run id."""

    run_id: str
    bucket: str
    prefix: str
    only_stale: bool
    last_key: str | None = None
    listed: int = 0
    enqueued: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def matches(self, *, bucket: str, prefix: str, only_stale: bool) -> bool:
        return (self.bucket, self.prefix, self.only_stale) == (bucket, prefix, only_stale)

    def to_json(self) -> str:
        return json.dumps(
            {
                "run_id": self.run_id,
                "bucket": self.bucket,
                "prefix": self.prefix,
                "only_stale": self.only_stale,
                "last_key": self.last_key,
                "listed": self.listed,
                "enqueued": self.enqueued,
                "skipped": self.skipped,
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        """Raises BackfillError for a file that is not a checkpoint."""
        try:
            data: Any = json.loads(text)
            checkpoint = cls(
                run_id=str(data["run_id"]),
                bucket=str(data["bucket"]),
                prefix=str(data["prefix"]),
                only_stale=bool(data["only_stale"]),
                last_key=None if data.get("last_key") is None else str(data["last_key"]),
                listed=int(data.get("listed", 0)),
                enqueued=int(data.get("enqueued", 0)),
                skipped={str(k): int(v) for k, v in dict(data.get("skipped", {})).items()},
            )
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise BackfillError(f"not a backfill checkpoint: {type(exc).__name__}") from None
        if not is_run_id(checkpoint.run_id):
            raise BackfillError(f"checkpoint has no valid run id: {checkpoint.run_id!r}")
        return checkpoint


@dataclass(frozen=True)
class Progress:
    """Counts so far, for a progress bar: `done` of about `total` objects listed."""

    done: int
    total: int
    enqueued: int
    skipped: int
    elapsed_s: float


@dataclass
class BackfillResult:
    run_id: str
    listed: int
    enqueued: int
    skipped: Counter[str]
    complete: bool
    dry_run: bool
    resumed_after: str | None
    elapsed_s: float
    listed_this_run: int = 0

    @property
    def rate(self) -> float:
        """Objects handled per second by this invocation."""
        return self.listed_this_run / self.elapsed_s if self.elapsed_s > 0 else 0.0


def run_backfill(
    *,
    bucket: str,
    prefix: str,
    articles_prefix: str,
    lister: ObjectLister,
    states: StateReader,
    sender: MessageSender,
    checkpoints: CheckpointStore,
    engine: Engine,
    only_stale: bool = False,
    dry_run: bool = False,
    restart: bool = False,
    limit: int | None = None,
    progress: Callable[[Progress], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    run_id: str | None = None,
    send_threads: int = SEND_THREADS,
) -> BackfillResult:
    """Enqueue a backfill message for every object under `prefix` that needs one.

    Raises BackfillError when a checkpoint of a different backfill exists (unless `restart`)
    or the queue refuses messages; the checkpoint then still says where to continue.
    """
    started = clock()
    checkpoint = _starting_point(
        checkpoints, bucket=bucket, prefix=prefix, only_stale=only_stale, restart=restart
    )
    if checkpoint is None:
        checkpoint = Checkpoint(run_id or new_run_id(), bucket, prefix, only_stale)
    resumed_after = checkpoint.last_key
    skipped: Counter[str] = Counter(checkpoint.skipped)
    total = checkpoint.listed + lister.count(prefix, after=checkpoint.last_key)
    handled = 0
    stopped_early = False

    def report() -> None:
        if progress is not None:
            progress(
                Progress(
                    done=checkpoint.listed,
                    total=max(total, checkpoint.listed),
                    enqueued=checkpoint.enqueued,
                    skipped=sum(skipped.values()),
                    elapsed_s=clock() - started,
                )
            )

    report()
    with ThreadPoolExecutor(send_threads, thread_name_prefix="backfill-send") as pool:
        for whole in _chunks(lister.objects(prefix, after=checkpoint.last_key), STATE_CHUNK):
            if limit is not None and handled >= limit:
                stopped_early = True
                break
            chunk = whole
            if limit is not None and len(whole) > limit - handled:
                chunk, stopped_early = whole[: limit - handled], True
            decisions = _decide_chunk(
                chunk,
                states=states,
                articles_prefix=articles_prefix,
                run_id=checkpoint.run_id,
                engine=engine,
                only_stale=only_stale,
            )
            bodies = [
                json.dumps(notification(bucket, listed, decision.order))
                for listed, decision in decisions
                if decision.action == "enqueue" and decision.order is not None
            ]
            if not dry_run:
                _send_all(sender, bodies, pool)
            skipped.update(d.reason for _, d in decisions if d.reason is not None)
            handled += len(chunk)
            checkpoint.listed += len(chunk)
            checkpoint.enqueued += len(bodies)
            checkpoint.last_key = chunk[-1].key
            checkpoint.skipped = dict(skipped)
            if not dry_run:
                checkpoints.save(checkpoint)
            report()
            if stopped_early:
                break
    complete = not stopped_early
    if complete and not dry_run:
        checkpoints.clear()
    return BackfillResult(
        run_id=checkpoint.run_id,
        listed=checkpoint.listed,
        enqueued=checkpoint.enqueued,
        skipped=skipped,
        complete=complete,
        dry_run=dry_run,
        resumed_after=resumed_after,
        elapsed_s=clock() - started,
        listed_this_run=handled,
    )


def _send_all(sender: MessageSender, bodies: Sequence[str], pool: ThreadPoolExecutor) -> None:
    # A chunk's batches go out at once (SQS answers each in tens of milliseconds); the first
    # error is raised once all have finished, before the checkpoint moves past the chunk.
    batches = [bodies[start : start + SEND_BATCH] for start in range(0, len(bodies), SEND_BATCH)]
    for future in [pool.submit(sender.send, batch) for batch in batches]:
        future.result()


def _starting_point(
    checkpoints: CheckpointStore, *, bucket: str, prefix: str, only_stale: bool, restart: bool
) -> Checkpoint | None:
    if restart:
        checkpoints.clear()
        return None
    found = checkpoints.load()
    if found is None:
        return None
    if not found.matches(bucket=bucket, prefix=prefix, only_stale=only_stale):
        raise BackfillError(
            f"a checkpoint of another backfill exists (bucket {found.bucket}, prefix "
            f"{found.prefix!r}, only_stale {found.only_stale}): rerun that one, or restart"
        )
    return found


def _decide_chunk(
    chunk: Sequence[ListedObject],
    *,
    states: StateReader,
    articles_prefix: str,
    run_id: str,
    engine: Engine,
    only_stale: bool,
) -> list[tuple[ListedObject, Decision]]:
    article_ids: dict[str, str] = {}
    decided: dict[str, Decision] = {}
    for listed in chunk:
        try:
            article_id = article_id_for_key(listed.key, articles_prefix)
        except InvalidKey:
            decided[listed.key] = Decision("skip", reason="invalid_key")
            continue
        if article_id is None:
            decided[listed.key] = Decision("skip", reason="not_an_article")
        else:
            article_ids[listed.key] = article_id
    stored = states.states(article_ids.values())
    by_key = {listed.key: listed for listed in chunk}
    for key, article_id in article_ids.items():
        decided[key] = decide(
            by_key[key], stored.get(article_id), run_id=run_id, engine=engine, only_stale=only_stale
        )
    return [(listed, decided[listed.key]) for listed in chunk]


def _chunks(items: Iterator[ListedObject], size: int) -> Iterator[list[ListedObject]]:
    chunk: list[ListedObject] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
