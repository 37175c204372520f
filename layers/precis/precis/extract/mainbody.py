"""The primary extractor: trafilatura's main-content detection, behind one function.

trafilatura (and lxml under it) is imported here, and this module only when an HTML
article arrives: text, Markdown and JSON uploads and the API's cold start never load it.
"""

from __future__ import annotations

import logging

import trafilatura
from lxml import html

# Its "empty tree" or "not enough text" lines are ordinary outcomes here (the caller falls
# back to other strategies), not errors worth a log line per article.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False


def main_text_lines(root: html.HtmlElement) -> list[str]:
    """The main text of a parsed page, one block per line; [] when none is found.

    The tree is not modified (trafilatura works on a copy). Comment sections are left out.
    """
    try:
        text = trafilatura.extract(
            root,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=False,
            deduplicate=False,
        )
    except Exception:  # any failure of the library means "try the next strategy"
        return []
    if not text:
        return []
    return [line for line in text.splitlines() if line.strip()]
