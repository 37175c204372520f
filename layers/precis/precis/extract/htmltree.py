"""An HTML page as an lxml tree: parsed once, its metadata read, its hidden parts taken out
before any extractor sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree, html

from precis.extract.htmldoc import is_chrome_element
from precis.extract.jsonld import ArticleData, read_article_data

_PARSER = html.HTMLParser(
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    collect_ids=False,
    default_doctype=False,
)


_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_CHROME_ATTRIBUTES = ("class", "id", "role", "style", "hidden", "aria-hidden")

# Every element `is_chrome_element(..., hidden_only=True)` can accept has a hidden or
# aria-hidden attribute, or one of these hints (any case) in its class, id or style.
_HIDDEN_HINT = re.compile("hid|none|invisible|sr-only|screen-reader")
# One query per attribute: a union would sort its results back into document order.
_HIDING_ATTRIBUTES = tuple(etree.XPath(f"//@{name}") for name in ("class", "id", "style"))
_HIDDEN_FLAGS = tuple(etree.XPath(f"//@{name}") for name in ("hidden", "aria-hidden"))


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself, before any body text is chosen."""

    page_title: str | None
    social_title: str | None
    heading: str | None
    language: str | None
    url: str | None
    published: str | None
    article: ArticleData


def parse_page(text: str) -> html.HtmlElement | None:
    """The page's element tree, or None when lxml finds no document in `text`."""
    try:
        # Bytes with an explicit encoding: lxml refuses str holding an XML encoding declaration.
        root = html.document_fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    return root if isinstance(root, html.HtmlElement) else None


def read_meta(root: html.HtmlElement) -> PageMeta:
    """Title candidates, language, URL, date and structured data of a parsed page."""
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (
            element.get("property")
            or element.get("name")
            or element.get("itemprop")
            or element.get("http-equiv")
            or ""
        ).casefold()
        content = (element.get("content") or "").strip()
        if key and content:
            meta.setdefault(key, content)
    canonical = next(
        (
            (link.get("href") or "").strip()
            for link in root.iter("link")
            if "canonical" in (link.get("rel") or "").casefold().split()
        ),
        "",
    )
    scripts = [
        script.text or ""
        for script in root.iter("script")
        if (script.get("type") or "").strip().casefold() == "application/ld+json"
    ]
    article = read_article_data(scripts)
    first_time = next(
        (t.get("datetime", "").strip() for t in root.iter("time") if t.get("datetime")), ""
    )
    return PageMeta(
        page_title=_page_title(root),
        social_title=meta.get("og:title") or meta.get("twitter:title"),
        heading=_first_heading(root),
        language=(
            root.get("lang")
            or root.get("{http://www.w3.org/XML/1998/namespace}lang")
            or root.get("xml:lang")
            or meta.get("content-language")
            or meta.get("og:locale")
        ),
        url=meta.get("og:url") or canonical or None,
        published=(
            meta.get("article:published_time")
            or meta.get("datepublished")
            or article.published
            or meta.get("date")
            or first_time
            or None
        ),
        article=article,
    )


def _page_title(root: html.HtmlElement) -> str | None:
    for title in root.iter("title"):
        # An <svg> icon's <title> is not the page's.
        if any(ancestor.tag == "svg" for ancestor in title.iterancestors()):
            continue
        text = str(title.text_content())
        if text.strip():
            return text
    return None


def _first_heading(root: html.HtmlElement) -> str | None:
    for heading in root.iter("h1"):
        text = " ".join(heading.text_content().split())
        if text:
            return text
    return None


def strip_hidden(root: html.HtmlElement) -> None:
    """Remove what a browser does not show (``hidden``, ``display:none``, screen-reader-only
    text). Scripts, ``<noscript>`` and tables are left to the extractor: removing them here
    measured worse (some pages keep their text in ``<noscript>``; tables hold body text)."""
    # XPath (in C) finds the few elements that might be hidden; the Python rule only
    # confirms those, instead of looking at every element of the page.
    doomed = [
        element
        for element in _maybe_hidden(root)
        if isinstance(element, html.HtmlElement)
        and element.tag not in ("html", "body")
        and is_chrome_element(chrome_attributes(element), hidden_only=True)
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail: text after the element is not its own


def _maybe_hidden(root: html.HtmlElement) -> list[html.HtmlElement]:
    # Attribute values, not elements: an element is only looked at when its value hints.
    hinted = [
        value.getparent()
        for query in _HIDING_ATTRIBUTES
        for value in query(root)
        if _HIDDEN_HINT.search(value.lower())
    ]
    return hinted + [value.getparent() for query in _HIDDEN_FLAGS for value in query(root)]


def chrome_attributes(element: html.HtmlElement) -> dict[str, str]:
    """The attributes that say whether an element is hidden or chrome, by name: reading
    them all fails on the odd attribute lxml keeps with an empty name."""
    found: dict[str, str] = {}
    for name in _CHROME_ATTRIBUTES:
        value = element.get(name)
        if value is not None:
            found[name] = value
    return found


def visible_paragraph_chars(root: html.HtmlElement, *, outside_chrome: bool = False) -> int:
    """How much text the page's ``<p>`` elements hold: the yardstick of "too little".

    With `outside_chrome`, paragraphs inside navigation, comment sections, sidebars,
    related-story rails and the like do not count (slower: it looks at every ancestor).
    """
    total = 0
    verdicts: dict[html.HtmlElement, bool] = {}
    for paragraph in root.iter("p"):
        if outside_chrome and _inside_chrome(paragraph, verdicts):
            continue
        total += len(" ".join(paragraph.text_content().split()))
    return total


def _inside_chrome(element: html.HtmlElement, verdicts: dict[html.HtmlElement, bool]) -> bool:
    for ancestor in element.iterancestors():
        verdict = verdicts.get(ancestor)
        if verdict is None:
            verdict = ancestor.tag in _CHROME_TAGS or is_chrome_element(chrome_attributes(ancestor))
            verdicts[ancestor] = verdict
        if verdict:
            return True
    return False
