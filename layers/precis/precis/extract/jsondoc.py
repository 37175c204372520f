"""JSON articles: ``{"title", "body"|"text"|"content", "url"?, "published"?, "language"?}``.

The body is a string (plain text, or HTML when it reads as markup) or a list of paragraph
strings. Anything else is ``MalformedDocument``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from precis.errors import MalformedDocument
from precis.extract.decoding import clean_text
from precis.extract.draft import Draft
from precis.extract.htmldoc import parse_html
from precis.extract.plaintext import parse_plaintext

BODY_KEYS = ("body", "text", "content", "article")
TITLE_KEYS = ("title", "headline")
_MARKUP = re.compile(r"<(p|div|br|h[1-6]|article|section|ul|ol|li|span|a|em|strong)\b", re.I)
_MARKUP_SNIFF_CHARS = 2000


def parse_json(text: str) -> Draft:
    """Read a JSON article (already cleaned).

    Raises MalformedDocument when the text is not JSON or not an object of that shape.
    """
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise MalformedDocument(f"invalid JSON: {_short(error)}") from None
    if not isinstance(value, dict):
        raise MalformedDocument(f"JSON article must be an object, not {_json_type(value)}")
    title = _optional_string(value, TITLE_KEYS)
    body_key = next((key for key in BODY_KEYS if value.get(key) is not None), None)
    if body_key is None:
        raise MalformedDocument('JSON article needs a "body", "text" or "content" field')
    body = value[body_key]
    if isinstance(body, list):
        if not all(isinstance(item, str) for item in body):
            raise MalformedDocument(f'"{body_key}" must be a string or a list of strings')
        body = "\n\n".join(body)
    elif not isinstance(body, str):
        raise MalformedDocument(f'"{body_key}" must be a string or a list of strings')
    body = clean_text(body)  # JSON escapes can hold any character: clean before reading
    if _MARKUP.search(body[:_MARKUP_SNIFF_CHARS]):
        draft = parse_html(body)
    else:
        draft = parse_plaintext(body, find_title=title is None)
    return Draft(
        title=title if title is not None else draft.title,
        paragraphs=draft.paragraphs,
        language=_loose_string(value, ("language", "lang")) or draft.language,
        url=_loose_string(value, ("url", "link", "canonical_url")) or draft.url,
        published=_loose_string(value, ("published", "published_at", "date", "datePublished"))
        or draft.published,
    )


def _optional_string(value: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        field = value.get(key)
        if field is None:
            continue
        if not isinstance(field, str):
            raise MalformedDocument(f'"{key}" must be a string, not {_json_type(field)}')
        return field
    return None


def _loose_string(value: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """Optional metadata: a string (numbers are accepted as text), anything else ignored."""
    for key in keys:
        field = value.get(key)
        if isinstance(field, str) and field.strip():
            return field.strip()
        if isinstance(field, int | float) and not isinstance(field, bool):
            return str(field)
    return None


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _short(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error).split(":", 1)[0][:120]
