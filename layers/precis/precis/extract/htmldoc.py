"""HTML: the main content of a page, with its chrome left out (stdlib `html.parser` only).

The page is read once into a flat node table (parents, document-order ranges), so every
later pass is a loop, never recursion: 10,000 nested elements cost what 10,000 siblings
do, and malformed markup only changes which element text lands in.

Content choice, first that applies: an ``itemprop=articleBody`` (or an ``article-body``
/ ``entry-content`` style class), an ``<article>``, a ``<main>``, else the element whose
paragraphs carry the most text. Inside it, script/style/nav/header/footer/aside/form and
friends are dropped, so are elements whose class, id or role says navigation, sharing,
comments, ads, newsletter or related links, and blocks that are mostly link text.
"""

from __future__ import annotations

import gc
import re
from array import array
from html.parser import HTMLParser
from sys import intern

from precis.extract.boilerplate import remove_boilerplate
from precis.extract.draft import Draft
from precis.extract.titles import choose_page_title


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Content never text: dropped with everything inside, whatever the page says.
_HARD_DROP = _names(
    "script style noscript template svg math iframe object embed canvas video audio map "
    "head select option textarea button dialog datalist picture"
)
# Page chrome by element; kept only when such an element wraps most of the page's text
# (ASP.NET wraps whole pages in a <form>, some themes the article in a <header>).
_SOFT_DROP = _names("nav header footer aside form menu figcaption figure")
_VOID = _names("area base br col embed hr img input keygen link meta param source track wbr")
_INLINE = _names(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd label mark q rp rt "
    "ruby s samp small span strike strong sub sup time tt u var wbr nobr"
)
_PLAIN_INLINE = _INLINE - {"a"}
_CLOSES_P = _names(
    "address article aside blockquote details div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr main menu nav ol p pre section table ul"
)
# What may sit in <head>; anything else means the body has begun (browsers agree).
_HEAD_CONTENT = _names("title meta link style script noscript base template")
_PARAGRAPH_TAGS = _names("p blockquote h2 h3 h4 h5 h6 pre dd")
_SHORT_BLOCK_CHARS = 80
# Elements a sibling of the same name closes (<li>one<li>two).
_SELF_NESTING = _names("li dt dd tr td th")
_CHROME_ROLES = _names(
    "navigation banner contentinfo complementary search menu menubar dialog alertdialog "
    "tablist toolbar"
)
_CHROME_TOKENS = _names(
    "nav navbar menu menus share shares sharing social comment comments cookie cookies "
    "newsletter subscribe subscription advert advertisement ad ads adslot adunit promo promos "
    "promotion related sidebar breadcrumb breadcrumbs footer masthead popup modal outbrain "
    "taboola disqus sponsor sponsored paywall signup recirc trending toolbar pagination pager "
    "tags taglist skip skiplink caption credit credits byline dateline newsletters "
    "recommended mostread"
)
_CHROME_PREFIXES = (
    "navbar",
    "navigation",
    "menu",
    "share",
    "social",
    "comment",
    "cookie",
    "newsletter",
    "subscri",
    "advert",
    "twitter",
    "instagram",
    "tiktok",
    "sidebar",
    "breadcrumb",
    "footer",
    "promo",
    "related",
    "sponsor",
)
_NOT_CHROME = _names("commentary commentaries")
_HIDDEN_MARKERS = ("sr-only", "visually-hidden", "visuallyhidden", "screen-reader")
# Whole class names only: "hidden-xs" hides an element on small screens, not everywhere.
_HIDDEN_CLASS_NAMES = _names("hidden hide d-none is-hidden invisible")
_BODY_CLASS = re.compile(r"(article|story|entry|post|news)[-_ ]?(body|content|text)")
_TOKEN = re.compile(r"[a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_].*)?")

