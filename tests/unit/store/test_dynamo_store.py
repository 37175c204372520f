"""DynamoSummaryStore against a moto table: round trips, ordering conditions, tombstones, pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from precis.errors import InvalidInput, TransientError
from precis.pipeline.notifications import order_token
from precis.record import ErrorInfo, SourceRef, Status, SummaryRecord
from precis.store import FINAL, RETRYABLE
from precis.store.dynamodb import DynamoSummaryStore
from precis.store.memory import InMemorySummaryStore

Factory = Callable[..., SummaryRecord]
OLD = order_token("0055AED6DCD90281E5", None) + FINAL
NEW = order_token("0055AED6DCD90281F0", None) + FINAL
SOURCE = SourceRef(bucket="b", key="articles/world/peace-talks.txt")


def test_record_round_trips_with_float_scores(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    record = record_factory()

    assert dynamo_store.put_record(record, order=OLD)
    stored = dynamo_store.get("world/peace-talks", consistent=True)

    assert stored is not None
    assert stored.ranked_sentences == record.ranked_sentences
    assert stored.single_sentence == record.single_sentence
    assert stored.source == record.source
    assert stored.revision == 1
    assert stored.model_dump(exclude={"revision"}) == record.model_dump(exclude={"revision"})


def test_unknown_article_is_none(dynamo_store: DynamoSummaryStore) -> None:
    assert dynamo_store.get("nope") is None
    assert dynamo_store.state("nope") is None


def test_duplicate_order_is_refused_and_writes_nothing(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    dynamo_store.put_record(record_factory(summary="First."), order=OLD)

    accepted = dynamo_store.put_record(record_factory(summary="Second."), order=OLD)

    stored = dynamo_store.get("world/peace-talks", consistent=True)
    assert not accepted
    assert stored is not None and stored.summary == "First." and stored.revision == 1


def test_stale_event_does_not_overwrite_newer_summary(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    dynamo_store.put_record(record_factory(summary="Newer."), order=NEW)

    accepted = dynamo_store.put_record(record_factory(summary="Older."), order=OLD)

    stored = dynamo_store.get("world/peace-talks", consistent=True)
    assert not accepted
    assert stored is not None and stored.summary == "Newer."


def test_newer_event_replaces_and_keeps_created_at(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    dynamo_store.put_record(record_factory(updated_at="2026-01-01T00:00:00.000Z"), order=OLD)
    failed = record_factory(status=Status.FAILED, updated_at="2026-01-02T00:00:00.000Z")
    failed = failed.model_copy(update={"error": ErrorInfo(code="EMPTY", message="no text")})

    assert dynamo_store.put_record(failed, order=NEW)

    stored = dynamo_store.get("world/peace-talks", consistent=True)
    assert stored is not None
    assert stored.status == Status.FAILED
    assert stored.error is not None and stored.error.code == "EMPTY"
    # Fields of the older COMPLETED record are removed, not left behind.
    assert stored.summary is None and stored.ranked_sentences == [] and stored.title is None
    assert stored.created_at == "2026-01-01T00:00:00.000Z"
    assert stored.updated_at == "2026-01-02T00:00:00.000Z"
    assert stored.revision == 2


def test_retryable_failure_sorts_below_final_result_of_same_event(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    base = order_token("0055AED6DCD90281E5", None)
    failed = record_factory(status=Status.FAILED)
    dynamo_store.put_record(failed, order=base + RETRYABLE)

    assert dynamo_store.put_record(record_factory(), order=base + FINAL)
    assert not dynamo_store.put_record(failed, order=base + RETRYABLE)


def test_tombstone_hides_record_and_blocks_older_create(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    dynamo_store.put_record(record_factory(), order=OLD)

    deleted = dynamo_store.put_tombstone(
        "world/peace-talks",
        order=NEW,
        source=SOURCE,
        deleted_at="2026-01-03T00:00:00.000Z",
        expires_at=1_900_000_000,
    )
    resurrected = dynamo_store.put_record(record_factory(), order=OLD)

    state = dynamo_store.state("world/peace-talks")
    assert deleted and not resurrected
    assert dynamo_store.get("world/peace-talks", consistent=True) is None
    assert state is not None and state.deleted and state.order == NEW and state.record is None
    page, _ = dynamo_store.list_by_status(Status.COMPLETED, limit=10)
    assert page == []


def test_tombstone_keeps_only_what_ordering_and_ttl_need(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    dynamo_store.put_record(record_factory(), order=OLD)
    dynamo_store.put_tombstone(
        "world/peace-talks",
        order=NEW,
        source=SOURCE,
        deleted_at="2026-01-03T00:00:00.000Z",
        expires_at=1_900_000_000,
    )

    item = dynamo_store.client.get_item(
        TableName=dynamo_store.table_name, Key={"article_id": {"S": "world/peace-talks"}}
    )["Item"]

    assert set(item) == {
        "article_id",
        "order_key",
        "deleted",
        "expires_at",
        "updated_at",
        "source",
        "revision",
    }
    assert item["expires_at"] == {"N": "1900000000"}


def test_newer_create_after_delete_brings_article_back(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    dynamo_store.put_tombstone(
        "world/peace-talks", order=OLD, source=SOURCE, deleted_at="t", expires_at=1
    )

    assert dynamo_store.put_record(record_factory(), order=NEW)

    stored = dynamo_store.get("world/peace-talks", consistent=True)
    assert stored is not None and stored.status == Status.COMPLETED
    item = dynamo_store.client.get_item(
        TableName=dynamo_store.table_name, Key={"article_id": {"S": "world/peace-talks"}}
    )["Item"]
    assert "deleted" not in item and "expires_at" not in item


def test_list_by_status_pages_newest_first(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    for day in range(1, 6):
        record = record_factory(f"a{day}", updated_at=f"2026-01-0{day}T00:00:00.000Z")
        dynamo_store.put_record(record, order=OLD)
    dynamo_store.put_record(record_factory("bad", status=Status.FAILED), order=OLD)

    first, cursor = dynamo_store.list_by_status(Status.COMPLETED, limit=3)
    assert cursor is not None
    second, _ = dynamo_store.list_by_status(Status.COMPLETED, limit=3, start=cursor)

    assert [r.article_id for r in first] == ["a5", "a4", "a3"]
    assert [r.article_id for r in second] == ["a2", "a1"]
    assert all(isinstance(value, str) for value in cursor.values())
    failed, _ = dynamo_store.list_by_status(Status.FAILED, limit=10)
    assert [r.article_id for r in failed] == ["bad"]


@pytest.mark.parametrize(
    "start",
    [
        {"nonsense": "x"},
        {"article_id": "a", "status": "FAILED", "updated_at": "2026"},
        {"article_id": "a", "status": "COMPLETED", "updated_at": 5},
        {"article_id": "a", "status": "COMPLETED", "updated_at": "t", "extra": "x"},
    ],
)
def test_list_rejects_start_key_of_another_shape(
    dynamo_store: DynamoSummaryStore, start: dict[str, Any]
) -> None:
    with pytest.raises(InvalidInput) as caught:
        dynamo_store.list_by_status(Status.COMPLETED, limit=3, start=start)
    assert caught.value.code == "INVALID_CURSOR"


class _ThrottledClient:
    def __getattr__(self, name: str) -> Any:
        from botocore.exceptions import ClientError

        def fail(**_kwargs: Any) -> Any:
            error = {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow"}}
            raise ClientError(error, name)

        return fail


def test_throttling_is_a_transient_error(record_factory: Factory) -> None:
    store = DynamoSummaryStore("t", client_factory=_ThrottledClient)  # type: ignore[arg-type]

    with pytest.raises(TransientError) as caught:
        store.put_record(record_factory(), order=OLD)
    assert caught.value.code == "THROTTLED"
    with pytest.raises(TransientError):
        store.get("x")


def test_in_memory_store_follows_the_same_ordering(record_factory: Factory) -> None:
    store = InMemorySummaryStore()

    assert store.put_record(record_factory(summary="Newer."), order=NEW)
    assert not store.put_record(record_factory(summary="Older."), order=OLD)
    assert store.put_tombstone(
        "world/peace-talks", order=NEW + "x", source=SOURCE, deleted_at="t", expires_at=1
    )
    assert store.get("world/peace-talks") is None
    assert not store.put_record(record_factory(), order=NEW)


def test_write_with_an_outdated_view_rereads_and_counts_every_revision(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    outdated = dynamo_store.state("world/peace-talks")  # None: nothing written yet
    dynamo_store.put_record(record_factory(summary="First."), order=OLD)

    from precis.store import ABSENT

    accepted = dynamo_store.put_record(
        record_factory(summary="Second."), order=NEW, seen=outdated or ABSENT
    )

    stored = dynamo_store.get("world/peace-talks", consistent=True)
    assert accepted
    assert stored is not None and stored.summary == "Second." and stored.revision == 2


def test_outdated_view_cannot_let_a_stale_write_through(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    from precis.store import ABSENT

    dynamo_store.put_record(record_factory(summary="Newer."), order=NEW)

    accepted = dynamo_store.put_record(record_factory(summary="Older."), order=OLD, seen=ABSENT)

    stored = dynamo_store.get("world/peace-talks", consistent=True)
    assert not accepted
    assert stored is not None and stored.summary == "Newer." and stored.revision == 1


def test_states_reads_many_articles_at_once_tombstones_included(
    dynamo_store: DynamoSummaryStore, record_factory: Factory
) -> None:
    ids = [f"world/story-{n:03d}" for n in range(150)]  # two BatchGetItem requests
    for article_id in ids[:120]:
        dynamo_store.put_record(record_factory(article_id), order=OLD)
    dynamo_store.put_tombstone(
        ids[0], order=NEW, source=SOURCE, deleted_at="2026-01-03T00:00:00.000Z", expires_at=1
    )

    states = dynamo_store.states([*ids, ids[5]])

    assert set(states) == set(ids[:120])
    assert states[ids[0]].deleted and states[ids[0]].order == NEW
    assert states[ids[7]].record is not None and states[ids[7]].order == OLD
    assert states[ids[7]] == dynamo_store.state(ids[7])
    assert InMemorySummaryStore().states(ids) == {}
