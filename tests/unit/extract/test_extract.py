"""The public entry points: format resolution, size cap, typed errors."""

from __future__ import annotations

import pytest

from precis.errors import EmptyDocument, TooLarge, UnsupportedType
from precis.extract import extract_document, extract_text

HTML = b"<html><body><article><p>The pier reopened on Saturday.</p></article></body></html>"
MARKDOWN = b"# Pier reopens\n\nThe pier reopened on **Saturday**."
JSON = b'{"title": "Pier reopens", "body": "The pier reopened on Saturday."}'
TEXT = b"Pier reopens\n\nThe pier reopened on Saturday."


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("articles/world/pier.html", "html"),
        ("pier.HTM", "html"),
        ("pier.md", "md"),
        ("pier.markdown", "md"),
        ("pier.json", "json"),
        ("pier.txt", "txt"),
    ],
)
def test_extension_chooses_the_reader(filename: str, expected: str) -> None:
    data = {"html": HTML, "md": MARKDOWN, "json": JSON, "txt": TEXT}[expected]

    document = extract_document(data, filename=filename)

    assert document.source_format == expected
    assert document.paragraphs == ("The pier reopened on Saturday.",)


@pytest.mark.parametrize(
    ("content_type", "data", "expected"),
    [
        ("text/html; charset=utf-8", HTML, "html"),
        ("text/markdown", MARKDOWN, "md"),
        ("application/json", JSON, "json"),
        ("application/ld+json", JSON, "json"),
        ("text/plain", TEXT, "txt"),
    ],
)
def test_content_type_chooses_the_reader_without_an_extension(
    content_type: str, data: bytes, expected: str
) -> None:
    document = extract_document(data, filename="articles/pier", content_type=content_type)

    assert document.source_format == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [(HTML, "html"), (JSON, "json"), (MARKDOWN, "md"), (TEXT, "txt")],
)
def test_content_is_sniffed_when_nothing_names_the_type(data: bytes, expected: str) -> None:
    document = extract_document(data, filename="articles/pier", content_type="binary/octet-stream")

    assert document.source_format == expected


def test_explicit_format_beats_the_extension() -> None:
    document = extract_document(b"<p>The pier reopened.</p>", filename="pier.html", fmt="txt")

    assert document.paragraphs == ("<p>The pier reopened.</p>",)


def test_content_type_charset_decodes_legacy_bytes() -> None:
    data = "Die Brücke ist wieder offen, sagte der Bürgermeister.".encode("iso-8859-1")

    document = extract_document(data, content_type="text/plain; charset=ISO-8859-1")

    assert document.paragraphs == ("Die Brücke ist wieder offen, sagte der Bürgermeister.",)


@pytest.mark.parametrize("filename", ["pier.docx", "pier.pdf", "pier.exe", "pier.png"])
def test_unknown_extensions_are_unsupported(filename: str) -> None:
    with pytest.raises(UnsupportedType) as raised:
        extract_document(TEXT, filename=filename)

    assert raised.value.code == "UNSUPPORTED_TYPE"
    assert raised.value.http_status == 415


def test_a_numeric_suffix_is_not_an_extension() -> None:
    document = extract_document(TEXT, filename="articles/report.2024")

    assert document.title == "Pier reopens"


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "video/mp4"])
def test_non_text_content_types_are_unsupported(content_type: str) -> None:
    with pytest.raises(UnsupportedType):
        extract_document(TEXT, filename="articles/pier", content_type=content_type)


def test_unknown_explicit_format_is_unsupported() -> None:
    with pytest.raises(UnsupportedType):
        extract_text("The pier reopened.", fmt="docx")


def test_size_cap_is_checked_before_anything_else() -> None:
    with pytest.raises(TooLarge) as raised:
        extract_document(b"\x89PNG\r\n\x1a\n" + b"x" * 100, filename="x.exe", max_bytes=50)

    assert raised.value.code == "TOO_LARGE"
    assert raised.value.http_status == 413


def test_data_exactly_at_the_cap_is_accepted() -> None:
    document = extract_document(TEXT, max_bytes=len(TEXT))

    assert document.paragraphs == ("The pier reopened on Saturday.",)


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n ", b"1234 5678 ... !!!", "\u00a0\u200b\n".encode()]
)
def test_nothing_readable_is_an_empty_document(data: bytes) -> None:
    with pytest.raises(EmptyDocument) as raised:
        extract_document(data, filename="pier.txt")

    assert raised.value.code == "EMPTY"


def test_explicit_title_overrides_the_one_found() -> None:
    document = extract_text("# Found title\n\nThe pier reopened.", fmt="md", title="Given title")

    assert document.title == "Given title"


def test_title_repeated_as_the_first_paragraph_is_not_kept_twice() -> None:
    document = extract_text(
        "<title>Pier reopens</title><article><h1>Pier reopens</h1><p>It reopened.</p></article>",
        fmt="html",
    )

    assert document.title == "Pier reopens"
    assert document.paragraphs == ("It reopened.",)


def test_very_long_titles_are_shortened() -> None:
    document = extract_text('{"title": "' + "word " * 200 + '", "body": "Text here."}', fmt="json")

    assert document.title is not None
    assert len(document.title) <= 301
    assert document.title.endswith("…")
