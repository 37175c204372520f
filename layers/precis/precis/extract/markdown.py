"""Markdown: markup stripped to prose, the title from front matter or the first heading.

Code (fenced or indented), tables, images, HTML comments and link-only lines are dropped;
links keep their text; list items and headings become paragraphs of their own.
"""

from __future__ import annotations

import re

from precis.extract.boilerplate import remove_boilerplate
from precis.extract.draft import Draft
from precis.extract.plaintext import assemble_paragraphs

_FRONT_MATTER_MAX_LINES = 200
_FRONT_MATTER_FIELD = re.compile(r"([A-Za-z_]+)\s*:\s*(.*)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:\s+|$)")
_SETEXT = re.compile(r" {0,3}(=+|-+)\s*")
_QUOTE = re.compile(r" {0,3}(?:>\s?)+")
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_REFERENCE = re.compile(r" {0,3}\[[^\]]{1,300}\]:\s*\S")
_INDENTED = "    "

# Inline markup; every span is bounded so a hostile line cannot make these quadratic.
# Link text and targets stop at the next bracket, so "[a](" repeated costs linear time.
_TARGET = (
    r"(?:\(\s*(?:[^()\[\]\s]|\([^()\[\]\s]{0,100}+\)){0,500}+(?:\s+\"[^\"\n]{0,200}+\")?\s*\)"
    r"|\[[^\[\]\n]{0,100}+\])"
)
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}+\]" + _TARGET + "?")
_LINK = re.compile(r"\[([^\[\]\n]{0,300}+)\]" + _TARGET)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]{1,1000}+>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,500})?/?>")
# Spans cannot contain their own delimiter, so possessive runs never backtrack.
_CODE_SPAN = re.compile(r"(`{1,3})([^`\n]{1,1000}+)\1")
_STRONG = re.compile(
    r"\*\*(?=[^\s*])([^*\n]{1,300}+)(?<=\S)\*\*|__(?=[^\s_])([^_\n]{1,300}+)(?<=\S)__"
)
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,300}+)(?<=\S)\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]{1,300}+)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=[^\s~])([^~\n]{1,300}+)(?<=\S)~~")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]{1,50}+\]")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_PUNCTUATION_ONLY = re.compile(r"[\W_]*")


def parse_markdown(text: str) -> Draft:
    """Read a markdown article (already cleaned) into a title and paragraphs."""
    lines = text.split("\n")
    meta, body_start = _front_matter(lines)
    units, heading = _BlockReader().read(_remove_html_comments(lines[body_start:]))
    units = remove_boilerplate(units, structural=False)
    title = meta.get("title") or heading
    return Draft(
        title=title,
        paragraphs=assemble_paragraphs(units, soft_wrapped=True),
        language=meta.get("lang") or meta.get("language"),
        url=meta.get("url") or meta.get("canonical_url"),
        published=meta.get("date") or meta.get("published"),
    )


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for index in range(1, min(len(lines), _FRONT_MATTER_MAX_LINES)):
        if lines[index].strip() in ("---", "..."):
            fields: dict[str, str] = {}
            for line in lines[1:index]:
                match = _FRONT_MATTER_FIELD.fullmatch(line.strip())
                if match is not None:
                    value = match.group(2).strip().strip("\"'").strip()
                    if value:
                        fields.setdefault(match.group(1).casefold(), value)
            return fields, index + 1
    return {}, 0


