"""The REST API: resolver, error mapping, request/response models, signed cursors.

Powertools and pydantic load when a name is first used, not when this package is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from precis import lazy_exports

if TYPE_CHECKING:
    from precis.api.cursor import MAX_CURSOR_CHARS, cursor_secret, decode_cursor, encode_cursor
    from precis.api.errors import MethodNotAllowed, response_for
    from precis.api.models import (
        MAX_ARTICLE_ID_CHARS,
        ErrorResponse,
        HealthView,
        SentenceCount,
        SummarizeRequest,
        SummarizeResponse,
        SummaryPage,
        SummaryView,
        check_article_id,
    )
    from precis.api.resolver import (
        BAD_REQUEST,
        INTERNAL_ERROR,
        NOT_MODIFIED,
        TRANSIENT_ERROR,
        PrecisResolver,
        conditional_get,
        documented,
        documented_error,
        gateway_errors,
        openapi_document,
    )
    from precis.api.security import security_for
    from precis.api.widget import WIDGET_MEDIA_TYPE, WIDGET_RESPONSE, widget_caching, widget_script

__all__ = [
    "BAD_REQUEST",
    "INTERNAL_ERROR",
    "MAX_ARTICLE_ID_CHARS",
    "MAX_CURSOR_CHARS",
    "NOT_MODIFIED",
    "TRANSIENT_ERROR",
    "WIDGET_MEDIA_TYPE",
    "WIDGET_RESPONSE",
    "ErrorResponse",
    "HealthView",
    "MethodNotAllowed",
    "PrecisResolver",
    "SentenceCount",
    "SummarizeRequest",
    "SummarizeResponse",
    "SummaryPage",
    "SummaryView",
    "check_article_id",
    "conditional_get",
    "cursor_secret",
    "decode_cursor",
    "documented",
    "documented_error",
    "encode_cursor",
    "gateway_errors",
    "openapi_document",
    "response_for",
    "security_for",
    "widget_caching",
    "widget_script",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "resolver": (
            "BAD_REQUEST",
            "INTERNAL_ERROR",
            "NOT_MODIFIED",
            "TRANSIENT_ERROR",
            "PrecisResolver",
            "conditional_get",
            "documented",
            "documented_error",
            "gateway_errors",
            "openapi_document",
        ),
        "errors": ("MethodNotAllowed", "response_for"),
        "models": (
            "MAX_ARTICLE_ID_CHARS",
            "ErrorResponse",
            "HealthView",
            "SentenceCount",
            "SummarizeRequest",
            "SummarizeResponse",
            "SummaryPage",
            "SummaryView",
            "check_article_id",
        ),
        "cursor": ("MAX_CURSOR_CHARS", "cursor_secret", "decode_cursor", "encode_cursor"),
        "security": ("security_for",),
        "widget": ("WIDGET_MEDIA_TYPE", "WIDGET_RESPONSE", "widget_caching", "widget_script"),
    },
)
