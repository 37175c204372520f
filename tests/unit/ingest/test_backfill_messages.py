"""Backfill messages through the real ingestor and the store's ordering (in memory): they bring
in what was never summarized and can never override a newer upload or a delete."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import pytest

from precis.aws.s3 import ObjectHead, S3Object
from precis.config import Settings
from precis.errors import NotFound
from precis.pipeline.backfill import Engine, decide, new_run_id, notification
from precis.pipeline.ingestor import Ingestor
from precis.pipeline.notifications import ObjectEvent
from precis.record import ListedObject, Status
from precis.store.memory import InMemorySummaryStore
from precis.summarize.engine import default_summarizer

from .conftest import notification as s3_notification

KEY = "articles/city/harbour.txt"
ARTICLE_ID = "city/harbour"
RUN = new_run_id(datetime(2026, 12, 3, 6, 0, tzinfo=UTC))
LATER_RUN = new_run_id(datetime(2026, 12, 9, 6, 0, tzinfo=UTC))


def article(edition: int) -> bytes:
    return (
        f"Harbour edition {edition} reopens\n\n"
        f"In edition {edition} the harbour reopened after repairs to the sea wall. "
        f"Engineers in edition {edition} replaced two hundred metres of concrete. "
        f"Fishing crews of edition {edition} returned the same morning."
    ).encode()


@dataclass
class VersionedReader:
    """S3 with versions: a GET of a version id serves that version, or NotFound."""

    versions: dict[tuple[str, str], bytes] = field(default_factory=dict)
    reads: list[str] = field(default_factory=list)

    def get(
        self, bucket: str, key: str, *, version_id: str | None = None, max_bytes: int
    ) -> S3Object:
        self.reads.append(f"{key}@{version_id}")
        body = self.versions.get((key, version_id or ""))
        if body is None:
            raise NotFound(f"{key}@{version_id} is gone")
        head = ObjectHead(
            bucket, key, len(body), f"etag-{version_id}", version_id, "text/plain", None
        )
        return S3Object(head=head, body=body)

    def head(self, bucket: str, key: str, *, version_id: str | None = None) -> ObjectHead:
        return self.get(bucket, key, version_id=version_id, max_bytes=10**9).head


class Reversioned:
    """The default engine under another version number (an engine upgrade)."""

    def __init__(self, version: str) -> None:
        self.inner = default_summarizer()
        self.name = self.inner.name
        self.version = version

    def rank(self, document: Any, sentences: Sequence[Any]) -> Any:
        ranking = self.inner.rank(document, sentences)
        return replace(ranking, engine=replace(ranking.engine, version=self.version))


@dataclass
class World:
    store: InMemorySummaryStore = field(default_factory=InMemorySummaryStore)
    reader: VersionedReader = field(default_factory=VersionedReader)
    engine_version: str = "1"

    def ingestor(self) -> Ingestor:
        return Ingestor(
            store=self.store,
            reader=self.reader,  # type: ignore[arg-type]
            settings=Settings(max_article_bytes=10_000),
            summarizer=Reversioned(self.engine_version),  # type: ignore[arg-type]
        )

    def put(self, version: str, edition: int) -> None:
        self.reader.versions[(KEY, version)] = article(edition)

    def upload_event(self, version: str, sequencer: str) -> str:
        size = len(self.reader.versions[(KEY, version)])
        return json.dumps(
            s3_notification(
                KEY, versionId=version, eTag=f"etag-{version}", size=size, sequencer=sequencer
            )
        )

    def delete_event(self, sequencer: str) -> str:
        return json.dumps(
            s3_notification(KEY, "ObjectRemoved:DeleteMarkerCreated", sequencer=sequencer)
        )

    def backfill_message(
        self, version: str, *, run: str = RUN, only_stale: bool = False
    ) -> str | None:
        """What `precis backfill` would send for the listed `version` right now (None: skipped)."""
        listed = ListedObject(
            KEY, version, f"etag-{version}", len(self.reader.versions[(KEY, version)])
        )
        engine = Engine(self.ingestor().summarizer.name, self.engine_version)
        decision = decide(
            listed, self.store.state(ARTICLE_ID), run_id=run, engine=engine, only_stale=only_stale
        )
        if decision.order is None:
            return None
        return json.dumps(notification("articles-bucket", listed, decision.order))

    def handle(self, body: str) -> str:
        (outcome,) = self.ingestor().process_message(body)
        return outcome.action

    def summary_title(self) -> str | None:
        record = self.store.get(ARTICLE_ID)
        return None if record is None else record.title


@pytest.fixture
def world() -> World:
    return World()


def test_an_object_no_event_announced_is_summarized_from_its_listed_version(world: World) -> None:
    world.put("v1", 1)
    message = world.backfill_message("v1")
    assert message is not None

    assert world.handle(message) == "completed"
    record = world.store.get(ARTICLE_ID)
    assert record is not None and record.status == Status.COMPLETED
    assert record.source is not None and record.source.version_id == "v1"
    assert world.summary_title() == "Harbour edition 1 reopens"
    assert world.handle(message) == "duplicate"  # a redelivery does nothing


def test_a_backfill_of_an_old_version_loses_to_a_newer_upload_in_either_order(world: World) -> None:
    world.put("v1", 1)
    stale = world.backfill_message("v1")  # listed before the overwrite
    world.put("v2", 2)
    assert stale is not None

    assert world.handle(world.upload_event("v2", "0B")) == "completed"
    assert world.handle(stale) == "stale"
    assert world.reader.reads == [f"{KEY}@v2"]  # the old version was never even read
    assert world.summary_title() == "Harbour edition 2 reopens"


def test_a_backfill_handled_first_is_replaced_by_the_newer_upload(world: World) -> None:
    world.put("v1", 1)
    early = world.backfill_message("v1")
    world.put("v2", 2)
    assert early is not None

    assert world.handle(early) == "completed"
    assert world.handle(world.upload_event("v2", "0B")) == "completed"
    assert world.summary_title() == "Harbour edition 2 reopens"


def test_a_delete_wins_over_a_backfill_in_either_order(world: World) -> None:
    world.put("v1", 1)
    message = world.backfill_message("v1")
    assert message is not None

    assert world.handle(message) == "completed"
    assert world.handle(world.delete_event("0C")) == "deleted"
    assert world.handle(message) in {"duplicate", "stale"}
    assert world.store.get(ARTICLE_ID) is None
    # And the listing, seen after the tombstone, enqueues nothing more for it.
    assert world.backfill_message("v1") is None


def test_after_an_engine_upgrade_only_stale_re_summarizes_once_and_a_new_upload_still_wins(
    world: World,
) -> None:
    world.put("v1", 1)
    assert world.handle(world.upload_event("v1", "0A")) == "completed"
    assert world.backfill_message("v1", only_stale=True) is None  # current: nothing to do

    world.engine_version = "2"
    message = world.backfill_message("v1", run=LATER_RUN, only_stale=True)
    assert message is not None
    assert world.handle(message) == "completed"
    record = world.store.get(ARTICLE_ID)
    assert record is not None and record.engine is not None and record.engine.version == "2"
    assert world.handle(message) == "duplicate"
    assert world.backfill_message("v1", run=LATER_RUN, only_stale=True) is None

    world.put("v2", 2)
    assert world.handle(world.upload_event("v2", "0B")) == "completed"
    assert world.summary_title() == "Harbour edition 2 reopens"


def test_a_full_backfill_of_a_current_summary_reuses_it_without_reading(world: World) -> None:
    world.put("v1", 1)
    world.handle(world.upload_event("v1", "0A"))
    world.reader.reads.clear()
    message = world.backfill_message("v1")
    assert message is not None

    assert world.handle(message) == "reused"
    assert world.reader.reads == []


def test_a_version_deleted_before_its_backfill_leaves_no_record(world: World) -> None:
    world.put("v1", 1)
    message = world.backfill_message("v1")
    del world.reader.versions[(KEY, "v1")]  # the version itself removed, not a delete marker
    assert message is not None

    assert world.handle(message) == "gone"
    assert world.store.get(ARTICLE_ID) is None


def test_the_event_of_a_backfill_message_orders_by_its_own_key() -> None:
    listed = ListedObject(KEY, "v1", "e", 1)
    order = decide(listed, None, run_id=RUN, engine=Engine("x", "1"), only_stale=False).order
    assert order is not None

    event = ObjectEvent(
        "created", "ObjectCreated:Backfill", "b", KEY, sequencer="0F", backfill_order=order
    )

    assert event.order == order
