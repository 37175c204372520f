"""The summaries table in DynamoDB: the only code that knows the table's shape.

Every write is a whole-item PutItem conditional on the stored order key and revision (see
`precis.store`), so duplicate and stale deliveries are refused by DynamoDB itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from precis.aws.errors import error_code, translate
from precis.errors import InvalidInput, TransientError
from precis.record import SourceRef, Status, SummaryRecord
from precis.store import ABSENT, STATUS_INDEX, Cursor, StoredState

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

ClientFactory = Callable[[], "DynamoDBClient"]

# Optimistic writes retried at most this often when another writer got in between.
_MAX_CONFLICTS = 5
_BATCH_GET_KEYS = 100  # the BatchGetItem maximum
_MAX_BATCH_GET_ROUNDS = 8


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
        return None if item is None else _state(item)

    def states(self, article_ids: Iterable[str]) -> dict[str, StoredState]:
        """The state of each of `article_ids` that was ever written (strongly consistent).

        BatchGetItem, 100 keys a request, unprocessed keys asked again (bounded). Raises
        TransientError.
        """
        wanted = list(dict.fromkeys(article_ids))
        found: dict[str, StoredState] = {}
        for start in range(0, len(wanted), _BATCH_GET_KEYS):
            keys: list[dict[str, Any]] = [
                {"article_id": {"S": article_id}}
                for article_id in wanted[start : start + _BATCH_GET_KEYS]
            ]
            for _ in range(_MAX_BATCH_GET_ROUNDS):
                if not keys:
                    break
                try:
                    response = self.client.batch_get_item(
                        RequestItems={self.table_name: {"Keys": keys, "ConsistentRead": True}}
                    )
                except Exception as exc:
                    raise _translated(exc, "dynamodb batch get") from exc
                for raw in response.get("Responses", {}).get(self.table_name, []):
                    item = _deserialize_item(raw)
                    found[str(item["article_id"])] = _state(item)
                unprocessed = response.get("UnprocessedKeys", {}).get(self.table_name)
                keys = list(unprocessed["Keys"]) if unprocessed else []
            if keys:
                raise TransientError("dynamodb batch get: keys left unprocessed", code="THROTTLED")
        return found

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


def _state(item: Mapping[str, Any]) -> StoredState:
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
