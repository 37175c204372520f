"""The stored summary record: one DynamoDB item per article (docs/architecture.md, Records).

Every text field is bounded here, whatever the caller passes, so that any record fits
DynamoDB's 400 KB item limit: at most 10 ranked sentences + the single one + the summary of
at most MAX_SUMMARY_CHARS, each sentence at most MAX_STORED_SENTENCE_CHARS, at most
MAX_KEYWORDS short keywords. Worst case, 4 bytes a character: about 190 KB.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024
MAX_STORED_SENTENCE_CHARS = 2000
MAX_STORED_SENTENCES = 10
MAX_SUMMARY_CHARS = 20_000
MAX_TITLE_CHARS = 500
MAX_KEYWORDS = 20
MAX_KEYWORD_CHARS = 64
MAX_URL_CHARS = 2048
MAX_ERROR_MESSAGE_CHARS = 500


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a space when one is near, marked with `…`."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


class Status(StrEnum):
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class _Model(BaseModel):
    # defer_build: validators are built on first use, not when a handler imports this module.
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)


@dataclass(frozen=True, slots=True)
class ListedObject:
    """The current version of one object, as the bucket listing reports it (a backfill's
    input; the S3 adapter builds it, the pipeline decides on it)."""

    key: str
    version_id: str | None
    etag: str | None
    size: int | None = None
    last_modified: datetime | None = None


class SourceRef(_Model):
    bucket: str
    key: str
    version_id: str | None = None
    etag: str | None = None
    size: int | None = None
    content_type: str | None = None
    sequencer: str | None = None
    last_modified: str | None = None
    # sha256 of the object's bytes: an identical re-upload reuses the stored summary.
    sha256: str | None = None


class EngineRef(_Model):
    name: str
    version: str
    fallback_reason: str | None = None


class ErrorInfo(_Model):
    code: str
    message: str

    @field_validator("message")
    @classmethod
    def _bounded_message(cls, value: str) -> str:
        return clip(value, MAX_ERROR_MESSAGE_CHARS)


class StoredSentence(_Model):
    position: int
    text: str
    score: float

    @field_validator("text")
    @classmethod
    def _bounded_text(cls, value: str) -> str:
        return clip(value, MAX_STORED_SENTENCE_CHARS)


class SummaryRecord(_Model):
    article_id: str
    status: Status
    title: str | None = None
    summary: str | None = None
    ranked_sentences: list[StoredSentence] = Field(default_factory=list)
    single_sentence: StoredSentence | None = None
    keywords: list[str] = Field(default_factory=list)
    language: str | None = None
    word_count: int | None = None
    sentence_count: int | None = None
    reading_time_minutes: int | None = None
    content_sha256: str | None = None
    url: str | None = None
    published: str | None = None
    source: SourceRef | None = None
    engine: EngineRef | None = None
    error: ErrorInfo | None = None
    attempts: int = 0
    created_at: str
    updated_at: str
    processing_ms: int | None = None
    # How many times the summarize function wrote this item (duplicates and stale events
    # write nothing, so the load test can prove that no event was applied twice).
    revision: int = 0

    @field_validator("title")
    @classmethod
    def _bounded_title(cls, value: str | None) -> str | None:
        return None if value is None else clip(value, MAX_TITLE_CHARS)

    @field_validator("summary")
    @classmethod
    def _bounded_summary(cls, value: str | None) -> str | None:
        return None if value is None else clip(value, MAX_SUMMARY_CHARS)

    @field_validator("url")
    @classmethod
    def _bounded_url(cls, value: str | None) -> str | None:
        # A longer URL is no link anyone can follow: dropped rather than cut.
        return value if value is None or len(value) <= MAX_URL_CHARS else None

    @field_validator("ranked_sentences")
    @classmethod
    def _bounded_ranking(cls, value: list[StoredSentence]) -> list[StoredSentence]:
        return value[:MAX_STORED_SENTENCES]

    @field_validator("keywords")
    @classmethod
    def _bounded_keywords(cls, value: list[str]) -> list[str]:
        # A "keyword" longer than a word (an unbroken run of letters) says nothing.
        return [k for k in value if len(k) <= MAX_KEYWORD_CHARS][:MAX_KEYWORDS]
