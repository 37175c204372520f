"""The contract every summarization engine fulfils."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from precis.models import Document, Ranking, Sentence


class Summarizer(Protocol):
    """Scores an article once; the returned Ranking serves every summary length."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    def rank(self, document: Document, sentences: Sequence[Sentence]) -> Ranking:
        """Rank `sentences` (the document split by `split_document`).

        Raises EmptyDocument when there is nothing to summarize.
        """
        ...
