"""What moto's S3 notifications leave out, added so that local events look like real ones.

moto (5.x) sends S3 -> SQS notifications for PutObject, CopyObject, multipart uploads and
DeleteObject on unversioned buckets, but its records carry no `sequencer`, no `versionId`
and, on versioned buckets, no event at all for a delete that creates a delete marker. The
summarize handler orders events by `sequencer`, so the local stack patches moto (in this
process only; `ThreadedMotoServer` runs in-process) to:

- stamp every S3 record with a monotonic, fixed-width hex `sequencer` and the `versionId`;
- drop `size`/`eTag` from ObjectRemoved records (real S3 does not send them);
- send `ObjectRemoved:DeleteMarkerCreated` when a delete on a versioned bucket creates a
  delete marker;
- parse each DynamoDB UpdateExpression once (moto re-parses it on every call, which made
  UpdateItem the slowest call of the local stack); every call gets its own copy of the tree.

Sequencers are taken when moto sends the event, right after it stored the object. Real S3
orders events per key; so does this as long as operations on one key are not concurrent,
which is what the tests and the load generator do (one thread owns each key).
"""

from __future__ import annotations

import copy
import itertools
import threading
from typing import Any

from moto.dynamodb.parsing.expressions import (  # type: ignore[attr-defined]
    UpdateExpressionParser,
)
from moto.s3 import models as s3_models
from moto.s3 import notifications

_lock = threading.Lock()
_installed = False
_originals: list[tuple[Any, str, Any]] = []
_sequence = itertools.count(1)
_REMOVED_PREFIX = "ObjectRemoved:"


def next_sequencer() -> str:
    """A hex sequencer greater than every one handed out before in this process."""
    with _lock:
        return f"{next(_sequence):016X}"


def enrich_record(record: dict[str, Any], key: Any) -> None:
    """Add what real S3 puts into a notification record and moto does not."""
    obj = record["s3"]["object"]
    obj["sequencer"] = next_sequencer()
    version_id = getattr(key, "version_id", None)
    if version_id and version_id != "null":
        obj["versionId"] = str(version_id)
    if str(record.get("eventName", "")).startswith(_REMOVED_PREFIX):
        obj.pop("size", None)
        obj.pop("eTag", None)
    record.setdefault("userIdentity", {"principalId": "AWS:LOCAL"})
    record.setdefault("requestParameters", {"sourceIPAddress": "127.0.0.1"})
    record.setdefault(
        "responseElements",
        {"x-amz-request-id": "LOCAL", "x-amz-id-2": "LOCAL"},
    )


def install() -> None:
    """Patch moto in this process (idempotent); `uninstall` restores it."""
    global _installed  # noqa: PLW0603 - one patch per process, guarded by the lock
    with _lock:
        if _installed:
            return
        _installed = True
        _originals.extend(
            [
                (notifications, "_get_s3_event", notifications.__dict__["_get_s3_event"]),
                (s3_models.S3Backend, "delete_object", vars(s3_models.S3Backend)["delete_object"]),
                (UpdateExpressionParser, "make", vars(UpdateExpressionParser)["make"]),
            ]
        )

    original_event = notifications._get_s3_event

    def _get_s3_event(
        event_name: str, bucket: Any, key: Any, notification_id: str
    ) -> dict[str, list[dict[str, Any]]]:
        event = original_event(event_name, bucket, key, notification_id)
        for record in event["Records"]:
            enrich_record(record, key)
        return event

    notifications._get_s3_event = _get_s3_event

    original_delete = s3_models.S3Backend.delete_object

    def delete_object(
        self: Any,
        bucket_name: str,
        key_name: str,
        version_id: str | None = None,
        bypass: bool = False,
    ) -> tuple[bool, dict[str, Any]]:
        result = original_delete(self, bucket_name, key_name, version_id, bypass)
        bucket = self.get_bucket(bucket_name)
        marker_created = result[1].get("delete-marker") == "true" and version_id is None
        if bucket.is_versioned and marker_created:
            marker = bucket.keys.get(key_name)
            if marker is not None and not hasattr(marker, "etag"):
                marker.etag = '""'
                marker.size = 0
            if marker is not None:
                notifications.send_event(
                    self.account_id,
                    notifications.S3NotificationEvent.OBJECT_REMOVED_DELETE_MARKER_CREATED_EVENT,
                    bucket,
                    marker,
                )
        return result

    s3_models.S3Backend.delete_object = delete_object  # type: ignore[method-assign]
    _cache_update_expressions()


def uninstall() -> None:
    """Give moto back its own behaviour (a stack that ran moto in-process is stopping)."""
    global _installed  # noqa: PLW0603 - see install
    with _lock:
        for owner, name, original in reversed(_originals):
            setattr(owner, name, original)
        _originals.clear()
        _installed = False


_PARSED_LIMIT = 512


def _cache_update_expressions() -> None:
    parser = UpdateExpressionParser
    original_make = parser.make.__func__
    parsed: dict[str, Any] = {}

    def make(cls: type, expression: str) -> Any:
        tree = parsed.get(expression)
        if tree is None:
            tree = original_make(cls, expression)
            if len(parsed) < _PARSED_LIMIT:
                parsed[expression] = tree
        # moto's validators rewrite the tree in place: each call works on a copy.
        return copy.deepcopy(tree)

    parser.make = classmethod(make)
