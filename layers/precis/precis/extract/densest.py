"""The last resort before EMPTY: the element where the page's prose clusters, read as paragraphs.

Each block whose own text (its text outside nested blocks and links) is long enough scores
its parent fully and its grandparent by half, the readability heuristic; chrome-named
elements (navigation, comments, related links) score nothing. Works on pages whose text
sits in bare ``<div>``s or between ``<br>``s as well as on ``<p>`` pages.
"""

from __future__ import annotations

from lxml import etree, html

from precis.extract.htmldoc import is_chrome_element
from precis.extract.htmltree import chrome_attributes


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_INLINE = _names(
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark q s samp small "
    "span strike strong sub sup time tt u var nobr"
)
_CHROME_TAGS = _names(
    "nav header footer aside form menu button select head title script style noscript template "
    "svg math iframe object embed canvas video audio textarea"
)
_PARAGRAPH_MIN_CHARS = 25
_PROSE_SHARE = 0.7


def densest_block(root: html.HtmlElement) -> list[str]:
    """Paragraphs of the densest prose block, or [] when the page has no prose."""
    excluded, own, block_of = _own_text(root)
    score: dict[etree._Element, float] = {}
    prose: dict[etree._Element, int] = {}
    for block, chars in own.items():
        if chars < _PARAGRAPH_MIN_CHARS or block_of[block] is not block:
            continue
        points = 1.0 + min(chars / 100.0, 3.0)
        parent = block.getparent()
        if parent is None:
            parent = block
        score[parent] = score.get(parent, 0.0) + points
        grandparent = parent.getparent()
        if grandparent is not None:
            score[grandparent] = score.get(grandparent, 0.0) + points / 2
        for ancestor in (block, *block.iterancestors()):
            prose[ancestor] = prose.get(ancestor, 0) + chars
    if not score:
        return []
    best = max(score, key=score.__getitem__)
    # Paragraphs split into sibling containers (around an ad, say): climb to the smallest
    # ancestor that holds most of the page's prose.
    total = prose.get(root, 0)
    while prose.get(best, 0) < _PROSE_SHARE * total and best.getparent() is not None:
        best = best.getparent()
    return _paragraphs(best, excluded)


def _own_text(
    root: html.HtmlElement,
) -> tuple[set[etree._Element], dict[etree._Element, int], dict[etree._Element, etree._Element]]:
    """Chrome elements (with all they hold), each block's own text length outside links, and
    the block every element's text belongs to (inline elements belong to their parent's)."""
    excluded: set[etree._Element] = set()
    own: dict[etree._Element, int] = {}
    block_of: dict[etree._Element, etree._Element] = {}
    for _, element in etree.iterwalk(root, events=("start",)):
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        if parent is not None and parent in excluded:
            excluded.add(element)
            continue
        if element.tag in _CHROME_TAGS or is_chrome_element(chrome_attributes(element)):
            excluded.add(element)
            continue
        inline = element.tag in _INLINE and parent is not None
        block = block_of[parent] if inline and parent is not None else element
        block_of[element] = block
        if element.tag != "a":
            own[block] = own.get(block, 0) + len((element.text or "").strip())
        if parent is not None:
            tail_block = block_of[parent]
            own[tail_block] = own.get(tail_block, 0) + len((element.tail or "").strip())
    return excluded, own, block_of


def _paragraphs(top: etree._Element, excluded: set[etree._Element]) -> list[str]:
    """The text under `top`, one paragraph per block (and per ``<br>`` run), chrome left out."""
    result: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        paragraph = " ".join("".join(buffer).split())
        if paragraph:
            result.append(paragraph)
        buffer.clear()

    for event, element in etree.iterwalk(top, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            if element in excluded:
                continue
            if element.tag not in _INLINE:
                flush()
            buffer.append(element.text or "")
            continue
        if element not in excluded and element.tag not in _INLINE:
            flush()
        if element is not top:
            buffer.append(element.tail or "")
    flush()
    return result
