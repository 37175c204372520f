"""The REST resolver with Précis' HTTP conventions, so route functions only parse, call and shape.

`PrecisResolver` is Powertools' `APIGatewayRestResolver` (validation on, OpenAPI generated)
plus what every route needs and none should repeat:

- ids that contain `/` (`{article_id+}` in API Gateway) match one greedy path parameter; its
  value is API Gateway's `pathParameters` entry (decoded once by API Gateway), else the
  matched part of `path` decoded once (REST APIs deliver `path` still percent-encoded);
- request bodies are checked before validation: JSON only (415), size-capped (413), decodable;
- every response, errors and preflights included, carries `X-Request-Id` and the CORS headers
  of `precis.api.cors.CorsPolicy` (`Vary: Origin` whenever the allowed origin depends on the
  caller); every failure goes through
  `precis.api.errors.response_for` (the one mapping), with 405 for a known path and wrong method;
- `conditional_get` adds an ETag and Cache-Control to 200s and answers If-None-Match with 304.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Mapping
from re import Match, Pattern
from typing import Any, ClassVar
from urllib.parse import unquote

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.api_gateway import ResponseBuilder
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.middlewares.openapi_validation import (
    OpenAPIRequestValidationMiddleware,
)
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

from precis.api import examples
from precis.api.cors import CorsPolicy
from precis.api.errors import MethodNotAllowed, response_for
from precis.api.models import ErrorResponse
from precis.api.security import security_schemes
from precis.errors import InvalidInput, TooLarge, UnsupportedType

JSON_MEDIA_TYPE = "application/json"
REQUEST_ID_HEADER = "X-Request-Id"
EXPOSED_HEADERS = ["ETag", REQUEST_ID_HEADER, "Retry-After"]
DEFAULT_CACHE_CONTROL = "public, max-age=60"
# Schemas Powertools always adds for its own error bodies, which this API never returns.
_UNUSED_SCHEMAS = ("HTTPValidationError", "ResponseValidationError", "ValidationError")


class PrecisResolver(APIGatewayRestResolver):
    """APIGatewayRestResolver with greedy ids, body guards, request ids and one error mapping."""

    # Path parameters that may hold `/` (API Gateway's `{name+}`).
    GREEDY_PARAMS: ClassVar[frozenset[str]] = frozenset({"article_id"})

    def __init__(
        self,
        *,
        max_request_bytes: Callable[[], int],
        cors_origins: str | None = None,
        version: str = "0",
    ) -> None:
        self.cors_policy = CorsPolicy.from_setting(
            cors_origins or "", exposed_headers=tuple(EXPOSED_HEADERS)
        )
        origins = list(self.cors_policy.origins)
        # Powertools answers preflights (Allow-Methods, Allow-Headers, Max-Age); the policy
        # sets Allow-Origin and Vary on every answer, preflights included.
        cors = (
            CORSConfig(
                allow_origin=origins[0],
                extra_origins=origins[1:],
                expose_headers=EXPOSED_HEADERS,
                allow_headers=["If-None-Match"],
                max_age=600,
            )
            if origins
            else None
        )
        super().__init__(cors=cors, enable_validation=True, json_body_deserializer=_load_json)
        self._request_validation_middleware = _GuardedRequestValidation(max_request_bytes)
        self.request_id = "-"
        self.version = version
        self._document: dict[str, Any] | None = None
        self.exception_handler(Exception)(self._error_response)

    def resolve(self, event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        """The API Gateway response for `event`; never raises (a last-resort 500 instead)."""
        self.request_id = _request_id(event, context)
        try:
            return super().resolve(event, context)
        except Exception as exc:  # a malformed event fails before any route: still answer in JSON
            response = response_for(exc, request_id=self.request_id)
            response.headers[REQUEST_ID_HEADER] = self.request_id
            self.cors_policy.apply(response.headers, _origin_of(event))
            return {
                "statusCode": response.status_code,
                "headers": response.headers,
                "body": json.dumps(response.body, separators=(",", ":")),
                "isBase64Encoded": False,
            }

    def openapi_document(self) -> dict[str, Any]:
        """This API's OpenAPI document (see `openapi_document`), generated once."""
        if self._document is None:
            self._document = openapi_document(self, version=self.version)
        return self._document

    def get_openapi_json_schema(self, **_ignored: Any) -> str:
        """The same document as JSON text, for tools that ask any Powertools resolver for it."""
        return json.dumps(self.openapi_document(), indent=2, ensure_ascii=False)

    def allowed_methods(self, path: str) -> list[str]:
        """The methods some route serves at `path` (empty when no route matches it)."""
        path = self._remove_prefix(path)
        routes = self._static_routes + self._dynamic_routes
        return sorted({route.method for route in routes if route.rule.match(path)})

    @staticmethod
    def _compile_regex(rule: str, base_regex: str = "^{}/*$") -> Pattern[str]:
        # Literal parts escaped; greedy parameters span `/` but end on another character, so
        # trailing slashes stay outside in one linear pass (a lazy `.+?` before `/*$` is
        # quadratic on long runs of slashes); the others stop at `/`. Powertools passes ready
        # patterns (".*") for its internal not-found route; those stay as they are.
        if not rule.startswith("/"):
            return re.compile(base_regex.format(rule), re.DOTALL)
        parts = re.split(r"<(\w+)>", rule)
        pattern = "".join(
            re.escape(part)
            if index % 2 == 0
            else (
                f"(?P<{part}>.*[^/])"
                if part in PrecisResolver.GREEDY_PARAMS
                else f"(?P<{part}>[^/]+)"
            )
            for index, part in enumerate(parts)
        )
        return re.compile(base_regex.format(pattern), re.DOTALL)

    def _convert_matches_into_route_keys(self, match: Match[str]) -> dict[str, str]:
        given = self.current_event.path_parameters or {}
        return {
            name: given[name] if isinstance(given.get(name), str) else unquote(value)
            for name, value in match.groupdict().items()
        }

    def _build_response(self, response_builder: ResponseBuilder[Any]) -> dict[str, Any]:
        headers = response_builder.response.headers
        headers.setdefault(REQUEST_ID_HEADER, self.request_id)
        origin = self.current_event.headers.get("origin")
        self.cors_policy.apply(headers, origin if isinstance(origin, str) else None)
        return super()._build_response(response_builder)

    def _error_response(self, exc: Exception) -> Response[Any]:
        if isinstance(exc, NotFoundError):
            method = self.current_event.http_method.upper()
            allowed = self.allowed_methods(self.current_event.path)
            if allowed and method not in allowed:
                return response_for(MethodNotAllowed(method, allowed), request_id=self.request_id)
        return response_for(exc, request_id=self.request_id)


