"""S3 event notifications, as they arrive in SQS message bodies, parsed into `ObjectEvent`s.

Keys arrive URL-encoded (`+` for a space): they are decoded with `unquote_plus`. The S3 test
event sent when the notification is configured is skipped. Bodies may also arrive wrapped in
an SNS notification (fan-out setups).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import unquote_plus

from precis.errors import InvalidInput
from precis.pipeline.backfill import ORDER_FIELD, is_backfill_order

MAX_ARTICLE_ID_LENGTH = 1024
# Sequencers are hex strings of varying length; they compare as numbers once left-padded.
_SEQUENCER_WIDTH = 64
_HEX = frozenset("0123456789ABCDEF")

EventKind = Literal["created", "removed"]


class MalformedEvent(InvalidInput):
    """A queue message that is not an S3 event notification."""

    code = "MALFORMED_EVENT"


class InvalidKey(InvalidInput):
    """An object key that cannot name an article (`..` segments, control characters, too long)."""

    code = "INVALID_KEY"


@dataclass(frozen=True, slots=True)
class ObjectEvent:
    """One S3 object event: what happened to which version of which key."""

    kind: EventKind
    name: str
    bucket: str
    key: str
    size: int | None = None
    etag: str | None = None
    version_id: str | None = None
    sequencer: str | None = None
    event_time: str | None = None
    # Set on backfill messages only: their order key, made by `precis.pipeline.backfill`.
    backfill_order: str | None = None

    @property
    def order(self) -> str:
        """A string that sorts like the events of one key happened (see `order_token`)."""
        if self.backfill_order:
            return self.backfill_order
        return order_token(self.sequencer, self.event_time, self.etag)

    @property
    def identity(self) -> str:
        """What makes two deliveries the same event (bucket, key, version or ETag, order)."""
        return "|".join((self.bucket, self.key, self.version_id or self.etag or "", self.order))


def order_token(sequencer: str | None, event_time: str | None, etag: str | None = None) -> str:
    """A sortable token: the S3 sequencer left-padded, else the event time in UTC.

    S3 sequencers of one key grow with every PUT and DELETE; compared as hex numbers they
    order the events. Without one (some emulators) the event time stands in, to the
    millisecond, with the ETag as a tie-break so that two uploads in the same millisecond
    are not mistaken for one (without a version id each event reads the newest object, so
    either order of the two ends with the newest content). The `s`/`t` prefixes keep the
    two kinds from being compared as equals.
    """
    if sequencer:
        normalized = sequencer.strip().upper()
        if normalized and set(normalized) <= _HEX and len(normalized) <= _SEQUENCER_WIDTH:
            return "s" + normalized.rjust(_SEQUENCER_WIDTH, "0")
    token = "t" + _utc_time(event_time)
    return f"{token}~{etag}" if etag else token


def _utc_time(value: str | None) -> str:
    if not value:
        return "0"
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return value.strip()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def article_id_for_key(key: str, prefix: str = "articles/") -> str | None:
    """The article id of an object key: under `prefix`, without the extension.

    `articles/world/peace-talks.html` -> `world/peace-talks`. None for keys that are not
    articles (outside the prefix, folder markers). Raises InvalidKey for keys that cannot
    name an article.
    """
    if not key.startswith(prefix):
        return None
    rest = key[len(prefix) :]
    if not rest or rest.endswith("/"):
        return None
    stem, _extension = posixpath.splitext(rest)
    article_id = stem or rest
    problem = article_id_problem(article_id)
    if problem is not None:
        raise InvalidKey(problem)
    return article_id


def article_id_problem(article_id: str) -> str | None:
    """Why `article_id` cannot name an article, or None when it can.

    One rule set for the keys the ingest accepts and the ids the API looks up: 1 to
    MAX_ARTICLE_ID_LENGTH characters, no control characters, no `.` or `..` path segments.
    """
    if not article_id:
        return "article id is empty"
    if len(article_id) > MAX_ARTICLE_ID_LENGTH:
        return f"article id is longer than {MAX_ARTICLE_ID_LENGTH} characters"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in article_id):
        return "article id contains control characters"
    if any(segment in {".", ".."} for segment in article_id.split("/")):
        return "article id contains '.' or '..' path segments"
    return None


def parse_message(body: str) -> list[ObjectEvent]:
    """The object events in one SQS message body ([] for the S3 test event).

    Raises MalformedEvent when the body is not an S3 notification.
    """
    try:
        payload = json.loads(body)
    except (TypeError, ValueError):
        raise MalformedEvent("message body is not JSON") from None
    return parse_notification(payload)


def parse_notification(payload: Any) -> list[ObjectEvent]:
    """The object events of a decoded S3 notification. Raises MalformedEvent."""
    if not isinstance(payload, Mapping):
        raise MalformedEvent("message body is not a JSON object")
    if payload.get("Event") == "s3:TestEvent":
        return []
    if payload.get("Type") == "Notification" and isinstance(payload.get("Message"), str):
        return parse_message(payload["Message"])
    records = payload.get("Records")
    if not isinstance(records, list):
        raise MalformedEvent("message body has no S3 'Records'")
    events = []
    for record in records:
        event = parse_record(record)
        if event is not None:
            events.append(event)
    return events


def parse_record(record: Any) -> ObjectEvent | None:
    """One S3 event record; None for events that are not about object content (tagging, ACLs).

    Raises MalformedEvent.
    """
    if not isinstance(record, Mapping):
        raise MalformedEvent("S3 record is not an object")
    name = str(record.get("eventName") or "")
    kind = _kind(name)
    if record.get("eventSource") not in {None, "aws:s3"} or kind is None:
        return None
    s3 = record.get("s3")
    if not isinstance(s3, Mapping):
        raise MalformedEvent("S3 record has no 's3' section")
    bucket = s3.get("bucket")
    obj = s3.get("object")
    if not isinstance(bucket, Mapping) or not isinstance(obj, Mapping):
        raise MalformedEvent("S3 record has no bucket or object")
    bucket_name = bucket.get("name")
    raw_key = obj.get("key")
    if not isinstance(bucket_name, str) or not bucket_name or not isinstance(raw_key, str):
        raise MalformedEvent("S3 record has no bucket name or object key")
    size = obj.get("size")
    backfill_order = record.get(ORDER_FIELD)
    if backfill_order is not None and (
        not isinstance(backfill_order, str) or not is_backfill_order(backfill_order)
    ):
        raise MalformedEvent(f"S3 record has an invalid {ORDER_FIELD}")
    return ObjectEvent(
        kind=kind,
        name=name,
        bucket=bucket_name,
        key=unquote_plus(raw_key),
        size=size if isinstance(size, int) and not isinstance(size, bool) else None,
        etag=_text(obj.get("eTag")),
        version_id=_text(obj.get("versionId")),
        sequencer=_text(obj.get("sequencer")),
        event_time=_text(record.get("eventTime")),
        backfill_order=backfill_order,
    )


def _kind(name: str) -> EventKind | None:
    bare = name.removeprefix("s3:")
    if bare.startswith("ObjectCreated:"):
        return "created"
    if bare.startswith(("ObjectRemoved:", "LifecycleExpiration:Delete")):
        return "removed"
    return None


def _text(value: object) -> str | None:
    if isinstance(value, str) and value:
        return value.strip('"')
    return None
