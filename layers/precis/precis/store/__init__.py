"""Where summary records live: the store protocols, their shared types and `get_store`.

The protocols are what the handlers depend on. `precis.store.dynamodb` is the only code that
knows the table's shape; `precis.store.memory` keeps the same contract in a dict.

Writes are ordered, not last-come-wins: every write carries an `order` key (the S3 event's
sequencer, see `precis.pipeline.notifications.order_token`, plus a suffix) and the store
accepts it only when it is greater than the stored one. A duplicate delivery (equal key) and
a stale event (smaller key) are refused by the condition itself, so there is no
read-then-write race.
A delete leaves a tombstone (`deleted`, its order key, an `expires_at` TTL) instead of
removing the item, so a create older than the delete cannot resurrect the article; readers
see a tombstone as no record at all, and it drops out of the `by_status` index because it
has no `status`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from precis.config import Settings
    from precis.record import SourceRef, Status, SummaryRecord
    from precis.store.dynamodb import DynamoSummaryStore

__all__ = [
    "ABSENT",
    "FINAL",
    "RETRYABLE",
    "STATUS_INDEX",
    "Cursor",
    "OrderedWriter",
    "StoredState",
    "SummaryStore",
    "get_store",
]

Cursor = dict[str, Any]

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


def get_store(settings: Settings) -> DynamoSummaryStore:
    """The store of the summaries table `settings` name (TABLE_NAME); its DynamoDB client is
    made on the first call. Raises ConfigurationError when TABLE_NAME is unset."""
    from precis.store.dynamodb import DynamoSummaryStore  # noqa: PLC0415 - boto3 on first use

    return DynamoSummaryStore(settings.require_table_name())
