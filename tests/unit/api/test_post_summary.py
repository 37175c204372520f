"""POST /summaries: a posted article is summarized in the request (and nothing is stored)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from precis.record import Status
from precis.store.memory import InMemorySummaryStore

from .conftest import Client, load_event

ARTICLE = (
    "The river town of Ashford opened a new footbridge on Saturday after two years of work. "
    "The bridge links the railway station with the old market square across the Wey. "
    "Engineers said the steel deck was lifted into place in a single night in March. "
    "Shop owners on the market side expect more visitors now that the walk takes five minutes. "
    "The council paid for most of the work with a regional transport grant. "
    "A small group of residents had opposed the design, calling it too modern for the square. "
    "The mayor said the bridge would be lit in the town's colours during festivals."
)
HTML = (
    "<html><head><title>Ashford opens footbridge</title></head><body>"
    "<nav>Home | News | Sport</nav>"
    + "".join(f"<p>{sentence}.</p>" for sentence in ARTICLE.split(". "))
    + "<footer>Share this article</footer></body></html>"
)


def test_posted_text_is_summarized_in_the_request(
    client: Client, store: InMemorySummaryStore
) -> None:
    # When a plain-text article is posted with a title and a length
    reply = client.post("/summaries", {"text": ARTICLE, "title": "New bridge", "sentences": 2})

    # Then it comes back summarized, with metadata, and nothing is stored
    assert reply.status == 200, reply.text
    result = reply.json
    assert result["title"] == "New bridge"
    assert result["sentences"] == 2
    assert len(result["summary_sentences"]) == 2
    assert result["summary"] == " ".join(result["summary_sentences"])
    assert all(sentence in ARTICLE for sentence in result["summary_sentences"])
    assert result["language"] == "en"
    assert result["word_count"] == len(ARTICLE.split())
    assert result["reading_time_minutes"] >= 1
    assert result["keywords"]
    assert result["engine"]["name"]
    for status in Status:
        assert store.list_by_status(status, limit=10) == ([], None)


def test_default_length_comes_from_the_settings(client: Client) -> None:
    reply = client.post("/summaries", {"text": ARTICLE})

    assert reply.json["sentences"] == 3
    assert len(reply.json["summary_sentences"]) == 3


def test_summary_sentences_keep_article_order(client: Client) -> None:
    reply = client.post("/summaries", {"text": ARTICLE, "sentences": 4})

    positions = [ARTICLE.index(sentence) for sentence in reply.json["summary_sentences"]]
    assert positions == sorted(positions)


def test_posted_html_loses_its_boilerplate(client: Client) -> None:
    reply = client.post("/summaries", {"html": HTML, "sentences": 3})

    assert reply.status == 200, reply.text
    summary = reply.json["summary"]
    assert "Home | News" not in summary
    assert "Share this article" not in summary
    assert reply.json["title"] == "Ashford opens footbridge"


def test_sample_post_event_is_summarized(client: Client) -> None:
    reply = client.send(load_event("api_post_summary.json"))

    assert reply.status == 200, reply.text
    assert len(reply.json["summary_sentences"]) == 2


@pytest.mark.parametrize("text", ["", "   \n\t ", "!!! ??? ...", "12345 67890"])
def test_article_without_text_is_422_empty(client: Client, text: str) -> None:
    client.post("/summaries", {"text": text}).error(422, "EMPTY")


def test_charset_in_content_type_is_accepted(client: Client) -> None:
    reply = client.request(
        "POST",
        "/summaries",
        body=json.dumps({"text": ARTICLE}),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )

    assert reply.status == 200


def test_posted_text_is_not_logged(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    client.post("/summaries", {"text": ARTICLE})
    client.post("/summaries", {"text": ARTICLE, "html": "<p>both</p>"})

    captured = capsys.readouterr()
    assert "footbridge" not in captured.out + captured.err


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=400),
    field=st.sampled_from(["text", "html"]),
    sentences=st.one_of(st.none(), st.integers(min_value=-2, max_value=12)),
)
def test_arbitrary_posted_articles_are_answered_without_5xx(
    client: Client, text: str, field: str, sentences: int | None
) -> None:
    payload: dict[str, object] = {field: text}
    if sentences is not None:
        payload["sentences"] = sentences

    reply = client.post("/summaries", payload)

    assert reply.status in {200, 400, 422}, reply.text
    if reply.status == 200:
        assert 1 <= len(reply.json["summary_sentences"]) <= (sentences or 3)
