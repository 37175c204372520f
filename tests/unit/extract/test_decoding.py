"""Decoding bytes of any encoding to clean text, and refusing binary content."""

from __future__ import annotations

import codecs

import pytest

from precis.errors import UnsupportedType
from precis.extract.decoding import (
    BINARY_CODE,
    clean_characters,
    clean_inline,
    clean_text,
    decode_bytes,
    tidy_spaces,
)

TEXT = "Café owners say “business is back”, and it’s 5 € a coffee — naïve pricing?"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # BOM, platform order
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-le"),  # no BOM: found by the NUL pattern
        TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        TEXT.encode("cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16be-bom",
        "utf16le-bom",
        "utf16le",
        "utf16be",
        "utf32",
        "cp1252",
    ],
)
def test_every_supported_encoding_decodes_to_the_same_text(data: bytes) -> None:
    assert clean_text(decode_bytes(data)) == TEXT


def test_cp1252_smart_quotes_are_read_as_quotes_not_control_characters() -> None:
    data = b"He said \x93enough\x94 and it\x92s over \x96 for now."

    assert decode_bytes(data) == "He said “enough” and it’s over – for now."


def test_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    data = "Привет, мир: новости дня".encode("koi8-r")

    assert decode_bytes(data, declared="koi8-r") == "Привет, мир: новости дня"


def test_html_meta_charset_is_honoured() -> None:
    data = '<meta charset="iso-8859-7"><p>Καλημέρα κόσμε</p>'.encode("iso-8859-7")

    assert "Καλημέρα κόσμε" in decode_bytes(data)


def test_dangerous_declared_codecs_are_ignored() -> None:
    data = "caf\xe9 au lait".encode("latin-1")

    assert decode_bytes(data, declared="punycode") == "café au lait"


def test_mostly_utf8_with_a_damaged_byte_keeps_its_accents() -> None:
    data = "Zürich and Genève résumé ".encode() * 3 + b"\xff tail"

    text = clean_text(decode_bytes(data))

    assert text.startswith("Zürich and Genève résumé")
    assert text.endswith("tail")
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "zip"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
    ],
)
def test_binary_magic_numbers_are_refused_with_the_binary_code(data: bytes, kind: str) -> None:
    with pytest.raises(UnsupportedType) as raised:
        decode_bytes(data + b"hello world" * 10)

    assert raised.value.code == BINARY_CODE
    assert kind in raised.value.message


def test_bytes_full_of_control_characters_are_binary() -> None:
    data = bytes(range(256)) * 20

    with pytest.raises(UnsupportedType) as raised:
        decode_bytes(data)

    assert raised.value.code == BINARY_CODE


def test_a_few_nul_bytes_in_text_are_removed_not_refused() -> None:
    data = b"The mayor\x00 opened the\x00 new library on Saturday morning."

    assert clean_text(decode_bytes(data)) == "The mayor opened the new library on Saturday morning."


def test_cleaning_removes_invisible_characters_and_normalizes_spaces() -> None:
    raw = "a\u00a0b\u200bc\u00adde\ufeff f\u2009g\x07h\u202eij\ud800k"

    assert clean_text(raw) == "a bcde f ghijk"


def test_cleaning_keeps_joiners_that_scripts_and_emoji_need() -> None:
    family = "👩\u200d👩\u200d👧"
    persian = "می\u200cخواهم"

    assert clean_text(f"{family} {persian}") == f"{family} {persian}"


def test_cleaning_unifies_line_breaks_and_keeps_paragraph_breaks() -> None:
    raw = "one\r\ntwo\rthree\u2028four\u2029five\x0csix"

    assert clean_text(raw) == "one\ntwo\nthree\nfour\n\nfive\nsix"


def test_cleaning_composes_accents_and_spells_out_ligatures() -> None:
    raw = "Cafe\u0301 \ufb01nal o\ufb03ce"

    assert clean_text(raw) == "Café final office"


def test_cleaning_collapses_runs_of_spaces_but_keeps_indentation() -> None:
    raw = "word   word\t\tend   \n    indented   line"

    assert clean_text(raw) == "word word end\n    indented line"


def test_typographic_quotes_and_dashes_survive_cleaning() -> None:
    raw = "“Quoted” ‘single’ — dash – en … ellipsis"

    assert clean_inline(raw) == raw


@pytest.mark.parametrize(
    "raw", ["Cafe\u0301\u00a0\u200bmenu\r\n  two  spaces ", "plain\x07 ascii\r  kept  "]
)
def test_character_cleaning_alone_leaves_spaces_for_html_to_fold(raw: str) -> None:
    cleaned = clean_characters(raw)

    assert "\r" not in cleaned and "\u200b" not in cleaned and "\x07" not in cleaned
    assert "  " in cleaned  # runs of spaces are the HTML parser's to fold
    assert clean_text(raw) == tidy_spaces(cleaned)
