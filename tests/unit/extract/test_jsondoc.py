"""JSON articles: the documented shape, and clear errors for anything else."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from precis.errors import EmptyDocument, MalformedDocument
from precis.extract import extract_document, extract_text


def test_json_fixture_keeps_fields_and_drops_chrome_paragraphs(
    fixture_bytes: Callable[[str], bytes],
) -> None:
    document = extract_document(fixture_bytes("bridge-reopens.json"), filename="bridge.json")

    assert document.title == "Old Mill Bridge reopens after repairs"
    assert document.url == "https://news.example/bridge-reopens"
    assert document.published == "2024-03-08"
    assert document.language_hint == "en"
    assert len(document.paragraphs) == 3
    assert "Share this article" not in document.text


@pytest.mark.parametrize("key", ["body", "text", "content"])
def test_body_text_and_content_are_all_accepted(key: str) -> None:
    data = json.dumps({"title": "Pier reopens", key: "The pier reopened on Saturday."})

    document = extract_text(data, fmt="json")

    assert document.title == "Pier reopens"
    assert document.paragraphs == ("The pier reopened on Saturday.",)


def test_string_body_with_blank_lines_gives_paragraphs() -> None:
    data = json.dumps({"body": "First paragraph here.\n\nSecond paragraph here."})

    assert extract_text(data, fmt="json").paragraphs == (
        "First paragraph here.",
        "Second paragraph here.",
    )


def test_html_body_is_read_as_html() -> None:
    data = json.dumps({"title": "Pier", "body": "<p>The pier reopened.</p><p>Crowds came.</p>"})

    assert extract_text(data, fmt="json").paragraphs == ("The pier reopened.", "Crowds came.")


def test_json_escapes_are_cleaned_after_parsing() -> None:
    data = json.dumps({"body": "The pier\u00a0reopened\u0000 on\u200b Saturday \ud800."})

    assert extract_text(data, fmt="json").paragraphs == ("The pier reopened on Saturday .",)


@pytest.mark.parametrize(
    "data",
    [
        '{"title": "x", "body": ',
        "[1, 2, 3]",
        '"just a string"',
        '{"title": "Pier"}',
        '{"body": 42}',
        '{"body": ["ok", 3]}',
        '{"title": ["not", "a", "string"], "body": "The pier reopened."}',
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=[
        "truncated",
        "array",
        "string",
        "no-body",
        "number-body",
        "mixed-list",
        "list-title",
        "deep",
    ],
)
def test_invalid_json_or_wrong_shape_is_malformed(data: str) -> None:
    with pytest.raises(MalformedDocument) as raised:
        extract_document(data.encode(), filename="article.json")

    assert raised.value.code == "MALFORMED"


def test_a_json_article_with_an_empty_body_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        extract_text('{"title": "Pier", "body": ["", "   "]}', fmt="json")


def test_text_that_only_looks_like_json_is_read_as_text_when_nothing_says_json() -> None:
    document = extract_document(b"{draft} The pier reopened on Saturday.")

    assert document.source_format == "txt"
    assert document.paragraphs == ("{draft} The pier reopened on Saturday.",)
