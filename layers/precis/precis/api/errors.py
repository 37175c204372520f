"""The one place where failures become HTTP responses: `{"error": {code, message, request_id}}`.

Typed `PrecisError`s carry their own status and code; request validation errors from the
resolver become 400 INVALID_<FIELD> with a readable message (never pydantic's raw list);
anything else is a 500 INTERNAL whose body and log line hold neither a stack trace nor any
part of the request (article text must not leak).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)

from precis.api.models import ErrorDetail, ErrorResponse
from precis.errors import (
    InvalidInput,
    NotFound,
    PrecisError,
    TransientError,
    UnsupportedType,
    loggable_fields,
)

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 300

# Request fields whose validation failures have their own code; others are INVALID_INPUT.
FIELD_CODES: dict[tuple[str, ...], str] = {
    ("query", "sentences"): "INVALID_SENTENCES",
    ("query", "limit"): "INVALID_LIMIT",
    ("query", "status"): "INVALID_STATUS",
    ("query", "cursor"): "INVALID_CURSOR",
    ("path", "article_id"): "INVALID_ID",
}


class MethodNotAllowed(PrecisError):
    """The path exists but not for this method."""

    code = "METHOD_NOT_ALLOWED"
    http_status = 405

    def __init__(self, method: str, allowed: Sequence[str]) -> None:
        super().__init__(f"{method} is not allowed here; use {', '.join(allowed)}.")
        self.allowed = tuple(allowed)


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    request_id: str | None,
    headers: Mapping[str, str] | None = None,
) -> Response[dict[str, Any]]:
    """The JSON error response every failure of the API is returned as."""
    body = ErrorResponse(
        error=ErrorDetail(code=code, message=message[:MAX_MESSAGE_CHARS], request_id=request_id)
    )
    return Response(
        status_code=status,
        content_type=content_types.APPLICATION_JSON,
        body=body.model_dump(mode="json"),
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def response_for(exc: Exception, *, request_id: str | None) -> Response[dict[str, Any]]:
    """The error response for any exception a route (or the resolver) raised."""
    if isinstance(exc, RequestValidationError) and not _is_response_error(exc):
        exc = invalid_input_from(exc.errors())
    elif isinstance(exc, RequestUnsupportedContentType):
        exc = UnsupportedType(
            "The request body must be JSON (Content-Type: application/json).",
            code="UNSUPPORTED_MEDIA_TYPE",
        )
    elif isinstance(exc, NotFoundError):
        exc = NotFound("No such resource.")

    if isinstance(exc, PrecisError):
        headers = {"Allow": ", ".join(exc.allowed)} if isinstance(exc, MethodNotAllowed) else {}
        if exc.retryable:
            headers["Retry-After"] = "1"
        status = exc.http_status
        if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
            logger.error("request failed", extra={"error_code": exc.code, "status": status})
        # Which dependency timed out, or what broke, is ours to know (the log line has the code).
        code = exc.code
        if isinstance(exc, TransientError):
            code = TransientError.code
        elif status >= HTTPStatus.INTERNAL_SERVER_ERROR:
            code = "INTERNAL"
        return error_response(
            status, code, _public_message(exc), request_id=request_id, headers=headers
        )

    fields = loggable_fields(exc)
    if isinstance(exc, RequestValidationError):
        fields["error_type"] = "ResponseValidationError"
    logger.error("unhandled error", extra=fields)
    return error_response(
        HTTPStatus.INTERNAL_SERVER_ERROR,
        "INTERNAL",
        "The service failed to handle the request.",
        request_id=request_id,
    )


def _is_response_error(exc: RequestValidationError) -> bool:
    # Powertools reports a route's invalid *response* as a RequestValidationError located
    # at ("response", ...): that is our bug (a 500), not the caller's.
    return any(tuple(error.get("loc", ()))[:1] == ("response",) for error in exc.errors())


def invalid_input_from(errors: Sequence[Any]) -> InvalidInput:
    """One InvalidInput for the resolver's validation errors, coded by the first bad field."""
    first: Mapping[str, Any] = errors[0] if errors else {}
    location = tuple(str(part) for part in first.get("loc", ()))
    field = ".".join(location[1:])
    if location[:1] == ("body",):
        return InvalidInput(_describe_body(first, field), code="INVALID_BODY")
    code = FIELD_CODES.get(location[:2], "INVALID_INPUT")
    return InvalidInput(f"Invalid {field or 'request'}: {_describe(first, field)}", code=code)


def _describe_body(error: Mapping[str, Any], field: str) -> str:
    kind = error.get("type")
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    if not field and kind == "missing":
        return "The request body is required: a JSON object with `text` or `html`."
    if not field and kind in {"model_attributes_type", "dict_type", "model_type"}:
        return "The request body must be a JSON object."
    where = f" `{field}`" if field else ""
    return f"Invalid request body{where}: {_describe(error, field)}"


def _describe(error: Mapping[str, Any], field: str) -> str:
    # pydantic's messages name the rule, not the input ("Input should be less than or equal to 10").
    message = str(error.get("msg") or error.get("type") or "invalid value")
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    if error.get("type") == "missing":
        message = f"{field} is required"
    return message


def _public_message(exc: PrecisError) -> str:
    if isinstance(exc, TransientError):
        return "A dependency is busy; try again shortly."
    if exc.http_status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return "The service failed to handle the request."
    return exc.message
