"""Property tests: arbitrary paths, query strings and bodies never give a 5xx or another shape."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from precis.store.memory import InMemorySummaryStore

from .conftest import completed_record, failed_record, lambda_context, make_event

EXAMPLES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

segment = st.one_of(
    st.sampled_from(["summaries", "health", "openapi.json", "..", ".", "", "%2F", "%00", "%ZZ"]),
    st.text(max_size=12),
    st.text(alphabet="abc/%20+.-_~", max_size=12),
)
paths = st.lists(segment, max_size=5).map(lambda parts: "/" + "/".join(parts))
query_values = st.one_of(
    st.sampled_from(["0", "1", "3", "10", "11", "100", "101", "-1", "COMPLETED", "FAILED", ""]),
    st.text(max_size=30),
)
queries = st.one_of(
    st.none(),
    st.dictionaries(
        st.sampled_from(["sentences", "limit", "status", "cursor", "other"]) | st.text(max_size=8),
        query_values,
        max_size=4,
    ),
)
methods = st.sampled_from(["GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"])
bodies = st.one_of(
    st.none(),
    st.text(max_size=200),
    st.builds(
        json.dumps,
        st.dictionaries(
            st.sampled_from(["text", "html", "title", "sentences"]),
            st.one_of(st.text(max_size=20), st.integers(), st.none(), st.booleans()),
        ),
    ),
)


def _store() -> InMemorySummaryStore:
    store = InMemorySummaryStore()
    store.put_record(completed_record("a"), order="1")
    store.put_record(completed_record("world/peace-talks"), order="1")
    store.put_record(failed_record("bad"), order="1")
    return store


def _check(response: dict[str, Any]) -> None:
    status = response["statusCode"]
    assert status < 500, response["body"]
    headers = response.get("multiValueHeaders") or response.get("headers") or {}
    assert "X-Request-Id" in headers
    if status >= 400:
        document = json.loads(response["body"])
        assert set(document) == {"error"}
        assert set(document["error"]) == {"code", "message", "request_id"}
        assert "Traceback" not in response["body"]


@EXAMPLES
@given(method=methods, path=paths, query=queries, body=bodies)
def test_arbitrary_requests_never_fail_the_service(
    api: ModuleType, method: str, path: str, query: dict[str, str] | None, body: str | None
) -> None:
    api.app.dependency_overrides[api.summary_store] = _store
    event = make_event(method, path, query=query, body=body)

    _check(api.handler(event, lambda_context()))


@EXAMPLES
@given(article_id=st.text(min_size=1, max_size=60), query=queries)
def test_arbitrary_ids_on_the_summary_route_are_answered(
    api: ModuleType, article_id: str, query: dict[str, str] | None
) -> None:
    api.app.dependency_overrides[api.summary_store] = _store
    event = make_event(
        "GET",
        "/summaries/" + article_id,
        query=query,
        path_parameters={"article_id": article_id},
    )

    response = api.handler(event, lambda_context())

    _check(response)
    assert response["statusCode"] in {200, 304, 400, 404}
