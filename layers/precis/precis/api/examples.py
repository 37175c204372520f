"""Examples of the API's request and response bodies, for the OpenAPI document.

Swagger UI pre-fills "Try it out" with the first request example and shows the response
examples; code generators copy them into docs. Each one must be valid against its schema and
the request examples must succeed as they stand (tests/unit/api/test_openapi_examples.py).
"""

from __future__ import annotations

from typing import Any

REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
UPDATED_AT = "2026-11-26T10:00:00.000Z"
ENGINE = {"name": "extractive", "version": "1.0.0"}

_TEXT = (
    "The city council approved a new budget for the harbour on Monday. The plan funds repairs "
    "to the old pier and a new ferry stop. Work starts in the spring and should end before the "
    "summer festival. Traders said the repairs were long overdue. The council will publish the "
    "contracts next month."
)
_SUMMARY_SENTENCES = [
    "The city council approved a new budget for the harbour on Monday.",
    "The plan funds repairs to the old pier and a new ferry stop.",
]

SUMMARIZE_TEXT: dict[str, Any] = {
    "text": _TEXT,
    "title": "Harbour repairs approved",
    "sentences": 2,
}
SUMMARIZE_HTML: dict[str, Any] = {
    "html": (
        "<html><head><title>Harbour repairs approved</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Harbour repairs approved</h1><p>{_TEXT}</p></article></body></html>"
    ),
    "sentences": 2,
}

SUMMARIZE_RESPONSE: dict[str, Any] = {
    "title": "Harbour repairs approved",
    "summary": " ".join(_SUMMARY_SENTENCES),
    "summary_sentences": _SUMMARY_SENTENCES,
    "sentences": 2,
    "keywords": ["repairs", "council", "harbour", "city", "approved"],
    "language": "en",
    "reading_time_minutes": 1,
    "word_count": 52,
    "sentence_count": 5,
    "content_sha256": "9f2c1e0b7a4d4f6e8b3a2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f",
    "engine": ENGINE,
}

COMPLETED_SUMMARY: dict[str, Any] = {
    "article_id": "world/harbour-repairs",
    "status": "COMPLETED",
    "title": "Harbour repairs approved",
    "summary": " ".join(_SUMMARY_SENTENCES),
    "summary_sentences": _SUMMARY_SENTENCES,
    "sentences": 2,
    "keywords": ["repairs", "council", "harbour", "city", "approved"],
    "language": "en",
    "word_count": 52,
    "sentence_count": 5,
    "reading_time_minutes": 1,
    "engine": ENGINE,
    "created_at": "2026-11-26T09:59:58.000Z",
    "updated_at": UPDATED_AT,
}

PENDING_SUMMARY: dict[str, Any] = {
    "article_id": "world/harbour-repairs",
    "status": "PROCESSING",
    "created_at": "2026-11-26T09:59:58.000Z",
    "updated_at": UPDATED_AT,
}

SUMMARY_PAGE: dict[str, Any] = {
    "items": [COMPLETED_SUMMARY],
    "count": 1,
    "next_cursor": "eyJrIjoid29ybGQvaGFyYm91ci1yZXBhaXJzIn0.3q2-7w",
}

HEALTH: dict[str, Any] = {"status": "ok", "service": "precis", "version": "1.0.0"}


def error(code: str, message: str) -> dict[str, Any]:
    """The error body the API answers with for `code`."""
    return {"error": {"code": code, "message": message, "request_id": REQUEST_ID}}


def named(summary: str, value: Any) -> dict[str, Any]:
    """One OpenAPI Example Object."""
    return {"summary": summary, "value": value}
