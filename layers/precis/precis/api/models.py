"""What the REST API accepts and returns: pydantic models, so the OpenAPI document writes itself.

The shapes themselves are built in `precis.views` (the one mapping from an analysis or a
record to what callers see); these models describe and validate them, so the route functions
stay parse-call-shape and never pick fields by hand.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from precis.errors import InvalidInput
from precis.models import DEFAULT_SUMMARY_SENTENCES, MAX_SUMMARY_SENTENCES, Analysis
from precis.pipeline.notifications import MAX_ARTICLE_ID_LENGTH, article_id_problem
from precis.record import Status, SummaryRecord
from precis.views import record_view, summary_body

MAX_TITLE_CHARS = 1000
MAX_ARTICLE_ID_CHARS = MAX_ARTICLE_ID_LENGTH

SentenceCount = Annotated[int, Field(ge=1, le=MAX_SUMMARY_SENTENCES)]


class _View(BaseModel):
    # defer_build: a model's validator is built when first used, so a cold start pays only for
    # the views its first request needs (a GET never builds the POST models).
    model_config = ConfigDict(frozen=True, defer_build=True)


class EngineView(_View):
    name: str = Field(description="Engine that produced the summary, e.g. `extractive`.")
    version: str
    fallback_reason: str | None = Field(
        default=None, description="Why a fallback engine was used, when it was."
    )


class ErrorDetail(_View):
    code: str = Field(description="Stable machine-readable code, e.g. `NOT_FOUND`, `TOO_LARGE`.")
    message: str = Field(description="What went wrong, for people.")
    request_id: str | None = Field(
        default=None, description="The request id (also in the X-Request-Id header)."
    )


class ErrorResponse(_View):
    """Every error the API returns has this shape."""

    error: ErrorDetail


class SummaryView(_View):
    """One article's summary, or where it stands while it is being produced."""

    article_id: str
    status: Status
    title: str | None = None
    summary: str | None = Field(default=None, description="The summary at the requested length.")
    summary_sentences: list[str] = Field(
        default_factory=list, description="The summary's sentences, in article order."
    )
    sentences: int | None = Field(
        default=None, description="The summary length asked for (the default when not given)."
    )
    keywords: list[str] = Field(default_factory=list)
    language: str | None = None
    word_count: int | None = None
    sentence_count: int | None = None
    reading_time_minutes: int | None = None
    url: str | None = None
    published: str | None = None
    engine: EngineView | None = None
    error: ErrorDetail | None = Field(default=None, description="Why the article FAILED.")
    created_at: str
    updated_at: str

    @classmethod
    def from_record(
        cls,
        record: SummaryRecord,
        *,
        sentences: int | None = None,
        default_sentences: int = DEFAULT_SUMMARY_SENTENCES,
    ) -> SummaryView:
        """The view of `record`, its summary `sentences` long (the stored summary when None)."""
        return cls.model_validate(
            record_view(record, sentences=sentences, default_sentences=default_sentences)
        )


class SummaryPage(_View):
    """A page of summaries with the cursor of the next page."""

    items: list[SummaryView]
    count: int = Field(description="Number of items on this page.")
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` to get the next page; absent on the last."
    )


class HealthView(_View):
    status: Literal["ok"] = "ok"
    service: str
    version: str


def _one_body_schema(schema: dict[str, Any]) -> None:
    # What the validator enforces, in the schema: `text` xor `html`, each a string when given.
    properties = schema["properties"]
    for name in ("text", "html"):
        properties[name] = {"type": "string", "description": properties[name]["description"]}
    schema["oneOf"] = [{"required": ["text"]}, {"required": ["html"]}]


class SummarizeRequest(BaseModel):
    """An article posted for an immediate summary: exactly one of `text` or `html`."""

    model_config = ConfigDict(
        extra="ignore", frozen=True, json_schema_extra=_one_body_schema, defer_build=True
    )

    text: str | None = Field(default=None, description="Plain text (or Markdown) article.")
    html: str | None = Field(default=None, description="HTML article; boilerplate is removed.")
    title: str | None = Field(default=None, max_length=MAX_TITLE_CHARS)
    sentences: SentenceCount | None = Field(
        default=None, description="Summary length in sentences (1-10)."
    )

    @model_validator(mode="before")
    @classmethod
    def _exactly_one_body(cls, data: Any) -> Any:
        if isinstance(data, dict):
            given = [name for name in ("text", "html") if name in data]
            if len(given) != 1:
                raise ValueError("give exactly one of `text` or `html`")
            if not isinstance(data[given[0]], str):
                raise ValueError(f"`{given[0]}` must be a string")
        return data


class SummarizeResponse(_View):
    """The summary of an article computed on request, not stored (POST /summaries, direct calls)."""

    title: str | None
    summary: str
    summary_sentences: list[str]
    sentences: int
    keywords: list[str]
    language: str
    reading_time_minutes: int
    word_count: int
    sentence_count: int
    content_sha256: str = Field(description="SHA-256 of the extracted text (and title).")
    engine: EngineView

    @classmethod
    def from_analysis(cls, analysis: Analysis, *, sentences: int) -> SummarizeResponse:
        """The response for `analysis` with a summary `sentences` long."""
        return cls.model_validate(summary_body(analysis, sentences=sentences))


def check_article_id(article_id: str) -> str:
    """`article_id` when it can name an article (the ingest's rules, see `article_id_problem`).

    Raises InvalidInput(INVALID_ID) when it is empty, longer than 1024 characters, holds
    control characters or has a `.` or `..` path segment.
    """
    problem = article_id_problem(article_id)
    if problem is not None:
        raise InvalidInput(f"Invalid article id: {problem}.", code="INVALID_ID")
    return article_id
