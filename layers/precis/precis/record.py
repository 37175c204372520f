"""The stored summary record: one DynamoDB item per article (docs/architecture.md, Records)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Status(StrEnum):
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


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


class StoredSentence(_Model):
    position: int
    text: str
    score: float


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
