"""What every route shares: error JSON, request ids, 404/405, 5xx without leaks, CORS, health."""

from __future__ import annotations

import json
import logging
from types import ModuleType
from typing import Any

import pytest

from precis.config import ConfigurationError
from precis.errors import TransientError
from precis.record import Status, SummaryRecord
from precis.store import Cursor

from .conftest import LAMBDA_REQUEST_ID, Client, lambda_context, load_event, make_event

SECRET_TEXT = "The confidential draft says the minister resigns on Friday"


class BrokenStore:
    """A store that fails the way a bug would, with article text in the exception."""

    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def get(self, article_id: str) -> SummaryRecord | None:
        raise self.exc

    def list_by_status(
        self, status: Status, *, limit: int, start: Cursor | None = None
    ) -> tuple[list[SummaryRecord], Cursor | None]:
        raise self.exc


def _use_store(api: ModuleType, store: Any) -> None:
    api.app.dependency_overrides[api.summary_store] = lambda: store


def test_health_answers_with_service_and_version(client: Client) -> None:
    reply = client.get("/health")

    assert reply.status == 200
    assert reply.json == {"status": "ok", "service": "precis", "version": reply.json["version"]}
    assert reply.json["version"]


def test_every_response_carries_the_api_gateway_request_id(client: Client) -> None:
    for reply in (client.get("/health"), client.get("/nope"), client.get("/summaries/x")):
        assert reply.header("X-Request-Id") == "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"


def test_request_id_falls_back_to_the_lambda_request_id(client: Client) -> None:
    event = make_event("GET", "/health")
    del event["requestContext"]["requestId"]

    reply = client.send(event)

    assert reply.header("X-Request-Id") == LAMBDA_REQUEST_ID


def test_unknown_route_is_404_json(client: Client) -> None:
    client.get("/does/not/exist").error(404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/summaries/a/b", "GET"),
        ("PUT", "/summaries", "GET, POST"),
        ("POST", "/health", "GET"),
    ],
)
def test_known_path_with_wrong_method_is_405_with_allow(
    client: Client, method: str, path: str, allowed: str
) -> None:
    reply = client.request(method, path)

    reply.error(405, "METHOD_NOT_ALLOWED")
    assert reply.header("Allow") == allowed


def test_unexpected_failure_is_500_without_details_in_body_or_logs(
    api: ModuleType, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a store that fails with article text in its exception
    _use_store(api, BrokenStore(RuntimeError(SECRET_TEXT)))

    # When an article is read
    with caplog.at_level(logging.DEBUG):
        reply = client.get("/summaries/a")

    # Then the caller gets a generic 500 and neither the body nor the logs quote the text
    reply.error(500, "INTERNAL")
    assert SECRET_TEXT not in reply.text
    assert "Traceback" not in reply.text
    assert SECRET_TEXT not in caplog.text
    assert "Traceback" not in caplog.text
    logged = [r for r in caplog.records if r.getMessage() == "unhandled error"]
    assert [getattr(r, "error_type", None) for r in logged] == ["RuntimeError"]  # to find the bug
    assert all(SECRET_TEXT not in str(vars(r)) for r in caplog.records)


@pytest.mark.parametrize("code", ["THROTTLED", "TIMEOUT", "TRANSIENT"])
def test_transient_dependency_failure_is_503_with_retry_after(
    api: ModuleType, client: Client, code: str
) -> None:
    _use_store(api, BrokenStore(TransientError("dynamodb query: throttled", code=code)))

    reply = client.get("/summaries", query={"limit": "5"})

    error = reply.error(503, "TRANSIENT")
    assert reply.header("Retry-After") == "1"
    assert "dynamodb" not in error["message"]


def test_misconfiguration_is_a_plain_500(api: ModuleType, client: Client) -> None:
    _use_store(api, BrokenStore(ConfigurationError("TABLE_NAME is not set")))

    error = client.get("/summaries/a").error(500, "INTERNAL")

    assert "TABLE_NAME" not in error["message"]


def test_malformed_event_still_gets_json_error(api: ModuleType) -> None:
    reply = api.handler({"unexpected": "shape"}, lambda_context())

    assert reply["statusCode"] == 500
    assert json.loads(reply["body"])["error"]["code"] == "INTERNAL"


def test_allowed_origin_gets_cors_headers(client: Client) -> None:
    reply = client.get("/health", headers={"Origin": "https://news.example.com"})

    assert reply.header("Access-Control-Allow-Origin") == "https://news.example.com"
    assert "X-Request-Id" in (reply.header("Access-Control-Expose-Headers") or "")


def test_other_origin_gets_no_cors_headers(client: Client) -> None:
    reply = client.get("/health", headers={"Origin": "https://evil.example.net"})

    assert reply.header("Access-Control-Allow-Origin") is None


def test_preflight_is_answered_for_allowed_origin(client: Client) -> None:
    reply = client.request(
        "OPTIONS",
        "/summaries/a/b",
        headers={"Origin": "https://news.example.com", "Access-Control-Request-Method": "GET"},
    )

    assert reply.status == 204
    assert "GET" in (reply.header("Access-Control-Allow-Methods") or "")


def test_errors_are_not_cached(client: Client) -> None:
    reply = client.get("/summaries/unknown")

    assert reply.status == 404
    assert reply.header("Cache-Control") == "no-store"
    assert reply.header("ETag") is None


def test_invalid_response_is_our_500_not_the_callers_400() -> None:
    from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

    from precis.api.errors import response_for

    # Powertools reports a route's invalid response as a RequestValidationError at "response".
    exc = RequestValidationError([{"loc": ("response", "title"), "type": "string_type"}])

    response = response_for(exc, request_id="r-1")

    assert response.status_code == 500
    assert response.body is not None
    assert response.body["error"]["code"] == "INTERNAL"


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("api_health.json", 200),
        ("api_get_summary.json", 404),  # the article is not in the empty store
        ("api_list_summaries.json", 200),
        ("api_post_summary.json", 200),
        ("api_openapi.json", 200),
    ],
)
def test_sample_events_are_answered(client: Client, name: str, status: int) -> None:
    event = load_event(name)

    reply = client.send(event)

    assert reply.status == status, reply.text
    assert reply.header("X-Request-Id") == event["requestContext"]["requestId"]
