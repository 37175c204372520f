"""API Gateway REST proxy events and responses, as the HTTP front makes and writes them."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from local.api_client import ApiClient
from local.http_front import HttpFront, HttpRoute, build_proxy_event, match_route

ROUTES = [
    HttpRoute("GET", "/summaries/{article_id+}", "api"),
    HttpRoute("GET", "/summaries", "api"),
    HttpRoute("GET", "/summaries/special", "special"),
    HttpRoute("POST", "/summaries", "api"),
]


def test_greedy_parameter_takes_the_rest_of_the_path() -> None:
    found = match_route(ROUTES, "GET", "/summaries/world/peace talks")

    assert found is not None
    route, params = found
    assert route.resource == "/summaries/{article_id+}"
    assert params == {"article_id": "world/peace talks"}


def test_greedy_parameter_keeps_control_characters() -> None:
    found = match_route(ROUTES, "GET", "/summaries/a\nb")

    assert found is not None
    assert found[1] == {"article_id": "a\nb"}


def test_literal_route_wins_over_a_greedy_one() -> None:
    found = match_route(ROUTES, "GET", "/summaries/special")

    assert found is not None
    assert found[0].target == "special"


def test_method_and_unknown_paths_do_not_match() -> None:
    assert match_route(ROUTES, "DELETE", "/summaries") is None
    assert match_route(ROUTES, "GET", "/elsewhere") is None


def test_proxy_event_carries_single_and_multi_value_fields() -> None:
    route = ROUTES[0]

    event = build_proxy_event(
        route=route,
        path_parameters={"article_id": "a/b"},
        method="GET",
        raw_path="/summaries/a/b",
        query="sentences=2&tag=x&tag=y",
        headers=[("Accept", "application/json"), ("X-Many", "1"), ("X-Many", "2")],
        body=b"",
        stage="Prod",
    )

    assert event["resource"] == "/summaries/{article_id+}"
    assert event["path"] == "/summaries/a/b"
    assert event["pathParameters"] == {"article_id": "a/b"}
    assert event["queryStringParameters"] == {"sentences": "2", "tag": "y"}
    assert event["multiValueQueryStringParameters"]["tag"] == ["x", "y"]
    assert event["headers"]["X-Many"] == "2"
    assert event["multiValueHeaders"]["X-Many"] == ["1", "2"]
    assert event["requestContext"]["path"] == "/Prod/summaries/a/b"
    assert event["requestContext"]["requestId"]
    assert event["body"] is None
    assert event["isBase64Encoded"] is False


def test_binary_request_body_is_base64_encoded() -> None:
    event = build_proxy_event(
        route=ROUTES[3],
        path_parameters={},
        method="POST",
        raw_path="/summaries",
        query="",
        headers=[("Content-Type", "application/octet-stream")],
        body=b"\xff\xfe\x00",
        stage="Prod",
    )

    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == b"\xff\xfe\x00"
    assert event["queryStringParameters"] is None


@pytest.fixture
def echo_front() -> Iterator[HttpFront]:
    def invoke(target: str, event: dict[str, Any]) -> Any:
        if event["pathParameters"] and event["pathParameters"]["article_id"] == "bin":
            return {
                "statusCode": 200,
                "body": base64.b64encode(b"\x00\x01").decode(),
                "isBase64Encoded": True,
            }
        if event["pathParameters"] and event["pathParameters"]["article_id"] == "broken":
            return {"no": "statusCode"}
        return {
            "statusCode": 201,
            "headers": {"Content-Type": "application/json"},
            "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
            "body": json.dumps({"target": target, "event": event}),
        }

    front = HttpFront(
        routes=ROUTES, invoke=invoke, port=0, openapi=lambda: {"openapi": "3.0.3", "paths": {}}
    )
    front.start()
    yield front
    front.stop()


def test_front_sends_requests_through_the_function_and_writes_its_response(
    echo_front: HttpFront,
) -> None:
    response = ApiClient(echo_front.url).request(
        "POST",
        "/summaries",
        body=b'{"text": "x"}',
        headers={"Content-Type": "application/json"},
    )
    body = response.json()

    assert response.status == 201
    assert response.headers["set-cookie"] in ("a=1, b=2", "b=2")
    assert response.headers["x-amzn-requestid"] == body["event"]["requestContext"]["requestId"]
    assert body["event"]["body"] == '{"text": "x"}'
    assert body["event"]["httpMethod"] == "POST"


def test_front_decodes_base64_bodies(echo_front: HttpFront) -> None:
    assert ApiClient(echo_front.url).get("/summaries/bin").body == b"\x00\x01"


def test_malformed_function_response_is_a_502(echo_front: HttpFront) -> None:
    assert ApiClient(echo_front.url).get("/summaries/broken").status == 502


def test_unknown_route_gets_api_gateways_403(echo_front: HttpFront) -> None:
    response = ApiClient(echo_front.url).get("/nowhere")

    assert response.status == 403
    assert response.json()["message"] == "Missing Authentication Token"


def test_front_serves_openapi_with_its_own_url_and_a_docs_page(echo_front: HttpFront) -> None:
    client = ApiClient(echo_front.url)

    document = client.get("/openapi.json").json()
    page = client.get("/docs").body.decode()

    assert document["servers"] == [{"url": echo_front.url}]
    assert "openapi.json" in page
    assert "cdn" not in page.lower()


@pytest.mark.parametrize("path", ["/docs", "/docs/"])
def test_docs_page_is_swagger_ui_served_by_the_front_itself(
    echo_front: HttpFront, path: str
) -> None:
    client = ApiClient(echo_front.url)
    page = client.get(path).body.decode()

    # Absolute URLs, so the page works with or without the trailing slash.
    assert 'url: "/openapi.json"' in page
    assert "SwaggerUIBundle(" in page
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', page)
    assert {"/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/openapi.json"} <= set(assets)
    for asset in assets:
        assert client.get(asset).status == 200, asset
    bundle = client.get("/docs/swagger-ui-bundle.js")
    assert bundle.headers["content-type"].startswith("text/javascript")
    assert b"SwaggerUIBundle" in bundle.body
