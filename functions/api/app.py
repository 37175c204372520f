"""The REST API: read summaries from the table, summarize posted articles in the request.

Parse, call, shape: validation, error bodies, ETags and request ids live in `precis.api.resolver`
and `precis.api.errors`; views in `precis.api.models`; records in `precis.store`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Depends, Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

import precis
from precis.api import (
    BAD_REQUEST,
    INTERNAL_ERROR,
    MAX_ARTICLE_ID_CHARS,
    MAX_CURSOR_CHARS,
    NOT_MODIFIED,
    TRANSIENT_ERROR,
    WIDGET_MEDIA_TYPE,
    WIDGET_RESPONSE,
    HealthView,
    PrecisResolver,
    SentenceCount,
    SummarizeRequest,
    SummarizeResponse,
    SummaryPage,
    SummaryView,
    check_article_id,
    conditional_get,
    cursor_secret,
    decode_cursor,
    documented,
    documented_error,
    encode_cursor,
    examples,
    gateway_errors,
    security_for,
    widget_caching,
    widget_script,
)
from precis.config import Settings
from precis.errors import NotFound
from precis.observability import logger, metrics
from precis.record import Status
from precis.store import SummaryStore, get_store


class Collaborators:
    """The composition root: the settings, read once, and the store, made on the first read
    (no AWS client at init). One per process; tests load the module afresh or override
    `summary_store` through `app.dependency_overrides`."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings if settings is not None else Settings.from_env()

    @cached_property
    def store(self) -> SummaryStore:
        return get_store(self.settings)


collaborators = Collaborators()
app = PrecisResolver(
    max_request_bytes=lambda: collaborators.settings.max_request_bytes,
    cors_origins=collaborators.settings.cors_origins,
    version=precis.__version__,
)

JSON = content_types.APPLICATION_JSON
MAX_PAGE_SIZE = 100
PENDING = {Status.PENDING, Status.PROCESSING}
READ_SECURITY = security_for(collaborators.settings.read_auth)
WRITE_SECURITY = security_for(collaborators.settings.write_auth)


def _size(limit: int) -> str:
    """`limit` bytes for people: 262144 -> "256 KiB"."""
    for unit, factor in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if limit >= factor and limit % factor == 0:
            return f"{limit // factor} {unit}"
    return f"{limit} bytes"


MAX_BODY = _size(collaborators.settings.max_request_bytes)


def summary_store() -> SummaryStore:
    """The store the routes read (its client is created on the first read, not at init).

    Tests put a fake in its place through `app.dependency_overrides`.
    """
    return collaborators.store


@app.get(
    "/health",
    summary="Liveness check",
    tags=["meta"],
    responses={
        200: documented(
            "The function is up.", HealthView, {"up": examples.named("Up", examples.HEALTH)}
        ),
        500: INTERNAL_ERROR,
        **gateway_errors(None),
    },
)
def health() -> HealthView:
    """The service name and version; no dependency is called."""
    return HealthView(service=collaborators.settings.service_name, version=precis.__version__)


@app.get(
    "/summaries/<article_id>",
    summary="The summary of one article",
    description=(
        "`article_id` is the object key under `articles/` without its extension and may contain "
        "`/`. 200 with the summary (or `status: FAILED` and its error); 202 while PENDING or "
        "PROCESSING; 304 when If-None-Match holds the current ETag."
    ),
    tags=["summaries"],
    responses={
        200: documented(
            "COMPLETED (or FAILED, with `error`).",
            SummaryView,
            {"completed": examples.named("A completed summary", examples.COMPLETED_SUMMARY)},
            ETag="Hash of the body; send it back in If-None-Match.",
            Cache_Control="How long the summary may be cached.",
        ),
        202: documented(
            "Still PENDING or PROCESSING; ask again shortly.",
            SummaryView,
            {"processing": examples.named("Being summarized", examples.PENDING_SUMMARY)},
            Retry_After="Seconds to wait before asking again.",
        ),
        304: NOT_MODIFIED,
        400: BAD_REQUEST,
        404: documented_error(
            "NOT_FOUND: no such article (or it was deleted).",
            "NOT_FOUND",
            "No summary for this article id.",
        ),
        500: INTERNAL_ERROR,
        503: TRANSIENT_ERROR,
        **gateway_errors(READ_SECURITY),
    },
    middlewares=[conditional_get],
    security=READ_SECURITY,
)
def get_summary(
    article_id: Annotated[
        str, Path(min_length=1, max_length=MAX_ARTICLE_ID_CHARS, description="Article id.")
    ],
    store: Annotated[SummaryStore, Depends(summary_store)],
    sentences: Annotated[
        SentenceCount | None, Query(description="Summary length in sentences (1-10).")
    ] = None,
) -> Response[SummaryView]:
    """The article's summary at the asked length, or where it stands.

    Raises InvalidInput(INVALID_ID), NotFound, TransientError.
    """
    record = store.get(check_article_id(article_id))
    if record is None:
        raise NotFound("No summary for this article id.")
    view = SummaryView.from_record(
        record,
        sentences=sentences,
        default_sentences=collaborators.settings.default_summary_sentences,
    )
    if record.status in PENDING:
        return Response(
            status_code=202,
            content_type=JSON,
            body=view,
            headers={"Retry-After": "2", "Cache-Control": "no-store"},
        )
    return Response(status_code=200, content_type=JSON, body=view)