# Main-content candidates, strongest first.
_BODY, _ARTICLE, _MAIN = 3, 2, 1
_TAG_KINDS = {"article": _ARTICLE, "main": _MAIN}
_MIN_SHARE = 0.2
_WRAPPER_SHARE = 0.5
_LINK_DENSITY = 0.5
_PARAGRAPH_MIN_CHARS = 25
_PROSE_SHARE = 0.7
_MIN_DATA_CELLS = 4
_DATA_CELL_CHARS = 40


class _PageParser(HTMLParser):
    """Builds the node table; node 0 is the document itself."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # Columns of the node table: compact arrays, since a hostile page has a million nodes.
        self.tags: list[str] = ["#document"]
        self.parents = array("q", [0])
        self.ends = array("q", [0])
        self.hard = bytearray(1)
        self.soft = bytearray(1)
        self.kinds = bytearray(1)
        self.in_link = bytearray(1)
        self.own_text = array("q", [0])
        self.own_link = array("q", [0])
        self.events: list[tuple[int, str | None]] = []
        self.stack: list[int] = [0]
        self.open_counts: dict[str, int] = {}
        self.hard_open = 0
        self.title_parts: list[str] = []
        self.title_done = False
        self.meta: dict[str, str] = {}
        self.language: str | None = None
        self.first_time: str | None = None

    # -- tree building -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not attrs and tag in _PLAIN_INLINE:
            return  # a bare <b>, <em> or <span> changes nothing: its text joins the parent's
        attributes = {name: value or "" for name, value in attrs}
        if tag in _VOID:
            self._void(tag, attributes)
            return
        if self.open_counts.get("head") and tag not in _HEAD_CONTENT:
            self._pop_to("head")
        current = self.stack[-1]
        if self.tags[current] == "p" and tag in _CLOSES_P:
            self._pop_to("p")
        elif tag in _SELF_NESTING and self.tags[self.stack[-1]] == tag:
            self._pop_to(tag)
        parent = self.stack[-1]
        node = len(self.tags)
        hard = tag in _HARD_DROP
        self.tags.append(intern(tag))
        self.parents.append(parent)
        self.ends.append(node + 1)
        self.hard.append(hard)
        if attributes:
            self.soft.append(tag in _SOFT_DROP or is_chrome_element(attributes))
            self.kinds.append(_kind(tag, attributes))
        else:
            self.soft.append(tag in _SOFT_DROP)
            self.kinds.append(_TAG_KINDS.get(tag, 0))
        self.in_link.append(tag == "a" or self.in_link[parent] == 1)
        self.own_text.append(0)
        self.own_link.append(0)
        self.stack.append(node)
        self.open_counts[tag] = self.open_counts.get(tag, 0) + 1
        if hard:
            self.hard_open += 1
        if tag not in _INLINE:
            self.events.append((node, None))
        self._note_attributes(tag, attributes)

    def handle_endtag(self, tag: str) -> None:
        if self.open_counts.get(tag, 0) > 0:
            self._pop_to(tag)
        if tag not in _INLINE:
            self.events.append((self.stack[-1], None))

    def handle_data(self, data: str) -> None:
        node = self.stack[-1]
        if self.tags[node] == "title":
            # The page's first <title>; an <svg> icon's <title> is not the page's.
            if not self.title_done and not self.open_counts.get("svg"):
                self.title_parts.append(data)
            return
        if self.tags[node] == "head" and data.strip():
            self._pop_to("head")  # text outside any body tag still belongs to the body
            node = self.stack[-1]
        if self.hard_open:
            return
        size = len(data.strip())
        if not size:
            if self.events and self.events[-1][1] is not None:
                self.events.append((node, " "))
            return
        self.events.append((node, data))
        self.own_text[node] += size
        if self.in_link[node]:
            self.own_link[node] += size

    def _pop_to(self, tag: str) -> None:
        while len(self.stack) > 1:
            node = self.stack.pop()
            name = self.tags[node]
            self.open_counts[name] -= 1
            if self.hard[node]:
                self.hard_open -= 1
            self.ends[node] = len(self.tags)
            if name == "title" and self.title_parts:
                self.title_done = True
            if name == tag:
                return

    def finish(self) -> None:
        self.close()
        while len(self.stack) > 1:
            self._pop_to(self.tags[self.stack[-1]])
        self.ends[0] = len(self.tags)

    # -- page metadata -------------------------------------------------------------------
    def _void(self, tag: str, attributes: dict[str, str]) -> None:
        if tag in ("br", "hr"):
            self.events.append((self.stack[-1], None))
        elif tag == "meta":
            key = (
                attributes.get("property")
                or attributes.get("name")
                or attributes.get("itemprop")
                or attributes.get("http-equiv")
                or ""
            ).casefold()
            content = attributes.get("content", "").strip()
            if key and content:
                self.meta.setdefault(key, content)
        elif tag == "link" and "canonical" in attributes.get("rel", "").casefold().split():
            self.meta.setdefault("canonical", attributes.get("href", "").strip())

    def _note_attributes(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "html" and self.language is None:
            self.language = attributes.get("lang") or attributes.get("xml:lang") or None
        elif tag == "time" and self.first_time is None and attributes.get("datetime"):
            self.first_time = attributes["datetime"].strip()


def is_chrome_element(attributes: dict[str, str], *, hidden_only: bool = False) -> bool:
    """Whether an element's attributes say it is hidden or (unless `hidden_only`) page chrome."""
    hidden = (
        "hidden" in attributes
        or attributes.get("aria-hidden", "").casefold() == "true"
        or _HIDDEN_STYLE.search(attributes.get("style", "").casefold()) is not None
    )
    if hidden:
        return True
    names = f"{attributes.get('class', '')} {attributes.get('id', '')}".casefold()
    if any(marker in names for marker in _HIDDEN_MARKERS):
        return True
    if not _HIDDEN_CLASS_NAMES.isdisjoint(attributes.get("class", "").casefold().split()):
        return True
    if hidden_only:
        return False
    if attributes.get("role", "").casefold() in _CHROME_ROLES:
        return True
    return any(
        token not in _NOT_CHROME and (token in _CHROME_TOKENS or token.startswith(_CHROME_PREFIXES))
        for token in _TOKEN.findall(names)
    )


