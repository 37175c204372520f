"""GET /summaries/{article_id+}: lengths from the stored ranking, statuses, ids, ETags."""

from __future__ import annotations

import pytest

from precis.record import SourceRef, Status
from precis.store.memory import InMemorySummaryStore

from .conftest import Client, RecordFactory, load_event


def test_completed_summary_is_served_with_its_metadata(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    # Given a completed article whose id contains a slash
    store.put_record(make_record("world/peace-talks"), order="1")

    # When it is read
    reply = client.get("/summaries/world/peace-talks")

    # Then the stored summary comes back with its metadata
    assert reply.status == 200
    view = reply.json
    assert view["article_id"] == "world/peace-talks"
    assert view["status"] == "COMPLETED"
    assert view["summary"] == "Sentence 0. Sentence 2. Sentence 4."
    assert view["summary_sentences"] == ["Sentence 0.", "Sentence 2.", "Sentence 4."]
    assert view["keywords"] == ["peace", "talks"]
    assert view["engine"]["name"] == "extractive"
    assert view["error"] is None


@pytest.mark.parametrize(
    ("sentences", "expected_positions"),
    [
        ("2", [0, 4]),  # the two best picks (4, 0) shown in article order
        ("4", [0, 2, 4, 5]),
        ("10", [0, 1, 2, 3, 4, 5]),  # more than stored: everything stored, no error
    ],
)
def test_sentences_picks_the_best_n_in_article_order(
    client: Client,
    store: InMemorySummaryStore,
    make_record: RecordFactory,
    sentences: str,
    expected_positions: list[int],
) -> None:
    store.put_record(make_record("a"), order="1")

    reply = client.get("/summaries/a", query={"sentences": sentences})

    assert reply.status == 200
    expected = [f"Sentence {p}." for p in expected_positions]
    assert reply.json["summary_sentences"] == expected
    assert reply.json["summary"] == " ".join(expected)
    assert reply.json["sentences"] == int(sentences)


def test_one_sentence_uses_the_stored_single_sentence(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    # The head of the ranking is position 4, but the single best sentence is position 2.
    store.put_record(make_record("a"), order="1")

    reply = client.get("/summaries/a", query={"sentences": "1"})

    assert reply.json["summary_sentences"] == ["Sentence 2."]


def test_record_without_ranking_keeps_its_stored_summary(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    # An abstractive summary has no ranked sentences to cut: it is served as stored.
    record = make_record("a", ranked_sentences=[], single_sentence=None, summary="Abstract.")
    store.put_record(record, order="1")

    reply = client.get("/summaries/a", query={"sentences": "5"})

    assert reply.status == 200
    assert reply.json["summary"] == "Abstract."


@pytest.mark.parametrize("status", [Status.PENDING, Status.PROCESSING])
def test_unfinished_article_answers_202(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory, status: Status
) -> None:
    record = make_record("a", status=status, summary=None, ranked_sentences=[])
    store.put_record(record, order="1")

    reply = client.get("/summaries/a")

    assert reply.status == 202
    assert reply.json["status"] == status.value
    assert reply.json["summary"] is None
    assert reply.header("Retry-After") is not None
    assert reply.header("ETag") is None
    assert reply.header("Cache-Control") == "no-store"


def test_failed_article_answers_200_with_its_error(
    client: Client, store: InMemorySummaryStore, make_failed: RecordFactory
) -> None:
    store.put_record(make_failed("bad"), order="1")

    reply = client.get("/summaries/bad")

    assert reply.status == 200
    assert reply.json["status"] == "FAILED"
    assert reply.json["error"]["code"] == "UNSUPPORTED_TYPE"
    assert reply.json["summary"] is None


def test_unknown_article_is_404(client: Client) -> None:
    client.get("/summaries/nothing/here").error(404, "NOT_FOUND")


def test_deleted_article_is_404(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    store.put_record(make_record("gone"), order="1")
    source = SourceRef(bucket="b", key="articles/gone.txt")
    store.put_tombstone(
        "gone", order="2", source=source, deleted_at="2026-11-26T10:00:00Z", expires_at=0
    )

    client.get("/summaries/gone").error(404, "NOT_FOUND")


def test_id_is_percent_decoded_once_from_the_path(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    # REST APIs deliver `path` still encoded: `%2520` is a literal `%20` in the id.
    store.put_record(make_record("odd keys/100%20 + more"), order="1")

    reply = client.get("/summaries/odd%20keys/100%2520%20+%20more")

    assert reply.status == 200
    assert reply.json["article_id"] == "odd keys/100%20 + more"


def test_path_parameter_from_api_gateway_is_taken_as_is(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    # API Gateway has already decoded `pathParameters`; decoding again would change the id.
    store.put_record(make_record("a%41"), order="1")

    reply = client.get("/summaries/a%2541", path_parameters={"article_id": "a%41"})

    assert reply.status == 200
    assert reply.json["article_id"] == "a%41"


def test_sample_event_reads_the_sample_article(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    store.put_record(make_record("world/peace-talks"), order="1")

    reply = client.send(load_event("api_get_summary.json"))

    assert reply.status == 200
    assert reply.json["article_id"] == "world/peace-talks"
    assert len(reply.json["summary_sentences"]) == 2
    assert reply.header("X-Request-Id") == "0f2b7c9e-2d4f-4f0e-9a51-3c1d5e7a9b01"


@pytest.mark.parametrize(
    "path",
    [
        "/summaries/a/../b",
        "/summaries/../etc/passwd",
        "/summaries/a/%2E%2E/b",
        "/summaries/a/./b",
        "/summaries/.",
        "/summaries/a%00b",
        "/summaries/tab%09id",
        "/summaries/" + "x" * 1025,
    ],
)
def test_invalid_ids_are_400(client: Client, path: str) -> None:
    client.get(path).error(400, "INVALID_ID")


def test_longest_valid_id_is_looked_up(client: Client) -> None:
    client.get("/summaries/" + "x" * 1024).error(404, "NOT_FOUND")


@pytest.mark.parametrize("sentences", ["0", "11", "-1", "two", "1.5", ""])
def test_invalid_sentences_are_400(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory, sentences: str
) -> None:
    store.put_record(make_record("a"), order="1")

    error = client.get("/summaries/a", query={"sentences": sentences}).error(
        400, "INVALID_SENTENCES"
    )

    assert "sentences" in error["message"]


def test_200_carries_etag_and_cache_control(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    store.put_record(make_record("a"), order="1")

    first = client.get("/summaries/a")
    again = client.get("/summaries/a")
    other_length = client.get("/summaries/a", query={"sentences": "2"})

    etag = first.header("ETag")
    assert etag and etag.startswith('"') and etag.endswith('"')
    assert again.header("ETag") == etag
    assert other_length.header("ETag") not in {None, etag}
    assert "max-age" in (first.header("Cache-Control") or "")


def test_etag_changes_when_the_summary_changes(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    store.put_record(make_record("a"), order="1")
    before = client.get("/summaries/a").header("ETag")

    store.put_record(make_record("a", title="New title", updated_at="2026-11-27T00:00Z"), order="2")
    after = client.get("/summaries/a").header("ETag")

    assert before != after


@pytest.mark.parametrize("form", ["{etag}", "W/{etag}", '"other", {etag}', "*"])
def test_matching_if_none_match_is_304_without_body(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory, form: str
) -> None:
    store.put_record(make_record("a"), order="1")
    etag = client.get("/summaries/a").header("ETag")
    assert etag is not None

    reply = client.get("/summaries/a", headers={"If-None-Match": form.format(etag=etag)})

    assert reply.status == 304
    assert reply.text == ""
    assert reply.header("ETag") == etag
    assert reply.header("X-Request-Id")


def test_stale_if_none_match_gets_the_full_summary(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    store.put_record(make_record("a"), order="1")

    reply = client.get("/summaries/a", headers={"If-None-Match": '"not-the-current-one"'})

    assert reply.status == 200
    assert reply.json["article_id"] == "a"


@pytest.mark.parametrize(
    "path", ["/summaries/a" + "/" * 50_000 + "b", "/summaries/" + "a/" * 50_000]
)
def test_very_long_paths_are_refused_not_matched_for_ever(client: Client, path: str) -> None:
    # The greedy id pattern matches in one pass; a lazy one was quadratic on runs of slashes.
    client.get(path).error(400, "INVALID_ID")


def test_trailing_slashes_are_not_part_of_the_id(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    store.put_record(make_record("world/peace-talks"), order="1")

    reply = client.get("/summaries/world/peace-talks//")

    assert reply.status == 200
    assert reply.json["article_id"] == "world/peace-talks"
