"""The store contract in a dict: unit tests and the CLI. Thread-safe."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from precis.record import SourceRef, Status, SummaryRecord
from precis.store import Cursor, StoredState


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

    def states(self, article_ids: Iterable[str]) -> dict[str, StoredState]:
        """The state of each of `article_ids` that was ever written."""
        found = {article_id: self.state(article_id) for article_id in article_ids}
        return {article_id: state for article_id, state in found.items() if state is not None}

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