def _kind(tag: str, attributes: dict[str, str]) -> int:
    if "articlebody" in attributes.get("itemprop", "").casefold():
        return _BODY
    names = f"{attributes.get('class', '')} {attributes.get('id', '')}".casefold()
    if _BODY_CLASS.search(names):
        return _BODY
    if tag == "article":
        return _ARTICLE
    if tag == "main" or attributes.get("role", "").casefold() == "main":
        return _MAIN
    return 0


class _Page:
    """The parsed node table and the passes over it."""

    def __init__(self, parser: _PageParser) -> None:
        self.p = parser
        self.size = len(parser.tags)

    def totals(self, excluded: bytearray | None) -> tuple[array[int], array[int]]:
        """Text and link-text length of each subtree (children come after parents)."""
        text = array("q", self.p.own_text)
        link = array("q", self.p.own_link)
        if excluded is not None:
            for node in range(self.size):
                if excluded[node]:
                    text[node] = link[node] = 0
        parents = self.p.parents
        for node in range(self.size - 1, 0, -1):
            text[parents[node]] += text[node]
            link[parents[node]] += link[node]
        return text, link

    def excluded(self, soft: bytearray) -> bytearray:
        hard, parents = self.p.hard, self.p.parents
        result = bytearray(self.size)
        for node in range(1, self.size):
            result[node] = hard[node] or soft[node] or result[parents[node]]
        return result

    def choose_root(self, excluded: bytearray, text: array[int]) -> int:
        total = text[0]
        kinds = self.p.kinds
        for kind in (_BODY, _ARTICLE, _MAIN):
            best, best_text = -1, 0
            for node in range(1, self.size):
                if kinds[node] == kind and not excluded[node] and text[node] > best_text:
                    best, best_text = node, text[node]
            if best > 0 and best_text >= _MIN_SHARE * total:
                return best
        return self.densest(excluded)

    def densest(self, excluded: bytearray) -> int:
        """Where paragraphs cluster: each block with enough direct text scores its parent
        fully and its grandparent by half (the readability heuristic)."""
        tags, parents = self.p.tags, self.p.parents
        block = array("q", range(self.size))
        direct = array("q", [0]) * self.size
        for node in range(1, self.size):
            if tags[node] in _INLINE:
                block[node] = block[parents[node]]
            if not excluded[node]:
                direct[block[node]] += self.p.own_text[node] - self.p.own_link[node]
        score = array("d", [0.0]) * self.size
        prose = array("q", [0]) * self.size  # paragraph text inside each subtree
        for node in range(1, self.size):
            if block[node] != node or excluded[node] or direct[node] < _PARAGRAPH_MIN_CHARS:
                continue
            prose[node] = direct[node]
            points = 1.0 + min(direct[node] / 100.0, 3.0)
            parent = block[parents[node]]
            score[parent] += points
            score[block[parents[parent]]] += points / 2
        best = max(range(self.size), key=score.__getitem__)
        if score[best] <= 0:
            return 0
        for node in range(self.size - 1, 0, -1):
            prose[parents[node]] += prose[node]
        # Paragraphs split into sibling containers (around an ad, say): climb to the
        # smallest ancestor that holds most of the page's prose.
        while best > 0 and prose[best] < _PROSE_SHARE * prose[0]:
            best = parents[best]
        return best

    def paragraphs(self, root: int, excluded: bytearray) -> list[str]:
        text, link = self.totals(excluded)
        tags, parents = self.p.tags, self.p.parents
        start, stop = root, self.p.ends[root]
        data_table = self.data_tables(start, stop, text)
        hidden = bytearray(self.size)
        for node in range(start + 1, stop):
            # Mostly-link blocks are link lists; a long paragraph with a long link is prose.
            dense = (
                tags[node] not in _INLINE
                and link[node] > _LINK_DENSITY * text[node]
                and (tags[node] not in _PARAGRAPH_TAGS or text[node] < _SHORT_BLOCK_CHARS)
            )
            hidden[node] = excluded[node] or dense or data_table[node] or hidden[parents[node]]
        result: list[str] = []
        buffer: list[str] = []
        for node, data in self.p.events:
            if node < start or node >= stop or hidden[node]:
                continue
            if data is not None:
                buffer.append(data)
                continue
            if buffer:
                paragraph = " ".join("".join(buffer).split())
                if paragraph:
                    result.append(paragraph)
                buffer = []
        if buffer:
            paragraph = " ".join("".join(buffer).split())
            if paragraph:
                result.append(paragraph)
        return result

    def data_tables(self, start: int, stop: int, text: array[int]) -> bytearray:
        """Tables of short cells (scores, prices, schedules): data, not prose. Layout tables
        of old sites hold whole paragraphs per cell and stay."""
        tags, parents = self.p.tags, self.p.parents
        table_of = array("q", [-1]) * self.size
        cells = array("q", [0]) * self.size
        for node in range(start, stop):
            table_of[node] = node if tags[node] == "table" else table_of[parents[node]]
            if tags[node] in ("td", "th") and table_of[node] >= 0:
                cells[table_of[node]] += 1
        result = bytearray(self.size)
        for node in range(start, stop):
            if cells[node] >= _MIN_DATA_CELLS and text[node] < _DATA_CELL_CHARS * cells[node]:
                result[node] = 1
        return result

    def first_heading(self) -> str | None:
        """Text of the first <h1> that has any."""
        tags, parents = self.p.tags, self.p.parents
        heading_of = array("q", [-1]) * self.size
        for node in range(1, self.size):
            heading_of[node] = node if tags[node] == "h1" else heading_of[parents[node]]
        chosen = -1
        parts: list[str] = []
        for owner, data in self.p.events:
            if data is None or heading_of[owner] < 0:
                continue
            if chosen < 0 and data.strip():
                chosen = heading_of[owner]
            if heading_of[owner] == chosen:
                parts.append(data)
        return " ".join("".join(parts).split()) or None


