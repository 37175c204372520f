"""Both stores: a moto summaries table made from template.yaml's definition (PK article_id,
GSI by_status, TTL), and the in-memory store; `store` runs a test against each.

The table comes from the template through tests/integration/aws_fixtures.py, so it cannot drift.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from precis.record import SourceRef, Status, StoredSentence, SummaryRecord
from precis.store.dynamodb import DynamoSummaryStore
from precis.store.memory import InMemorySummaryStore
from tests.integration.aws_fixtures import FAKE_ENV, REGION, create_table

TABLE = "summaries"


Store = DynamoSummaryStore | InMemorySummaryStore


@pytest.fixture
def dynamo_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[DynamoSummaryStore]:
    import boto3
    from moto import mock_aws

    for name, value in FAKE_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        create_table(boto3.client("dynamodb", region_name=REGION), TABLE)
        yield DynamoSummaryStore(TABLE)


@pytest.fixture(params=["dynamodb", "memory"])
def store(request: pytest.FixtureRequest) -> Store:
    """Each store implementation in turn: the contract tests run against both."""
    if request.param == "memory":
        return InMemorySummaryStore()
    found: DynamoSummaryStore = request.getfixturevalue("dynamo_store")
    return found


def make_record(
    article_id: str = "world/peace-talks",
    *,
    status: Status = Status.COMPLETED,
    updated_at: str = "2026-01-01T00:00:00.000Z",
    summary: str | None = "Talks resumed. Both sides agreed.",
) -> SummaryRecord:
    completed = status == Status.COMPLETED
    return SummaryRecord(
        article_id=article_id,
        status=status,
        title="Peace talks" if completed else None,
        summary=summary if completed else None,
        ranked_sentences=[
            StoredSentence(position=3, text="Both sides agreed.", score=0.8125),
            StoredSentence(position=0, text="Talks resumed.", score=0.5),
        ]
        if completed
        else [],
        single_sentence=StoredSentence(position=3, text="Both sides agreed.", score=0.8125)
        if completed
        else None,
        keywords=["peace talks", "ceasefire"] if completed else [],
        language="en" if completed else None,
        word_count=120 if completed else None,
        source=SourceRef(bucket="b", key=f"articles/{article_id}.txt", etag="abc", size=100),
        attempts=1,
        created_at=updated_at,
        updated_at=updated_at,
        processing_ms=4,
    )


@pytest.fixture
def record_factory() -> object:
    """`make_record(article_id, *, status, updated_at, summary)`: a plausible stored record."""
    return make_record