@app.get(
    "/summaries",
    summary="A page of summaries by status",
    description="Newest first. Pass `next_cursor` back as `cursor` for the next page.",
    tags=["summaries"],
    responses={
        200: documented(
            "A page of summaries.",
            SummaryPage,
            {
                "page": examples.named(
                    "One summary and the next page's cursor", examples.SUMMARY_PAGE
                )
            },
        ),
        400: BAD_REQUEST,
        500: INTERNAL_ERROR,
        503: TRANSIENT_ERROR,
        **gateway_errors(READ_SECURITY),
    },
    security=READ_SECURITY,
)
def list_summaries(
    store: Annotated[SummaryStore, Depends(summary_store)],
    status: Annotated[Status, Query(description="Which summaries to list.")] = Status.COMPLETED,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size.")] = 20,
    cursor: Annotated[
        str | None, Query(max_length=MAX_CURSOR_CHARS, description="Opaque `next_cursor`.")
    ] = None,
) -> SummaryPage:
    """One page of the listing and the cursor of the next.

    Raises InvalidInput(INVALID_CURSOR), TransientError.
    """
    secret = cursor_secret(collaborators.settings.cursor_secret)
    start = decode_cursor(cursor, secret=secret, scope=status) if cursor is not None else None
    records, position = store.list_by_status(status, limit=limit, start=start)
    default_sentences = collaborators.settings.default_summary_sentences
    return SummaryPage(
        items=[SummaryView.from_record(r, default_sentences=default_sentences) for r in records],
        count=len(records),
        next_cursor=encode_cursor(position, secret=secret, scope=status) if position else None,
    )


@app.post(
    "/summaries",
    summary="Summarize a posted article (not stored)",
    description=(
        f"Exactly one of `text` or `html`. The request body may be at most {MAX_BODY}; a larger "
        "one is answered with 413 `TOO_LARGE`."
    ),
    tags=["summaries"],
    responses={
        200: documented(
            "The summary of the posted article.",
            SummarizeResponse,
            {
                "summary": examples.named(
                    "The summary of the example text", examples.SUMMARIZE_RESPONSE
                )
            },
        ),
        400: BAD_REQUEST,
        413: documented_error(
            f"TOO_LARGE: the request body is larger than {MAX_BODY}.",
            "TOO_LARGE",
            f"The request body is larger than {collaborators.settings.max_request_bytes} bytes.",
        ),
        415: documented_error(
            "UNSUPPORTED_MEDIA_TYPE: the body is not JSON.",
            "UNSUPPORTED_MEDIA_TYPE",
            "The request body must be JSON (Content-Type: application/json).",
        ),
        422: documented_error(
            "EMPTY / MALFORMED: the article has nothing to summarize.",
            "EMPTY",
            "The article has no text to summarize.",
        ),
        500: INTERNAL_ERROR,
        **gateway_errors(WRITE_SECURITY),
    },
    security=WRITE_SECURITY,
)
def summarize_article(
    request: Annotated[
        SummarizeRequest,
        Body(
            openapi_examples={
                "text": examples.named("A plain-text article", examples.SUMMARIZE_TEXT),
                "html": examples.named("An HTML page", examples.SUMMARIZE_HTML),
            }
        ),
    ],
) -> SummarizeResponse:
    """The summary of the posted article, computed now and not stored.

    Raises EmptyDocument, MalformedDocument (422); body checks raise before this runs.
    """
    # The domain loads on the first POST: reads never pay for it at cold start.
    from precis.analyze import analyze_text  # noqa: PLC0415

    if request.html is not None:
        analysis = analyze_text(request.html, fmt="html", title=request.title)
    else:
        analysis = analyze_text(request.text or "", fmt="txt", title=request.title)
    sentences = request.sentences or collaborators.settings.default_summary_sentences
    return SummarizeResponse.from_analysis(analysis, sentences=sentences)


@app.get(
    "/widget.js",
    summary="The reader's summary widget",
    description=(
        "The script a publisher adds to an article page next to "
        '`<div data-precis-article="{article_id}">`; it calls GET /summaries/{article_id} from '
        "the page (CorsOrigins must allow the page's origin). Always public."
    ),
    tags=["widget"],
    responses={
        200: WIDGET_RESPONSE,
        304: NOT_MODIFIED,
        500: INTERNAL_ERROR,
        **gateway_errors(None),
    },
    middlewares=[widget_caching],
)
def widget() -> Response[str]:
    """The widget's JavaScript, with an ETag and a day-long Cache-Control."""
    return Response(status_code=200, content_type=WIDGET_MEDIA_TYPE, body=widget_script())


@app.get("/openapi.json", include_in_schema=False)
def openapi() -> Response[Any]:
    """The OpenAPI document (also committed as docs/openapi.json)."""
    return Response(status_code=200, content_type=JSON, body=api_document())


def api_document() -> dict[str, Any]:
    """The OpenAPI document of this API (generated once per process)."""
    return app.openapi_document()


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """The API Gateway proxy response for `event`; never raises (errors are JSON bodies)."""
    return app.resolve(event, context)
