"""HTML pages: the article's main text by a chain of strategies, so no real article is lost.

1. The primary extractor (trafilatura, `precis.extract.mainbody`) on the parsed page
   (for a fragment without ``<html>``, our stdlib extractor comes first).
2. When it finds nothing or too little (under 30% of the text the page's ``<p>`` elements
   hold), our stdlib extractor (`precis.extract.htmldoc`), then the densest text block
   (`precis.extract.densest`); the first that is long enough wins, else the longest.
3. A long JSON-LD ``articleBody`` is the publisher's own statement of the body: when the
   chosen text holds less than half of its words, the structured body is used instead.

Whatever wins passes through our publisher-chrome rules (`precis.extract.boilerplate`):
summary buttons, previous/next links, share, subscribe, cookie and related blocks.
Title, language, canonical URL and date come from the page's metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree, html

from precis.extract import htmldoc
from precis.extract.boilerplate import remove_boilerplate
from precis.extract.densest import densest_block
from precis.extract.draft import Draft
from precis.extract.formats import is_full_page
from precis.extract.htmltree import parse_page, read_meta, strip_hidden, visible_paragraph_chars
from precis.extract.mainbody import main_text_lines
from precis.extract.titles import choose_page_title

# "Too little": less than this share of the page's paragraph text.
MIN_SHARE = 0.3
# A structured body shorter than this may be a teaser; it overrides nothing.
_LONG_BODY_CHARS = 500
_MIN_BODY_COVERAGE = 0.5
_WORD = re.compile(r"\w+")


Strategy = tuple[str, Callable[[], list[str]]]


@dataclass(frozen=True, slots=True)
class PageRead:
    """The page's draft and the strategy its body came from (for benchmarks and logs)."""

    draft: Draft
    strategy: str


def parse_html(text: str) -> Draft:
    """Read an HTML page or fragment (already cleaned) into title, paragraphs and hints."""
    return read_page(text).draft


def read_page(text: str) -> PageRead:
    """`parse_html`, also naming the strategy that found the body."""
    root = parse_page(text)
    if root is not None:
        try:
            return _read_tree(root, text)
        except (ValueError, TypeError, etree.LxmlError):
            pass  # lxml refusing an odd node: the stdlib extractor reads any markup
    return PageRead(htmldoc.parse_html(text), "stdlib")


def _read_tree(root: html.HtmlElement, text: str) -> PageRead:
    meta = read_meta(root)
    strip_hidden(root)
    paragraphs, strategy = _body(root, text)
    structured = meta.article.body
    long_enough = structured is not None and len(structured) >= _LONG_BODY_CHARS
    if structured and long_enough and _coverage(structured, paragraphs) < _MIN_BODY_COVERAGE:
        from_structure = _post_filter(_structured_paragraphs(structured))
        if from_structure:
            paragraphs, strategy = from_structure, "json-ld"
    draft = Draft(
        title=choose_page_title(
            page_title=meta.page_title,
            social=meta.social_title,
            heading=meta.heading,
            structured=meta.article.headline,
        ),
        paragraphs=paragraphs,
        language=htmldoc.language_code(meta.language),
        url=meta.url,
        published=meta.published,
    )
    return PageRead(draft, strategy)


def _body(root: html.HtmlElement, text: str) -> tuple[list[str], str]:
    """The first strategy's paragraphs that are long enough, else the longest found.

    "Long enough" is 30% of the page's paragraph text outside comment sections, rails and
    other chrome (which can outweigh a short article); that costlier yardstick is only
    measured when the cheap one (every ``<p>``) says too little.
    """
    primary: Strategy = ("primary", lambda: _post_filter(main_text_lines(root)))
    stdlib: Strategy = (
        "stdlib",
        lambda: [line for line in htmldoc.parse_html(text).paragraphs if line],
    )
    densest: Strategy = ("densest", lambda: _post_filter(densest_block(root)))
    # A fragment (an article's markup without its page) is what our own extractor is
    # made for; trafilatura reads short inputs with a baseline that merges the blocks.
    strategies = (primary, stdlib, densest) if is_full_page(text) else (stdlib, primary, densest)
    found: list[tuple[int, list[str], str]] = []
    yardstick = visible_paragraph_chars(root)
    for index, (name, strategy) in enumerate(strategies):
        paragraphs = strategy()
        size = sum(len(paragraph) for paragraph in paragraphs)
        if size and index == 0 and size < MIN_SHARE * yardstick:
            yardstick = visible_paragraph_chars(root, outside_chrome=True)
        if size and size >= MIN_SHARE * yardstick:
            return paragraphs, name
        found.append((size, paragraphs, name))
    size, paragraphs, name = max(found, key=lambda entry: entry[0])
    return (paragraphs, name) if size else ([], "none")


def _post_filter(lines: Sequence[str]) -> list[str]:
    """Our publisher-chrome rules over an extractor's lines (each line one paragraph)."""
    separated: list[str] = []
    for line in lines:
        separated += [line, ""]
    return [line for line in remove_boilerplate(separated, structural=False) if line]


def _structured_paragraphs(body: str) -> list[str]:
    parts = [" ".join(part.split()) for part in body.splitlines()]
    return [part for part in parts if part]


def _coverage(body: str, paragraphs: Sequence[str]) -> float:
    """The share of the structured body's distinct words that the paragraphs hold."""
    wanted = set(_WORD.findall(body.casefold()))
    if not wanted:
        return 1.0
    held = set(_WORD.findall(" ".join(paragraphs).casefold()))
    return len(wanted & held) / len(wanted)
