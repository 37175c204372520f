"""An HTTP front that does what API Gateway (REST, Lambda proxy) does for the API function.

Each request becomes an API Gateway REST proxy event (resource and path parameters from the
template's routes, greedy `{name+}` included; query strings and headers in single and
multi-value form; requestContext with a request id) and the function's proxy response is
written back (base64 bodies decoded). Unknown routes get API Gateway's own answer: 403
`Missing Authentication Token`. `/openapi.json` serves the API's OpenAPI document and
`/docs` Swagger UI over it, from the copy that Powertools ships (offline, no CDN).
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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

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
        gateway_responses: dict[str, str] | None = None,
    ) -> None:
        self.routes = routes
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
            self._gateway_error(request, 413, "REQUEST_TOO_LARGE", "Request Too Long")
            request.close_connection = True
            return
        body = request.rfile.read(length) if length else b""
        found = match_route(self.routes, method, unquote(split.path))
        if found is None and method == "GET" and split.path == "/openapi.json":
            document = self.openapi_document()
            if document is None:
                self._reply(request, 404, {"message": "no OpenAPI document"})
            else:
                self._reply(request, 200, document)
            return
        if found is None and method == "GET" and split.path in ("/docs", "/docs/"):
            self._write(request, 200, {"Content-Type": "text/html; charset=utf-8"}, DOCS_PAGE)
            return
        if found is None and method == "GET" and split.path in DOCS_ASSETS:
            content_type, file_name = DOCS_ASSETS[split.path]
            self._write(request, 200, {"Content-Type": content_type}, _swagger_ui(file_name))
            return
        if found is None:
            self._gateway_error(
                request, 403, "MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token"
            )
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
            self._reply(request, 502, {"message": "Internal server error"}, request_id=request_id)
            return
        self._write_proxy_response(request, response, request_id)
        logger.debug(
            "%s %s -> %s in %.1f ms",
            method,
            split.path,
            response.get("statusCode") if isinstance(response, dict) else "?",
            (time.monotonic() - started) * 1000,
        )

    def _write_proxy_response(
        self, request: BaseHTTPRequestHandler, response: Any, request_id: str
    ) -> None:
        if not isinstance(response, dict) or not isinstance(response.get("statusCode"), int):
            # What API Gateway answers for a malformed Lambda proxy response.
            self._reply(request, 502, {"message": "Internal server error"}, request_id=request_id)
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
        self, request: BaseHTTPRequestHandler, status: int, response_type: str, message: str
    ) -> None:
        """API Gateway's own error: its `{"message"}`, or the template's gateway response."""
        request_id = str(uuid.uuid4())
        template = self._gateway_responses.get(response_type) or self._gateway_responses.get(
            "DEFAULT_4XX" if status < 500 else "DEFAULT_5XX"
        )
        if template is None:
            self._reply(request, status, {"message": message}, request_id=request_id)
            return
        body = (
            template.replace("$context.error.responseType", response_type)
            .replace("$context.error.messageString", json.dumps(message))
            .replace("$context.requestId", request_id)
        )
        headers = {"Content-Type": "application/json", "x-amzn-RequestId": request_id}
        self._write(request, status, headers, body.encode("utf-8"))

    def _reply(
        self,
        request: BaseHTTPRequestHandler,
        status: int,
        payload: dict[str, Any],
        *,
        request_id: str | None = None,
    ) -> None:
        headers = {"Content-Type": "application/json"}
        if request_id:
            headers["x-amzn-RequestId"] = request_id
        self._write(request, status, headers, json.dumps(payload).encode("utf-8"))

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
