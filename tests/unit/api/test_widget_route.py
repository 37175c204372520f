"""GET /widget.js: the widget's script from the package, cached for a day, revalidated by ETag."""

from __future__ import annotations

import re

from precis.api.widget import widget_script

from .conftest import ROOT, Client

SOURCE = ROOT / "widget" / "precis-summary.js"


def test_the_package_ships_the_widget_from_widget_folder() -> None:
    assert widget_script() == SOURCE.read_text(encoding="utf-8")


def test_widget_is_served_as_javascript_with_a_long_cache_and_an_etag(client: Client) -> None:
    reply = client.get("/widget.js")

    assert reply.status == 200
    assert reply.text == SOURCE.read_text(encoding="utf-8")
    assert reply.header("Content-Type") == "text/javascript; charset=utf-8"
    cache = reply.header("Cache-Control") or ""
    assert cache.startswith("public")
    max_age = re.search(r"max-age=(\d+)", cache)
    assert max_age is not None and int(max_age.group(1)) >= 86400
    assert re.fullmatch(r'"[0-9a-f]{32}"', reply.header("ETag") or "")


def test_widget_answers_304_to_its_own_etag_and_200_to_an_old_one(client: Client) -> None:
    etag = client.get("/widget.js").header("ETag") or ""

    fresh = client.get("/widget.js", headers={"If-None-Match": etag})
    stale = client.get("/widget.js", headers={"If-None-Match": '"0123456789abcdef"'})

    assert fresh.status == 304
    assert fresh.text == ""
    assert fresh.header("ETag") == etag
    assert stale.status == 200
    assert stale.text == SOURCE.read_text(encoding="utf-8")


def test_widget_may_be_loaded_by_a_page_of_an_allowed_origin(client: Client) -> None:
    reply = client.get("/widget.js", headers={"Origin": "https://news.example.com"})

    assert reply.header("Access-Control-Allow-Origin") == "https://news.example.com"


def test_widget_fits_the_size_budget() -> None:
    assert len(SOURCE.read_bytes()) <= 12 * 1024
