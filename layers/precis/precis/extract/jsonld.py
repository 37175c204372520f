"""JSON-LD on an HTML page: the headline, date and body of its NewsArticle (or Article) object."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# schema.org types that describe the article a page shows (NewsArticle and its kin).
_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
    }
)
_MAX_SCRIPT_CHARS = 2_000_000
_MAX_OBJECTS = 500
_TAG = re.compile(r"<[^>]{0,2000}>")


@dataclass(frozen=True, slots=True)
class ArticleData:
    """What the page's structured data says about its article; every field may be missing."""

    headline: str | None = None
    published: str | None = None
    body: str | None = None


def read_article_data(scripts: Iterable[str]) -> ArticleData:
    """The first article object in the page's ``application/ld+json`` script texts.

    Broken JSON, unknown shapes and wrong types are skipped: structured data is a hint,
    never a reason to fail.
    """
    headline = published = body = None
    for script in scripts:
        if len(script) > _MAX_SCRIPT_CHARS:
            continue
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        for item in _objects(data):
            if not _is_article(item):
                continue
            headline = headline or _string(item.get("headline") or item.get("name"))
            published = published or _string(item.get("datePublished"))
            candidate = _string(item.get("articleBody"))
            if candidate and len(candidate) > len(body or ""):
                body = _TAG.sub(" ", candidate)
    return ArticleData(headline=headline, published=published, body=body)


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every dict in `data` reachable through lists and ``@graph``, breadth first, bounded."""
    queue: list[Any] = [data]
    seen = 0
    while queue and seen < _MAX_OBJECTS:
        item = queue.pop(0)
        seen += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                queue.extend(graph)
            main = item.get("mainEntity")
            if isinstance(main, dict | list):
                queue.append(main)


def _is_article(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(
        isinstance(k, str) and k.rsplit("/", 1)[-1].casefold() in _ARTICLE_TYPES for k in kinds
    )


def _string(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
