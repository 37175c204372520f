"""API Gateway's own errors (unknown route, body too large, failed function), template-shaped.

The local front reads the gateway responses from template.yaml for the stack's CorsOrigins, so
these tests are also the CORS matrix of the gateway's errors: any origin (`*`), one origin and
a list, each asked from an allowed origin, another origin and without Origin.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from typing import Any

import pytest

from local import gateway
from local.api_client import ApiClient
from local.gateway import GatewayMappingError, GatewayResponse, gateway_responses, render
from local.http_front import HttpFront, HttpRoute
from local.template import load_template

ROUTES = [HttpRoute("GET", "/summaries", "api"), HttpRoute("GET", "/broken", "broken")]
ALLOWED = "https://a.example"
OTHER = "https://evil.example"
LIST = "https://a.example,https://b.example"


def _invoke(target: str, event: dict[str, Any]) -> Any:
    if target == "broken":
        raise RuntimeError("the function crashed")
    return {"statusCode": 200, "body": "{}"}


@pytest.fixture(params=["*", ALLOWED, LIST], ids=["any-origin", "one-origin", "origin-list"])
def cors_front(request: pytest.FixtureRequest) -> Iterator[tuple[str, HttpFront]]:
    responses = gateway_responses(load_template(), {"CorsOrigins": request.param})
    front = HttpFront(routes=ROUTES, invoke=_invoke, port=0, gateway_responses=responses)
    front.start()
    yield request.param, front
    front.stop()


def _get(front: HttpFront, path: str, origin: str | None) -> Any:
    return ApiClient(front.url).get(path, headers={"Origin": origin} if origin else {})


def _assert_cors(origins: str, origin: str | None, headers: dict[str, str]) -> None:
    allow = headers.get("access-control-allow-origin")
    if origins == "*":
        assert allow == "*"
        assert "vary" not in headers  # the same answer for every caller
    else:
        # Gateway responses cannot tell an allowed origin from another: they echo it.
        assert allow == origin
        assert headers["vary"] == "Origin"
    assert headers["access-control-expose-headers"] == "X-Request-Id"


@pytest.mark.parametrize("origin", [ALLOWED, OTHER, None], ids=["allowed", "other", "none"])
def test_an_unknown_route_is_403_in_the_error_shape_with_cors_and_request_id(
    cors_front: tuple[str, HttpFront], origin: str | None
) -> None:
    origins, front = cors_front

    response = _get(front, "/nowhere", origin)

    assert response.status == 403
    request_id = response.headers["x-request-id"]
    assert response.headers["x-amzn-requestid"] == request_id
    assert response.json() == {
        "error": {
            "code": "MISSING_AUTHENTICATION_TOKEN",
            "message": "Missing Authentication Token",
            "request_id": request_id,
        }
    }
    _assert_cors(origins, origin, response.headers)


@pytest.mark.parametrize("origin", [ALLOWED, OTHER, None], ids=["allowed", "other", "none"])
def test_a_body_over_the_payload_limit_is_413_with_cors_and_request_id(
    cors_front: tuple[str, HttpFront], origin: str | None
) -> None:
    origins, front = cors_front
    host, port = front.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    # Only the announced length matters: the front answers before reading the body.
    connection.putrequest("POST", "/summaries")
    connection.putheader("Content-Length", str(11 * 1024 * 1024))
    if origin:
        connection.putheader("Origin", origin)
    connection.endheaders()
    raw = connection.getresponse()
    headers = {name.lower(): value for name, value in raw.getheaders()}
    body = json.loads(raw.read())
    connection.close()

    assert raw.status == 413
    assert body["error"]["code"] == "REQUEST_TOO_LARGE"
    assert body["error"]["request_id"] == headers["x-request-id"]
    _assert_cors(origins, origin, headers)


@pytest.mark.parametrize("origin", [ALLOWED, OTHER, None], ids=["allowed", "other", "none"])
def test_a_failed_function_is_502_in_the_error_shape_with_cors(
    cors_front: tuple[str, HttpFront], origin: str | None
) -> None:
    origins, front = cors_front

    response = _get(front, "/broken", origin)

    assert response.status == 502
    assert response.json()["error"] == {
        "code": "INTEGRATION_FAILURE",
        "message": "Internal server error",
        "request_id": response.headers["x-request-id"],
    }
    _assert_cors(origins, origin, response.headers)


@pytest.mark.parametrize("origins", ["*", ALLOWED, LIST])
@pytest.mark.parametrize("origin", [ALLOWED, OTHER, None], ids=["allowed", "other", "none"])
def test_throttling_is_429_with_cors_and_request_id(origins: str, origin: str | None) -> None:
    # The local stack does not throttle; the template's answer to API Gateway's THROTTLED.
    responses = gateway_responses(load_template(), {"CorsOrigins": origins})

    rendered = render(
        responses,
        gateway.THROTTLED,
        request_id="req-1",
        request_headers={"Origin": origin} if origin else {},
    )

    assert rendered.status == 429
    assert json.loads(rendered.body)["error"] == {
        "code": "THROTTLED",
        "message": "Too Many Requests",
        "request_id": "req-1",
    }
    assert rendered.headers["X-Request-Id"] == "req-1"
    _assert_cors(origins, origin, {k.lower(): v for k, v in rendered.headers.items()})


def test_every_gateway_response_of_the_template_carries_cors_and_the_request_id() -> None:
    for origins in ("*", LIST):
        responses = gateway_responses(load_template(), {"CorsOrigins": origins})

        assert {"DEFAULT_4XX", "DEFAULT_5XX"} <= set(responses)
        for response in responses.values():
            assert {"Access-Control-Allow-Origin", "X-Request-Id"} <= set(response.headers)
            assert "$context.error.responseType" in response.templates["application/json"]


def test_a_specific_response_type_wins_over_the_default() -> None:
    responses = {
        "DEFAULT_4XX": GatewayResponse.from_spec({"responseTemplates": {"application/json": "{}"}}),
        "THROTTLED": GatewayResponse.from_spec(
            {"statusCode": "503", "responseParameters": {"gatewayresponse.header.X-Kind": "'t'"}}
        ),
    }

    rendered = render(responses, gateway.THROTTLED, request_id="r", request_headers={})

    assert rendered.status == 503
    assert rendered.headers["X-Kind"] == "t"
    assert json.loads(rendered.body) == {"message": "Too Many Requests"}


def test_a_mapping_the_local_front_cannot_evaluate_is_refused() -> None:
    spec = {"responseParameters": {"gatewayresponse.header.X-Stage": "stageVariables.name"}}

    with pytest.raises(GatewayMappingError, match=r"stageVariables\.name"):
        GatewayResponse.from_spec(spec)


def test_without_gateway_responses_the_body_is_api_gateways_default() -> None:
    front = HttpFront(routes=ROUTES, invoke=_invoke, port=0)
    front.start()
    try:
        response = ApiClient(front.url).get("/nowhere")
    finally:
        front.stop()

    assert response.status == 403
    assert json.loads(response.body) == {"message": "Missing Authentication Token"}
    assert "access-control-allow-origin" not in response.headers


def test_the_favicon_is_a_quiet_empty_answer() -> None:
    front = HttpFront(routes=ROUTES, invoke=_invoke, port=0)
    front.start()
    try:
        response = ApiClient(front.url).get("/favicon.ico")
    finally:
        front.stop()

    assert response.status == 204
    assert response.body == b""