class _GuardedRequestValidation(OpenAPIRequestValidationMiddleware):
    """Powertools' request validation, preceded by the checks a body needs before parsing."""

    def __init__(self, max_request_bytes: Callable[[], int]) -> None:
        # The parent's __init__ sets nothing.
        self._max_request_bytes = max_request_bytes

    def handler(self, app: Any, next_middleware: NextMiddleware) -> Response[Any]:
        if app.context["_route"].dependant.body_params:
            _check_body(app.current_event, self._max_request_bytes())
        return super().handler(app, next_middleware)


def _check_body(event: Any, max_bytes: int) -> None:
    content_type = str(event.headers.get("content-type") or "").strip().lower()
    if content_type and not content_type.startswith(JSON_MEDIA_TYPE):
        raise UnsupportedType(
            "The request body must be JSON (Content-Type: application/json).",
            code="UNSUPPORTED_MEDIA_TYPE",
        )
    body: str = event.body or ""
    if event.is_base64_encoded:
        try:
            raw = base64.b64decode(body, validate=True)
            raw.decode("utf-8")
        except (binascii.Error, ValueError):
            raise InvalidInput(
                "The request body is not base64-encoded UTF-8.", code="INVALID_BODY"
            ) from None
        size = len(raw)
    else:
        # Characters bound bytes from below; encode only when it could matter.
        size = len(body) if len(body) * 4 <= max_bytes else len(body.encode("utf-8", "replace"))
    if size > max_bytes:
        raise TooLarge(f"The request body is larger than {max_bytes} bytes.")


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise InvalidInput("The request body is nested too deeply.", code="INVALID_BODY") from None


def _origin_of(event: Any) -> str | None:
    headers = event.get("headers") if isinstance(event, Mapping) else None
    if not isinstance(headers, Mapping):
        return None
    found = next((v for k, v in headers.items() if str(k).lower() == "origin"), None)
    return found if isinstance(found, str) else None


def _request_id(event: Mapping[str, Any], context: Any) -> str:
    request_context = event.get("requestContext") if isinstance(event, Mapping) else None
    if isinstance(request_context, Mapping) and request_context.get("requestId"):
        return str(request_context["requestId"])
    return str(getattr(context, "aws_request_id", None) or uuid.uuid4())


def etag_of(body: Any) -> str:
    """A strong ETag for a JSON body: the hash of its canonical serialization."""
    if isinstance(body, str):
        data = body
    else:
        data = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return '"' + hashlib.sha256(data.encode("utf-8")).hexdigest()[:32] + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    candidates = [c.strip().removeprefix("W/") for c in if_none_match.split(",")]
    return "*" in candidates or etag in candidates


def conditional_get(
    app: Any, next_middleware: NextMiddleware, *, cache_control: str = DEFAULT_CACHE_CONTROL
) -> Response[Any]:
    """Route middleware: ETag and Cache-Control on 200, 304 when If-None-Match matches."""
    response = next_middleware(app)
    if response.status_code != 200:
        return response
    etag = etag_of(response.body)
    headers = {"ETag": etag, "Cache-Control": cache_control}
    if_none_match = app.current_event.headers.get("if-none-match")
    if isinstance(if_none_match, str) and _matches(if_none_match, etag):
        return Response(status_code=304, body="", headers=headers)
    response.headers.update(headers)
    return response


