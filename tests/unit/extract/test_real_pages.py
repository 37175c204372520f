"""Whole pages built the way news sites build them: the body is found, the chrome is not.

Each page is hand-written after a structure seen on real sites (nested wrapper divs, JSON-LD
bodies, text in bare divs, AMP, comment sections, related-story rails); the prose is ours.
"""

from __future__ import annotations

import json

import pytest

from precis.errors import EmptyDocument
from precis.extract import extract_document
from precis.extract.htmlpage import read_page

BODY = (
    "The city council voted on Wednesday to close the old tram depot by the end of next year, "
    "ending more than a century of repairs carried out on the site beside the river.",
    "Transport officials said the depot's roof had been propped up since a storm in 2019 and "
    "that rebuilding it would cost more than a new hall on the eastern edge of the city.",
    "Workers' representatives asked for guarantees that none of the sixty mechanics would lose "
    "their jobs, and the mayor promised that every post would move to the new hall.",
    "Residents of the neighbourhood have long asked for the land to become a park, but the "
    "council said a decision on its future use would wait for a public consultation.",
    "The first trams are expected to leave the new hall in the spring of the following year, "
    "once the tracks connecting it to the main line have been tested at night.",
    "Opposition councillors criticised the timetable as optimistic, pointing out that the "
    "connecting tracks still lacked a building permit from the regional authority.",
)
HEADLINE = "Council votes to close the old tram depot"
CHROME = (
    "No time to read",
    "Get a summary",
    "Subscribe to our newsletter",
    "Share on Facebook",
    "Most read",
    "Bridge painters finish",
    "Ferry timetable",
    "Previous Article",
)


def _head(extra: str = "") -> str:
    return (
        "<head><meta charset='utf-8'>"
        f"<title>{HEADLINE} | The River Gazette</title>"
        "<meta property='og:url' content='https://gazette.example/news/tram-depot'>"
        "<meta property='article:published_time' content='2025-03-05T09:15:00Z'>"
        '<script>window.__state = {"ads": true};</script>'
        f"<style>.rail {{ float: right }}</style>{extra}</head>"
    )


_SITE_HEADER = (
    "<header class='site-header'><a class='logo' href='/'>The River Gazette</a>"
    "<nav><ul><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li>"
    "<li><a href='/culture'>Culture</a></li><li><a href='/opinion'>Opinion</a></li></ul></nav>"
    "</header>"
)
_RAIL = (
    "<aside class='rail'><h2>Most read</h2><ol>"
    "<li><a href='/a'>Bridge painters finish the north span a month early</a></li>"
    "<li><a href='/b'>Ferry timetable changes for the summer season</a></li></ol></aside>"
)
_FOOTER = (
    "<footer><div class='newsletter'><p>Subscribe to our newsletter</p>"
    "<form><input name='email'><button>Sign up</button></form></div>"
    "<p>&copy; 2025 The River Gazette. All rights reserved.</p></footer>"
)
_SHARE = "<div class='share-bar'><a href='#'>Share on Facebook</a> <a href='#'>Share on X</a></div>"


def _paragraphs(attributes: str = "") -> str:
    return "".join(f"<p{attributes}>{paragraph}</p>" for paragraph in BODY)


def _page(body: str, head_extra: str = "", html_attributes: str = "lang='en'") -> bytes:
    return (
        f"<!DOCTYPE html><html {html_attributes}>{_head(head_extra)}<body>"
        f"{_SITE_HEADER}{body}{_FOOTER}</body></html>"
    ).encode()


def _assert_body_without_chrome(data: bytes) -> str:
    document = extract_document(data, filename="page.html")
    text = document.text
    for paragraph in BODY:
        assert paragraph in text, paragraph[:40]
    for chrome in CHROME:
        assert chrome not in text, chrome
    return text


def test_article_in_nested_wrapper_divs_with_speakable_paragraphs() -> None:
    wrapped = "".join(
        f"<div class='article-p-wrapper' aria-live='polite'><p class='speakable'>{p}</p></div>"
        for p in BODY
    )
    body = (
        "<main id='main-content-area'><header class='article-header'>"
        f"<h1>{HEADLINE}</h1></header>"
        "<div class='article-summary-button'><p>No time to read? Get a summary</p></div>"
        f"{_SHARE}<article id='main-article-block'><div class='wysiwyg wysiwyg--all-content'>"
        f"{wrapped}</div></article>{_RAIL}</main>"
    )

    text = _assert_body_without_chrome(_page(body))

    assert "The River Gazette" not in text


def test_json_ld_article_body_stands_in_for_a_teaser_page() -> None:
    structured = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "The River Gazette"},
            {
                "@type": "NewsArticle",
                "headline": HEADLINE,
                "datePublished": "2025-03-05T09:15:00Z",
                "articleBody": "\n".join(BODY),
            },
        ],
    }
    script = f"<script type='application/ld+json'>{json.dumps(structured)}</script>"
    body = (
        f"<article><h1>{HEADLINE}</h1><p>{BODY[0]}</p>"
        "<div class='paywall'><p>Subscribe to our newsletter</p>"
        "<a href='/subscribe'>Already a subscriber? Log in</a></div></article>"
        f"{_RAIL}"
    )

    page = read_page(_page(body, head_extra=script).decode())

    assert page.strategy == "json-ld"
    assert page.draft.paragraphs == list(BODY)
    assert page.draft.title == HEADLINE
    assert page.draft.published == "2025-03-05T09:15:00Z"


