"""The local stack's demo pages: an uploaded article laid out like a news page, with the widget.

`GET /demo/` lists the articles in the bucket; `GET /demo/{article_id}` renders one, its text
extracted as the summarize function extracts it, with the two lines a publisher adds
(`<div data-precis-article>` and the script from the API's `/widget.js`). Pages are built
from the bucket on every request; every piece of article text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from local.http_front import LocalPage
from precis.errors import PrecisError
from precis.extract import extract_document

PAGE_PREFIX = "/demo/"
MASTHEAD = "The Eastmere Courier"
SECTIONS = ("News", "Local", "Business", "Environment", "Culture", "Sport")
# Enough for a demo index; the bucket of `make serve` holds what a person uploaded by hand.
INDEX_LIMIT = 200


def publisher_snippet(article_id: str) -> str:
    """The two lines a publisher adds to an article page (relative to the API's origin)."""
    return (
        f'<div data-precis-article="{html.escape(article_id)}"></div>\n'
        '<script src="/widget.js" async></script>'
    )


class DemoSite:
    """Renders demo pages from the objects under `prefix` in `bucket`."""

    def __init__(self, s3_client: Callable[[], Any], bucket: str, prefix: str) -> None:
        self._s3 = s3_client
        self._bucket = bucket
        self._prefix = prefix

    def page(self, path: str) -> LocalPage | None:
        """The page at `path` (already percent-decoded), or None when `path` is not a demo page."""
        if path in ("/demo", PAGE_PREFIX):
            return LocalPage(200, self._index().encode("utf-8"))
        if not path.startswith(PAGE_PREFIX):
            return None
        article_id = path[len(PAGE_PREFIX) :].strip("/")
        found = self._find(article_id)
        if found is None:
            return LocalPage(404, _not_found(article_id).encode("utf-8"))
        key, data, content_type, modified = found
        return LocalPage(200, _article_page(article_id, key, data, content_type, modified).encode())

    def _article_ids(self) -> list[str]:
        listing = self._s3().list_objects_v2(
            Bucket=self._bucket, Prefix=self._prefix, MaxKeys=INDEX_LIMIT
        )
        keys = [item["Key"][len(self._prefix) :] for item in listing.get("Contents", [])]
        return sorted({_without_extension(key) for key in keys if key and not key.endswith("/")})

    def _find(self, article_id: str) -> tuple[str, bytes, str | None, str] | None:
        """Key, bytes, content type and date of the upload whose id is `article_id`."""
        if not article_id:
            return None
        s3 = self._s3()
        listing = s3.list_objects_v2(Bucket=self._bucket, Prefix=self._prefix + article_id)
        for item in listing.get("Contents", []):
            key = item["Key"]
            if _without_extension(key[len(self._prefix) :]) == article_id:
                got = s3.get_object(Bucket=self._bucket, Key=key)
                modified = got.get("LastModified")
                date = f"{modified:%d %B %Y}" if modified else ""
                return key, got["Body"].read(), got.get("ContentType"), date
        return None

    def _index(self) -> str:
        ids = self._article_ids()
        items = "".join(
            f'<li><a href="{PAGE_PREFIX}{quote(article_id)}">{html.escape(article_id)}</a></li>'
            for article_id in ids
        )
        body = (
            f"<ul class='index'>{items}</ul>"
            if ids
            else "<p>No articles yet. Upload one: "
            "<code>.venv/bin/python -m local.upload local/samples/harbour-council-vote.txt</code>"
            "</p>"
        )
        main = f"<main><article><h1>Articles in the bucket</h1>{body}</article></main>"
        return _layout("Articles", main)


def _without_extension(key: str) -> str:
    path = PurePosixPath(key)
    return str(path.with_suffix("")) if path.suffix else key


def _article_page(
    article_id: str, key: str, data: bytes, content_type: str | None, date: str
) -> str:
    try:
        document = extract_document(data, filename=key, content_type=content_type)
        title = document.title or article_id
        paragraphs = document.paragraphs
        published = document.published or date
    except PrecisError as error:
        # The widget on such a page finds the article FAILED and stays out of the way.
        title = article_id
        paragraphs = (f"This upload has no article text to show ({error.code}).",)
        published = date
    section = (
        article_id.split("/", maxsplit=1)[0].replace("-", " ") if "/" in article_id else "News"
    )
    lead, rest = (paragraphs[0], paragraphs[1:]) if paragraphs else ("", ())
    text = "".join(f"<p>{html.escape(p)}</p>" for p in rest)
    snippet = html.escape(publisher_snippet(article_id))
    main = f"""<main class="columns">
<article>
  <p class="kicker">{html.escape(section)}</p>
  <h1>{html.escape(title)}</h1>
  <p class="byline">By Courier staff · <time>{html.escape(published)}</time></p>
  <div data-precis-article="{html.escape(article_id)}"></div>
  <p class="lead">{html.escape(lead)}</p>
  {text}
</article>
<aside>
  <h2>About this page</h2>
  <p>A demo page of the Précis local stack: the article <code>{html.escape(key)}</code> from the
  bucket, with the summary widget. A publisher adds these two lines:</p>
  <pre><code>{snippet}</code></pre>
  <p>On a publisher's own site the script's address is the API's:
  <code>https://…/v1/widget.js</code>.</p>
  <p><a href="{PAGE_PREFIX}">Every article in the bucket</a></p>
</aside>
</main>
<script src="/widget.js" async></script>"""
    return _layout(title, main)


def _not_found(article_id: str) -> str:
    main = (
        "<main><article><h1>No such article</h1>"
        f"<p>Nothing under <code>articles/{html.escape(article_id)}.*</code> in the bucket. "
        f'<a href="{PAGE_PREFIX}">Every article</a>.</p></article></main>'
    )
    return _layout("Not found", main)


def _layout(title: str, main: str) -> str:
    nav = "".join(f'<a href="{PAGE_PREFIX}">{name}</a>' for name in SECTIONS)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · {MASTHEAD}</title>
<link rel="icon" href="data:,">
<style>{STYLE}</style>
</head>
<body>
<header class="masthead">
  <p class="date">Local edition · demo</p>
  <p class="name"><a href="{PAGE_PREFIX}">{MASTHEAD}</a></p>
  <nav aria-label="Sections">{nav}</nav>
</header>
{main}
<footer>{MASTHEAD} is a made-up paper; the page is served by <code>make serve</code>.</footer>
</body>
</html>
"""


STYLE = """
*{box-sizing:border-box}
body{margin:0;background:#fbfaf7;color:#1a1a1a;font:18px/1.65 Georgia,"Times New Roman",serif}
a{color:inherit}
.masthead{border-bottom:1px solid #1a1a1a;text-align:center;padding:1.2rem 1rem 0;background:#fff}
.masthead .date{margin:0;font:600 .75rem/1 system-ui,sans-serif;letter-spacing:.12em;
  text-transform:uppercase;color:#6b6b6b}
.masthead .name{margin:.35rem 0 .8rem;font:700 2.6rem/1.1 Georgia,serif;letter-spacing:-.01em}
.masthead .name a{text-decoration:none}
.masthead nav{display:flex;justify-content:center;flex-wrap:wrap;gap:.2rem 1.6rem;
  border-top:3px double #1a1a1a;padding:.55rem 0;font:600 .85rem/1 system-ui,sans-serif}
.masthead nav a{text-decoration:none}
main{max-width:68rem;margin:0 auto;padding:2rem 1.25rem 3rem}
.columns{display:grid;grid-template-columns:minmax(0,42rem) minmax(0,18rem);gap:3rem;
  justify-content:center}
@media (max-width:900px){.columns{grid-template-columns:minmax(0,1fr)}}
.kicker{margin:0;font:700 .8rem/1 system-ui,sans-serif;letter-spacing:.1em;
  text-transform:uppercase;color:#b3261e}
h1{font:700 2.4rem/1.15 Georgia,serif;margin:.5rem 0 .75rem;letter-spacing:-.015em}
.byline{margin:0 0 1.25rem;font:.85rem/1.4 system-ui,sans-serif;color:#6b6b6b}
.lead{font-size:1.15em;line-height:1.55}
article p{margin:0 0 1em}
aside{font:.9rem/1.5 system-ui,sans-serif;color:#333;border-top:3px solid #1a1a1a;
  padding-top:.75rem}
aside h2{font:700 .8rem/1 system-ui,sans-serif;letter-spacing:.1em;text-transform:uppercase;
  margin:0 0 .75rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f0eee8;padding:.75rem;
  border-radius:4px;font-size:.8rem}
.index{font-size:1.1rem}
footer{border-top:1px solid #ddd;text-align:center;padding:1.5rem;
  font:.8rem/1.4 system-ui,sans-serif;color:#6b6b6b}
"""
