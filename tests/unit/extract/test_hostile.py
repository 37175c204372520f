"""A corpus of hostile uploads: each ends in a Document or one specific typed error."""

from __future__ import annotations

import gzip
import io
import json
import zipfile

import pytest

from precis.errors import PrecisError
from precis.extract import extract_document

PROSE = "The ferry service resumed on Monday after a week of storms, the operator said. "
CAP = 2 * 1024 * 1024


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", PROSE)
    return buffer.getvalue()


# (id, data, filename, expected): expected is an error code, or "OK" for a Document.
CASES: list[tuple[str, bytes, str, str]] = [
    ("zero-bytes", b"", "a.txt", "EMPTY"),
    ("whitespace-only", b" \n\t\r\n   ", "a.txt", "EMPTY"),
    ("invisible-only", "\u200b\u00a0\ufeff\u2060".encode(), "a.txt", "EMPTY"),
    ("punctuation-only", b"... --- !!! 123", "a.txt", "EMPTY"),
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(200), "a.txt", "BINARY"),
    ("pdf", b"%PDF-1.4\n1 0 obj << >> endobj", "a.html", "BINARY"),
    ("zip", _zip(), "a.md", "BINARY"),
    ("gzip", gzip.compress(PROSE.encode() * 10), "a.json", "BINARY"),
    ("control-bytes", bytes(range(32)) * 100, "a.txt", "BINARY"),
    ("invalid-utf8", b"Caf\xe9 \xff\xfe ferry \xc3\x28 resumed on Monday.", "a.txt", "OK"),
    ("utf16-bom", PROSE.encode("utf-16"), "a.txt", "OK"),
    ("utf16-no-bom", PROSE.encode("utf-16-le"), "a.txt", "OK"),
    ("over-cap", b"a" * (CAP + 1), "a.txt", "TOO_LARGE"),
    ("one-sentence", b"The ferry resumed.", "a.txt", "OK"),
    ("no-punctuation", b"ferry resumed monday after storms operator said", "a.txt", "OK"),
    ("one-long-line", ("ferry " * 20_000).encode(), "a.txt", "OK"),
    ("one-long-word", b"x" * 100_000, "a.txt", "OK"),
    ("deep-html", b"<div>" * 10_000 + PROSE.encode() + b"</div>" * 10_000, "a.html", "OK"),
    ("unclosed-html", b"<div><span><b>" * 5_000 + PROSE.encode(), "a.html", "OK"),
    (
        "scripts-only-html",
        b"<html><script>var x = 1;</script><style>p{}</style></html>",
        "a.html",
        "EMPTY",
    ),
    ("html-no-closing-angle", b"<p>" + PROSE.encode() + b"<a href='x" * 10_000, "a.html", "OK"),
    ("html-comment-bomb", b"<!--" * 20_000, "a.html", "EMPTY"),
    ("malformed-json", b'{"title": "Ferry", "body": "resumed', "a.json", "MALFORMED"),
    ("json-array", b'["The ferry resumed."]', "a.json", "MALFORMED"),
    ("json-wrong-types", b'{"title": 5, "body": {"text": "x"}}', "a.json", "MALFORMED"),
    ("json-deep", b"[" * 50_000 + b"]" * 50_000, "a.json", "MALFORMED"),
    ("chinese", "渡轮服务在经历了一周的风暴后于周一恢复。运营商表示正常。".encode(), "a.txt", "OK"),
    ("arabic", "استؤنفت خدمة العبارات يوم الاثنين بعد أسبوع من العواصف.".encode(), "a.txt", "OK"),
    (
        "russian",
        "Паромное сообщение возобновилось в понедельник после недели штормов.".encode(),
        "a.txt",
        "OK",
    ),
    ("hindi", "तूफानों के एक सप्ताह बाद सोमवार को नौका सेवा फिर से शुरू हुई।".encode(), "a.txt", "OK"),
    ("emoji", "The ferry is back ⛴️🌊 and everyone cheered 🎉👏.".encode(), "a.txt", "OK"),
    ("emoji-only", "⛴️🌊🎉👏".encode(), "a.txt", "EMPTY"),
    ("nul-sprinkled", PROSE.replace("e", "e\x00", 3).encode(), "a.txt", "OK"),
    ("unsupported-extension", PROSE.encode(), "a.docx", "UNSUPPORTED_TYPE"),
    ("markdown-bomb", b"[a](" * 50_000 + b"**b " * 50_000, "a.md", "OK"),
    (
        "boilerplate-only",
        b"Share this article\nSubscribe\nAdvertisement\n\nNext Article\nFoo Bar",
        "a.txt",
        "EMPTY",
    ),
    ("crlf-and-cr", PROSE.replace(". ", ".\r\n\r\n").encode() + b"\rMore.\r", "a.txt", "OK"),
    ("bidi-and-zero-width", ("\u202e" + PROSE + "\u200b").encode(), "a.txt", "OK"),
    ("lone-surrogate-json", json.dumps({"body": "Ferry \ud800 resumed."}).encode(), "a.json", "OK"),
]


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hostile_upload_ends_in_a_document_or_its_specific_error(
    data: bytes, filename: str, expected: str
) -> None:
    try:
        document = extract_document(data, filename=filename, max_bytes=CAP)
    except PrecisError as error:
        assert error.code == expected, error.message
        return
    assert expected == "OK"
    assert document.paragraphs
    for paragraph in document.paragraphs:
        paragraph.encode("utf-8")  # storable: no lone surrogates
        assert paragraph == paragraph.strip()
        assert "\x00" not in paragraph


def test_corpus_covers_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
