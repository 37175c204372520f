"""The API handler over a moto table: records written by the real store (or by the real
summarize pipeline) are read back through API Gateway events from events/."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from aws_fixtures import Stack, lambda_context, load_function
from conftest import Pipeline

from precis.record import EngineRef, SourceRef, Status, StoredSentence, SummaryRecord
from precis.store.dynamodb import DynamoSummaryStore

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics:UserWarning")

EVENTS = Path(__file__).resolve().parents[2] / "events"
ARTICLE = (
    "Peace talks between the two delegations resumed in Geneva on Tuesday after a pause of six "
    "weeks. Both sides agreed to keep the ceasefire along the northern border while the talks "
    "continue. The mediators said the first session focused on the exchange of prisoners. A "
    "second round on reconstruction funding is planned for next month. Observers called the "
    "tone of the first meeting cautious but constructive. Local markets rose on the news."
)


@pytest.fixture
def api(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    monkeypatch.setenv("CURSOR_SECRET", "integration-cursor-secret-0123456789")
    module = load_function("api")
    # A composition root built from this test's environment (the module is loaded once).
    monkeypatch.setattr(module, "collaborators", module.Collaborators())
    module.app.dependency_overrides.clear()
    yield module


@pytest.fixture
def store(stack: Stack) -> DynamoSummaryStore:
    return DynamoSummaryStore(stack.table)


def _event(name: str, **changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = copy.deepcopy(json.loads((EVENTS / name).read_text()))
    event.update(changes)
    return event


def _get(api: ModuleType, path: str, query: dict[str, str] | None = None) -> dict[str, Any]:
    event = _event(
        "api_get_summary.json",
        path=path,
        pathParameters=None,
        queryStringParameters=query,
        multiValueQueryStringParameters={k: [v] for k, v in (query or {}).items()} or None,
    )
    response: dict[str, Any] = api.handler(event, lambda_context("precis-api"))
    return response


def _list(api: ModuleType, query: dict[str, str]) -> dict[str, Any]:
    event = _event(
        "api_list_summaries.json",
        queryStringParameters=query,
        multiValueQueryStringParameters={k: [v] for k, v in query.items()},
    )
    response: dict[str, Any] = api.handler(event, lambda_context("precis-api"))
    return response


def _record(
    article_id: str, *, status: Status = Status.COMPLETED, minute: int = 0
) -> SummaryRecord:
    ranked = [
        StoredSentence(position=p, text=f"Sentence {p}.", score=1.0 - i / 10)
        for i, p in enumerate([3, 0, 1, 2])
    ]
    done = status is Status.COMPLETED
    return SummaryRecord(
        article_id=article_id,
        status=status,
        title="Title" if done else None,
        summary="Sentence 0. Sentence 1. Sentence 3." if done else None,
        ranked_sentences=ranked if done else [],
        single_sentence=ranked[0] if done else None,
        keywords=["one", "two"] if done else [],
        engine=EngineRef(name="extractive", version="1"),
        source=SourceRef(bucket="b", key=f"articles/{article_id}.txt"),
        created_at="2026-11-26T09:00:00.000Z",
        updated_at=f"2026-11-26T09:{minute:02d}:00.000Z",
    )


def test_sample_get_event_reads_a_record_written_by_the_store(
    api: ModuleType, store: DynamoSummaryStore
) -> None:
    # Given the record of world/peace-talks in the table
    assert store.put_record(_record("world/peace-talks"), order="00001/1")

    # When the sample API Gateway event (sentences=2) reaches the handler
    response = api.handler(_event("api_get_summary.json"), lambda_context("precis-api"))

    # Then the two best sentences come back in article order, with an ETag
    assert response["statusCode"] == 200, response["body"]
    view = json.loads(response["body"])
    assert view["summary_sentences"] == ["Sentence 0.", "Sentence 3."]
    assert response["multiValueHeaders"]["ETag"]


def test_pending_is_202_and_tombstone_is_404(api: ModuleType, store: DynamoSummaryStore) -> None:
    store.put_record(_record("later", status=Status.PENDING), order="00001/1")
    store.put_record(_record("gone"), order="00001/1")
    store.put_tombstone(
        "gone",
        order="00002/1",
        source=SourceRef(bucket="b", key="articles/gone.txt"),
        deleted_at="2026-11-26T10:00:00.000Z",
        expires_at=1_900_000_000,
    )

    assert _get(api, "/summaries/later")["statusCode"] == 202
    gone = _get(api, "/summaries/gone")
    assert gone["statusCode"] == 404
    assert json.loads(gone["body"])["error"]["code"] == "NOT_FOUND"


def test_listing_pages_through_the_status_index_with_signed_cursors(
    api: ModuleType, store: DynamoSummaryStore
) -> None:
    # Given 7 completed and 2 failed records
    for minute in range(7):
        store.put_record(_record(f"news/{minute}", minute=minute), order="00001/1")
    for minute in range(2):
        store.put_record(_record(f"bad/{minute}", status=Status.FAILED), order="00001/1")

    # When the completed ones are listed 3 at a time
    seen: list[str] = []
    query = {"status": "COMPLETED", "limit": "3"}
    cursors: list[str] = []
    while True:
        response = _list(api, query)
        assert response["statusCode"] == 200, response["body"]
        page = json.loads(response["body"])
        seen += [item["article_id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursors.append(page["next_cursor"])
        query = {"status": "COMPLETED", "limit": "3", "cursor": page["next_cursor"]}

    # Then each appears once, newest first
    assert seen == [f"news/{minute}" for minute in reversed(range(7))]
    # And a cursor is refused for another status or when altered
    other = _list(api, {"status": "FAILED", "cursor": cursors[0]})
    assert json.loads(other["body"])["error"]["code"] == "INVALID_CURSOR"
    altered = _list(api, {"status": "COMPLETED", "cursor": cursors[0][:-2] + "xx"})
    assert altered["statusCode"] == 400


def test_uploaded_article_is_served_after_the_pipeline_summarizes_it(
    api: ModuleType, pipeline: Pipeline
) -> None:
    # Given an article uploaded under a nested key, summarized by the summarize function
    pipeline.put("articles/world/peace talks+more.txt", ARTICLE, content_type="text/plain")
    pipeline.drain()

    # When the API reads it (the id percent-encoded in the path, as a client sends it)
    response = _get(api, "/summaries/world/peace%20talks%2Bmore", {"sentences": "2"})

    # Then it is the summary of that article at the asked length
    assert response["statusCode"] == 200, response["body"]
    view = json.loads(response["body"])
    assert view["article_id"] == "world/peace talks+more"
    assert view["status"] == "COMPLETED"
    assert len(view["summary_sentences"]) == 2
    assert all(sentence in ARTICLE for sentence in view["summary_sentences"])
    # And 304 once the client holds the current ETag
    etag = response["multiValueHeaders"]["ETag"][0]
    again = _event(
        "api_get_summary.json",
        path="/summaries/world/peace%20talks%2Bmore",
        pathParameters=None,
        headers={"If-None-Match": etag},
        multiValueHeaders={"If-None-Match": [etag]},
    )
    assert api.handler(again, lambda_context("precis-api"))["statusCode"] == 304


def test_failed_upload_is_served_with_its_error(api: ModuleType, pipeline: Pipeline) -> None:
    pipeline.put("articles/scans/report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    pipeline.drain()

    response = _get(api, "/summaries/scans/report")

    assert response["statusCode"] == 200, response["body"]
    view = json.loads(response["body"])
    assert view["status"] == "FAILED"
    assert view["error"]["code"]
    assert view["summary"] is None
