"""Which summarizer the service uses by default."""

from __future__ import annotations

from functools import cache

from precis.summarize.extractive import ExtractiveSummarizer
from precis.summarize.protocol import Summarizer


@cache
def default_summarizer() -> Summarizer:
    """The extractive engine, built once per process."""
    return ExtractiveSummarizer()
