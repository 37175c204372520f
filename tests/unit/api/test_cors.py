"""The function's CORS matrix: (allowed, other, no origin) x every kind of answer x policy.

With `CORS_ORIGINS=*` every answer allows `*` whoever asks (nothing to vary on); with a list
the caller's origin is echoed only when listed and every answer says `Vary: Origin`, so a
shared cache cannot hand one site's answer to another. Every answer carries X-Request-Id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType

import pytest

from precis.api.cors import CorsPolicy
from precis.store.memory import InMemorySummaryStore

from .conftest import Client, Reply, completed_record, load_api_app

ALLOWED = "https://b.example"
OTHER = "https://evil.example"
LIST = "https://a.example,https://b.example"
ORIGINS = pytest.mark.parametrize(
    "origin", [ALLOWED, OTHER, None], ids=["allowed", "other", "none"]
)


@pytest.fixture(params=["*", LIST], ids=["any-origin", "origin-list"])
def policy_client(
    request: pytest.FixtureRequest, api_env: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Client]]:
    monkeypatch.setenv("CORS_ORIGINS", request.param)
    api: ModuleType = load_api_app("api_app_cors")
    store = InMemorySummaryStore([completed_record("world/peace-talks")])
    api.app.dependency_overrides[api.summary_store] = lambda: store
    yield request.param, Client(api)
    api.app.dependency_overrides.clear()


def _headers(origin: str | None) -> dict[str, str]:
    return {"Origin": origin} if origin else {}


def _assert_cors(origins: str, origin: str | None, reply: Reply) -> None:
    allow = reply.header("Access-Control-Allow-Origin")
    vary = [v.strip() for v in (reply.header("Vary") or "").split(",") if v.strip()]
    if origins == "*":
        assert allow == "*"
        assert "Origin" not in vary
    else:
        assert allow == (origin if origin == ALLOWED else None)
        assert vary.count("Origin") == 1
    if allow:
        assert "X-Request-Id" in (reply.header("Access-Control-Expose-Headers") or "")
    assert reply.header("X-Request-Id")


def _etag(client: Client) -> str:
    etag = client.get("/summaries/world/peace-talks").header("ETag")
    assert etag
    return etag


ANSWERS: dict[str, tuple[int, Callable[[Client, dict[str, str]], Reply]]] = {
    "200": (200, lambda c, h: c.get("/summaries/world/peace-talks", headers=h)),
    "304": (
        304,
        lambda c, h: c.get(
            "/summaries/world/peace-talks", headers={**h, "If-None-Match": _etag(c)}
        ),
    ),
    "404": (404, lambda c, h: c.get("/summaries/nobody", headers=h)),
    "400": (400, lambda c, h: c.get("/summaries/a", query={"sentences": "99"}, headers=h)),
    "405": (405, lambda c, h: c.request("DELETE", "/summaries", headers=h)),
    "413": (
        413,
        lambda c, h: c.post(
            "/summaries",
            {"text": "x" * 5000},
            headers={**h, "Content-Type": "application/json"},
        ),
    ),
    "preflight": (
        204,
        lambda c, h: c.request(
            "OPTIONS", "/summaries", headers={**h, "Access-Control-Request-Method": "POST"}
        ),
    ),
}


@ORIGINS
@pytest.mark.parametrize("answer", list(ANSWERS))
def test_every_answer_carries_the_cors_headers_a_cache_needs(
    policy_client: tuple[str, Client], origin: str | None, answer: str
) -> None:
    origins, client = policy_client
    status, send = ANSWERS[answer]

    reply = send(client, _headers(origin))

    assert reply.status == status, reply.text
    _assert_cors(origins, origin, reply)


@ORIGINS
def test_a_malformed_event_still_answers_with_cors(
    policy_client: tuple[str, Client], origin: str | None
) -> None:
    origins, client = policy_client

    reply = client.send({"headers": _headers(origin), "unexpected": "shape"})

    assert reply.status == 500
    _assert_cors(origins, origin, reply)


def test_vary_keeps_what_an_answer_already_varies_on() -> None:
    headers = {"Vary": "Accept-Encoding"}

    CorsPolicy.from_setting(LIST).apply(headers, ALLOWED)
    CorsPolicy.from_setting(LIST).apply(headers, ALLOWED)

    assert headers["Vary"] == "Accept-Encoding, Origin"
    assert headers["Access-Control-Allow-Origin"] == ALLOWED


def test_an_unlisted_origin_loses_an_allow_origin_set_earlier() -> None:
    headers = {"Access-Control-Allow-Origin": ALLOWED}

    CorsPolicy.from_setting(LIST).apply(headers, OTHER)

    assert "Access-Control-Allow-Origin" not in headers
