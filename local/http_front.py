"""An HTTP front that does what API Gateway (REST, Lambda proxy) does for the API function.

Each request becomes an API Gateway REST proxy event (resource and path parameters from the
template's routes, greedy `{name+}` included; query strings and headers in single and
multi-value form; requestContext with a request id) and the function's proxy response is
written back (base64 bodies decoded). Unknown routes get API Gateway's own answer: 403
`Missing Authentication Token`, a body over the payload limit 413, a failed function 502, each
shaped by the template's gateway responses (local.gateway). `/openapi.json` serves the API's
OpenAPI document, `/docs` Swagger UI over it, from the copy that Powertools ships (offline, no
CDN), and `/favicon.ico` a quiet 204 so that no page the stack serves logs a failed request.
Other GET paths no route serves may be answered by `pages` (the demo article pages).
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from local import gateway
from local.gateway import GatewayError, GatewayResponse

logger = logging.getLogger("precis.local.http")
MAX_PAYLOAD_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit
_PARAM = re.compile(r"\{([^}/]+?)(\+?)\}")
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/x-www-form")


@dataclass(frozen=True)
class HttpRoute:
    """A REST resource (`/summaries/{article_id+}`), its method (or ANY) and its target."""

    method: str
    resource: str
    target: str

    def pattern(self) -> re.Pattern[str]:
        regex = ""
        position = 0
        for match in _PARAM.finditer(self.resource):
            regex += re.escape(self.resource[position : match.start()])
            name, greedy = match.group(1), match.group(2)
            regex += f"(?P<{name}>.+)" if greedy else f"(?P<{name}>[^/]+)"
            position = match.end()
        regex += re.escape(self.resource[position:])
        return re.compile(f"^{regex}/?$" if regex != "/" else "^/$", re.DOTALL)

    def specificity(self) -> tuple[int, int, int]:
        params = _PARAM.findall(self.resource)
        greedy = sum(1 for _, plus in params if plus)
        # API Gateway prefers literal segments over variables, and variables over greedy ones.
        return (greedy, len(params), -len(self.resource))


def match_route(
    routes: list[HttpRoute], method: str, path: str
) -> tuple[HttpRoute, dict[str, str]] | None:
    """The most specific route for `method` and the (decoded) `path`, with its parameters."""
    for route in sorted(routes, key=HttpRoute.specificity):
        if route.method not in (method, "ANY"):
            continue
        found = route.pattern().match(path)
        if found:
            return route, {k: v for k, v in found.groupdict().items() if v is not None}
    return None


def build_proxy_event(
    *,
    route: HttpRoute,
    path_parameters: dict[str, str],
    method: str,
    raw_path: str,
    query: str,
    headers: list[tuple[str, str]],
    body: bytes,
    stage: str,
    source_ip: str = "127.0.0.1",
    request_id: str | None = None,
    binary_media_types: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The API Gateway REST (v1) Lambda proxy event for one request."""
    path = unquote(raw_path)
    single_headers: dict[str, str] = {}
    multi_headers: dict[str, list[str]] = {}
    for name, value in headers:
        single_headers[name] = value
        multi_headers.setdefault(name, []).append(value)
    pairs = parse_qsl(query, keep_blank_values=True)
    single_query: dict[str, str] = {}
    multi_query: dict[str, list[str]] = {}
    for name, value in pairs:
        single_query[name] = value
        multi_query.setdefault(name, []).append(value)
    content_type = next(
        (value for name, value in headers if name.lower() == "content-type"), ""
    ).lower()
    text_body: str | None = None
    is_base64 = False
    if body:
        binary = any(content_type.startswith(t) for t in binary_media_types if t)
        if not binary:
            try:
                text_body = body.decode("utf-8")
            except UnicodeDecodeError:
                binary = True
        if binary:
            text_body = base64.b64encode(body).decode("ascii")
            is_base64 = True
    request_id = request_id or str(uuid.uuid4())
    now = datetime.now(UTC)
    user_agent = single_headers.get("User-Agent") or single_headers.get("user-agent")
    host = single_headers.get("Host") or single_headers.get("host") or "localhost"
    return {
        "resource": route.resource,
        "path": path,
        "httpMethod": method,
        "headers": single_headers or None,
        "multiValueHeaders": multi_headers or None,
        "queryStringParameters": single_query or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": path_parameters or None,
        "stageVariables": None,
        "requestContext": {
            "resourceId": "local",
            "resourcePath": route.resource,
            "httpMethod": method,
            "extendedRequestId": request_id,
            "requestTime": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "path": f"/{stage}{path}",
            "accountId": "123456789012",
            "protocol": "HTTP/1.1",
            "stage": stage,
            "domainPrefix": host.split(".")[0],
            "requestTimeEpoch": int(now.timestamp() * 1000),
            "requestId": request_id,
            "identity": {
                "cognitoIdentityPoolId": None,
                "accountId": None,
                "cognitoIdentityId": None,
                "caller": None,
                "sourceIp": source_ip,
                "principalOrgId": None,
                "accessKey": None,
                "cognitoAuthenticationType": None,
                "cognitoAuthenticationProvider": None,
                "userArn": None,
                "userAgent": user_agent,
                "user": None,
                "apiKey": None,
            },
            "domainName": host,
            "apiId": "local",
        },
        "body": text_body,
        "isBase64Encoded": is_base64,
    }


