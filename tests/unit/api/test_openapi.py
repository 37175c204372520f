"""The OpenAPI document: generated from the routes, committed, served, and honest about statuses."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from local import openapi as openapi_cli
from precis.record import Status
from precis.store.memory import InMemorySummaryStore

from .conftest import (
    ROOT,
    Client,
    completed_record,
    failed_record,
    lambda_context,
    load_api_app,
    make_event,
)

COMMITTED = ROOT / "docs" / "openapi.json"


def test_committed_document_is_up_to_date() -> None:
    # Regenerate with `make openapi` when this fails.
    assert COMMITTED.read_text(encoding="utf-8") == openapi_cli.render()


def test_check_command_fails_on_a_stale_document(tmp_path: Path) -> None:
    stale = tmp_path / "openapi.json"
    stale.write_text('{"openapi": "3.1.0"}\n')

    assert openapi_cli.main(["--check", str(stale)]) == 1
    assert openapi_cli.main(["--write", str(stale)]) == 0
    assert openapi_cli.main(["--check", str(stale)]) == 0


@pytest.fixture
def default_api(api_env: None, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The API as a default deployment configures it (the committed document describes that)."""
    monkeypatch.delenv("MAX_REQUEST_BYTES")
    return load_api_app("api_app_default_deployment")


def test_served_document_is_the_committed_one(default_api: ModuleType) -> None:
    reply = Client(default_api).get("/openapi.json")

    assert reply.status == 200
    assert reply.json == json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_served_document_states_the_deployments_body_limit(client: Client) -> None:
    # api_env caps bodies at 4096 bytes; the committed document says 256 KiB, the default.
    post = client.get("/openapi.json").json["paths"]["/summaries"]["post"]

    assert "at most 4 KiB" in post["description"]
    assert "at most 256 KiB" in COMMITTED.read_text(encoding="utf-8")


def test_document_declares_every_route_and_its_error_body() -> None:
    document = json.loads(COMMITTED.read_text(encoding="utf-8"))

    operations = {(path, method) for path, ops in document["paths"].items() for method in ops}
    assert operations == {
        ("/health", "get"),
        ("/summaries", "get"),
        ("/summaries", "post"),
        ("/summaries/{article_id}", "get"),
        ("/widget.js", "get"),
    }
    for ops in document["paths"].values():
        for operation in ops.values():
            for status, response in operation["responses"].items():
                assert "X-Request-Id" in response["headers"]
                if int(status) >= 400:
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorResponse"}
    assert "HTTPValidationError" not in json.dumps(document)


# ---- every status the handler returns for an operation is declared for it ----

DECLARED: dict[tuple[str, str], set[int]] = {
    (path, method.upper()): {int(status) for status in operation["responses"]}
    for path, ops in json.loads(COMMITTED.read_text(encoding="utf-8"))["paths"].items()
    for method, operation in ops.items()
}

requests = st.one_of(
    st.tuples(
        st.just("GET"),
        st.text(min_size=1, max_size=40).map(lambda s: "/summaries/" + s),
        st.dictionaries(
            st.just("sentences"), st.sampled_from(["1", "3", "10", "0", "x", ""]), max_size=1
        ),
        st.none(),
        st.sampled_from([{}, {"If-None-Match": "*"}]),
    ),
    st.tuples(
        st.just("GET"),
        st.just("/summaries"),
        st.dictionaries(
            st.sampled_from(["status", "limit", "cursor"]),
            st.sampled_from(["COMPLETED", "FAILED", "bad", "1", "100", "101", "0", "x.y"]),
        ),
        st.none(),
        st.just({}),
    ),
    st.tuples(
        st.just("POST"),
        st.just("/summaries"),
        st.none(),
        st.one_of(st.none(), st.text(max_size=50), st.just("x" * 5000)),
        st.sampled_from([{}, {"Content-Type": "text/plain"}]),
    ),
    st.tuples(
        st.just("GET"),
        st.just("/widget.js"),
        st.none(),
        st.none(),
        st.sampled_from([{}, {"If-None-Match": "*"}, {"If-None-Match": '"stale"'}]),
    ),
)


def _operation(path: str) -> str:
    return "/summaries/{article_id}" if path.startswith("/summaries/") else path


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(request=requests)
def test_returned_statuses_are_declared(api: ModuleType, request: tuple[Any, ...]) -> None:
    method, path, query, body, headers = request
    store = _populated_store()
    api.app.dependency_overrides[api.summary_store] = lambda: store

    response = api.handler(
        make_event(method, path, query=query or None, body=body, headers=headers), lambda_context()
    )

    assert response["statusCode"] in DECLARED[(_operation(path), method)], response["body"]


def _populated_store() -> InMemorySummaryStore:
    store = InMemorySummaryStore()
    for article_id in ("a", "b/c", "x"):
        store.put_record(completed_record(article_id), order="1")
    store.put_record(completed_record("p", status=Status.PENDING), order="1")
    store.put_record(failed_record("f"), order="1")
    return store


def test_resolver_hands_out_the_same_document(default_api: ModuleType) -> None:
    # The local stack (and any Powertools tooling) asks the resolver, not the file.
    document = json.loads(default_api.app.get_openapi_json_schema())

    assert document == json.loads(COMMITTED.read_text())
