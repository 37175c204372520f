"""Upload over S3, summarize through the queue, read over HTTP: the service on one machine."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from local.api_client import ApiClient, Response
from local.stack import LocalStack, wait_for

pytestmark = pytest.mark.e2e
SAMPLES = Path(__file__).resolve().parents[2] / "local" / "samples"
BOILERPLATE = ("No time to read", "Get a summary", "Previous Article", "Next Article")


def _normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_good_article_is_summarized_from_its_body_without_boilerplate(
    upload: Callable[..., None], await_summary: Callable[..., Response]
) -> None:
    body = (SAMPLES / "harbour-council-vote.txt").read_text(encoding="utf-8")
    upload("e2e/harbour.txt", body.encode("utf-8"), "text/plain")

    response = await_summary("e2e/harbour")
    record = response.json()

    assert response.status == 200
    assert record["status"] == "COMPLETED"
    assert record["title"] == "Harbour Council Approves Flood Barrier After Year of Debate"
    summary = record["summary"]
    assert summary
    for phrase in (*BOILERPLATE, "Night Trains Return", "Local Choir Wins"):
        assert phrase not in summary
    article_body = _normalized(body)
    for sentence in record["summary_sentences"]:
        assert _normalized(sentence) in article_body
    assert record["language"] == "en"
    assert record["keywords"]
    assert record["reading_time_minutes"] >= 1
    assert response.headers.get("etag")


def test_html_page_is_summarized_without_navigation_ads_or_footer(
    upload: Callable[..., None], await_summary: Callable[..., Response]
) -> None:
    upload(
        "e2e/library.html",
        (SAMPLES / "city-library-reopens.html").read_bytes(),
        "text/html",
    )

    record = await_summary("e2e/library").json()

    assert record["status"] == "COMPLETED"
    for noise in ("Advertisement", "Sponsored", "Subscribe", "Privacy policy", "Share this"):
        assert noise not in record["summary"]
    assert "rooftop" in record["summary"].lower()


@pytest.mark.parametrize(
    ("name", "body", "code"),
    [
        ("e2e/scan.pdf", (SAMPLES / "scanned-notice.pdf").read_bytes(), "UNSUPPORTED_TYPE"),
        ("e2e/empty.txt", b"", "EMPTY"),
        ("e2e/broken.json", b'{"title": "x", "body": ', "MALFORMED"),
    ],
)
def test_bad_file_ends_failed_with_its_code(
    upload: Callable[..., None],
    await_summary: Callable[..., Response],
    name: str,
    body: bytes,
    code: str,
) -> None:
    upload(name, body)

    record = await_summary(name.rsplit(".", 1)[0]).json()

    assert record["status"] == "FAILED"
    assert record["error"]["code"] == code
    assert record["summary"] is None


def test_unknown_article_is_404(api: ApiClient) -> None:
    response = api.summary("e2e/never-uploaded")

    assert response.status == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def _article(topic: str, detail: str) -> bytes:
    sentences = [
        f"The {topic} committee met on Thursday to discuss {detail}.",
        f"Members of the {topic} committee agreed that {detail} needs a clear budget.",
        f"A report on {detail} will be published by the {topic} office next month.",
        f"Residents can comment on the {topic} plan until the end of the year.",
        f"The chair of the {topic} committee thanked everyone who attended.",
    ]
    return (f"{topic.title()} Update\n\n" + " ".join(sentences)).encode("utf-8")


def test_reupload_of_the_same_key_replaces_the_summary(
    upload: Callable[..., None], await_summary: Callable[..., Response]
) -> None:
    upload("e2e/update.txt", _article("parks", "new benches"))
    first = await_summary("e2e/update").json()
    assert "parks" in first["summary"]

    upload("e2e/update.txt", _article("transport", "night buses"))
    second = await_summary(
        "e2e/update",
        lambda r: r.status == 200 and "transport" in (r.json().get("summary") or ""),
    ).json()

    assert second["status"] == "COMPLETED"
    assert "parks" not in second["summary"]
    assert second["title"] == "Transport Update"


def test_back_to_back_uploads_keep_the_newest_version(
    e2e_stack: LocalStack, upload: Callable[..., None], await_summary: Callable[..., Response]
) -> None:
    for topic in ("harbour", "library", "schools"):
        upload("e2e/rapid.txt", _article(topic, "the autumn timetable"))

    e2e_stack.wait_until_idle(timeout=60)
    record = await_summary("e2e/rapid").json()

    assert record["title"] == "Schools Update"


def test_deleted_article_is_gone(
    e2e_stack: LocalStack,
    api: ApiClient,
    upload: Callable[..., None],
    await_summary: Callable[..., Response],
) -> None:
    upload("e2e/deleted.txt", _article("water", "the new reservoir"))
    await_summary("e2e/deleted")

    e2e_stack.client("s3").delete_object(
        Bucket=e2e_stack.bucket_name, Key=f"{e2e_stack.articles_prefix}e2e/deleted.txt"
    )

    assert await_summary("e2e/deleted", lambda r: r.status == 404).status == 404


def test_posted_text_is_summarized_in_the_request(api: ApiClient) -> None:
    text = _article("library", "longer opening hours").decode("utf-8")

    response = api.post_json("/summaries", {"text": text, "title": "Library", "sentences": 2})

    assert response.status == 200
    record = response.json()
    assert len(record["summary_sentences"]) == 2
    assert "library" in record["summary"].lower()


def test_poison_message_is_dead_lettered_after_three_receives_without_failing_neighbours(
    e2e_stack: LocalStack, upload: Callable[..., None], await_summary: Callable[..., Response]
) -> None:
    dead_letters = e2e_stack.dead_letter_queue_url
    before = e2e_stack.queue_depth(dead_letters)
    e2e_stack.client("sqs").send_message(
        QueueUrl=e2e_stack.queue_url, MessageBody='{"not": "an S3 notification"}'
    )
    upload("e2e/neighbour.txt", _article("market", "stall fees"))

    neighbour = await_summary("e2e/neighbour").json()
    wait_for(
        lambda: e2e_stack.queue_depth(dead_letters) == before + 1,
        timeout=60,
        what="the poison message in the dead-letter queue",
    )

    assert neighbour["status"] == "COMPLETED"
    messages = e2e_stack.client("sqs").receive_message(
        QueueUrl=dead_letters, MaxNumberOfMessages=10, AttributeNames=["All"]
    )["Messages"]
    poison = [m for m in messages if m["Body"] == '{"not": "an S3 notification"}']
    assert len(poison) == 1
    assert int(poison[0]["Attributes"]["ApproximateReceiveCount"]) >= 3
    assert e2e_stack.queue_depth(e2e_stack.queue_url) == 0
