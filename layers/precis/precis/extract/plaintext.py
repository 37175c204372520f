"""Plain text: paragraphs split on blank lines, hard-wrapped lines joined, a headline title."""

from __future__ import annotations

import re
from collections.abc import Sequence

from precis.extract.boilerplate import remove_boilerplate
from precis.extract.draft import Draft
from precis.extract.titles import is_headline

_BULLET = re.compile(r"(?:[-*+•·▪◦‣–—]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_CJK = re.compile("[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_WRAP_MAX_WIDTH = 100
_SHORT_LINE = 0.6
_SENTENCE_END = frozenset(".!?:;\"”’')»…。！？；：」』।")


def parse_plaintext(text: str, *, find_title: bool = True) -> Draft:
    """Read a plain-text article (already cleaned); the title is its first line when that
    line reads as a headline and body text follows it."""
    lines = remove_boilerplate(text.split("\n"))
    title = None
    if find_title:
        title, lines = _take_title(lines)
    return Draft(title=title, paragraphs=assemble_paragraphs(lines))


def _take_title(lines: list[str]) -> tuple[str | None, list[str]]:
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, lines
    following = lines[first + 1] if first + 1 < len(lines) else ""
    rest = lines[first + 1 :]
    if not any(line.strip() for line in rest):
        return None, lines
    if is_headline(lines[first], stands_alone=not following.strip()):
        return lines[first].strip(), rest
    return None, lines


def assemble_paragraphs(lines: Sequence[str], *, soft_wrapped: bool = False) -> list[str]:
    """Group lines into paragraphs: blank lines separate them, list items stand alone, and
    lines broken mid-paragraph (hard wrapping, or `soft_wrapped` markdown) are joined."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        stripped = line.strip()
        if stripped:
            block.append(stripped)
            continue
        if block:
            paragraphs.extend(_split_block(block, soft_wrapped=soft_wrapped))
            block = []
    return paragraphs


def _split_block(block: list[str], *, soft_wrapped: bool) -> list[str]:
    width = max(len(line) for line in block)
    hard_wrapped = soft_wrapped or width <= _WRAP_MAX_WIDTH
    paragraphs: list[str] = []
    current: list[str] = []
    for line in block:
        bullet = _BULLET.match(line)
        if bullet is not None and len(line) > bullet.end():
            if current:
                paragraphs.append(_join(current))
            current = [line[bullet.end() :]]
        elif current and not (soft_wrapped or _continues(current[-1], line, hard_wrapped, width)):
            paragraphs.append(_join(current))
            current = [line]
        else:
            current.append(line)
    if current:
        paragraphs.append(_join(current))
    return paragraphs


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one line; Chinese and Japanese wrap without spaces."""
    joined = lines[0]
    for line in lines[1:]:
        gap = "" if _CJK.match(joined[-1]) and _CJK.match(line[0]) else " "
        joined += gap + line
    return joined


def _continues(previous: str, line: str, hard_wrapped: bool, width: int) -> bool:
    """Whether `line` carries on the paragraph that `previous` ended."""
    if hard_wrapped:
        # In wrapped text only the last line of a paragraph falls well short of the width.
        return len(previous) >= _SHORT_LINE * width or previous[-1] not in _SENTENCE_END
    return previous[-1] not in _SENTENCE_END and line[0].islower()
