"""GET /summaries: pages by status, newest first, with signed cursors that cannot be forged."""

from __future__ import annotations

import pytest

from precis.api.cursor import cursor_secret, decode_cursor, encode_cursor
from precis.config import Settings
from precis.record import Status
from precis.store.memory import InMemorySummaryStore

from .conftest import Client, RecordFactory


def _fill(store: InMemorySummaryStore, make_record: RecordFactory, count: int) -> list[str]:
    """`count` COMPLETED articles; returns their ids newest first."""
    ids = [f"news/item-{i:02d}" for i in range(count)]
    for i, article_id in enumerate(ids):
        stamp = f"2026-11-26T09:{i:02d}:00Z"
        store.put_record(make_record(article_id, updated_at=stamp), order="1")
    return list(reversed(ids))


def test_pages_cover_every_article_once_in_newest_first_order(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    # Given 7 completed articles
    expected = _fill(store, make_record, 7)

    # When they are listed 3 at a time, following next_cursor
    seen: list[str] = []
    query = {"limit": "3"}
    pages = 0
    while True:
        reply = client.get("/summaries", query=query)
        assert reply.status == 200
        page = reply.json
        assert page["count"] == len(page["items"]) <= 3
        seen += [item["article_id"] for item in page["items"]]
        pages += 1
        if not page["next_cursor"]:
            break
        query = {"limit": "3", "cursor": page["next_cursor"]}

    # Then every article came exactly once, newest first, over 3 pages
    assert seen == expected
    assert pages == 3


def test_status_filters_and_defaults_to_completed(
    client: Client,
    store: InMemorySummaryStore,
    make_record: RecordFactory,
    make_failed: RecordFactory,
) -> None:
    store.put_record(make_record("ok"), order="1")
    store.put_record(make_failed("bad"), order="1")

    default = client.get("/summaries").json
    failed = client.get("/summaries", query={"status": "FAILED"}).json

    assert [i["article_id"] for i in default["items"]] == ["ok"]
    assert [i["article_id"] for i in failed["items"]] == ["bad"]
    assert failed["items"][0]["error"]["code"] == "UNSUPPORTED_TYPE"
    assert default["next_cursor"] is None


def test_empty_listing_is_an_empty_page(client: Client) -> None:
    page = client.get("/summaries", query={"status": "PENDING"}).json

    assert page == {"items": [], "count": 0, "next_cursor": None}


@pytest.mark.parametrize("limit", ["0", "101", "-5", "ten", ""])
def test_invalid_limit_is_400(client: Client, limit: str) -> None:
    client.get("/summaries", query={"limit": limit}).error(400, "INVALID_LIMIT")


@pytest.mark.parametrize("status", ["completed", "DONE", "", "PENDING,FAILED"])
def test_invalid_status_is_400(client: Client, status: str) -> None:
    client.get("/summaries", query={"status": status}).error(400, "INVALID_STATUS")


def _first_cursor(client: Client, store: InMemorySummaryStore, make_record: RecordFactory) -> str:
    _fill(store, make_record, 3)
    cursor = client.get("/summaries", query={"limit": "1"}).json["next_cursor"]
    assert isinstance(cursor, str)
    return cursor


def test_tampered_cursor_is_400(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    cursor = _first_cursor(client, store, make_record)
    payload, signature = cursor.split(".")
    flipped = payload[:-1] + ("A" if payload[-1] != "A" else "B")

    for forged in (f"{flipped}.{signature}", f"{payload}.{signature[::-1]}", "garbage", "a.b.c"):
        client.get("/summaries", query={"cursor": forged}).error(400, "INVALID_CURSOR")


def test_forged_cursor_with_a_guessed_key_is_400(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    _fill(store, make_record, 3)
    position = {"article_id": "news/item-01", "status": "COMPLETED", "updated_at": "x"}
    forged = encode_cursor(position, secret=b"guessed", scope="COMPLETED")

    client.get("/summaries", query={"cursor": forged}).error(400, "INVALID_CURSOR")


def test_cursor_of_another_status_is_400(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    cursor = _first_cursor(client, store, make_record)

    reply = client.get("/summaries", query={"cursor": cursor, "status": "FAILED"})

    reply.error(400, "INVALID_CURSOR")


def test_cursor_is_signed_with_the_configured_secret(
    client: Client, store: InMemorySummaryStore, make_record: RecordFactory
) -> None:
    cursor = _first_cursor(client, store, make_record)
    secret = cursor_secret(Settings.from_env().cursor_secret)

    position = decode_cursor(cursor, secret=secret, scope=Status.COMPLETED)

    assert position["article_id"] == "news/item-02"
