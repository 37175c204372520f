"""The pipeline: S3 notifications in, ingest (extract, summarize, store, announce), direct calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from precis import lazy_exports

if TYPE_CHECKING:
    from precis.pipeline.direct import is_sqs_batch, summarize_payload
    from precis.pipeline.ingestor import Ingestor, Outcome, default_summarizer_for
    from precis.pipeline.notifications import (
        MAX_ARTICLE_ID_LENGTH,
        InvalidKey,
        MalformedEvent,
        ObjectEvent,
        article_id_for_key,
        article_id_problem,
        order_token,
        parse_message,
    )

__all__ = [
    "MAX_ARTICLE_ID_LENGTH",
    "Ingestor",
    "InvalidKey",
    "MalformedEvent",
    "ObjectEvent",
    "Outcome",
    "article_id_for_key",
    "article_id_problem",
    "default_summarizer_for",
    "is_sqs_batch",
    "order_token",
    "parse_message",
    "summarize_payload",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "ingestor": ("Ingestor", "Outcome", "default_summarizer_for"),
        "notifications": (
            "InvalidKey",
            "MalformedEvent",
            "ObjectEvent",
            "article_id_for_key",
            "article_id_problem",
            "order_token",
            "parse_message",
            "MAX_ARTICLE_ID_LENGTH",
        ),
        "direct": ("is_sqs_batch", "summarize_payload"),
    },
)
