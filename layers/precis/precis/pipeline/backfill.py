"""Backfill decisions: which listed object to enqueue, and at which order key.

A backfill message is an ordinary S3 notification record (`ObjectCreated:Backfill`, with the
object's current version id, ETag and size) that also carries `precisBackfillOrder`: the order
key the ingest compares instead of one made from a sequencer. That key is built so that the
existing ordering rules (`precis.store`) keep every promise while uploads go on:

- It extends the key stored for the same version (`<stored>+bf<run>`): a key with the stored
  one as a prefix sorts just above it, and below the key of any later upload or delete of
  the object, whose sequencer (or event time) already differs inside the stored part.
- An object never summarized gets `b+bf<run>`: `b` sorts below every real key (`s...`
  sequencers, `t...` event times), so any real event of that key wins over it.
- One run (`bf` + a UTC timestamp, fixed width) always makes the same key for an object: a
  resumed or repeated run of it is refused as a duplicate. A later run sorts above an earlier
  one, so after an engine upgrade its messages replace what the earlier run wrote.
- An object whose record is of another version or key, or a tombstone, is skipped: the stored
  state is newer than the listing (or its own event is on its way), and an older version must
  never be written over it. So is a version uploaded after the run started (its own event
  summarizes it; enqueuing it as well could have it analyzed twice at once).

Nothing here talks to AWS: `precis.aws.backfill` lists and sends, `precis.cli.backfill` runs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote_plus

from precis.record import ListedObject, Status

if TYPE_CHECKING:
    from precis.record import SummaryRecord
    from precis.store import StoredState

EVENT_NAME = "ObjectCreated:Backfill"
ORDER_FIELD = "precisBackfillOrder"
# Below "s" (sequencer) and "t" (event time): the root of objects that have no record yet.
UNRECORDED_ROOT = "b"
_MARK = "+bf"
_RUN_FORMAT = "%Y%m%dT%H%M%S%fZ"
_RUN = re.compile(r"\d{8}T\d{12}Z")
_STORED_RUN = re.compile(r"\+bf(\d{8}T\d{12}Z)")
# What a backfill order key looks like: a root (`b`, or a stored key ending in its /0 or /1
# suffix) and the run. `+` occurs in no sequencer, event time or ETag.
_BACKFILL_ORDER = re.compile(r"(?:b|[st][^+]*/[01])\+bf\d{8}T\d{12}Z")
MAX_ORDER_LENGTH = 512

Action = Literal["enqueue", "skip"]
SkipReason = Literal[
    "uploaded_during_run",
    "current",
    "not_an_article",
    "invalid_key",
    "deleted",
    "other_version",
    "this_run",
    "newer_backfill",
]


@dataclass(frozen=True, slots=True)
class Engine:
    """The engine the summarize function runs: a record made by another is stale."""

    name: str
    version: str


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one listed object: enqueue it at `order`, or skip it for `reason`."""

    action: Action
    order: str | None = None
    reason: SkipReason | None = None


