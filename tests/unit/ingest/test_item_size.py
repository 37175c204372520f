"""Every record the ingest stores fits DynamoDB's 400 KB item limit, whatever the article."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from precis.config import Settings
from precis.pipeline.ingestor import Ingestor
from precis.pipeline.notifications import ObjectEvent
from precis.record import DYNAMODB_ITEM_LIMIT_BYTES, Status, SummaryRecord
from precis.store.memory import InMemorySummaryStore

from .conftest import FakeReader, RecordingPublisher

MAX_ARTICLE_BYTES = 2_000_000
KEY = "articles/local/big.txt"
# Pieces repeated up to the upload cap: unbroken runs, 4-byte characters, long "sentences",
# long titles (the first line), many distinct words for many keywords.
PIECE = st.sampled_from(
    ["A", "ab", "\U0001f600", "\u6771\u4eac", "word ", "Word. ", "x\n", "\n\n", "é", " "]
)
RUN = st.tuples(PIECE, st.integers(min_value=1, max_value=400_000)).map(lambda p: p[0] * p[1])
ARTICLE = st.lists(RUN, min_size=1, max_size=4).map("".join)


def item_bytes(record: SummaryRecord) -> int:
    """An upper bound of the DynamoDB item size: the JSON of the stored attributes in UTF-8.

    DynamoDB counts attribute names and values in UTF-8; JSON adds quotes and separators,
    so it is never smaller.
    """
    item = record.model_dump(mode="json", exclude_none=True)
    return len(json.dumps(item, ensure_ascii=False).encode("utf-8"))


def ingest_once(body: bytes) -> tuple[str, SummaryRecord | None]:
    store = InMemorySummaryStore()
    reader = FakeReader(objects={KEY: (body, "text/plain")})
    ingestor = Ingestor(
        store=store,
        reader=reader,  # type: ignore[arg-type]
        settings=Settings(max_article_bytes=MAX_ARTICLE_BYTES),
        publisher=RecordingPublisher(),
    )
    event = ObjectEvent("created", "ObjectCreated:Put", "bucket", KEY, sequencer="0A")
    outcome = ingestor.process_event(event, attempt=1)
    return outcome.action, store.get("local/big")


def test_one_unbroken_word_just_under_the_upload_cap_completes_on_the_first_receive() -> None:
    action, record = ingest_once(b"A" * 1_900_000)
    assert action == "completed"
    assert record is not None and record.status == Status.COMPLETED
    assert item_bytes(record) < DYNAMODB_ITEM_LIMIT_BYTES


@settings(max_examples=25, deadline=None)
@given(ARTICLE.filter(lambda text: len(text.encode("utf-8")) <= MAX_ARTICLE_BYTES))
def test_any_accepted_article_stores_a_record_under_the_item_limit(text: str) -> None:
    action, record = ingest_once(text.encode("utf-8"))
    # Every input has a typed outcome on the first receive: nothing is left to retry.
    assert action in {"completed", "failed"}
    assert record is not None
    if record.status == Status.FAILED:
        assert record.error is not None and record.error.code != "INTERNAL"
    assert item_bytes(record) < DYNAMODB_ITEM_LIMIT_BYTES
