"""POST /summaries: what is refused before any article is read (body shape, type, size)."""

from __future__ import annotations

import base64
import json

import pytest

from .conftest import Client

# MAX_REQUEST_BYTES is 4096 in these tests (see conftest.api_env).
CAP = 4096


@pytest.mark.parametrize(
    "payload",
    [
        {"text": "One.", "html": "<p>Two.</p>"},
        {},
        {"title": "Only a title"},
        {"text": "Fine.", "sentences": 0},
        {"text": "Fine.", "sentences": 11},
        {"text": 42},
        {"text": "Fine.", "title": "t" * 1001},
    ],
)
def test_invalid_body_is_400(client: Client, payload: dict[str, object]) -> None:
    error = client.post("/summaries", payload).error(400, "INVALID_BODY")

    # The message names the rule, never the posted content.
    assert not any(isinstance(v, str) and v in error["message"] for v in payload.values())


@pytest.mark.parametrize("raw", ["{not json", "[]", '"text"', "null", "42"])
def test_body_that_is_not_a_json_object_is_400(client: Client, raw: str) -> None:
    client.request(
        "POST", "/summaries", body=raw, headers={"Content-Type": "application/json"}
    ).error(400, "INVALID_BODY")


def test_missing_body_is_400(client: Client) -> None:
    client.request("POST", "/summaries", headers={"Content-Type": "application/json"}).error(
        400, "INVALID_BODY"
    )


def test_deeply_nested_json_is_400_not_a_crash(client: Client) -> None:
    raw = "[" * 2000 + "]" * 2000  # under the cap, over the recursion limit

    client.request(
        "POST", "/summaries", body=raw, headers={"Content-Type": "application/json"}
    ).error(400, "INVALID_BODY")


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_non_json_body_is_415(client: Client, content_type: str) -> None:
    client.request(
        "POST", "/summaries", body="text=hello", headers={"Content-Type": content_type}
    ).error(415, "UNSUPPORTED_MEDIA_TYPE")


def test_body_over_the_cap_is_413(client: Client) -> None:
    payload = {"text": "word " * CAP}

    error = client.post("/summaries", payload).error(413, "TOO_LARGE")

    assert "word word" not in error["message"]


def test_cap_counts_bytes_not_characters(client: Client) -> None:
    # 1,500 characters of 3-byte UTF-8 are 4,500 bytes: over a 4,096-byte cap.
    client.post("/summaries", {"text": "語" * 1500}).error(413, "TOO_LARGE")


def test_base64_body_over_the_cap_is_413(client: Client) -> None:
    raw = json.dumps({"text": "x" * (CAP + 10)}).encode()

    client.request(
        "POST",
        "/summaries",
        body=base64.b64encode(raw).decode(),
        base64=True,
        headers={"Content-Type": "application/json"},
    ).error(413, "TOO_LARGE")


def test_base64_body_that_is_not_utf8_is_400(client: Client) -> None:
    client.request(
        "POST",
        "/summaries",
        body=base64.b64encode(b'{"text": "\xff\xfe"}').decode(),
        base64=True,
        headers={"Content-Type": "application/json"},
    ).error(400, "INVALID_BODY")


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ('{"text": "Fine.", "sentences": 20}', "`sentences`"),
        ('{"text": "Fine.", "title": 5}', "`title`"),
        ('{"text": null}', "`text` must be a string"),
        ("[]", "must be a JSON object"),
        ("", "body is required"),
    ],
)
def test_body_errors_say_what_is_wrong(client: Client, raw: str, says: str) -> None:
    reply = client.request(
        "POST", "/summaries", body=raw or None, headers={"Content-Type": "application/json"}
    )

    assert says in reply.error(400, "INVALID_BODY")["message"]
