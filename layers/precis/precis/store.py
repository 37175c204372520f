"""Where summary records live: the `SummaryStore` protocol and its implementations.

The protocol is what the handlers depend on; the DynamoDB implementation is the only code
that knows the table's shape. An in-memory store serves unit tests and the CLI.
"""

from __future__ import annotations

from typing import Any, Protocol

from precis.record import Status, SummaryRecord

Cursor = dict[str, Any]


class SummaryStore(Protocol):
    def get(self, article_id: str) -> SummaryRecord | None:
        """The record of `article_id`, or None when there is none (or it was deleted)."""
        ...

    def list_by_status(
        self, status: Status, *, limit: int, start: Cursor | None = None
    ) -> tuple[list[SummaryRecord], Cursor | None]:
        """A page of records with `status`, newest `updated_at` first, and where to go on."""
        ...
