"""The store contract, run against every implementation (DynamoDB on moto, in memory):
round trips, ordering conditions, tombstones, pages, revisions."""

from __future__ import annotations

from collections.abc import Callable

from precis.pipeline.notifications import order_token
from precis.record import ErrorInfo, SourceRef, Status, SummaryRecord
from precis.store import FINAL, RETRYABLE

from .conftest import Store

Factory = Callable[..., SummaryRecord]
OLD = order_token("0055AED6DCD90281E5", None) + FINAL
NEW = order_token("0055AED6DCD90281F0", None) + FINAL
SOURCE = SourceRef(bucket="b", key="articles/world/peace-talks.txt")


def test_record_round_trips_with_float_scores(store: Store, record_factory: Factory) -> None:
    record = record_factory()

    assert store.put_record(record, order=OLD)
    stored = store.get("world/peace-talks", consistent=True)

    assert stored is not None
    assert stored.ranked_sentences == record.ranked_sentences
    assert stored.single_sentence == record.single_sentence
    assert stored.source == record.source
    assert stored.revision == 1
    assert stored.model_dump(exclude={"revision"}) == record.model_dump(exclude={"revision"})


def test_unknown_article_is_none(store: Store) -> None:
    assert store.get("nope") is None
    assert store.state("nope") is None


def test_duplicate_order_is_refused_and_writes_nothing(
    store: Store, record_factory: Factory
) -> None:
    store.put_record(record_factory(summary="First."), order=OLD)

    accepted = store.put_record(record_factory(summary="Second."), order=OLD)

    stored = store.get("world/peace-talks", consistent=True)
    assert not accepted
    assert stored is not None and stored.summary == "First." and stored.revision == 1


def test_stale_event_does_not_overwrite_newer_summary(
    store: Store, record_factory: Factory
) -> None:
    store.put_record(record_factory(summary="Newer."), order=NEW)

    accepted = store.put_record(record_factory(summary="Older."), order=OLD)

    stored = store.get("world/peace-talks", consistent=True)
    assert not accepted
    assert stored is not None and stored.summary == "Newer."


def test_newer_event_replaces_and_keeps_created_at(store: Store, record_factory: Factory) -> None:
    store.put_record(record_factory(updated_at="2026-01-01T00:00:00.000Z"), order=OLD)
    failed = record_factory(status=Status.FAILED, updated_at="2026-01-02T00:00:00.000Z")
    failed = failed.model_copy(update={"error": ErrorInfo(code="EMPTY", message="no text")})

    assert store.put_record(failed, order=NEW)

    stored = store.get("world/peace-talks", consistent=True)
    assert stored is not None
    assert stored.status == Status.FAILED
    assert stored.error is not None and stored.error.code == "EMPTY"
    # Fields of the older COMPLETED record are removed, not left behind.
    assert stored.summary is None and stored.ranked_sentences == [] and stored.title is None
    assert stored.created_at == "2026-01-01T00:00:00.000Z"
    assert stored.updated_at == "2026-01-02T00:00:00.000Z"
    assert stored.revision == 2


def test_retryable_failure_sorts_below_final_result_of_same_event(
    store: Store, record_factory: Factory
) -> None:
    base = order_token("0055AED6DCD90281E5", None)
    failed = record_factory(status=Status.FAILED)
    store.put_record(failed, order=base + RETRYABLE)

    assert store.put_record(record_factory(), order=base + FINAL)
    assert not store.put_record(failed, order=base + RETRYABLE)


def test_tombstone_hides_record_and_blocks_older_create(
    store: Store, record_factory: Factory
) -> None:
    store.put_record(record_factory(), order=OLD)

    deleted = store.put_tombstone(
        "world/peace-talks",
        order=NEW,
        source=SOURCE,
        deleted_at="2026-01-03T00:00:00.000Z",
        expires_at=1_900_000_000,
    )
    resurrected = store.put_record(record_factory(), order=OLD)

    state = store.state("world/peace-talks")
    assert deleted and not resurrected
    assert store.get("world/peace-talks", consistent=True) is None
    assert state is not None and state.deleted and state.order == NEW and state.record is None
    page, _ = store.list_by_status(Status.COMPLETED, limit=10)
    assert page == []


def test_list_by_status_pages_newest_first(store: Store, record_factory: Factory) -> None:
    for day in range(1, 6):
        record = record_factory(f"a{day}", updated_at=f"2026-01-0{day}T00:00:00.000Z")
        store.put_record(record, order=OLD)
    store.put_record(record_factory("bad", status=Status.FAILED), order=OLD)

    first, cursor = store.list_by_status(Status.COMPLETED, limit=3)
    assert cursor is not None
    second, _ = store.list_by_status(Status.COMPLETED, limit=3, start=cursor)

    assert [r.article_id for r in first] == ["a5", "a4", "a3"]
    assert [r.article_id for r in second] == ["a2", "a1"]
    assert all(isinstance(value, str) for value in cursor.values())
    failed, _ = store.list_by_status(Status.FAILED, limit=10)
    assert [r.article_id for r in failed] == ["bad"]


def test_write_with_an_outdated_view_rereads_and_counts_every_revision(
    store: Store, record_factory: Factory
) -> None:
    outdated = store.state("world/peace-talks")  # None: nothing written yet
    store.put_record(record_factory(summary="First."), order=OLD)

    from precis.store import ABSENT

    accepted = store.put_record(
        record_factory(summary="Second."), order=NEW, seen=outdated or ABSENT
    )

    stored = store.get("world/peace-talks", consistent=True)
    assert accepted
    assert stored is not None and stored.summary == "Second." and stored.revision == 2


def test_outdated_view_cannot_let_a_stale_write_through(
    store: Store, record_factory: Factory
) -> None:
    from precis.store import ABSENT

    store.put_record(record_factory(summary="Newer."), order=NEW)

    accepted = store.put_record(record_factory(summary="Older."), order=OLD, seen=ABSENT)

    stored = store.get("world/peace-talks", consistent=True)
    assert not accepted
    assert stored is not None and stored.summary == "Newer." and stored.revision == 1


def test_states_reads_many_articles_at_once_tombstones_included(
    store: Store, record_factory: Factory
) -> None:
    ids = [f"world/story-{n:03d}" for n in range(150)]  # two BatchGetItem requests
    for article_id in ids[:120]:
        store.put_record(record_factory(article_id), order=OLD)
    store.put_tombstone(
        ids[0], order=NEW, source=SOURCE, deleted_at="2026-01-03T00:00:00.000Z", expires_at=1
    )

    states = store.states([*ids, ids[5]])

    assert set(states) == set(ids[:120])
    assert states[ids[0]].deleted and states[ids[0]].order == NEW
    assert states[ids[7]].record is not None and states[ids[7]].order == OLD
    assert states[ids[7]] == store.state(ids[7])
