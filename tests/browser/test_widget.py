"""The reader's end: the summary widget on a page, in headless Chromium, against the local stack."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from browser_support import ARTICLE, FAILED_ARTICLE, save_screenshot
from playwright.sync_api import Page, Route, expect

from local.api_client import ApiClient
from local.stack import LocalStack

pytestmark = pytest.mark.e2e

WIDGET = "precis-summary"


def _demo(page: Page, stack: LocalStack, article_id: str) -> None:
    page.goto(f"{stack.api_url}/demo/{article_id}")
    page.get_by_role("button", name="Get a summary").wait_for()


def _state(page: Page) -> str | None:
    return page.locator(WIDGET).get_attribute("data-state")


def _answer(status: int, body: str) -> Callable[[Route], None]:
    return lambda route: route.fulfill(status=status, content_type="application/json", body=body)


def _expected_seconds(sentences: list[str]) -> int:
    words = len(" ".join(sentences).split())
    return max(5, round(words / 230 * 12) * 5)


def test_click_shows_the_summary_in_place_with_the_reading_time_saved(
    page: Page, stack: LocalStack, summary: dict[str, Any]
) -> None:
    _demo(page, stack, ARTICLE)
    button = page.get_by_role("button", name="Get a summary")
    expect(button).to_have_attribute("aria-expanded", "false")

    button.click()

    items = page.locator(f"{WIDGET} li")
    expect(items).to_have_text(summary["summary_sentences"])
    expect(page.locator(f"{WIDGET} .title")).to_have_text(summary["title"])
    minutes = summary["reading_time_minutes"]
    seconds = _expected_seconds(summary["summary_sentences"])
    meta = page.locator(f"{WIDGET} .meta")
    seen = meta.evaluate(  # what the eye sees; a screen reader hears "…read, summary 20 seconds"
        "n => [...n.childNodes].filter(c => c.className !== 'sr').map(c => c.textContent).join('')"
    )
    assert seen == f"Summary · {minutes}-minute read → {seconds} seconds"
    expect(meta.locator(".sr")).to_have_text(", summary ")
    toggle = page.get_by_role("button", name="Hide summary")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert page.locator(f"{WIDGET} [aria-live=polite]").count() == 1
    page.wait_for_function(  # the fade-in done: the screenshot shows the settled widget
        "() => document.querySelector('precis-summary').shadowRoot.getAnimations().length === 0"
    )
    save_screenshot(page, "demo-page.png")


def test_the_pages_own_heading_and_text_are_not_altered(page: Page, stack: LocalStack) -> None:
    _demo(page, stack, ARTICLE)
    before = page.evaluate(
        "() => ({h1: document.querySelector('h1').outerHTML, "
        "headings: document.querySelectorAll('h1,h2,h3').length, "
        "size: getComputedStyle(document.querySelector('h1')).fontSize, "
        "text: document.querySelector('article').innerText})"
    )

    page.get_by_role("button", name="Get a summary").click()
    expect(page.locator(f"{WIDGET} li").first).to_be_visible()

    after = page.evaluate(
        "() => ({h1: document.querySelector('h1').outerHTML, "
        "headings: document.querySelectorAll('h1,h2,h3').length, "
        "size: getComputedStyle(document.querySelector('h1')).fontSize, "
        "text: document.querySelector('article').innerText})"
    )
    assert after == before  # the widget's text lives in its shadow root, not the article's


def test_keyboard_only_reader_opens_and_closes_the_summary(page: Page, stack: LocalStack) -> None:
    _demo(page, stack, ARTICLE)
    focused = ""
    for _ in range(30):  # the masthead's and navigation's links come first
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement?.shadowRoot?.activeElement?.textContent ?? ''"
        )
        if focused == "Get a summary":
            break
    assert focused == "Get a summary"
    outline = page.evaluate(
        "() => getComputedStyle(document.activeElement.shadowRoot.activeElement).outlineStyle"
    )
    assert outline == "solid"  # a visible focus ring

    page.keyboard.press("Enter")
    expect(page.locator(f"{WIDGET} li").first).to_be_visible()
    button = page.get_by_role("button", name="Hide summary")
    expect(button).to_be_focused()

    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Show summary")).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(page.locator(f"{WIDGET} li").first).to_be_hidden()


def test_202_shows_being_prepared_then_the_summary(
    page: Page,
    host_page: Callable[..., None],
    put_record: Callable[..., None],
    summary: dict[str, Any],
) -> None:
    article_id = "browser/pending-then-ready"
    put_record(article_id, "PENDING")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/summaries/" in r.url else None)
    host_page(page, article_id)

    page.get_by_role("button", name="Get a summary").click()

    expect(page.locator(WIDGET)).to_contain_text("being prepared")
    expect(page.locator(WIDGET)).to_have_attribute("data-state", "preparing")
    put_record(article_id, "COMPLETED")
    expect(page.locator(f"{WIDGET} li")).to_have_text(summary["summary_sentences"], timeout=15_000)
    assert len(asked) >= 2  # asked again after Retry-After


def test_202_forever_ends_in_a_quiet_retry_after_a_bounded_number_of_tries(
    page: Page, host_page: Callable[..., None]
) -> None:
    asked: list[str] = []

    def pending(route: Route) -> None:
        asked.append(route.request.url)
        route.fulfill(
            status=202,
            headers={"Retry-After": "0"},
            content_type="application/json",
            body=json.dumps({"article_id": "x", "status": "PENDING"}),
        )

    page.route("**/summaries/**", pending)
    host_page(page, "browser/never-ready")

    page.get_by_role("button", name="Get a summary").click()

    expect(page.get_by_role("button", name="Try again")).to_be_visible(timeout=20_000)
    expect(page.locator(WIDGET)).to_contain_text("not ready yet")
    assert len(asked) == 6


def test_404_hides_the_widget_and_shows_readers_nothing(
    page: Page, host_page: Callable[..., None]
) -> None:
    host_page(page, "browser/no-such-article")

    page.get_by_role("button", name="Get a summary").click()

    expect(page.locator(WIDGET)).to_be_hidden()
    expect(page.locator(WIDGET)).to_have_attribute("data-state", "unavailable")
    assert page.get_by_role("button").count() == 0
    assert "summary" not in page.locator("body").inner_text().lower()


def test_failed_article_hides_the_widget(page: Page, stack: LocalStack) -> None:
    _demo(page, stack, FAILED_ARTICLE)  # a PDF: FAILED / UNSUPPORTED_TYPE in the pipeline

    page.get_by_role("button", name="Get a summary").click()

    expect(page.locator(WIDGET)).to_be_hidden()
    expect(page.locator(WIDGET)).to_have_attribute("data-state", "unavailable")


def test_failed_record_hides_the_widget(
    page: Page, host_page: Callable[..., None], put_record: Callable[..., None]
) -> None:
    put_record("browser/failed-record", "FAILED")
    host_page(page, "browser/failed-record")

    page.get_by_role("button", name="Get a summary").click()

    expect(page.locator(WIDGET)).to_be_hidden()


def test_network_error_offers_a_quiet_retry_that_then_works(
    page: Page, host_page: Callable[..., None], summary: dict[str, Any]
) -> None:
    page.route("**/summaries/**", lambda route: route.abort("connectionrefused"))
    host_page(page, ARTICLE)

    page.get_by_role("button", name="Get a summary").click()

    retry = page.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    expect(page.locator(WIDGET)).to_contain_text("could not be loaded")
    page.unroute("**/summaries/**")
    retry.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"{WIDGET} li")).to_have_text(summary["summary_sentences"])
    expect(page.get_by_role("button", name="Hide summary")).to_be_focused()


def test_malformed_answers_never_throw_and_offer_a_retry(
    page: Page, host_page: Callable[..., None]
) -> None:
    bodies = [
        "{not json",
        "",
        "null",
        "[]",
        '"COMPLETED"',
        '{"status": "COMPLETED"}',
        '{"status": "COMPLETED", "summary_sentences": [1, null, {}], "summary": 7}',
        '{"status": "SOMETHING_NEW", "summary": "text"}',
    ]
    for body in bodies:
        page.unroute("**/summaries/**")
        page.route("**/summaries/**", _answer(200, body))
        host_page(page, ARTICLE)
        page.get_by_role("button", name="Get a summary").click()
        expect(page.get_by_role("button", name="Try again")).to_be_visible()
    # and an answer with odd but usable fields still shows its text
    page.unroute("**/summaries/**")
    page.route(
        "**/summaries/**",
        lambda route: route.fulfill(
            status=200,
            content_type="application/json",
            body=json.dumps(
                {"status": "COMPLETED", "summary": "Only this.", "reading_time_minutes": "3"}
            ),
        ),
    )
    host_page(page, ARTICLE)
    page.get_by_role("button", name="Get a summary").click()
    expect(page.locator(f"{WIDGET} .panel")).to_contain_text("Only this.")
    expect(page.locator(f"{WIDGET} .meta")).not_to_contain_text("minute read")


def test_summary_text_is_inserted_as_text_never_html(
    page: Page, host_page: Callable[..., None]
) -> None:
    hostile = '<img src=x onerror="window.owned=1">Plain <b>words</b>'
    page.route(
        "**/summaries/**",
        lambda route: route.fulfill(
            status=200,
            content_type="application/json",
            body=json.dumps(
                {
                    "status": "COMPLETED",
                    "title": "<script>window.owned=2</script>",
                    "summary": hostile,
                    "summary_sentences": [hostile, "Second."],
                    "reading_time_minutes": 1,
                }
            ),
        ),
    )
    host_page(page, ARTICLE)

    page.get_by_role("button", name="Get a summary").click()

    expect(page.locator(f"{WIDGET} li").first).to_have_text(hostile)
    expect(page.locator(f"{WIDGET} .title")).to_have_text("<script>window.owned=2</script>")
    assert page.locator(f"{WIDGET} img, {WIDGET} b, {WIDGET} script").count() == 0
    assert page.evaluate("() => window.owned") is None


def test_sentences_setting_asks_for_that_length(
    page: Page, host_page: Callable[..., None], stack: LocalStack
) -> None:
    api = ApiClient(stack.api_url)
    one = api.summary(ARTICLE, sentences="1").json()
    api.close()
    host_page(page, ARTICLE, attributes='data-precis-sentences="1"')

    page.get_by_role("button", name="Get a summary").click()

    expect(page.locator(f"{WIDGET} .panel > p").nth(2)).to_have_text(one["summary"])
    assert page.locator(f"{WIDGET} li").count() == 0


def test_works_without_page_css_and_survives_hostile_page_css(
    open_page: Callable[..., Page], host_page: Callable[..., None]
) -> None:
    hostile = (
        "<style>*{color:red!important;font-size:40px!important;background:yellow!important}"
        "button{display:none!important}li,p{visibility:hidden!important}</style>"
    )
    looks = []
    for head in ("", hostile):
        page = open_page()
        host_page(page, ARTICLE, head=head)
        page.get_by_role("button", name="Get a summary").click()
        expect(page.locator(f"{WIDGET} li").first).to_be_visible()
        looks.append(
            page.evaluate(
                """() => {
                  const root = document.querySelector('precis-summary').shadowRoot;
                  const style = (node) => getComputedStyle(node);
                  return {
                    button: style(root.querySelector('button')).backgroundColor,
                    text: style(root.querySelector('li')).color,
                    size: style(root.querySelector('li')).fontSize,
                  };
                }"""
            )
        )
    plain, attacked = looks
    assert plain == attacked
    assert plain["button"] == "rgb(11, 87, 208)"


def test_reduced_motion_turns_the_animation_off(
    open_page: Callable[..., Page], host_page: Callable[..., None]
) -> None:
    names = {}
    for motion in ("no-preference", "reduce"):
        page = open_page(reduced_motion=motion)
        host_page(page, ARTICLE)
        page.get_by_role("button", name="Get a summary").click()
        expect(page.locator(f"{WIDGET} li").first).to_be_visible()
        names[motion] = page.evaluate(
            "() => getComputedStyle(document.querySelector('precis-summary')"
            ".shadowRoot.querySelector('.panel')).animationName"
        )
    assert names == {"no-preference": "precis-in", "reduce": "none"}


def test_demo_index_links_every_uploaded_article(page: Page, stack: LocalStack) -> None:
    page.goto(f"{stack.api_url}/demo/")

    links = page.locator("main a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert f"/demo/{ARTICLE}" in hrefs
    assert f"/demo/{FAILED_ARTICLE}" in hrefs
    missing = page.goto(f"{stack.api_url}/demo/browser/no-such-article")
    assert missing is not None
    assert missing.status == 404
