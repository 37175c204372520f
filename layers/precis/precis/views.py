"""Every outward shape of an article, built in one place.

- `stored_record`: an `Analysis` -> the `SummaryRecord` the pipeline writes (clipped to fit
  a DynamoDB item);
- `summary_body`: an `Analysis` at a length -> the body of POST /summaries, which is also what
  `precis summarize --format json` prints;
- `object_summary_body`: the same plus where the article came from -> the answer of a direct
  invocation on an S3 object;
- `record_view`: a stored record at a length -> the body of GET /summaries/{id} (and each
  item of a listing);
- `event_detail`: a stored record -> the `detail` of its EventBridge event.

The outward shapes are plain JSON data, so the CLI prints them without loading pydantic;
`precis.api.models` describes the same shapes for validation and the OpenAPI document (a test
holds the two together).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from precis.models import DEFAULT_SUMMARY_SENTENCES, EngineInfo, RankedSentence, Ranking

if TYPE_CHECKING:
    from precis.models import Analysis
    from precis.record import SourceRef, StoredSentence, SummaryRecord

__all__ = [
    "api_path",
    "event_detail",
    "object_summary_body",
    "record_view",
    "stored_record",
    "summary_at_length",
    "summary_body",
]

JSON = dict[str, Any]


# -- an analysis (computed now)


def summary_body(
    analysis: Analysis, *, sentences: int | None = None, words: int | None = None
) -> JSON:
    """The summary of `analysis` as callers get it: `sentences` long, or within `words`.

    With a word budget, `sentences` in the body is how many sentences fit (at least one).
    """
    ranking = analysis.ranking
    if words is not None:
        chosen = ranking.select_words(words)
        length = len(chosen)
    else:
        length = DEFAULT_SUMMARY_SENTENCES if sentences is None else sentences
        chosen = ranking.select(length)
    texts = [sentence.text for sentence in chosen]
    metadata = analysis.metadata
    return {
        "title": metadata.title,
        "summary": " ".join(texts),
        "summary_sentences": texts,
        "sentences": length,
        "keywords": list(metadata.keywords),
        "language": metadata.language,
        "reading_time_minutes": metadata.reading_time_minutes,
        "word_count": metadata.word_count,
        "sentence_count": metadata.sentence_count,
        "content_sha256": metadata.content_sha256,
        "engine": _engine(ranking.engine),
    }


def object_summary_body(
    analysis: Analysis,
    *,
    sentences: int,
    article_id: str | None,
    source: Mapping[str, Any],
) -> JSON:
    """The direct invocation's answer for an S3 object: `summary_body`, its article id
    (None when the key names no article) and `source` (bucket, key, version_id, etag, size)."""
    return {
        **summary_body(analysis, sentences=sentences),
        "article_id": article_id,
        "source": dict(source),
    }


def stored_record(
    analysis: Analysis,
    *,
    article_id: str,
    source: SourceRef,
    attempt: int,
    now: str,
    summary_sentences: int,
) -> SummaryRecord:
    """The COMPLETED record of `analysis`: the whole ranking (any length is served from it)
    and the summary at `summary_sentences`, built from the sentences as stored (clipped)."""
    # pydantic loads here, not at import: the CLI shapes analyses and never stores one.
    from precis.record import (  # noqa: PLC0415
        MAX_STORED_SENTENCE_CHARS,
        EngineRef,
        Status,
        SummaryRecord,
        clip,
    )

    ranking = analysis.ranking
    metadata = analysis.metadata
    document = analysis.document
    chosen = ranking.select(summary_sentences)
    return SummaryRecord(
        article_id=article_id,
        status=Status.COMPLETED,
        title=metadata.title or None,
        summary=" ".join(clip(s.text, MAX_STORED_SENTENCE_CHARS) for s in chosen),
        ranked_sentences=[_stored(s) for s in ranking.ranked],
        single_sentence=_stored(ranking.single) if ranking.single is not None else None,
        keywords=list(metadata.keywords),
        language=metadata.language,
        word_count=metadata.word_count,
        sentence_count=metadata.sentence_count,
        reading_time_minutes=metadata.reading_time_minutes,
        content_sha256=metadata.content_sha256,
        url=document.url,
        published=document.published,
        source=source,
        engine=EngineRef(**_engine(ranking.engine)),
        attempts=attempt,
        created_at=now,
        updated_at=now,
    )


# -- a stored record


def record_view(
    record: SummaryRecord,
    *,
    sentences: int | None = None,
    default_sentences: int = DEFAULT_SUMMARY_SENTENCES,
) -> JSON:
    """The API's view of `record`, its summary `sentences` long (the stored summary when None)."""
    summary, chosen = summary_at_length(record, sentences, default_sentences=default_sentences)
    return {
        "article_id": record.article_id,
        "status": record.status.value,
        "title": record.title,
        "summary": summary,
        "summary_sentences": chosen,
        "sentences": (sentences or default_sentences) if record.summary else None,
        "keywords": list(record.keywords),
        "language": record.language,
        "word_count": record.word_count,
        "sentence_count": record.sentence_count,
        "reading_time_minutes": record.reading_time_minutes,
        "url": record.url,
        "published": record.published,
        "engine": record.engine.model_dump() if record.engine else None,
        "error": (
            {"code": record.error.code, "message": record.error.message, "request_id": None}
            if record.error
            else None
        ),
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


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


def api_path(article_id: str) -> str:
    """The API path that serves `article_id` (its `/` kept, everything else URL-quoted)."""
    return "/summaries/" + quote(article_id, safe="/")


def event_detail(record: SummaryRecord) -> JSON:
    """The EventBridge event's `detail`: what a consumer needs without calling the API."""
    source = record.source
    return {
        "article_id": record.article_id,
        "status": record.status.value,
        "title": record.title,
        "summary": record.summary,
        "error": record.error.model_dump() if record.error else None,
        "source": {
            "bucket": source.bucket if source else None,
            "key": source.key if source else None,
            "version_id": source.version_id if source else None,
        },
        "api_path": api_path(record.article_id),
        "engine": record.engine.model_dump() if record.engine else None,
        "updated_at": record.updated_at,
    }


# -- pieces


def _engine(engine: EngineInfo) -> JSON:
    return {
        "name": engine.name,
        "version": engine.version,
        "fallback_reason": engine.fallback_reason,
    }


def _stored(sentence: RankedSentence) -> StoredSentence:
    from precis.record import StoredSentence  # noqa: PLC0415 - see stored_record

    # The record clips the text to its bound.
    return StoredSentence(
        position=sentence.position, text=sentence.text, score=round(float(sentence.score), 6)
    )


def _ranked(sentence: StoredSentence) -> RankedSentence:
    return RankedSentence(position=sentence.position, text=sentence.text, score=sentence.score)
