"""Summarization: a Document's sentences ranked once, so any summary length is served from it.

Engines (`precis.summarize.extractive`, `bedrock`, `fallback`) load when first chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from precis import lazy_exports

if TYPE_CHECKING:
    from precis.summarize.engine import default_summarizer
    from precis.summarize.protocol import Summarizer
    from precis.summarize.selection import ENGINES, summarizer_for
    from precis.summarize.sentences import split_document

__all__ = ["ENGINES", "Summarizer", "default_summarizer", "split_document", "summarizer_for"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "engine": ("default_summarizer",),
        "protocol": ("Summarizer",),
        "selection": ("ENGINES", "summarizer_for"),
        "sentences": ("split_document",),
    },
)