def documented(
    description: str, model: type[Any], examples: Mapping[str, Any], **headers: str
) -> OpenAPIResponse:
    """An OpenAPI response: a JSON `model`, its named `examples` (name -> Example Object,
    see precis.api.examples.named) and headers (`Retry_After=...` is Retry-After)."""
    response = OpenAPIResponse(
        description=description,
        content={JSON_MEDIA_TYPE: {"model": model, "examples": dict(examples)}},
    )
    if headers:
        response["headers"] = {
            name.replace("_", "-"): {"description": text, "schema": {"type": "string"}}
            for name, text in headers.items()
        }
    return response


def documented_error(description: str, code: str, message: str, **headers: str) -> OpenAPIResponse:
    """An OpenAPI declaration of an error response (the ErrorResponse body), with an example."""
    example = examples.named(f"{code} error", examples.error(code, message))
    return documented(description, ErrorResponse, {code.lower(): example}, **headers)


BAD_REQUEST = documented_error(
    "INVALID_*: a parameter or the body is not valid.",
    "INVALID_SENTENCES",
    "Invalid sentences: Input should be less than or equal to 10",
)
INTERNAL_ERROR = documented_error(
    "INTERNAL: the service failed; the body holds no details.",
    "INTERNAL",
    "The service failed to handle the request.",
)
TRANSIENT_ERROR = documented_error(
    "TRANSIENT: a dependency is busy; try again.",
    "TRANSIENT",
    "A dependency is busy; try again shortly.",
    Retry_After="Seconds to wait.",
)
# API Gateway's own answers (the template's gateway responses give them the same body).
THROTTLED = documented_error(
    "THROTTLED / QUOTA_EXCEEDED: too many requests for this stage or key; answered by API Gateway.",
    "THROTTLED",
    "Too Many Requests",
)
FORBIDDEN = documented_error(
    "INVALID_API_KEY / MISSING_AUTHENTICATION_TOKEN / INVALID_SIGNATURE: the API key or the "
    "SigV4 signature is missing or wrong; answered by API Gateway.",
    "INVALID_API_KEY",
    "Forbidden",
)


def gateway_errors(security: list[dict[str, list[str]]] | None) -> dict[int, OpenAPIResponse]:
    """API Gateway's answers to an operation: 429 always, 403 when it needs a key or signature."""
    return {429: THROTTLED, **({403: FORBIDDEN} if security else {})}


NOT_MODIFIED = OpenAPIResponse(
    description="Not modified: If-None-Match holds the current ETag.",
    content={},  # no body (dropped from the document by openapi_document)
    headers={"ETag": {"description": "The current ETag.", "schema": {"type": "string"}}},
)

REQUEST_ID_DOC = {
    "description": "The request id (API Gateway's); error bodies repeat it.",
    "schema": {"type": "string"},
}


def openapi_document(app: APIGatewayRestResolver, *, version: str) -> dict[str, Any]:
    """The OpenAPI document of `app` as plain JSON data.

    Request validation errors are answered as 400 with our error body (see precis.api.errors), so
    Powertools' generic 422 "HTTPValidationError" responses and unused schemas are dropped;
    every response declares the X-Request-Id header.
    """
    schema = app.get_openapi_schema(
        title="Précis API",
        version=version,
        summary="Summaries of articles uploaded to S3, and of articles posted in the request.",
        description=(
            'Errors are JSON `{"error": {"code", "message", "request_id"}}`; every response '
            "carries an `X-Request-Id` header. Article ids may contain `/`: send each segment "
            "percent-encoded. Paths and methods outside these routes are answered by API "
            "Gateway: 403 `MISSING_AUTHENTICATION_TOKEN`, with the same error body; so are a "
            "missing or wrong API key (403) and throttling (429)."
        ),
        security_schemes=dict(security_schemes()),
    )
    document: dict[str, Any] = schema.model_dump(mode="json", by_alias=True, exclude_none=True)
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            generic = responses.get("422", {}).get("content", {}).get(JSON_MEDIA_TYPE, {})
            if generic.get("schema", {}).get("$ref", "").endswith("/HTTPValidationError"):
                del responses["422"]
            for response in responses.values():
                if response.get("content") == {}:
                    del response["content"]
                response.setdefault("headers", {})[REQUEST_ID_HEADER] = REQUEST_ID_DOC
    schemas = document.get("components", {}).get("schemas", {})
    for name in _UNUSED_SCHEMAS:
        if f'"#/components/schemas/{name}"' not in json.dumps(document):
            schemas.pop(name, None)
    return document
