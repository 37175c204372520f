"""Backfill order keys and decisions: where a backfill message sorts among real S3 events.

No AWS and no mocks: order keys are strings, stored states and records are plain values.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from precis.pipeline.backfill import (
    Engine,
    ListedObject,
    backfill_order,
    decide,
    is_backfill_order,
    new_run_id,
    notification,
    run_started,
)
from precis.pipeline.notifications import MalformedEvent, order_token, parse_message
from precis.record import EngineRef, SourceRef, Status, SummaryRecord
from precis.store import FINAL, RETRYABLE, StoredState

RUN = new_run_id(datetime(2026, 12, 3, 6, 0, tzinfo=UTC))
LATER_RUN = new_run_id(datetime(2026, 12, 4, 6, 0, tzinfo=UTC))
ENGINE = Engine("extractive", "7")
KEY = "articles/world/peace talks.txt"
LISTED = ListedObject(KEY, version_id="v1", etag="abc", size=120)

sequencers = st.text(alphabet="0123456789ABCDEF", min_size=1, max_size=24)
times = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
etags = st.text(alphabet="0123456789abcdef", min_size=32, max_size=32)


def real_order(sequencer: str) -> str:
    return order_token(sequencer, None)


def record(
    *,
    key: str = KEY,
    version_id: str | None = "v1",
    etag: str | None = "abc",
    status: Status = Status.COMPLETED,
    engine: EngineRef | None = None,
) -> SummaryRecord:
    return SummaryRecord(
        article_id="world/peace talks",
        status=status,
        source=SourceRef(bucket="b", key=key, version_id=version_id, etag=etag),
        engine=engine or EngineRef(name=ENGINE.name, version=ENGINE.version),
        created_at="2026-01-01T00:00:00.000Z",
        updated_at="2026-01-01T00:00:00.000Z",
    )


def state(
    order: str | None, rec: SummaryRecord | None = None, *, deleted: bool = False
) -> StoredState:
    return StoredState(order=order, deleted=deleted, record=None if deleted else rec)


# ------------------------------------------------------------------------------ ordering


@given(stored=sequencers, later=sequencers)
def test_a_backfill_sorts_above_its_version_and_below_any_later_event(
    stored: str, later: str
) -> None:
    assume(int(later, 16) > int(stored, 16))
    stored_key = real_order(stored) + FINAL

    mine = backfill_order(stored_key, RUN)

    assert stored_key < mine + RETRYABLE < mine + FINAL
    # Any later upload or delete of the key wins, even its last-receive FAILED record.
    assert mine + FINAL < real_order(later) + RETRYABLE


@given(first=times, gap_ms=st.integers(min_value=1, max_value=10**9), etag=etags, other=etags)
def test_event_time_orders_too(first: datetime, gap_ms: int, etag: str, other: str) -> None:
    stored_key = order_token(None, first.isoformat(), etag) + FINAL
    later = first + timedelta(milliseconds=gap_ms)

    mine = backfill_order(stored_key, RUN) + FINAL

    assert stored_key < mine
    assert mine < order_token(None, later.isoformat(), other) + RETRYABLE
    assert mine < order_token(None, later.isoformat()) + RETRYABLE  # a delete has no ETag


@given(sequencer=sequencers, moment=times)
def test_an_object_never_summarized_sorts_below_every_real_event(
    sequencer: str, moment: datetime
) -> None:
    mine = backfill_order(None, RUN) + FINAL

    assert mine < real_order(sequencer) + RETRYABLE
    assert mine < order_token(None, moment.isoformat()) + RETRYABLE


def test_one_run_always_makes_the_same_key_and_a_later_run_a_greater_one() -> None:
    stored_key = real_order("0055AED6DCD90281E5") + FINAL
    first = backfill_order(stored_key, RUN)
    # What the function stores after the first run's message, and the next run builds on it.
    after_first = first + FINAL

    assert backfill_order(stored_key, RUN) == first
    second = backfill_order(after_first, LATER_RUN)
    assert after_first < second + RETRYABLE
    assert len(second) == len(first)  # keys do not grow from run to run
    assert second + FINAL < real_order("0055AED6DCD90281E6") + RETRYABLE


def test_a_backfill_after_a_last_receive_failure_replaces_it_but_not_the_redriven_event() -> None:
    event = real_order("0A")

    mine = backfill_order(event + RETRYABLE, RUN) + FINAL

    assert event + RETRYABLE < mine < event + FINAL


def test_run_ids_sort_like_their_start_times_and_parse_back() -> None:
    start = datetime(2026, 12, 3, 6, 0, 0, 123456, tzinfo=UTC)

    assert new_run_id(start) < new_run_id(start + timedelta(microseconds=1))
    assert run_started(new_run_id(start)) == start
    with pytest.raises(ValueError):
        backfill_order(None, "yesterday")


def test_only_keys_a_backfill_can_make_are_accepted() -> None:
    assert is_backfill_order(backfill_order(None, RUN))
    assert is_backfill_order(backfill_order(real_order("0A") + FINAL, RUN))
    assert is_backfill_order(
        backfill_order(order_token(None, "2026-01-01T00:00:00Z", "e") + FINAL, RUN)
    )
    for forged in ("zzz", "s" + "F" * 64 + "/1", f"u+bf{RUN}", f"b+bf{RUN}x", "b+bf2026"):
        assert not is_backfill_order(forged)


# ------------------------------------------------------------------------------ messages


def test_a_backfill_message_is_an_s3_event_the_function_parses() -> None:
    order = backfill_order(real_order("0A") + FINAL, RUN)
    body = json.dumps(notification("bucket", LISTED, order))

    (event,) = parse_message(body)

    assert (event.kind, event.name, event.bucket, event.key) == (
        "created",
        "ObjectCreated:Backfill",
        "bucket",
        KEY,
    )
    assert (event.version_id, event.etag, event.size) == ("v1", "abc", 120)
    assert event.order == order


def test_a_message_with_a_forged_order_is_malformed() -> None:
    payload = notification("bucket", LISTED, backfill_order(None, RUN))
    payload["Records"][0]["precisBackfillOrder"] = "z-beats-everything"

    with pytest.raises(MalformedEvent):
        parse_message(json.dumps(payload))


def test_an_unversioned_object_is_announced_without_a_version() -> None:
    listed = ListedObject("articles/a.txt", version_id="null", etag='"e"', size=3)

    obj = notification("b", listed, backfill_order(None, RUN))["Records"][0]["s3"]["object"]

    assert obj == {"key": "articles/a.txt", "size": 3, "eTag": "e"}


# ----------------------------------------------------------------------------- decisions


def test_an_object_without_a_record_is_enqueued_below_every_real_event() -> None:
    decision = decide(LISTED, None, run_id=RUN, engine=ENGINE, only_stale=True)

    assert decision.action == "enqueue"
    assert decision.order == backfill_order(None, RUN)


def test_the_stored_version_is_enqueued_above_its_own_key() -> None:
    stored = real_order("0A") + FINAL

    decision = decide(LISTED, state(stored, record()), run_id=RUN, engine=ENGINE, only_stale=False)

    assert decision.action == "enqueue" and decision.order == backfill_order(stored, RUN)


@pytest.mark.parametrize(
    ("stored", "reason"),
    [
        (state(real_order("0B") + FINAL, deleted=True), "deleted"),
        (state(real_order("0B") + FINAL, record(version_id="v2", etag="def")), "other_version"),
        (
            state(real_order("0B") + FINAL, record(key="articles/world/peace talks.html")),
            "other_version",
        ),
        (state(backfill_order(None, RUN) + FINAL, record()), "this_run"),
        (state(backfill_order(None, LATER_RUN) + FINAL, record()), "newer_backfill"),
        (state(real_order("0A") + FINAL, record()), "current"),
    ],
    ids=["tombstone", "newer-version", "other-key", "resumed", "later-run", "current"],
)
def test_what_is_skipped_and_why(stored: StoredState, reason: str) -> None:
    decision = decide(LISTED, stored, run_id=RUN, engine=ENGINE, only_stale=True)

    assert (decision.action, decision.reason) == ("skip", reason)


@pytest.mark.parametrize(
    "stale",
    [
        record(engine=EngineRef(name="extractive", version="6")),
        record(
            engine=EngineRef(name="extractive", version="7", fallback_reason="bedrock: throttled")
        ),
        record(status=Status.FAILED, engine=None),
    ],
    ids=["older-engine", "fallback", "failed"],
)
def test_only_stale_enqueues_what_the_current_engine_did_not_make_from_these_bytes(
    stale: SummaryRecord,
) -> None:
    stored = state(real_order("0A") + FINAL, stale)

    decision = decide(LISTED, stored, run_id=RUN, engine=ENGINE, only_stale=True)

    assert decision.action == "enqueue"


def test_without_version_ids_the_etag_tells_versions_apart() -> None:
    listed = ListedObject(KEY, version_id=None, etag="abc", size=120)
    older = state(real_order("0A") + FINAL, record(version_id=None, etag="older"))
    same = state(real_order("0A") + FINAL, record(version_id=None, etag="abc"))

    assert decide(listed, older, run_id=RUN, engine=ENGINE, only_stale=True).reason == (
        "other_version"
    )
    assert decide(listed, same, run_id=RUN, engine=ENGINE, only_stale=True).reason == "current"


def test_a_version_uploaded_after_the_run_started_is_left_to_its_own_event() -> None:
    during = ListedObject(
        KEY, "v9", "fff", 10, last_modified=run_started(RUN) + timedelta(seconds=1)
    )
    before = ListedObject(KEY, "v9", "fff", 10, last_modified=run_started(RUN) - timedelta(days=1))

    assert decide(during, None, run_id=RUN, engine=ENGINE, only_stale=False).reason == (
        "uploaded_during_run"
    )
    assert decide(before, None, run_id=RUN, engine=ENGINE, only_stale=False).action == "enqueue"
