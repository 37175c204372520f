"""Parsing S3 notifications: test events, encoded keys, hostile keys, ordering tokens."""

from __future__ import annotations

import json

import pytest

from precis.pipeline.notifications import (
    InvalidKey,
    MalformedEvent,
    article_id_for_key,
    order_token,
    parse_message,
)

from .conftest import notification


def test_put_event_is_parsed_with_decoded_key() -> None:
    body = notification(
        "articles/world/peace+talks%2B%C3%A9.html",
        size=1234,
        eTag='"0123abcd"',
        versionId="v1",
        sequencer="0055AED6DCD90281E5",
    )

    [event] = parse_message(json.dumps(body))

    assert event.kind == "created"
    assert event.key == "articles/world/peace talks+é.html"
    assert (event.size, event.etag, event.version_id) == (1234, "0123abcd", "v1")
    assert event.order == order_token("0055AED6DCD90281E5", None)


def test_s3_test_event_is_skipped() -> None:
    body = {"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": "b"}
    assert parse_message(json.dumps(body)) == []


def test_delete_and_delete_marker_are_removals() -> None:
    for name in ("ObjectRemoved:Delete", "ObjectRemoved:DeleteMarkerCreated"):
        [event] = parse_message(json.dumps(notification("articles/a.txt", name)))
        assert event.kind == "removed"


def test_events_about_tags_are_ignored() -> None:
    assert parse_message(json.dumps(notification("articles/a.txt", "ObjectTagging:Put"))) == []


def test_sns_wrapped_notification_is_unwrapped() -> None:
    inner = json.dumps(notification("articles/a.txt"))
    body = json.dumps({"Type": "Notification", "Message": inner})
    [event] = parse_message(body)
    assert event.key == "articles/a.txt"


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        "{}",
        '{"Records": "x"}',
        '{"Records": [{"eventName": "ObjectCreated:Put"}]}',
    ],
)
def test_malformed_bodies_raise(body: str) -> None:
    with pytest.raises(MalformedEvent):
        parse_message(body)


def test_sequencers_compare_as_numbers_after_padding() -> None:
    shorter = order_token("FF", None)
    longer = order_token("0100", None)
    assert shorter < longer
    assert order_token("0055AED6DCD90281E5", None) < order_token("0055AED6DCD90281F0", None)
    assert order_token("0055aed6dcd90281e5", None) == order_token("0055AED6DCD90281E5", None)


def test_without_sequencer_event_time_orders_to_the_millisecond() -> None:
    earlier = order_token(None, "2026-11-26T09:00:00.123Z")
    later = order_token(None, "2026-11-26T09:00:00.124Z")
    same_instant = order_token(None, "2026-11-26T10:00:00.123+01:00")
    assert earlier < later
    assert earlier == same_instant


@pytest.mark.parametrize(
    ("key", "article_id"),
    [
        ("articles/world/peace-talks.html", "world/peace-talks"),
        ("articles/a.b/c", "a.b/c"),
        ("articles/report.tar.gz", "report.tar"),
        ("articles/with space.txt", "with space"),
        ("articles/日本語/記事.md", "日本語/記事"),
        ("articles/.hidden", ".hidden"),
    ],
)
def test_article_id_is_key_under_prefix_without_extension(key: str, article_id: str) -> None:
    assert article_id_for_key(key) == article_id


@pytest.mark.parametrize("key", ["other/a.txt", "articles/", "articles/folder/"])
def test_keys_that_are_not_articles_have_no_id(key: str) -> None:
    assert article_id_for_key(key) is None


@pytest.mark.parametrize(
    "key",
    [
        "articles/../etc/passwd.txt",
        "articles/a/./b.txt",
        "articles/a\x00b.txt",
        "articles/" + "x" * 1100,
    ],
)
def test_hostile_keys_are_invalid(key: str) -> None:
    with pytest.raises(InvalidKey):
        article_id_for_key(key)


def test_identity_is_the_same_for_duplicate_deliveries() -> None:
    body = json.dumps(notification("articles/a.txt", eTag="e1", sequencer="01"))
    [first] = parse_message(body)
    [again] = parse_message(body)
    assert first.identity == again.identity


def test_without_sequencer_two_uploads_in_one_millisecond_stay_distinct() -> None:
    moment = "2026-11-26T09:00:00.123Z"
    first = order_token(None, moment, "etag-a")
    second = order_token(None, moment, "etag-b")
    later = order_token(None, "2026-11-26T09:00:00.124Z", "etag-0")
    assert first != second
    assert max(first, second) < later
    assert order_token("0A", moment, "etag-a") == order_token("0A", None, None)