def test_json_ld_body_does_not_replace_a_page_that_shows_the_same_article() -> None:
    structured = {"@type": "NewsArticle", "headline": HEADLINE, "articleBody": " ".join(BODY)}
    script = f"<script type='application/ld+json'>{json.dumps(structured)}</script>"
    body = f"<article><h1>{HEADLINE}</h1>{_paragraphs()}</article>{_RAIL}"

    page = read_page(_page(body, head_extra=script).decode())

    assert page.strategy == "primary"
    assert page.draft.paragraphs == [HEADLINE, *BODY]


def test_text_in_bare_divs_without_paragraph_elements() -> None:
    blocks = "".join(f"<div class='txt'>{paragraph}</div>" for paragraph in BODY)
    body = (
        f"<div id='content'><div class='headline'><b>{HEADLINE}</b></div>"
        f"<div class='story'>{blocks}</div></div>{_RAIL}"
    )

    _assert_body_without_chrome(_page(body))


def test_text_separated_only_by_line_breaks() -> None:
    body = f"<div id='story'>{'<br><br>'.join(BODY)}</div>{_RAIL}"

    _assert_body_without_chrome(_page(body))


def test_amp_page() -> None:
    head = (
        "<link rel='canonical' href='https://gazette.example/news/tram-depot'>"
        "<script async src='https://cdn.ampproject.example/v0.js'></script>"
        "<style amp-boilerplate>body{visibility:hidden}</style>"
    )
    body = (
        "<amp-ad width='300' height='250' type='doubleclick'></amp-ad>"
        f"<article class='amp-article'><h1>{HEADLINE}</h1>"
        "<amp-img src='depot.jpg' width='800' height='450' layout='responsive'></amp-img>"
        f"<amp-social-share type='facebook'>Share on Facebook</amp-social-share>"
        f"<div class='amp-article-body'>{_paragraphs()}</div></article>"
        "<amp-sidebar id='sidebar' layout='nodisplay'><a href='/x'>Previous Article</a>"
        "</amp-sidebar>"
    )

    _assert_body_without_chrome(_page(body, head_extra=head, html_attributes="⚡ lang='en'"))


def test_comment_section_is_not_the_article() -> None:
    comments = "".join(
        "<li class='comment'><div class='comment-author'>reader{n}</div>"
        f"<p>Comment number {n}: this depot has been falling apart for years and nobody at the "
        "council ever listened to the people who live next to it, which is a disgrace.</p></li>"
        for n in range(12)
    )
    body = (
        f"<article><h1>{HEADLINE}</h1>{_SHARE}{_paragraphs()}</article>"
        f"<section id='comments' class='comments-area'><h2>12 comments</h2>"
        f"<ol class='comment-list'>{comments}</ol></section>{_RAIL}"
    )

    text = _assert_body_without_chrome(_page(body))

    assert "Comment number" not in text
    assert "12 comments" not in text


def test_related_story_rail_with_teaser_paragraphs_is_left_out() -> None:
    teasers = "".join(
        f"<div class='related-story'><a href='/s{n}'><h3>Bridge painters finish part {n}</h3>"
        "<p>Work on the north span ended a month early, the contractor said today.</p></a></div>"
        for n in range(6)
    )
    body = (
        f"<div class='layout'><article><h1>{HEADLINE}</h1>"
        f"<div class='article-body'>{_paragraphs()}</div>"
        "<div class='post-nav'><a href='/prev'>Previous Article</a></div></article>"
        f"<section class='related-stories'><h2>Related stories</h2>{teasers}</section></div>"
    )

    text = _assert_body_without_chrome(_page(body))

    assert "north span" not in text


@pytest.mark.parametrize(
    "button",
    [
        "<p>No time to read? Get a summary</p>",
        "<div class='cta'><span>No time to read?</span><button>Get a summary</button></div>",
        "<p>No time to read?</p><p><a href='#summary'>Get a summary</a></p>",
    ],
    ids=["one-paragraph", "span-and-button", "two-paragraphs"],
)
def test_summary_button_is_chrome_in_one_element_or_split(button: str) -> None:
    body = f"<article><h1>{HEADLINE}</h1>{button}{_paragraphs()}</article>"

    _assert_body_without_chrome(_page(body))


def test_page_metadata_is_read() -> None:
    body = f"<article><h1>{HEADLINE}</h1>{_paragraphs()}</article>"

    document = extract_document(_page(body, html_attributes="lang='en-GB'"), filename="p.html")

    assert document.title == HEADLINE
    assert document.language_hint == "en"
    assert document.url == "https://gazette.example/news/tram-depot"
    assert document.published == "2025-03-05T09:15:00Z"


def test_og_locale_is_the_language_hint_when_html_has_no_lang() -> None:
    head = "<meta property='og:locale' content='de_DE'>"
    body = f"<article><h1>{HEADLINE}</h1>{_paragraphs()}</article>"

    document = extract_document(_page(body, head, html_attributes=""), filename="p.html")

    assert document.language_hint == "de"


def test_an_app_shell_with_only_site_chrome_is_empty() -> None:
    page = _page('<div id=\'app\'></div><script>render({"text": "lots of words"})</script>')

    with pytest.raises(EmptyDocument):
        extract_document(page, filename="app.html")
