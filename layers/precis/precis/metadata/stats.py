"""Counts a reader cares about: words, reading time, and a fingerprint of the content."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata

from precis.metadata import scripts
from precis.models import Document

# Adult silent reading speed for non-fiction, in words a minute.
WORDS_PER_MINUTE = 230

# Chinese and Japanese put no spaces between words: each character counts as one word, as word
# processors count them (a fair unit for reading time too: a character carries about a word).
# Letters and digits, holding together over inner apostrophes, hyphens and dots (U.S., 3.5).
_WORD = re.compile(r"\w+(?:['.\-]\w+)*")
# Vowel signs and points of Devanagari, Hebrew and Arabic are not \w: where the text has any,
# words are matched with them included (slower, so only then).
_MARK = r"\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u097f"
_HAS_MARKS = re.compile(f"[{_MARK}]")
_MARKED_WORD = re.compile(rf"[\w{_MARK}]+(?:['.\-][\w{_MARK}]+)*")
_SPACES = re.compile(r"\s+")


def count_words(text: str) -> int:
    """Words in `text`, Unicode-aware: space-separated words, plus one per CJK character."""
    cjk = 0
    if scripts.BEYOND_LATIN.search(text):
        cjk_char = scripts.compiled(scripts.CJK_CHAR)
        cjk = len(cjk_char.findall(text))
        if cjk:
            text = cjk_char.sub(" ", text)
    text = text.replace("’", "'")
    words = _MARKED_WORD if _HAS_MARKS.search(text) else _WORD
    return cjk + len(words.findall(text))


def reading_time_minutes(word_count: int) -> int:
    """Whole minutes to read `word_count` words; at least 1 for any text, 0 for none."""
    if word_count <= 0:
        return 0
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def normalized_text(document: Document) -> str:
    """The title, a blank line, then the paragraphs one a line: NFC, whitespace collapsed.

    Two uploads that differ only in encoding, line wrapping or spacing normalize alike.
    """
    title = _normalize(document.title or "")
    paragraphs = (_normalize(paragraph) for paragraph in document.paragraphs)
    return title + "\n\n" + "\n".join(p for p in paragraphs if p)


def _normalize(text: str) -> str:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def content_sha256(document: Document) -> str:
    """Hex SHA-256 of the normalized title and text: equal content, equal hash.

    The title is part of the content because it is part of the stored summary record.
    """
    return hashlib.sha256(normalized_text(document).encode("utf-8")).hexdigest()
