"""The widget in headless Chromium against the local stack (started in-process on free ports).

Every page a test opens is watched: a script error or a console error fails the test.
Chromium also logs each HTTP error answer (a 404 the widget asked for on purpose) as a
console error; those lines are the browser's network log, not the page's, and are ignored.
"""

from __future__ import annotations

import copy
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from local.api_client import ApiClient
from local.browser import launch
from local.stack import LocalStack, StackConfig, wait_for

sys.path.insert(0, str(Path(__file__).parent))

from browser_support import ARTICLE, FAILED_ARTICLE, NETWORK_LOG, SAMPLES


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    warnings.filterwarnings("ignore", module="aws_lambda_powertools")
    config = StackConfig(
        aws_port=0,
        http_port=0,
        stack_name="precis-browser",
        retry_delay_s=0,
        environment={"POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "WARNING"},
    )
    with LocalStack(config) as started:
        s3 = started.client("s3")
        s3.put_object(
            Bucket=started.bucket_name,
            Key=f"{started.articles_prefix}{ARTICLE}.txt",
            Body=(SAMPLES / "harbour-council-vote.txt").read_bytes(),
        )
        s3.put_object(
            Bucket=started.bucket_name,
            Key=f"{started.articles_prefix}{FAILED_ARTICLE}.pdf",
            Body=(SAMPLES / "scanned-notice.pdf").read_bytes(),
            ContentType="application/pdf",
        )
        api = ApiClient(started.api_url)
        for article_id in (ARTICLE, FAILED_ARTICLE):
            wait_for(
                lambda a=article_id: api.summary(a).status == 200,
                timeout=60,
                what=f"the summary of {article_id}",
            )
        api.close()
        yield started


@pytest.fixture(scope="module")
def summary(stack: LocalStack) -> dict[str, Any]:
    """The API's answer for ARTICLE, as the widget should show it."""
    api = ApiClient(stack.api_url)
    try:
        body: dict[str, Any] = api.summary(ARTICLE).json()
    finally:
        api.close()
    assert body["status"] == "COMPLETED"
    return body


@dataclass
class Watched:
    page: Page
    errors: list[str] = field(default_factory=list)


def _watch(page: Page) -> Watched:
    watched = Watched(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith(NETWORK_LOG):
            watched.errors.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    return watched


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """A new page (own context: no shared cache); fails the test on any script error."""
    opened: list[Watched] = []

    def _open(**context_options: Any) -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
        watched = _watch(context.new_page())
        opened.append(watched)
        return watched.page

    yield _open
    errors = [error for watched in opened for error in watched.errors]
    for watched in opened:
        watched.page.context.close()
    assert errors == [], errors


@pytest.fixture
def page(open_page: Callable[..., Page]) -> Page:
    return open_page()


@pytest.fixture
def host_page(stack: LocalStack) -> Callable[..., None]:
    """Open `body` as a page of the stack's own origin (Playwright answers for that one path),
    with the publisher's two lines for `article_id`; the widget then talks to the real API."""

    def _open(
        page: Page, article_id: str, *, head: str = "", body: str = "", attributes: str = ""
    ) -> None:
        url = f"{stack.api_url}/publisher-page"
        document = (
            f"<!doctype html><html lang='en'><head><title>t</title>{head}</head><body>"
            "<h1>A publisher's article</h1>"
            f'<div id="slot" data-precis-article="{article_id}" {attributes}></div>'
            f'{body}<p>The article text.</p><script src="/widget.js" async></script>'
            "</body></html>"
        )
        page.route(url, lambda route: route.fulfill(body=document, content_type="text/html"))
        page.goto(url)
        page.get_by_role("button", name="Get a summary").wait_for()

    return _open


@pytest.fixture
def put_record(stack: LocalStack) -> Callable[..., None]:
    """Write `article_id`'s table item directly: ARTICLE's item with `status` (and no summary
    when not COMPLETED). The service itself never writes PENDING; this is how the widget's
    202 path is reached."""
    dynamodb = stack.client("dynamodb")
    original = dynamodb.get_item(
        TableName=stack.table_name, Key={"article_id": {"S": ARTICLE}}, ConsistentRead=True
    )["Item"]

    def _put(article_id: str, status: str) -> None:
        item = copy.deepcopy(original)
        item["article_id"] = {"S": article_id}
        item["status"] = {"S": status}
        if status != "COMPLETED":
            for name in ("summary", "ranked_sentences", "single_sentence"):
                item.pop(name, None)
        if status == "FAILED":
            item["error"] = {"M": {"code": {"S": "EMPTY"}, "message": {"S": "no text"}}}
        dynamodb.put_item(TableName=stack.table_name, Item=item)

    return _put
