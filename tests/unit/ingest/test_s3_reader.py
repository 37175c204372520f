"""S3Reader over moto: size checked before download, versions, typed errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from precis.aws.s3 import ObjectHead, S3Reader
from precis.errors import NotFound, TooLarge, TransientError
from tests.integration.aws_fixtures import FAKE_ENV, REGION


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    import boto3
    from moto import mock_aws

    for name, value in FAKE_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket="articles-bucket")
        yield client


def test_head_then_read_returns_the_body(s3: Any) -> None:
    s3.put_object(
        Bucket="articles-bucket",
        Key="articles/a.txt",
        Body=b"Hello there.",
        ContentType="text/plain",
    )
    reader = S3Reader()

    head = reader.head("articles-bucket", "articles/a.txt")
    obj = reader.read(head, max_bytes=100)

    assert head.size == 12 and head.content_type == "text/plain" and head.etag
    assert head.last_modified is not None
    assert obj.body == b"Hello there."


def test_reads_the_version_named_in_the_event(s3: Any) -> None:
    s3.put_bucket_versioning(
        Bucket="articles-bucket", VersioningConfiguration={"Status": "Enabled"}
    )
    first = s3.put_object(Bucket="articles-bucket", Key="articles/a.txt", Body=b"first")[
        "VersionId"
    ]
    s3.put_object(Bucket="articles-bucket", Key="articles/a.txt", Body=b"second version")
    reader = S3Reader()

    obj = reader.read(
        reader.head("articles-bucket", "articles/a.txt", version_id=first), max_bytes=100
    )

    assert obj.body == b"first"
    assert obj.head.version_id == first


class _NoDownload:
    """A client that fails the test if anything but HEAD is called."""

    def get_object(self, **_kwargs: Any) -> Any:
        raise AssertionError("downloaded an object that is over the cap")


def test_over_the_cap_is_refused_before_download() -> None:
    reader = S3Reader(client_factory=_NoDownload)  # type: ignore[arg-type]
    head = ObjectHead("b", "articles/a.txt", 5000, "e", None, "text/plain", None)

    with pytest.raises(TooLarge):
        reader.read(head, max_bytes=4096)


def test_body_longer_than_head_said_is_still_capped(s3: Any) -> None:
    s3.put_object(Bucket="articles-bucket", Key="articles/a.txt", Body=b"x" * 50)
    reader = S3Reader()
    head = reader.head("articles-bucket", "articles/a.txt")
    lying = ObjectHead(head.bucket, head.key, 1, head.etag, None, None, None)

    with pytest.raises(TooLarge):
        reader.read(lying, max_bytes=10)


def test_missing_object_is_not_found(s3: Any) -> None:
    with pytest.raises(NotFound):
        S3Reader().head("articles-bucket", "articles/gone.txt")


def test_object_replaced_between_head_and_get_is_transient(s3: Any) -> None:
    s3.put_object(Bucket="articles-bucket", Key="articles/a.txt", Body=b"old")
    reader = S3Reader()
    head = reader.head("articles-bucket", "articles/a.txt")
    s3.put_object(Bucket="articles-bucket", Key="articles/a.txt", Body=b"new content")

    with pytest.raises(TransientError) as caught:
        reader.read(head, max_bytes=100)
    assert caught.value.code == "CHANGED"


def _stubbed_reader(error: Exception) -> S3Reader:
    class Client:
        def head_object(self, **_kwargs: Any) -> Any:
            raise error

    return S3Reader(client_factory=Client)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("SlowDown", "THROTTLED"),
        ("InternalError", "SERVICE_UNAVAILABLE"),
        ("503", "SERVICE_UNAVAILABLE"),
        ("AccessDenied", "ACCESS_DENIED"),
    ],
)
def test_s3_errors_worth_a_retry_are_transient(code: str, expected: str) -> None:
    from botocore.exceptions import ClientError

    reader = _stubbed_reader(ClientError({"Error": {"Code": code, "Message": "m"}}, "HeadObject"))
    with pytest.raises(TransientError) as caught:
        reader.head("b", "k")
    assert caught.value.code == expected


def test_timeouts_and_connection_errors_are_transient() -> None:
    from botocore.exceptions import EndpointConnectionError, ReadTimeoutError

    for error, code in [
        (ReadTimeoutError(endpoint_url="https://s3"), "TIMEOUT"),
        (EndpointConnectionError(endpoint_url="https://s3"), "CONNECTION"),
    ]:
        with pytest.raises(TransientError) as caught:
            _stubbed_reader(error).head("b", "k")
        assert caught.value.code == code


def test_single_get_returns_body_and_metadata(s3: Any) -> None:
    s3.put_object(
        Bucket="articles-bucket", Key="articles/a.txt", Body=b"Hi there.", ContentType="text/plain"
    )

    obj = S3Reader().get("articles-bucket", "articles/a.txt", max_bytes=100)

    assert obj.body == b"Hi there."
    assert obj.head.size == 9 and obj.head.content_type == "text/plain" and obj.head.etag


class _BigObject:
    """GET answers with a large Content-Length; reading the body fails the test."""

    class Body:
        closed = False

        def read(self, *_args: Any) -> bytes:
            raise AssertionError("read the body of an object over the cap")

        def close(self) -> None:
            self.closed = True

    def __init__(self) -> None:
        self.body = self.Body()

    def get_object(self, **_kwargs: Any) -> Any:
        return {"ContentLength": 10_000_000, "Body": self.body, "ETag": '"e"'}


def test_single_get_refuses_from_the_length_header_without_reading() -> None:
    client = _BigObject()
    reader = S3Reader(client_factory=lambda: client)  # type: ignore[arg-type,return-value]

    with pytest.raises(TooLarge):
        reader.get("b", "articles/a.txt", max_bytes=2_097_152)
    assert client.body.closed