def defuse_markup(text: str) -> str:
    """Markup the stdlib parser reads in linear time and without assertion errors.

    `html.parser` rescans to the end of the input for every construct it cannot close
    (an unterminated comment, a ``<a`` with no ``>`` after it), which makes such input
    quadratic, and it asserts on malformed ``<![`` sections. Comments are removed here,
    and whatever could not be closed is escaped so that it reads as text.
    """
    pieces: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        pieces.append(text[position:start])
        position = end + 3
    tail = text[position:].replace("<!--", "&lt;!--")
    text = "".join([*pieces, tail]).replace("<![", "&lt;![")
    last_close = text.rfind(">")
    if "<" in text[last_close + 1 :]:
        text = text[: last_close + 1] + text[last_close + 1 :].replace("<", "&lt;")
    return text


def _read(text: str) -> _PageParser:
    parser = _PageParser()
    try:
        parser.feed(defuse_markup(text))
        parser.finish()
    except AssertionError:
        # Declarations the stdlib parser cannot read: take everything as text instead.
        parser = _PageParser()
        parser.feed(text.replace("<", "&lt;"))
        parser.finish()
    return parser


def parse_html(text: str) -> Draft:
    """Read an HTML page or fragment (already cleaned) into title, paragraphs and hints."""
    collecting = gc.isenabled()
    # The node table is millions of small objects on a big page; generational GC passes
    # over it would make parsing superlinear, and it holds no reference cycles.
    gc.disable()
    try:
        parser = _read(text)
    finally:
        if collecting:
            gc.enable()
    page = _Page(parser)
    raw_text, raw_link = page.totals(None)
    soft = bytearray(parser.soft)
    for node in range(1, page.size):
        # A "chrome" element holding most of the page is a misnamed wrapper, not chrome.
        if (
            soft[node]
            and raw_text[node] >= _WRAPPER_SHARE * raw_text[0]
            and raw_link[node] <= _LINK_DENSITY * raw_text[node]
        ):
            soft[node] = 0
    excluded = page.excluded(soft)
    kept_text, _ = page.totals(excluded)
    root = page.choose_root(excluded, kept_text)
    lines: list[str] = []
    for paragraph in page.paragraphs(root, excluded):
        lines += [paragraph, ""]
    meta = parser.meta
    return Draft(
        title=_choose_title(parser, page.first_heading()),
        paragraphs=remove_boilerplate(lines, structural=False),
        language=_language(parser),
        url=meta.get("og:url") or meta.get("canonical") or None,
        published=(
            meta.get("article:published_time")
            or meta.get("datepublished")
            or meta.get("date")
            or parser.first_time
        ),
    )


def _choose_title(parser: _PageParser, heading: str | None) -> str | None:
    return choose_page_title(
        page_title="".join(parser.title_parts),
        social=parser.meta.get("og:title") or parser.meta.get("twitter:title"),
        heading=heading,
    )


def _language(parser: _PageParser) -> str | None:
    return language_code(
        parser.language, parser.meta.get("content-language"), parser.meta.get("og:locale")
    )


def language_code(*candidates: str | None) -> str | None:
    """The language subtag of the first candidate that reads as one ("en-GB" -> "en")."""
    for raw in candidates:
        match = _LANGUAGE.fullmatch(raw.strip()) if raw else None
        if match is not None:
            return match.group(1).casefold()
    return None
