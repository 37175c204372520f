"""What only the DynamoDB store has: the item it writes, start-key checks, throttling.

The behaviour every store shares is in test_contract.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from precis.errors import InvalidInput, TransientError
from precis.pipeline.notifications import order_token
from precis.record import SourceRef, Status, SummaryRecord
from precis.store import FINAL
from precis.store.dynamodb import DynamoSummaryStore

Factory = Callable[..., SummaryRecord]
OLD = order_token("0055AED6DCD90281E5", None) + FINAL
NEW = order_token("0055AED6DCD90281F0", None) + FINAL
SOURCE = SourceRef(bucket="b", key="articles/world/peace-talks.txt")


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