def new_run_id(now: datetime | None = None) -> str:
    """A run id that sorts like run start times (UTC, to the microsecond, fixed width)."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime(_RUN_FORMAT)


def is_run_id(value: str) -> bool:
    return bool(_RUN.fullmatch(value))


def run_started(run_id: str) -> datetime:
    """When the run `run_id` started (UTC). Raises ValueError for something else."""
    if not is_run_id(run_id):
        raise ValueError(f"not a backfill run id: {run_id!r}")
    return datetime.strptime(run_id, _RUN_FORMAT).replace(tzinfo=UTC)


def is_backfill_order(value: str) -> bool:
    """Whether `value` is an order key a backfill can have made (for the message parser)."""
    return len(value) <= MAX_ORDER_LENGTH and bool(_BACKFILL_ORDER.fullmatch(value))


def backfill_order(stored_order: str | None, run_id: str) -> str:
    """The order key of this run's message for an object whose stored key is `stored_order`.

    Raises ValueError for a run id that `new_run_id` cannot have made.
    """
    if not is_run_id(run_id):
        raise ValueError(f"not a backfill run id: {run_id!r}")
    return f"{_root(stored_order)}{_MARK}{run_id}"


def _root(stored_order: str | None) -> str:
    # A key written by an earlier backfill run is `<root>+bf<run>/<suffix>`: this run extends
    # the same root, so keys never grow from run to run.
    if not stored_order:
        return UNRECORDED_ROOT
    mark = stored_order.find(_MARK)
    return stored_order if mark < 0 else stored_order[:mark]


def _stored_run(stored_order: str | None) -> str | None:
    found = _STORED_RUN.search(stored_order or "")
    return found.group(1) if found else None


def decide(
    listed: ListedObject,
    state: StoredState | None,
    *,
    run_id: str,
    engine: Engine,
    only_stale: bool,
) -> Decision:
    """Whether this run enqueues `listed`, given its article's stored state (None: never stored).

    The article id and key checks are the caller's (they need the stack's prefix).
    """
    reason = _skip_reason(listed, state, run_id=run_id, engine=engine, only_stale=only_stale)
    if reason is not None:
        return Decision("skip", reason=reason)
    return Decision("enqueue", order=backfill_order(state.order if state else None, run_id))


def _skip_reason(
    listed: ListedObject,
    state: StoredState | None,
    *,
    run_id: str,
    engine: Engine,
    only_stale: bool,
) -> SkipReason | None:
    modified = listed.last_modified
    if modified is not None and modified >= run_started(run_id):
        # Uploaded while this run goes on: its own S3 event is on its way, and enqueuing it
        # too could have two invocations analyze the same bytes at once.
        return "uploaded_during_run"
    if state is None:
        return None
    return _stored_state_reason(listed, state, run_id=run_id, engine=engine, only_stale=only_stale)


def _stored_state_reason(
    listed: ListedObject, state: StoredState, *, run_id: str, engine: Engine, only_stale: bool
) -> SkipReason | None:
    if state.deleted:
        return "deleted"
    record = state.record
    if record is None or not same_object(record, listed):
        # An item with an order but no record is nothing the function writes: leave it too.
        return "other_version" if record is not None or state.order else None
    stored_run = _stored_run(state.order)
    if stored_run is not None and stored_run >= run_id:
        # Equal: a resumed run repeating its last chunk. Greater: a later run got there first.
        return "this_run" if stored_run == run_id else "newer_backfill"
    if only_stale and is_current(record, listed, engine):
        return "current"
    return None


def same_object(record: SummaryRecord, listed: ListedObject) -> bool:
    """Whether `record` was made from the listed version of the listed key."""
    source = record.source
    if source is None or source.key != listed.key:
        return False
    if source.version_id and listed.version_id and listed.version_id != "null":
        return source.version_id == listed.version_id
    return bool(source.etag) and _etag(source.etag) == _etag(listed.etag)


def is_current(record: SummaryRecord, listed: ListedObject, engine: Engine) -> bool:
    """A COMPLETED summary of the same bytes (ETag) by the running engine and version."""
    if record.status != Status.COMPLETED or record.source is None or record.engine is None:
        return False
    if record.engine.fallback_reason:
        return False  # the fallback's summary: the configured engine may do better now
    same_bytes = _etag(record.source.etag) == _etag(listed.etag) and listed.etag is not None
    return same_bytes and (record.engine.name, record.engine.version) == (
        engine.name,
        engine.version,
    )


def notification(
    bucket: str, listed: ListedObject, order: str, *, event_time: datetime | None = None
) -> dict[str, Any]:
    """The S3 notification body of one backfill message (what `parse_message` accepts)."""
    obj: dict[str, Any] = {"key": quote_plus(listed.key, safe="/")}
    if listed.size is not None:
        obj["size"] = listed.size
    if listed.etag:
        obj["eTag"] = _etag(listed.etag)
    if listed.version_id and listed.version_id != "null":
        obj["versionId"] = listed.version_id
    moment = (event_time or datetime.now(UTC)).astimezone(UTC)
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "eventName": EVENT_NAME,
                "eventTime": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "s3": {"s3SchemaVersion": "1.0", "bucket": {"name": bucket}, "object": obj},
                ORDER_FIELD: order,
            }
        ]
    }


def _etag(value: str | None) -> str | None:
    return value.strip('"') if value else None
