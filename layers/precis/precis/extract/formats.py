"""Which reader an article needs: explicit format, file extension, content type, or a sniff."""

from __future__ import annotations

import re

from precis.errors import UnsupportedType

FORMATS = ("txt", "md", "html", "json")
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".mkd": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
}
_ALIASES = {
    "txt": "txt",
    "text": "txt",
    "plain": "txt",
    "md": "md",
    "markdown": "md",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "json": "json",
}
_CONTENT_TYPES = {
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/json": "json",
    "text/json": "json",
}
# Types that say nothing about the content (S3's default among them).
_UNINFORMATIVE_TYPES = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "application/x-www-form-urlencoded"}
)
# ".2024" or "v1.2-final" are not extensions: such names are sniffed, not refused.
_EXTENSION = re.compile(r"\.[a-z][a-z0-9]{0,7}")
_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
_HTML_START = re.compile(r"\s*(<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_PAGE_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_TAGS = re.compile(
    r"<(html|head|body|article|main|div|p|h[1-6]|section|span|br|title|meta)[\s/>]", re.I
)
_MARKDOWN_START = re.compile(r"(---\n|#{1,6} \S)")
_SNIFF_CHARS = 2048


def normalize_format(fmt: str) -> str:
    """The canonical name of an explicit format.

    Raises UnsupportedType for a format the service does not read.
    """
    canonical = _ALIASES.get(fmt.strip().casefold().lstrip("."))
    if canonical is None:
        raise UnsupportedType(f"unsupported format {fmt[:40]!r}; expected one of {FORMATS}")
    return canonical


def declared_format(
    *, fmt: str | None = None, filename: str | None = None, content_type: str | None = None
) -> str | None:
    """The format the caller's hints name, or None when the content must be sniffed.

    Raises UnsupportedType for an unknown extension or a content type that is not text.
    """
    if fmt:
        return normalize_format(fmt)
    if filename:
        suffix = _suffix(filename)
        if _EXTENSION.fullmatch(suffix):
            if suffix not in EXTENSIONS:
                raise UnsupportedType(
                    f"unsupported file type {suffix!r}; expected one of "
                    f"{', '.join(sorted(EXTENSIONS))}"
                )
            return EXTENSIONS[suffix]
    if content_type:
        media = content_type.split(";", 1)[0].strip().casefold()
        if media in _CONTENT_TYPES:
            return _CONTENT_TYPES[media]
        if media.endswith("+json"):
            return "json"
        if media not in _UNINFORMATIVE_TYPES and not media.startswith("text/"):
            raise UnsupportedType(f"unsupported content type {media[:60]!r}")
    return None


def _suffix(filename: str) -> str:
    """The extension of a key's last segment ("" for none, or for ".hidden" names)."""
    name = filename.strip().rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:].casefold() if dot > 0 else ""


def charset_of(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a content type, if any."""
    if not content_type:
        return None
    match = _CHARSET.search(content_type)
    return match.group(1) if match else None


def is_full_page(text: str) -> bool:
    """Whether HTML text is a whole page (a doctype or ``<html>`` near its start), not a
    fragment."""
    return _PAGE_START.search(text[:_SNIFF_CHARS]) is not None


def sniff_format(text: str) -> str:
    """Guess the format of decoded text: HTML markup, a JSON object, markdown, else text."""
    head = text[:_SNIFF_CHARS]
    stripped = head.lstrip()
    if _HTML_START.match(head):
        return "html"
    if stripped.startswith("{"):
        return "json"
    if stripped.startswith("<") and _HTML_TAGS.search(head):
        return "html"
    if len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    if _MARKDOWN_START.match(stripped):
        return "md"
    return "txt"