Invoke = Callable[[str, dict[str, Any]], Any]


@dataclass(frozen=True)
class LocalPage:
    """A page the front serves itself, outside the API's routes."""

    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"


Pages = Callable[[str], LocalPage | None]


class HttpFront:
    """A threading HTTP server that sends each request through `invoke(target, event)`."""

    def __init__(
        self,
        *,
        routes: list[HttpRoute],
        invoke: Invoke,
        host: str = "127.0.0.1",
        port: int = 3000,
        stage: str = "Prod",
        openapi: Callable[[], dict[str, Any] | None] | None = None,
        binary_media_types: tuple[str, ...] = (),
        gateway_responses: Mapping[str, GatewayResponse] | None = None,
        pages: Pages | None = None,
    ) -> None:
        self.routes = routes
        self._pages = pages
        self._gateway_responses = gateway_responses or {}
        self._invoke = invoke
        self._stage = stage
        self._openapi = openapi
        self._binary_media_types = binary_media_types
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="http-front",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)

    def openapi_document(self) -> dict[str, Any] | None:
        document = self._openapi() if self._openapi else None
        if document is None:
            return None
        document = dict(document)
        document["servers"] = [{"url": self.url}]
        return document

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        front = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "precis-local"
            # One write per response (status, headers and body buffered, flushed after each
            # request), sent at once: with Nagle on, a response written in pieces on a
            # kept-alive connection waits for the client's delayed ACK (~40 ms a request).
            wbufsize = 64 * 1024
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                logger.debug("%s " + format, self.address_string(), *args)

            def _handle(self) -> None:
                front._serve(self)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle  # noqa: N815
            do_OPTIONS = do_HEAD = _handle  # noqa: N815

        return _Handler

    # ---------------------------------------------------------------------------- serving

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        started = time.monotonic()
        split = urlsplit(request.path)
        method = request.command.upper()
        length = int(request.headers.get("Content-Length") or 0)
        if length > MAX_PAYLOAD_BYTES:
            self._gateway_error(request, gateway.REQUEST_TOO_LARGE)
            request.close_connection = True
            return
        body = request.rfile.read(length) if length else b""
        found = match_route(self.routes, method, unquote(split.path))
        page = self._page(split.path) if found is None and method == "GET" else None
        if page is not None:
            self._write(request, *page)
            return
        if found is None:
            self._gateway_error(request, gateway.MISSING_AUTHENTICATION_TOKEN)
            return
        route, parameters = found
        event = build_proxy_event(
            route=route,
            path_parameters=parameters,
            method=method,
            raw_path=split.path,
            query=split.query,
            headers=list(request.headers.items()),
            body=body,
            stage=self._stage,
            source_ip=request.client_address[0],
            binary_media_types=self._binary_media_types,
        )
        request_id = event["requestContext"]["requestId"]
        try:
            response = self._invoke(route.target, event)
        except Exception:
            logger.exception("function %s failed", route.target)
            self._gateway_error(request, gateway.INTEGRATION_FAILURE, request_id=request_id)
            return
        self._write_proxy_response(request, response, request_id)
        logger.debug(
            "%s %s -> %s in %.1f ms",
            method,
            split.path,
            response.get("statusCode") if isinstance(response, dict) else "?",
            (time.monotonic() - started) * 1000,
        )

    def _page(self, path: str) -> tuple[int, dict[str, str], bytes] | None:
        """Status, headers and body of the stack's own page at `path` (outside the API), if any."""
        if path == "/openapi.json":
            document = self.openapi_document()
            if document is None:
                return (
                    404,
                    {"Content-Type": "application/json"},
                    b'{"message": "no OpenAPI document"}',
                )
            return 200, {"Content-Type": "application/json"}, json.dumps(document).encode("utf-8")
        if path in ("/docs", "/docs/"):
            return 200, {"Content-Type": "text/html; charset=utf-8"}, DOCS_PAGE
        if path in DOCS_ASSETS:
            content_type, file_name = DOCS_ASSETS[path]
            return 200, {"Content-Type": content_type}, _swagger_ui(file_name)
        if path == "/favicon.ico":
            return 204, {"Cache-Control": "public, max-age=86400"}, b""
        found = self._pages(unquote(path)) if self._pages is not None else None
        return (
            None
            if found is None
            else (found.status, {"Content-Type": found.content_type}, found.body)
        )

    def _write_proxy_response(
        self, request: BaseHTTPRequestHandler, response: Any, request_id: str
    ) -> None:
        if not isinstance(response, dict) or not isinstance(response.get("statusCode"), int):
            self._gateway_error(request, gateway.INTEGRATION_FAILURE, request_id=request_id)
            return
        headers: dict[str, list[str]] = {}
        for name, value in (response.get("headers") or {}).items():
            headers[name] = [str(value)]
        for name, values in (response.get("multiValueHeaders") or {}).items():
            headers.setdefault(name, [])
            headers[name].extend(str(v) for v in values if str(v) not in headers[name])
        raw = response.get("body") or ""
        body = (
            base64.b64decode(raw) if response.get("isBase64Encoded") else str(raw).encode("utf-8")
        )
        if not any(name.lower() == "x-amzn-requestid" for name in headers):
            headers["x-amzn-RequestId"] = [request_id]
        self._write_multi(request, response["statusCode"], headers, body)

    def _gateway_error(
        self,
        request: BaseHTTPRequestHandler,
        error: GatewayError,
        *,
        request_id: str | None = None,
    ) -> None:
        """API Gateway's own error: its `{"message"}`, or the template's gateway response."""
        rendered = gateway.render(
            self._gateway_responses,
            error,
            request_id=request_id or str(uuid.uuid4()),
            request_headers=dict(request.headers.items()),
        )
        self._write(request, rendered.status, rendered.headers, rendered.body)

    def _write(
        self, request: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes
    ) -> None:
        self._write_multi(request, status, {k: [v] for k, v in headers.items()}, body)

    @staticmethod
    def _write_multi(
        request: BaseHTTPRequestHandler,
        status: int,
        headers: dict[str, list[str]],
        body: bytes,
    ) -> None:
        request.send_response(status)
        for name, values in headers.items():
            if name.lower() in ("content-length", "connection", "transfer-encoding"):
                continue
            for value in values:
                request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(body)


DOCS_PAGE = (Path(__file__).with_name("docs.html")).read_bytes()
# What docs.html loads: Swagger UI's files from the aws-lambda-powertools package.
DOCS_ASSETS = {
    "/docs/swagger-ui.css": ("text/css; charset=utf-8", "swagger-ui.min.css"),
    "/docs/swagger-ui-bundle.js": ("text/javascript; charset=utf-8", "swagger-ui-bundle.min.js"),
}


@functools.cache
def _swagger_ui(file_name: str) -> bytes:
    package = resources.files("aws_lambda_powertools.event_handler.openapi.swagger_ui")
    return package.joinpath(file_name).read_bytes()
