"""API Gateway's own errors (unknown route, body too large) as the template shapes them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from local.api_client import ApiClient
from local.deploy import gateway_responses
from local.http_front import HttpFront, HttpRoute
from local.template import load_template

ROUTES = [HttpRoute("GET", "/summaries", "api")]


def _front(responses: dict[str, str] | None) -> HttpFront:
    def invoke(target: str, event: dict[str, Any]) -> Any:
        return {"statusCode": 200, "body": "{}"}

    return HttpFront(routes=ROUTES, invoke=invoke, port=0, gateway_responses=responses)


@pytest.fixture
def shaped_front() -> Iterator[HttpFront]:
    front = _front(gateway_responses(load_template()))
    front.start()
    yield front
    front.stop()


def test_the_service_template_shapes_api_gateways_own_errors() -> None:
    responses = gateway_responses(load_template())

    assert {"DEFAULT_4XX", "DEFAULT_5XX"} <= set(responses)
    for template in responses.values():
        assert "$context.error.responseType" in template


def test_an_unknown_route_answers_403_in_the_services_error_shape(
    shaped_front: HttpFront,
) -> None:
    response = ApiClient(shaped_front.url).get("/nowhere")

    assert response.status == 403
    assert response.json() == {
        "error": {
            "code": "MISSING_AUTHENTICATION_TOKEN",
            "message": "Missing Authentication Token",
            "request_id": response.headers["x-amzn-requestid"],
        }
    }


def test_a_known_path_with_another_method_is_api_gateways_403_too(
    shaped_front: HttpFront,
) -> None:
    response = ApiClient(shaped_front.url).request("DELETE", "/summaries")

    assert response.status == 403
    assert response.json()["error"]["code"] == "MISSING_AUTHENTICATION_TOKEN"


def test_without_gateway_responses_the_body_is_api_gateways_default() -> None:
    front = _front(None)
    front.start()
    try:
        response = ApiClient(front.url).get("/nowhere")
    finally:
        front.stop()

    assert response.status == 403
    assert json.loads(response.body) == {"message": "Missing Authentication Token"}
