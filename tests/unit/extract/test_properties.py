"""Property tests: whatever comes in, extraction returns a clean Document or a typed error."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from precis.errors import EmptyDocument, MalformedDocument, TooLarge, UnsupportedType
from precis.extract import extract_document, extract_text
from precis.models import Document

ALLOWED = (UnsupportedType, EmptyDocument, MalformedDocument, TooLarge)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that exercise the readers' special cases, mixed with arbitrary text.
MARKUP = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='share'>",
        "</div>",
        "<article>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<![",
        "<br>",
        "<a href='x'>",
        "</a>",
        "&amp;",
        "&#0;",
        "&#xd800;",
        "<h1>",
        "</h1>",
        "<title>",
        "<li>",
        "<",
        ">",
        "\n",
        "\n\n",
        "# ",
        "- ",
        "**",
        "_",
        "[t](u)",
        "![i](j)",
        "```",
        "---\n",
        "| a | b |\n|---|---|\n",
        "    ",
        '{"body": ',
        '"',
        "}",
        "[",
        "]",
        "Next Article",
        "Share",
        "Subscribe",
        "The storm passed. ",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "\x00",
        "\r\n",
        "é",
        "中文",
        "🎉",
    ]
)
SOUP = st.lists(st.one_of(MARKUP, st.text(max_size=20)), max_size=40).map("".join)
FILENAMES = st.one_of(
    st.none(),
    st.sampled_from(["a.txt", "a.md", "a.html", "a.json", "a.htm", "a", "a.2024", "a.bin"]),
    st.text(max_size=30),
)
CONTENT_TYPES = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "text/plain",
            "text/html; charset=koi8-r",
            "application/json",
            "image/png",
            "binary/octet-stream",
            "text/plain; charset=punycode",
            "text/markdown",
        ]
    ),
    st.text(max_size=30),
)


def assert_clean(document: Document) -> None:
    assert isinstance(document, Document)
    assert document.paragraphs
    for paragraph in (*document.paragraphs, document.title or "x"):
        assert paragraph == paragraph.strip()
        assert paragraph.encode("utf-8")
        assert "\n" not in paragraph
        assert not any(unicodedata.category(char) in ("Cc", "Cs") for char in paragraph)
    assert any(char.isalpha() for char in document.text)


@SETTINGS
@given(data=st.binary(max_size=2000), filename=FILENAMES, content_type=CONTENT_TYPES)
def test_arbitrary_bytes_give_a_document_or_a_typed_error(
    data: bytes, filename: str | None, content_type: str | None
) -> None:
    try:
        document = extract_document(data, filename=filename, content_type=content_type)
    except ALLOWED:
        return
    assert_clean(document)


@SETTINGS
@given(text=SOUP, fmt=st.sampled_from(["txt", "md", "html", "json"]))
def test_markup_soup_in_every_format_gives_a_document_or_a_typed_error(text: str, fmt: str) -> None:
    try:
        document = extract_text(text, fmt=fmt)
    except ALLOWED:
        return
    assert_clean(document)


@SETTINGS
@given(text=SOUP, encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1"]))
def test_encoded_soup_gives_a_document_or_a_typed_error(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="ignore")
    try:
        document = extract_document(data)
    except ALLOWED:
        return
    assert_clean(document)


@SETTINGS
@given(words=st.lists(st.from_regex(r"[A-Za-z]{2,10}", fullmatch=True), min_size=5, max_size=40))
def test_plain_prose_is_never_lost(words: list[str]) -> None:
    sentence = "The " + " ".join(word.lower() for word in words) + " ended quietly today."

    document = extract_text(sentence)

    assert document.paragraphs == (sentence,)


PAGE_PARTS = st.one_of(
    SOUP.map(str.encode),
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"<!DOCTYPE html><html lang='en'><head><title>T</title></head><body>",
            b'<script type=\'application/ld+json\'>{"@type": "NewsArticle", "articleBody": ',
            b"<meta property='og:locale' content='",
            b"<table><tr><td>",
            b"<p class='speakable'>",
            b"<div hidden>",
            b"<? ",
            b"<html \xe2\x9a\xa1>",
            b"\xff\xfe",
            b"</body></html>",
        ]
    ),
)


@SETTINGS
@given(
    parts=st.lists(PAGE_PARTS, max_size=30),
    name=st.sampled_from(["page.html", "a.htm", "index.xhtml"]),
)
def test_any_bytes_named_html_give_a_document_or_a_typed_error(
    parts: list[bytes], name: str
) -> None:
    # Whole-page openings send the bytes through the primary extractor and its fallbacks.
    try:
        document = extract_document(b"".join(parts), filename=name)
    except ALLOWED:
        return
    assert_clean(document)
    assert document.source_format == "html"
