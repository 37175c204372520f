"""What a format parser hands back before the shared clean-up turns it into a Document."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Draft:
    """Title candidates and body paragraphs as one format reads them."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    published: str | None = None
