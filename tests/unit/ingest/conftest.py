"""Fakes for the ingest: an S3 reader over a dict, a publisher that records, S3 notifications."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import pytest

from precis.aws.s3 import ObjectHead, S3Object
from precis.config import Settings
from precis.errors import NotFound, TooLarge
from precis.pipeline.ingestor import Ingestor
from precis.record import SummaryRecord
from precis.store.memory import InMemorySummaryStore


@dataclass
class FakeReader:
    objects: dict[str, tuple[bytes, str | None]] = field(default_factory=dict)
    errors: dict[str, list[Exception]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def head(self, bucket: str, key: str, *, version_id: str | None = None) -> ObjectHead:
        self.calls.append(f"head {key}")
        return self._lookup(bucket, key, version_id).head

    def get(
        self, bucket: str, key: str, *, version_id: str | None = None, max_bytes: int
    ) -> S3Object:
        self.calls.append(f"get {key}")
        found = self._lookup(bucket, key, version_id)
        if found.head.size > max_bytes:
            raise TooLarge("too large")
        return found

    def _lookup(self, bucket: str, key: str, version_id: str | None) -> S3Object:
        # The next queued error for `key` first, then what is stored (NotFound when nothing).
        pending = self.errors.get(key)
        if pending:
            raise pending.pop(0)
        if key not in self.objects:
            raise NotFound(f"{key} is gone")
        body, content_type = self.objects[key]
        etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
        head = ObjectHead(bucket, key, len(body), etag, version_id, content_type, None)
        return S3Object(head=head, body=body)

    def read(self, head: ObjectHead, *, max_bytes: int) -> S3Object:
        self.calls.append(f"read {head.key}")
        if head.size > max_bytes:
            raise TooLarge("too large")
        return S3Object(head=head, body=self.objects[head.key][0])


def s3_record(
    key: str, name: str = "ObjectCreated:Put", *, bucket: str = "articles-bucket", **obj: Any
) -> dict[str, Any]:
    """One S3 event record for `key` (sent as is: encode the key first when that matters)."""
    return {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "eventTime": "2026-11-26T09:00:00.123Z",
        "eventName": name,
        "s3": {"bucket": {"name": bucket}, "object": {"key": key, **obj}},
    }


def notification(key: str, name: str = "ObjectCreated:Put", **obj: Any) -> dict[str, Any]:
    """An S3 notification with one record, as it arrives in an SQS message body."""
    return {"Records": [s3_record(key, name, **obj)]}


@dataclass
class RecordingPublisher:
    published: list[SummaryRecord] = field(default_factory=list)
    fail: bool = False

    def publish(self, record: SummaryRecord) -> None:
        if self.fail:
            raise RuntimeError("bus down")
        self.published.append(record)


@dataclass
class Harness:
    ingestor: Ingestor
    store: InMemorySummaryStore
    reader: FakeReader
    publisher: RecordingPublisher


@pytest.fixture
def harness() -> Harness:
    store = InMemorySummaryStore()
    reader = FakeReader()
    publisher = RecordingPublisher()
    ingestor = Ingestor(
        store=store,
        reader=reader,  # type: ignore[arg-type]
        settings=Settings(max_article_bytes=10_000),
        publisher=publisher,
    )
    return Harness(ingestor, store, reader, publisher)
