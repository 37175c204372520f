"""Titles: whether a line reads as a headline, and site names trimmed off page titles."""

from __future__ import annotations

import re

from precis.extract.decoding import clean_inline


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


MAX_TITLE_CHARS = 300
_HEADLINE_MAX_WORDS = 25
_SENTENCE_CASE_MAX_WORDS = 12
# Sentences end so; headlines do not (they may end with "?" or "!").
_NOT_HEADLINE_END = frozenset(".,;:。，；：।")
_HEADLINE_MAX_CHARS = 200
_SITE_PART_MAX_WORDS = 5
# " | Site", " - Site", " — Site", " · Site", " :: Site", " » Site" (a colon is headline text).
_SEPARATOR = re.compile(r"(\s+(?:[|–—·•»]|::|-)\s+)")
_SMALL_WORDS = _names("a an and as at but by for from in into nor of on or per the to vs via with")


def is_headline(line: str, *, stands_alone: bool) -> bool:
    """Whether the first line of a plain-text article is its title.

    A headline has no final period or comma and is either in title case, or short and
    standing alone (a blank line follows it).
    """
    text = line.strip()
    if not text or len(text) > _HEADLINE_MAX_CHARS or text[-1] in _NOT_HEADLINE_END:
        return False
    words = text.split()
    if len(words) > _HEADLINE_MAX_WORDS or text[0].islower():
        return False
    if not any(char.isalpha() for char in text):
        return False
    if _is_title_case(words):
        return True
    # A sentence-case line is a headline only when short: a long one without its final
    # period is more often the lead sentence, which the summary must not lose.
    short = len(words) <= _SENTENCE_CASE_MAX_WORDS and (", " not in text or len(words) <= 8)
    return stands_alone and short


def _is_title_case(words: list[str]) -> bool:
    cased = [word for word in words if word[:1].isalpha() and word.casefold() not in _SMALL_WORDS]
    if not cased:
        return False
    capitalized = sum(1 for word in cased if word[0].isupper())
    return capitalized >= 0.75 * len(cased)


def strip_site_name(title: str) -> str:
    """Drop a site or section name joined to a page title ("Storm hits | Daily Planet")."""
    pieces = _SEPARATOR.split(title)
    parts, separators = pieces[0::2], pieces[1::2]
    if len(parts) < 2:
        return title.strip()
    longest = max(range(len(parts)), key=lambda index: len(parts[index].split()))
    start, stop = 0, len(parts)
    while stop - 1 > longest and len(parts[stop - 1].split()) <= _SITE_PART_MAX_WORDS:
        stop -= 1
    while start < longest and len(parts[start].split()) <= _SITE_PART_MAX_WORDS:
        start += 1
    kept = [parts[start]]
    for index in range(start + 1, stop):
        kept += [separators[index - 1], parts[index]]
    return "".join(kept).strip()


def clean_title(raw: str | None, *, strip_site: bool = False) -> str | None:
    """A title folded to one clean line, or None when nothing readable is left."""
    if raw is None:
        return None
    title = clean_inline(raw)
    if strip_site:
        title = strip_site_name(title)
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0].rstrip() + "…"
    if not any(char.isalnum() for char in title):
        return None
    return title


def choose_page_title(
    *,
    page_title: str | None,
    social: str | None,
    heading: str | None,
    structured: str | None = None,
) -> str | None:
    """An HTML page's title: its ``<h1>`` when the ``<title>`` contains it, else the social
    title (``og:title``), the structured-data headline, the ``<title>``, the ``<h1>``."""
    page = clean_title(page_title, strip_site=True)
    social_title = clean_title(social, strip_site=True)
    structured_title = clean_title(structured, strip_site=True)
    first_heading = clean_title(heading)
    if first_heading and page and first_heading.casefold() in page.casefold():
        return first_heading
    return social_title or structured_title or page or first_heading
