"""Hidden elements leave the parsed page before any extractor sees it, whatever rule hides them."""

from __future__ import annotations

import pytest

from precis.extract.htmldoc import _HIDDEN_CLASS_NAMES, _HIDDEN_MARKERS
from precis.extract.htmltree import parse_page, strip_hidden

VISIBLE = "The ferry to the northern islands will run twice a day from the first of May."
HIDDEN = "Text a browser never shows to a reader of the page."

# Every way the rules hide an element, in the spellings pages use: the prefilter that picks
# candidates must not miss one (a new class name or marker is checked here automatically).
HIDING = sorted(
    [f"class='intro {name}'" for name in _HIDDEN_CLASS_NAMES]
    + [f"class='{marker}'" for marker in _HIDDEN_MARKERS]
    + [f"id='{marker.upper()}-note'" for marker in _HIDDEN_MARKERS]
    + [
        "class='Hidden'",
        "hidden",
        "hidden=''",
        "aria-hidden='true'",
        "aria-hidden='TRUE'",
        "style='display:none'",
        "style='color: red; DISPLAY : None'",
        "style='visibility: hidden'",
    ]
)


def _stripped(element: str) -> str:
    page = (
        "<!doctype html><html><head><title>Ferry</title></head><body><article>"
        f"<p>{VISIBLE}</p>{element}<p>After.</p></article></body></html>"
    )
    root = parse_page(page)
    assert root is not None
    strip_hidden(root)
    return " ".join(root.text_content().split())


@pytest.mark.parametrize("attributes", HIDING)
def test_every_hiding_rule_removes_the_element_and_keeps_its_tail(attributes: str) -> None:
    text = _stripped(f"<div {attributes}><span>{HIDDEN}</span></div> Tail text.")

    assert HIDDEN not in text
    assert VISIBLE in text
    assert "Tail text." in text
    assert "After." in text


@pytest.mark.parametrize(
    "attributes",
    [
        "class='hidden-xs col'",
        "class='hider-tooltip'",
        "style='display: block'",
        "aria-hidden='false'",
    ],
)
def test_elements_only_hinting_at_hiding_stay(attributes: str) -> None:
    assert HIDDEN in _stripped(f"<div {attributes}>{HIDDEN}</div>")
