"""Extraction: article bytes or text in any supported format to a clean `Document`.

Formats: ``txt``, ``md``, ``html``, ``json`` (chosen by ``fmt``, else the file extension,
else the content type, else by sniffing the text). Errors, each a `PrecisError`:

- ``TooLarge`` (code ``TOO_LARGE``): more than ``max_bytes`` bytes (checked before decoding).
- ``UnsupportedType`` (code ``UNSUPPORTED_TYPE``): an unknown extension, format or
  non-text content type; (code ``BINARY``): the bytes are an image, PDF, archive or other
  binary data whatever their name says.
- ``EmptyDocument`` (code ``EMPTY``): nothing, only whitespace, or no letters once markup
  and boilerplate are gone (an HTML page that is only scripts, for example).
- ``MalformedDocument`` (code ``MALFORMED``): JSON that does not parse or is not
  ``{"title"?, "body"|"text"|"content": str | [str], ...}``.

Nothing else escapes: decoding never fails (see `precis.extract.decoding`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module

from precis.errors import EmptyDocument, MalformedDocument, TooLarge
from precis.extract.decoding import (
    BINARY_CODE,
    clean_characters,
    clean_inline,
    clean_text,
    decode_bytes,
    has_letters,
)
from precis.extract.draft import Draft
from precis.extract.formats import (
    EXTENSIONS,
    FORMATS,
    charset_of,
    declared_format,
    normalize_format,
    sniff_format,
)
from precis.extract.titles import clean_title, is_headline
from precis.models import Document

__all__ = [
    "BINARY_CODE",
    "EXTENSIONS",
    "FORMATS",
    "extract_document",
    "extract_text",
]

_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-_]*)?")
_MAX_FIELD_CHARS = 500
# Readers load on first use: a plain-text upload never pays for the HTML parser.
_READERS = {
    "txt": ("precis.extract.plaintext", "parse_plaintext"),
    "md": ("precis.extract.markdown", "parse_markdown"),
    "html": ("precis.extract.htmlpage", "parse_html"),
    "json": ("precis.extract.jsondoc", "parse_json"),
}


def extract_document(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    fmt: str | None = None,
    max_bytes: int | None = None,
) -> Document:
    """Extract the article in `data` (an uploaded file's bytes).

    Raises TooLarge, UnsupportedType (codes UNSUPPORTED_TYPE, BINARY), EmptyDocument,
    MalformedDocument.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLarge(f"article is {len(data)} bytes; the limit is {max_bytes}")
    declared = declared_format(fmt=fmt, filename=filename, content_type=content_type)
    if not data.strip():
        raise EmptyDocument("article is empty")
    text = decode_bytes(data, declared=charset_of(content_type))
    return _extract(text, declared)


def extract_text(text: str, *, fmt: str = "txt", title: str | None = None) -> Document:
    """Extract the article in `text` (an API request body, say); `title` overrides any found.

    Raises UnsupportedType (unknown `fmt`), EmptyDocument, MalformedDocument.
    """
    return _extract(text, normalize_format(fmt), title=title)


def _extract(text: str, fmt: str | None, *, title: str | None = None) -> Document:
    # Declared HTML skips the line-by-line space tidying: whitespace is folded after parsing.
    text = clean_characters(text) if fmt == "html" else clean_text(text)
    if not text.strip():
        raise EmptyDocument("article is empty")
    if fmt is not None:
        return _finish(_parse(text, fmt), fmt, title)
    fmt = sniff_format(text)
    try:
        draft = _parse(text, fmt)
    except MalformedDocument:
        if fmt != "json":
            raise
        fmt = "txt"  # it only looked like JSON
        draft = _parse(text, fmt)
    return _finish(draft, fmt, title)


def _parse(text: str, fmt: str) -> Draft:
    module, name = _READERS[fmt]
    reader: Callable[[str], Draft] = getattr(import_module(module), name)
    return reader(text)


def _finish(draft: Draft, fmt: str, title_override: str | None) -> Document:
    paragraphs = [clean_inline(paragraph) for paragraph in draft.paragraphs]
    paragraphs = [paragraph for paragraph in paragraphs if has_letters(paragraph)]
    if title_override is not None:
        title = clean_title(title_override)
    elif (
        draft.title is None
        and len(paragraphs) > 1
        and is_headline(paragraphs[0], stands_alone=True)
    ):
        # No <title>, <h1> or "# heading": a headline-like first paragraph is the title.
        title = clean_title(paragraphs[0])
    else:
        title = clean_title(draft.title)
    # The title repeated as the first paragraph (an <h1> in the article body, say).
    while paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs.pop(0)
    if not paragraphs:
        raise EmptyDocument("article has no body text once markup and boilerplate are removed")
    return Document(
        title=title,
        paragraphs=tuple(paragraphs),
        source_format=fmt,
        language_hint=_language(draft.language),
        url=_field(draft.url),
        published=_field(draft.published),
    )


def _language(raw: str | None) -> str | None:
    match = _LANGUAGE.fullmatch(raw.strip()) if raw else None
    return match.group(1).casefold() if match else None


def _field(raw: str | None) -> str | None:
    value = clean_inline(raw) if raw else ""
    return value[:_MAX_FIELD_CHARS] or None
