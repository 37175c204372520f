"""Direct invocation of the summarize function (Step Functions, other Lambdas).

`{"text": ..., "title"?, "format"?, "sentences"?}` (or `"html"` instead of `"text"`) and
`{"bucket": ..., "key": ..., "version_id"?, "sentences"?}` return the summary JSON (the body
of POST /summaries, see `precis.views`); nothing is stored. Errors are raised as typed
`PrecisError`s, so a state machine can `Catch` them by name (`EmptyDocument`, `TooLarge`, ...)
and `Retry` on `TransientError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from precis.errors import InvalidInput, TooLarge
from precis.models import MAX_SUMMARY_SENTENCES
from precis.views import object_summary_body, summary_body

if TYPE_CHECKING:
    from precis.aws.s3 import S3Reader
    from precis.config import Settings
    from precis.summarize.protocol import Summarizer

TEXT_FORMATS = ("txt", "md", "html", "json")


def is_sqs_batch(event: object) -> bool:
    """True for an SQS event source batch; anything else is a direct invocation."""
    return isinstance(event, Mapping) and isinstance(event.get("Records"), list)


def summarize_payload(
    payload: Mapping[str, Any],
    *,
    settings: Settings,
    reader: S3Reader | None = None,
    summarizer: Summarizer | None = None,
) -> dict[str, Any]:
    """The summary JSON of a direct-invocation payload.

    Raises InvalidInput (INVALID_PAYLOAD, INVALID_SENTENCES), the extraction errors
    (UnsupportedType, EmptyDocument, MalformedDocument, TooLarge), NotFound, TransientError.
    """
    if not isinstance(payload, Mapping):
        raise InvalidInput("the payload must be a JSON object", code="INVALID_PAYLOAD")
    sentences = _sentences(payload.get("sentences"), settings.default_summary_sentences)
    if "text" in payload or "html" in payload:
        return _summarize_text(payload, settings, sentences, summarizer)
    if "bucket" in payload and "key" in payload:
        return _summarize_object(payload, settings, sentences, reader, summarizer)
    raise InvalidInput(
        "expected {'text': ...} or {'bucket': ..., 'key': ...}", code="INVALID_PAYLOAD"
    )


def _summarize_text(
    payload: Mapping[str, Any],
    settings: Settings,
    sentences: int,
    summarizer: Summarizer | None,
) -> dict[str, Any]:
    from precis.analyze import analyze_text  # noqa: PLC0415

    if "html" in payload:
        text, fmt = payload["html"], "html"
    else:
        text, fmt = payload["text"], payload.get("format") or "txt"
    if not isinstance(text, str):
        raise InvalidInput("'text' (or 'html') must be a string", code="INVALID_PAYLOAD")
    if fmt not in TEXT_FORMATS:
        raise InvalidInput(
            f"'format' must be one of {', '.join(TEXT_FORMATS)}", code="INVALID_PAYLOAD"
        )
    title = payload.get("title")
    if title is not None and not isinstance(title, str):
        raise InvalidInput("'title' must be a string", code="INVALID_PAYLOAD")
    size = len(text.encode("utf-8", errors="replace"))
    if size > settings.max_article_bytes:
        raise TooLarge(f"text is {size} bytes, the limit is {settings.max_article_bytes}")
    analysis = analyze_text(text, fmt=fmt, title=title, summarizer=summarizer)
    return summary_body(analysis, sentences=sentences)


def _summarize_object(
    payload: Mapping[str, Any],
    settings: Settings,
    sentences: int,
    reader: S3Reader | None,
    summarizer: Summarizer | None,
) -> dict[str, Any]:
    from precis.analyze import analyze_bytes  # noqa: PLC0415
    from precis.aws.s3 import S3Reader  # noqa: PLC0415
    from precis.pipeline.notifications import InvalidKey, article_id_for_key  # noqa: PLC0415

    bucket, key, version_id = payload["bucket"], payload["key"], payload.get("version_id")
    if not isinstance(bucket, str) or not isinstance(key, str) or not bucket or not key:
        raise InvalidInput("'bucket' and 'key' must be non-empty strings", code="INVALID_PAYLOAD")
    if version_id is not None and not isinstance(version_id, str):
        raise InvalidInput("'version_id' must be a string", code="INVALID_PAYLOAD")
    reader = reader or S3Reader()
    head = reader.head(bucket, key, version_id=version_id)
    obj = reader.read(head, max_bytes=settings.max_article_bytes)
    analysis = analyze_bytes(
        obj.body,
        filename=key,
        content_type=head.content_type,
        max_bytes=settings.max_article_bytes,
        summarizer=summarizer,
    )
    try:
        article_id = article_id_for_key(key, settings.articles_prefix)
    except InvalidKey:
        article_id = None
    source = {
        "bucket": bucket,
        "key": key,
        "version_id": head.version_id,
        "etag": head.etag,
        "size": head.size,
    }
    return object_summary_body(analysis, sentences=sentences, article_id=article_id, source=source)


def _sentences(value: object, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("'sentences' must be an integer", code="INVALID_SENTENCES")
    if not 1 <= value <= MAX_SUMMARY_SENTENCES:
        raise InvalidInput(
            f"'sentences' must be between 1 and {MAX_SUMMARY_SENTENCES}", code="INVALID_SENTENCES"
        )
    return value
