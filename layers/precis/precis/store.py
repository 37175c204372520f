"""Where summary records live: the `SummaryStore` protocol and its implementations.

The protocol is what the handlers depend on; the DynamoDB implementation is the only code
that knows the table's shape. An in-memory store serves unit tests and the CLI.

Writes are ordered, not last-come-wins: every write carries an `order` key (the S3 event's
sequencer, see `precis.s3_events.order_token`, plus a suffix) and DynamoDB accepts it only
when it is greater than the stored one. A duplicate delivery (equal key) and a stale event
(smaller key) are refused by the condition itself, so there is no read-then-write race.
A delete leaves a tombstone (`deleted`, its order key, an `expires_at` TTL) instead of
removing the item, so a create older than the delete cannot resurrect the article; readers
see a tombstone as no record at all, and it drops out of the `by_status` index because it
has no `status`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from precis.aws_errors import error_code, translate
from precis.errors import InvalidInput, TransientError
from precis.record import SourceRef, Status, SummaryRecord

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

Cursor = dict[str, Any]
ClientFactory = Callable[[], "DynamoDBClient"]

STATUS_INDEX = "by_status"
# Order-key suffixes: a FAILED record written because retries ran out sorts below the
# final outcome of the same event, so a redriven message may still complete it.
FINAL = "/1"
RETRYABLE = "/0"


class SummaryStore(Protocol):
    def get(self, article_id: str) -> SummaryRecord | None:
        """The record of `article_id`, or None when there is none (or it was deleted)."""
        ...

    def list_by_status(
        self, status: Status, *, limit: int, start: Cursor | None = None
    ) -> tuple[list[SummaryRecord], Cursor | None]:
        """A page of records with `status`, newest `updated_at` first, and where to go on."""
        ...


@dataclass(frozen=True, slots=True)
class StoredState:
    """What the ingest needs to know about an article before it does any work."""

    order: str | None
    deleted: bool
    record: SummaryRecord | None
    revision: int = 0
    created_at: str | None = None
    exists: bool = True


# The state of an article that was never written.
ABSENT = StoredState(order=None, deleted=False, record=None, exists=False)
# Optimistic writes retried at most this often when another writer got in between.
_MAX_CONFLICTS = 5


class OrderedWriter(Protocol):
    """The writes of the ingest: conditional on the event order (see module docstring)."""

    def state(self, article_id: str) -> StoredState | None:
        """The stored order key and record (strongly consistent), None when never written."""
        ...

    def put_record(
        self, record: SummaryRecord, *, order: str, seen: StoredState | None = None
    ) -> bool:
        """Store `record` unless an equal or newer `order` is stored; False when refused."""
        ...

    def put_tombstone(
        self,
        article_id: str,
        *,
        order: str,
        source: SourceRef,
        deleted_at: str,
        expires_at: int,
        seen: StoredState | None = None,
    ) -> bool:
        """Mark the article deleted unless an equal or newer `order` is stored."""
        ...


# --------------------------------------------------------------------------- DynamoDB


def default_dynamodb_client() -> DynamoDBClient:
    """A plain boto3 DynamoDB client with short timeouts (the queue retries, not the client)."""
    import boto3  # noqa: PLC0415 - lazily: no client (or boto3 import) at cold start
    from botocore.config import Config  # noqa: PLC0415

    config = Config(
        connect_timeout=3, read_timeout=5, retries={"max_attempts": 3, "mode": "standard"}
    )
    return boto3.client("dynamodb", config=config)


class DynamoSummaryStore:
    """The summaries table (PK `article_id`; GSI `by_status` on status, updated_at)."""

    def __init__(
        self,
        table_name: str,
        client_factory: ClientFactory | None = None,
        *,
        index_name: str = STATUS_INDEX,
    ) -> None:
        self.table_name = table_name
        self.index_name = index_name
        self._client_factory = client_factory or default_dynamodb_client
        self._client: DynamoDBClient | None = None

    @property
    def client(self) -> DynamoDBClient:
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    # -- reads

    def get(self, article_id: str, *, consistent: bool = False) -> SummaryRecord | None:
        """The record of `article_id`; None when unknown or deleted. Raises TransientError."""
        item = self._get_item(article_id, consistent=consistent)
        if item is None or item.get("deleted") or "status" not in item:
            return None
        return _record(item)

    def state(self, article_id: str) -> StoredState | None:
        """Order key and record of `article_id`, strongly consistent. Raises TransientError."""
        item = self._get_item(article_id, consistent=True)
        if item is None:
            return None
        deleted = bool(item.get("deleted"))
        record = None if deleted or "status" not in item else _record(item)
        order = item.get("order_key")
        created_at = item.get("created_at")
        return StoredState(
            order=str(order) if order else None,
            deleted=deleted,
            record=record,
            revision=int(item.get("revision") or 0),
            created_at=str(created_at) if created_at else None,
        )

    def list_by_status(
        self, status: Status, *, limit: int, start: Cursor | None = None
    ) -> tuple[list[SummaryRecord], Cursor | None]:
        """A page of records with `status`, newest first.

        Raises InvalidInput(INVALID_CURSOR) for a start key the table rejects, TransientError.
        """
        params: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": self.index_name,
            "KeyConditionExpression": "#s = :s",
            "ExpressionAttributeNames": {"#s": "status"},
            "ExpressionAttributeValues": {":s": {"S": Status(status).value}},
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if start:
            params["ExclusiveStartKey"] = _serialize_item(_start_key(start, status))
        try:
            response = self.client.query(**params)
        except Exception as exc:
            if start and error_code(exc) == "ValidationException":
                raise InvalidInput(
                    "cursor does not match the table", code="INVALID_CURSOR"
                ) from exc
            raise _translated(exc, "dynamodb query") from exc
        records = [_record(_deserialize_item(item)) for item in response.get("Items", [])]
        last = response.get("LastEvaluatedKey")
        return records, (_deserialize_item(last) if last else None)

    # -- ordered writes

    def put_record(
        self, record: SummaryRecord, *, order: str, seen: StoredState | None = None
    ) -> bool:
        """Store `record` unless an equal or newer `order` is stored.

        `seen` is the state the caller just read (saves a read). Returns False when refused
        (duplicate or stale). Raises TransientError.
        """
        fields = record.model_dump(mode="json", exclude={"revision"}, exclude_none=True)
        return self._ordered_put(record.article_id, fields, order=order, seen=seen)

    def put_tombstone(
        self,
        article_id: str,
        *,
        order: str,
        source: SourceRef,
        deleted_at: str,
        expires_at: int,
        seen: StoredState | None = None,
    ) -> bool:
        """Mark the article deleted unless an equal or newer `order` is stored.

        Returns False when refused. Raises TransientError.
        """
        fields = {
            "article_id": article_id,
            "deleted": True,
            "expires_at": expires_at,
            "updated_at": deleted_at,
            "source": source.model_dump(mode="json", exclude_none=True),
        }
        return self._ordered_put(article_id, fields, order=order, seen=seen, tombstone=True)

    def delete(self, article_id: str) -> None:
        """Remove the item outright (administration and tests; the ingest tombstones)."""
        try:
            self.client.delete_item(
                TableName=self.table_name, Key={"article_id": {"S": article_id}}
            )
        except Exception as exc:
            raise _translated(exc, "dynamodb delete") from exc

    def _ordered_put(
        self,
        article_id: str,
        fields: Mapping[str, Any],
        *,
        order: str,
        seen: StoredState | None,
        tombstone: bool = False,
    ) -> bool:
        # A whole-item PutItem (not UpdateItem): no attribute of an older version survives.
        # The condition does the ordering (`order_key < :order`); the revision check makes
        # the write optimistic, so `created_at` and `revision` carried over from the state
        # read just before cannot be lost to a concurrent writer: on a conflict, read again.
        state = seen if seen is not None else self._state_or_absent(article_id)
        for _attempt in range(_MAX_CONFLICTS):
            if state.order is not None and state.order >= order:
                return False
            item = dict(fields)
            item["order_key"] = order
            item["revision"] = state.revision + 1
            if not tombstone and state.created_at:
                item["created_at"] = state.created_at
            names, values, condition = _write_condition(state, order)
            try:
                params: dict[str, Any] = {
                    "TableName": self.table_name,
                    "Item": _serialize_item(item),
                    "ConditionExpression": condition,
                    "ExpressionAttributeNames": names,
                }
                if values:
                    params["ExpressionAttributeValues"] = values
                self.client.put_item(**params)
            except Exception as exc:
                if error_code(exc) != "ConditionalCheckFailedException":
                    raise _translated(exc, "dynamodb put") from exc
                state = self._state_or_absent(article_id)
                continue
            return True
        raise TransientError("dynamodb put: too many concurrent writers", code="CONFLICT")

    def _state_or_absent(self, article_id: str) -> StoredState:
        return self.state(article_id) or ABSENT

    def _get_item(self, article_id: str, *, consistent: bool) -> dict[str, Any] | None:
        try:
            response = self.client.get_item(
                TableName=self.table_name,
                Key={"article_id": {"S": article_id}},
                ConsistentRead=consistent,
            )
        except Exception as exc:
            raise _translated(exc, "dynamodb get") from exc
        item = response.get("Item")
        return _deserialize_item(item) if item else None


def _write_condition(state: StoredState, order: str) -> tuple[dict[str, str], dict[str, Any], str]:
    """Names, values and condition of a write that expects `state` and is newer than it."""
    if not state.exists:
        return {"#id": "article_id"}, {}, "attribute_not_exists(#id)"
    names = {"#order": "order_key", "#rev": "revision"}
    values: dict[str, Any] = {":order": {"S": order}}
    newer = "(attribute_not_exists(#order) OR #order < :order)"
    if state.revision:
        values[":rev"] = {"N": str(state.revision)}
        return names, values, f"#rev = :rev AND {newer}"
    return names, values, f"attribute_not_exists(#rev) AND {newer}"


_START_KEYS = frozenset({"article_id", "status", "updated_at"})


def _start_key(start: Cursor, status: Status) -> Cursor:
    """The cursor as an ExclusiveStartKey of the index. Raises InvalidInput(INVALID_CURSOR)."""
    valid = (
        set(start) == _START_KEYS
        and all(isinstance(value, str) and value for value in start.values())
        and start["status"] == Status(status).value
    )
    if not valid:
        raise InvalidInput("cursor does not match this listing", code="INVALID_CURSOR")
    return start


def _translated(exc: Exception, what: str) -> Exception:
    return translate(exc, what=what) or exc


def _to_dynamo_value(value: Any) -> Any:
    # DynamoDB has no float type: numbers travel as Decimal, through str to keep them short.
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Mapping):
        return {str(k): _to_dynamo_value(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_to_dynamo_value(v) for v in value]
    return value


def _from_dynamo_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping):
        return {k: _from_dynamo_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_from_dynamo_value(v) for v in value]
    return value


def _serialize(value: Any) -> Any:
    from boto3.dynamodb.types import TypeSerializer  # noqa: PLC0415 - boto3 on first use

    return TypeSerializer().serialize(_to_dynamo_value(value))


def _serialize_item(item: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _serialize(value) for key, value in item.items()}


def _deserialize_item(item: Mapping[str, Any]) -> dict[str, Any]:
    from boto3.dynamodb.types import TypeDeserializer  # noqa: PLC0415

    deserializer = TypeDeserializer()
    return {key: _from_dynamo_value(deserializer.deserialize(value)) for key, value in item.items()}


def _record(item: Mapping[str, Any]) -> SummaryRecord:
    return SummaryRecord.model_validate(item)


# --------------------------------------------------------------------------- in memory


class InMemorySummaryStore:
    """The same contract in a dict: unit tests, the CLI. Thread-safe."""

    def __init__(self, records: list[SummaryRecord] | None = None) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, tuple[str | None, bool, SummaryRecord | None]] = {}
        self._revisions: dict[str, int] = {}
        for record in records or []:
            self._items[record.article_id] = (None, False, record)

    def get(self, article_id: str, *, consistent: bool = False) -> SummaryRecord | None:
        with self._lock:
            _order, deleted, record = self._items.get(article_id, (None, False, None))
        return None if deleted else record

    def state(self, article_id: str) -> StoredState | None:
        with self._lock:
            if article_id not in self._items:
                return None
            order, deleted, record = self._items[article_id]
        return StoredState(order=order, deleted=deleted, record=None if deleted else record)

    def list_by_status(
        self, status: Status, *, limit: int, start: Cursor | None = None
    ) -> tuple[list[SummaryRecord], Cursor | None]:
        with self._lock:
            matching = [
                record
                for _order, deleted, record in self._items.values()
                if record is not None and not deleted and record.status == status
            ]
        matching.sort(key=lambda r: (r.updated_at, r.article_id), reverse=True)
        if start:
            position = (str(start.get("updated_at", "")), str(start.get("article_id", "")))
            matching = [r for r in matching if (r.updated_at, r.article_id) < position]
        page = matching[:limit]
        more = len(matching) > limit and page
        last = page[-1] if more else None
        cursor = (
            {
                "article_id": last.article_id,
                "status": last.status.value,
                "updated_at": last.updated_at,
            }
            if last
            else None
        )
        return page, cursor

    def put_record(
        self, record: SummaryRecord, *, order: str, seen: StoredState | None = None
    ) -> bool:
        with self._lock:
            stored_order, _deleted, previous = self._items.get(
                record.article_id, (None, False, None)
            )
            if stored_order is not None and stored_order >= order:
                return False
            created_at = previous.created_at if previous is not None else record.created_at
            revision = self._revisions.get(record.article_id, 0) + 1
            self._revisions[record.article_id] = revision
            stored = record.model_copy(update={"created_at": created_at, "revision": revision})
            self._items[record.article_id] = (order, False, stored)
            return True

    def put_tombstone(
        self,
        article_id: str,
        *,
        order: str,
        source: SourceRef,
        deleted_at: str,
        expires_at: int,
        seen: StoredState | None = None,
    ) -> bool:
        with self._lock:
            stored_order, _deleted, _previous = self._items.get(article_id, (None, False, None))
            if stored_order is not None and stored_order >= order:
                return False
            self._items[article_id] = (order, True, None)
            self._revisions[article_id] = self._revisions.get(article_id, 0) + 1
            return True


@cache
def get_store() -> DynamoSummaryStore:
    """The process-wide store of the summaries table named by TABLE_NAME.

    Raises ConfigurationError when TABLE_NAME is unset.
    """
    from precis.config import get_settings  # noqa: PLC0415 - pydantic settings on first use

    return DynamoSummaryStore(get_settings().require_table_name())
