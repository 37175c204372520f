"""A small S3 reader: HEAD first (size checked before any download), then GET of that version.

The client is created on first use, never at import, so moto and `AWS_ENDPOINT_URL` catch it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from precis.aws.errors import error_code, translate
from precis.errors import TooLarge, TransientError

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

ClientFactory = Callable[[], "S3Client"]


@dataclass(frozen=True, slots=True)
class ObjectHead:
    """What S3 says about one object version, before its body is read."""

    bucket: str
    key: str
    size: int
    etag: str | None
    version_id: str | None
    content_type: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class S3Object:
    head: ObjectHead
    body: bytes


def default_s3_client() -> S3Client:
    """A plain boto3 S3 client with short timeouts (the queue retries, not the client)."""
    import boto3  # noqa: PLC0415 - lazily: no client (or boto3 import) at cold start
    from botocore.config import Config  # noqa: PLC0415

    config = Config(
        connect_timeout=3, read_timeout=10, retries={"max_attempts": 3, "mode": "standard"}
    )
    return boto3.client("s3", config=config)


class S3Reader:
    """Reads article objects with a size cap; failures come out as typed errors."""

    def __init__(self, client_factory: ClientFactory | None = None) -> None:
        self._client_factory = client_factory or default_s3_client
        self._client: S3Client | None = None

    @property
    def client(self) -> S3Client:
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    def head(self, bucket: str, key: str, *, version_id: str | None = None) -> ObjectHead:
        """Metadata of the object (that version when given).

        Raises NotFound when it is gone, TransientError when S3 may answer later.
        """
        params: dict[str, Any] = {"Bucket": bucket, "Key": key}
        if version_id:
            params["VersionId"] = version_id
        try:
            response = self.client.head_object(**params)
        except Exception as exc:
            raise _translated(exc, "s3 head") from exc
        return ObjectHead(
            bucket=bucket,
            key=key,
            size=int(response.get("ContentLength", 0)),
            etag=_strip_etag(response.get("ETag")),
            version_id=response.get("VersionId") or version_id,
            content_type=response.get("ContentType"),
            last_modified=_iso(response.get("LastModified")),
        )

    def get(
        self, bucket: str, key: str, *, version_id: str | None = None, max_bytes: int
    ) -> S3Object:
        """One GET when the size is already known (S3 events carry it): the object's length
        is checked from the response headers before its body is read.

        Raises TooLarge, NotFound, TransientError.
        """
        params: dict[str, Any] = {"Bucket": bucket, "Key": key}
        if version_id:
            params["VersionId"] = version_id
        try:
            response = self.client.get_object(**params)
            size = int(response.get("ContentLength", 0))
            if size > max_bytes:
                response["Body"].close()
                raise TooLarge(f"article is {size} bytes, the limit is {max_bytes}")
            body = response["Body"].read(max_bytes + 1)
        except TooLarge:
            raise
        except Exception as exc:
            raise _translated(exc, "s3 get") from exc
        if len(body) > max_bytes:
            raise TooLarge(f"article is larger than the limit of {max_bytes} bytes")
        head = ObjectHead(
            bucket=bucket,
            key=key,
            size=len(body),
            etag=_strip_etag(response.get("ETag")),
            version_id=response.get("VersionId") or version_id,
            content_type=response.get("ContentType"),
            last_modified=_iso(response.get("LastModified")),
        )
        return S3Object(head=head, body=body)

    def read(self, head: ObjectHead, *, max_bytes: int) -> S3Object:
        """The body of the object `head` describes, at most `max_bytes` long.

        Raises TooLarge (before downloading when the size is known), NotFound, TransientError.
        """
        if head.size > max_bytes:
            raise TooLarge(f"article is {head.size} bytes, the limit is {max_bytes}")
        params: dict[str, Any] = {"Bucket": head.bucket, "Key": head.key}
        if head.version_id:
            params["VersionId"] = head.version_id
        elif head.etag:
            # Unversioned bucket: make sure the body is the one HEAD described.
            params["IfMatch"] = f'"{head.etag}"'
        try:
            response = self.client.get_object(**params)
            body = response["Body"].read(max_bytes + 1)
        except Exception as exc:
            raise _translated(exc, "s3 get") from exc
        if len(body) > max_bytes:
            raise TooLarge(f"article is larger than the limit of {max_bytes} bytes")
        return S3Object(head=head, body=body)


def _translated(exc: Exception, what: str) -> Exception:
    typed = translate(exc, what=what)
    if typed is not None:
        return typed
    code = error_code(exc)
    if code in {"PreconditionFailed", "412"}:
        # Overwritten between HEAD and GET: the next attempt reads the new object.
        return TransientError(f"{what}: object changed while reading", code="CHANGED")
    return exc


def _strip_etag(etag: str | None) -> str | None:
    return etag.strip('"') if etag else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
