"""What the REST API accepts and returns: pydantic models, so the OpenAPI document writes itself.

Views are built from stored `SummaryRecord`s (or a fresh `Analysis` for POST) here, so the
route functions stay parse-call-shape and never pick fields by hand.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from precis.errors import InvalidInput
from precis.models import (
    DEFAULT_SUMMARY_SENTENCES,
    MAX_SUMMARY_SENTENCES,
    Analysis,
    EngineInfo,
    RankedSentence,
    Ranking,
)
from precis.pipeline.notifications import MAX_ARTICLE_ID_LENGTH, article_id_problem
from precis.record import Status, StoredSentence, SummaryRecord

MAX_TITLE_CHARS = 1000
MAX_ARTICLE_ID_CHARS = MAX_ARTICLE_ID_LENGTH

SentenceCount = Annotated[int, Field(ge=1, le=MAX_SUMMARY_SENTENCES)]


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


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
        summary, chosen = summary_at_length(record, sentences, default_sentences=default_sentences)
        return cls(
            article_id=record.article_id,
            status=record.status,
            title=record.title,
            summary=summary,
            summary_sentences=chosen,
            sentences=(sentences or default_sentences) if record.summary else None,
            keywords=list(record.keywords),
            language=record.language,
            word_count=record.word_count,
            sentence_count=record.sentence_count,
            reading_time_minutes=record.reading_time_minutes,
            url=record.url,
            published=record.published,
            engine=EngineView.model_validate(record.engine.model_dump()) if record.engine else None,
            error=(
                ErrorDetail(code=record.error.code, message=record.error.message)
                if record.error
                else None
            ),
            created_at=record.created_at,
            updated_at=record.updated_at,
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

    model_config = ConfigDict(extra="ignore", frozen=True, json_schema_extra=_one_body_schema)

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
        chosen = analysis.summary_sentences(sentences)
        metadata = analysis.metadata
        engine = analysis.ranking.engine
        return cls(
            title=metadata.title,
            summary=" ".join(chosen),
            summary_sentences=chosen,
            sentences=sentences,
            keywords=list(metadata.keywords),
            language=metadata.language,
            reading_time_minutes=metadata.reading_time_minutes,
            word_count=metadata.word_count,
            sentence_count=metadata.sentence_count,
            content_sha256=metadata.content_sha256,
            engine=EngineView(
                name=engine.name, version=engine.version, fallback_reason=engine.fallback_reason
            ),
        )


def check_article_id(article_id: str) -> str:
    """`article_id` when it can name an article (the ingest's rules, see `article_id_problem`).

    Raises InvalidInput(INVALID_ID) when it is empty, longer than 1024 characters, holds
    control characters or has a `.` or `..` path segment.
    """
    problem = article_id_problem(article_id)
    if problem is not None:
        raise InvalidInput(f"Invalid article id: {problem}.", code="INVALID_ID")
    return article_id


def summary_at_length(
    record: SummaryRecord,
    sentences: int | None,
    *,
    default_sentences: int = DEFAULT_SUMMARY_SENTENCES,
) -> tuple[str | None, list[str]]:
    """The summary of `record` and its sentences, `sentences` long, from the stored ranking.

    Served from `ranked_sentences` without recomputing. Without a length the stored summary
    stands (it may be abstractive) next to the default-length sentences. A record without a
    stored ranking keeps its stored summary at any length rather than inventing one.
    """
    if not record.ranked_sentences:
        return record.summary, [record.summary] if record.summary else []
    ranking = Ranking(
        ranked=tuple(_ranked(s) for s in record.ranked_sentences),
        single=_ranked(record.single_sentence) if record.single_sentence else None,
        sentence_count=record.sentence_count or len(record.ranked_sentences),
        engine=EngineInfo(
            name=record.engine.name if record.engine else "unknown",
            version=record.engine.version if record.engine else "unknown",
        ),
    )
    if sentences is None:
        chosen = [s.text for s in ranking.select(default_sentences)]
        return record.summary if record.summary is not None else " ".join(chosen), chosen
    chosen = [s.text for s in ranking.select(sentences)]
    return " ".join(chosen), chosen


def _ranked(sentence: StoredSentence) -> RankedSentence:
    return RankedSentence(position=sentence.position, text=sentence.text, score=sentence.score)