def _remove_html_comments(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    if "<!--" not in text:
        return lines
    kept: list[str] = []
    position = 0
    while True:
        start = text.find("<!--", position)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break
        kept.append(text[position:start])
        # Keep the line structure of what the comment spanned.
        kept.append("\n" * text.count("\n", start, end))
        position = end + 3
    kept.append(text[position:])
    return "".join(kept).split("\n")


class _BlockReader:
    """Walks markdown lines once, emitting prose lines with blank separators between blocks."""

    def __init__(self) -> None:
        self.units: list[str] = []
        self.heading: str | None = None
        self.in_table = False
        self.in_list = False
        self.previous_blank = True

    def read(self, lines: list[str]) -> tuple[list[str], str | None]:
        fences = _paired_fences(lines)
        in_code = False
        last_fence = max(fences, default=-1)
        for index, line in enumerate(lines):
            if index in fences:
                # An unclosed last fence opens nothing: drop the line, keep what follows.
                in_code = not in_code and (index != last_fence or len(fences) % 2 == 0)
                self._break()
            elif not in_code:
                self._line(line)
        return self.units, self.heading

    def _break(self) -> None:
        self.units.append("")
        self.previous_blank = True

    def _line(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            self._break()
            self.in_table = False
            return
        if line.startswith(_INDENTED) and self.previous_blank and not self.in_list:
            return  # an indented code block
        was_blank, self.previous_blank = self.previous_blank, False
        if _is_table_rule(stripped) and self.units and "|" in self.units[-1]:
            self.units[-1] = ""  # the header row above it
            self.in_table = True
        elif self.in_table or _REFERENCE.match(line):
            return
        elif _SETEXT.fullmatch(line) is not None:
            self._setext(stripped, was_blank=was_blank)
        elif _is_rule(stripped):
            self.units.append("")
        elif (atx := _HEADING.match(line)) is not None:
            self._heading(len(atx.group(1)), line[atx.end() :].strip().rstrip("#").strip())
        else:
            self._prose(line, was_blank=was_blank)

    def _setext(self, underline: str, *, was_blank: bool) -> None:
        if was_blank or not self.units or not self.units[-1]:
            self.units.append("")  # a thematic break, not an underline
        elif self.heading is None and underline[0] == "=":
            self.heading = self.units[-1]
            self.units[-1] = ""
        else:
            self.units.append("")

    def _heading(self, level: int, raw: str) -> None:
        text = _inline(raw)
        self.in_list = False
        if self.heading is None and level == 1 and text:
            self.heading = text
        else:
            self.units += ["", text, ""]

    def _prose(self, line: str, *, was_blank: bool) -> None:
        quote = _QUOTE.match(line)
        content = line[quote.end() :] if quote is not None else line
        item = _LIST_ITEM.match(content)
        if item is not None:
            self.in_list = True
            if not _is_link_only(content[item.end() :]):
                self.units += ["", _inline(content[item.end() :])]
            return
        if was_blank:
            self.in_list = self.in_list and content.startswith((" ", "\t"))
            if _is_link_only(content):
                return
        self.units.append(_inline(content))


def _paired_fences(lines: list[str]) -> set[int]:
    """Indices of fence lines that open or close a code block (a last, unclosed fence is
    left out: it opens nothing)."""
    return {index for index, line in enumerate(lines) if _FENCE.match(line)}


def _is_table_rule(stripped: str) -> bool:
    """The "|---|:---:|" line under a table's header row."""
    return "|" in stripped and "-" in stripped and not stripped.strip("|-: ")


def _is_rule(stripped: str) -> bool:
    compact = stripped.replace(" ", "")
    return len(compact) >= 3 and compact[0] in "-*_" and compact == compact[0] * len(compact)


def _is_link_only(line: str) -> bool:
    """A line that is nothing but links: navigation or a list of other articles."""
    if "](" not in line and "][" not in line:
        return False
    without_links = _LINK.sub("", _IMAGE.sub("", line))
    return _PUNCTUATION_ONLY.fullmatch(without_links) is not None


def _inline(text: str) -> str:
    """Markdown inline markup reduced to its text."""
    text = _IMAGE.sub("", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE_SPAN.sub(r"\2", text)
    text = _STRONG.sub(_strong_text, text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    text = _STRONG.sub(_strong_text, text)  # bold around italics: **bold *and* italic**
    text = _STRIKE.sub(r"\1", text)
    text = text.rstrip()
    if text.endswith("\\"):  # a hard line break
        text = text[:-1]
    return _ESCAPE.sub(r"\1", text).strip()


def _strong_text(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2) or ""
