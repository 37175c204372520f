"""The demo pages of the local stack: an uploaded article as a news page, with the widget."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from local.demo_page import DemoSite

PREFIX = "articles/"


class FakeS3:
    """list_objects_v2 and get_object over a dict of key -> (body, content type)."""

    def __init__(self, objects: dict[str, tuple[bytes, str | None]]) -> None:
        self.objects = objects

    def list_objects_v2(self, *, Bucket: str, Prefix: str, **_: Any) -> dict[str, Any]:  # noqa: N803
        keys = sorted(k for k in self.objects if k.startswith(Prefix))
        return {"Contents": [{"Key": key} for key in keys]} if keys else {}

    def get_object(self, *, Bucket: str, Key: str) -> dict[str, Any]:  # noqa: N803
        body, content_type = self.objects[Key]
        got: dict[str, Any] = {
            "Body": io.BytesIO(body),
            "LastModified": datetime(2026, 11, 26, tzinfo=UTC),
        }
        if content_type:
            got["ContentType"] = content_type
        return got


def _site(objects: dict[str, tuple[bytes, str | None]]) -> DemoSite:
    s3 = FakeS3(objects)
    return DemoSite(lambda: s3, "bucket", PREFIX)


ARTICLE = (
    b"Harbour Gates Open For The First Time\n\n"
    b"The new harbour gates opened on Monday morning after four years of building work. "
    b"Crowds gathered on the quay to watch the first boats pass through.\n\n"
    b"The council said the gates would close only when storms are forecast."
)


def test_article_page_renders_title_text_and_the_publisher_lines() -> None:
    page = _site({"articles/world/harbour-gates.txt": (ARTICLE, "text/plain")}).page(
        "/demo/world/harbour-gates"
    )

    assert page is not None
    assert page.status == 200
    html = page.body.decode("utf-8")
    assert "<h1>Harbour Gates Open For The First Time</h1>" in html
    assert "Crowds gathered on the quay" in html
    assert '<div data-precis-article="world/harbour-gates"></div>' in html
    assert '<script src="/widget.js" async></script>' in html
    assert "26 November 2026" in html


def test_article_text_is_escaped() -> None:
    hostile = b'<script>alert(1)</script> Title\n\nA body line with <img src=x onerror="x()">.'
    page = _site({"articles/evil.txt": (hostile, "text/plain")}).page("/demo/evil")

    assert page is not None
    html = page.body.decode("utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


def test_upload_without_text_still_renders_a_page_for_the_widget_to_hide_on() -> None:
    page = _site({"articles/scan.pdf": (b"%PDF-1.7 binary", "application/pdf")}).page("/demo/scan")

    assert page is not None
    assert page.status == 200
    assert b"no article text to show (UNSUPPORTED_TYPE)" in page.body
    assert b'data-precis-article="scan"' in page.body


def test_unknown_article_is_a_404_page_and_other_paths_are_not_demo_pages() -> None:
    site = _site({"articles/world/harbour-gates.txt": (ARTICLE, "text/plain")})

    missing = site.page("/demo/world/harbour")  # a prefix of a real id is not that id
    assert missing is not None
    assert missing.status == 404
    assert site.page("/summaries/world/harbour-gates") is None
    assert site.page("/") is None


def test_index_links_every_article_once() -> None:
    site = _site(
        {
            "articles/world/harbour-gates.txt": (ARTICLE, "text/plain"),
            "articles/local/fair.md": (b"# Fair\n\nThe fair opens.", "text/markdown"),
        }
    )

    page = site.page("/demo/")

    assert page is not None
    html = page.body.decode("utf-8")
    assert html.count('href="/demo/world/harbour-gates"') == 1
    assert html.count('href="/demo/local/fair"') == 1
