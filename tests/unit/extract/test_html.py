"""HTML pages: main content chosen, chrome dropped, title and hints read, bad markup survived."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from precis.errors import EmptyDocument
from precis.extract import extract_document, extract_text


@pytest.fixture
def storm(fixture_bytes: Callable[[str], bytes]) -> str:
    return extract_document(fixture_bytes("harbour-storm.html"), filename="harbour-storm.html").text


def test_page_chrome_never_reaches_the_paragraphs(storm: str) -> None:
    for chrome in (
        "Skip to content",
        "Home",
        "Sport",
        "cookies",
        "Accept all",
        "Facebook",
        "Tomas Lindqvist",
        "Image caption",
        "Advertisement",
        "Read more",
        "Related",
        "Fishing fleet",
        "comments",
        "nobody listens",
        "Most read",
        "bakery",
        "All rights reserved",
        "tracking pixel",
        "late script",
        "display: flex",
        "The Coastal Courier",
    ):
        assert chrome not in storm, chrome


def test_article_body_paragraphs_and_subheadings_are_kept_in_order(
    fixture_bytes: Callable[[str], bytes],
) -> None:
    document = extract_document(fixture_bytes("harbour-storm.html"), filename="harbour-storm.html")

    assert [p.split()[0] for p in document.paragraphs] == [
        "A",
        "Emergency",
        "Warnings",
        "Residents",
        "The",
    ]
    assert "12 million kroner, which it postponed" in document.paragraphs[-1]


def test_title_language_url_and_date_come_from_the_page(
    fixture_bytes: Callable[[str], bytes],
) -> None:
    document = extract_document(fixture_bytes("harbour-storm.html"), filename="harbour-storm.html")

    assert document.title == "Storm surge floods harbour district"
    assert document.language_hint == "en"
    assert document.url == "https://courier.example/news/storm-surge-harbour"
    assert document.published == "2024-02-12T07:30:00Z"
    assert document.source_format == "html"


def test_entities_are_unescaped_and_whitespace_folded() -> None:
    document = extract_text(
        "<p>Fish &amp; chips&nbsp;cost &pound;5 &#8212; &quot;cheap&quot;</p>", fmt="html"
    )

    assert document.paragraphs == ('Fish & chips cost £5 — "cheap"',)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ferry fares rise | The Coastal Courier", "Ferry fares rise"),
        ("Ferry fares rise - BBC News", "Ferry fares rise"),
        ("News — Ferry fares rise again this spring", "Ferry fares rise again this spring"),
        ("Ferry fares: what the rise means for you", "Ferry fares: what the rise means for you"),
    ],
)
def test_site_names_are_trimmed_from_page_titles(title: str, expected: str) -> None:
    page = f"<html><head><title>{title}</title></head><body><p>Fares rise in May.</p></body></html>"

    assert extract_text(page, fmt="html").title == expected


def test_first_h1_is_the_title_when_there_is_no_title_element() -> None:
    page = "<body><h1>Ferry fares rise</h1><p>Fares rise in May, the operator said.</p></body>"

    document = extract_text(page, fmt="html")

    assert document.title == "Ferry fares rise"
    assert document.paragraphs == ("Fares rise in May, the operator said.",)


def test_without_semantic_markup_the_densest_block_wins() -> None:
    prose = "".join(
        f"<p>Paragraph {n} of the story explains, in some detail, what the council decided.</p>"
        for n in range(5)
    )
    page = (
        "<body><div id='top'><a href='/'>Home</a> <a href='/n'>News</a></div>"
        f"<div class='wrap'><div class='col'>{prose}</div>"
        "<div class='col2'><p>Short teaser.</p></div></div></body>"
    )

    document = extract_text(page, fmt="html")

    assert len(document.paragraphs) == 5
    assert "Home" not in document.text and "teaser" not in document.text


def test_a_chrome_named_wrapper_holding_the_whole_page_is_not_dropped() -> None:
    prose = "<p>The library reopened on Saturday after a year of repairs to its roof.</p>" * 3
    page = f"<body><form id='aspnetForm'><div class='page has-sidebar'>{prose}</div></form></body>"

    document = extract_text(page, fmt="html")

    assert len(document.paragraphs) == 3


def test_link_lists_inside_the_article_are_dropped() -> None:
    page = (
        "<article><p>The library reopened on Saturday after a year of repairs to its roof.</p>"
        "<ul><li><a href='/a'>Library history</a></li><li><a href='/b'>Opening hours</a></li></ul>"
        "<p>Visitors queued from early morning, staff said, to see the restored reading room "
        "that <a href='/r'>the council</a> had paid for.</p></article>"
    )

    document = extract_text(page, fmt="html")

    assert len(document.paragraphs) == 2
    assert "the council had paid for" in document.paragraphs[1]


def test_hidden_elements_are_dropped() -> None:
    page = (
        "<p>The pier reopened.</p><p hidden>Hidden text.</p><p style='display:none'>Gone.</p>"
        "<span class='sr-only'>Screen reader only.</span><p aria-hidden='true'>Aria.</p>"
    )

    assert extract_text(page, fmt="html").paragraphs == ("The pier reopened.",)


def test_br_separated_text_keeps_its_paragraphs() -> None:
    page = "<div>The pier reopened.<br><br>Crowds gathered at noon.<br>Music played.</div>"

    assert extract_text(page, fmt="html").paragraphs == (
        "The pier reopened.",
        "Crowds gathered at noon.",
        "Music played.",
    )


def test_a_page_of_only_scripts_is_empty() -> None:
    page = b"<html><head><script>var a = 1;</script></head><body><script>go()</script></body>"

    with pytest.raises(EmptyDocument):
        extract_document(page, filename="scripts.html")


def test_ten_thousand_nested_elements_parse_without_recursion() -> None:
    page = "<div>" * 10_000 + "<p>Deep inside, the story goes on.</p>" + "</div>" * 10_000

    assert extract_text(page, fmt="html").paragraphs == ("Deep inside, the story goes on.",)


def test_unclosed_and_misnested_tags_still_yield_the_text() -> None:
    page = "<html><head><meta charset=utf-8><body><p>The pier <b>reopened.<p>Crowds <i>came</b>"
    page += " early."

    document = extract_text(page, fmt="html")

    assert document.paragraphs == ("The pier reopened.", "Crowds came early.")


@pytest.mark.parametrize(
    "page",
    [
        "<![if !IE]><p>The pier reopened on Saturday.</p><![endif]>",
        "<p>The pier reopened on Saturday.</p><!-- unclosed comment",
        "<p>The pier reopened on Saturday.</p><a href='x' <b",
        "<!bogus><p>The pier reopened on Saturday.</p><?php echo 1 ?>",
    ],
)
def test_malformed_declarations_and_unclosed_constructs_are_survived(page: str) -> None:
    document = extract_text(page, fmt="html")

    assert "The pier reopened on Saturday." in document.text


def test_paragraphs_split_around_an_ad_container_are_all_kept() -> None:
    part = "<p>The ferry operator added two sailings a day to cope with the summer crowds.</p>"
    page = (
        "<body><div class='wrap'>"
        f"<div class='block'>{part * 3}</div>"
        "<div class='ad-slot'><p>Buy our premium membership today and save money.</p></div>"
        f"<div class='block'>{part * 2}</div>"
        "</div><div class='teasers'><a href='/x'>Another story</a></div></body>"
    )

    document = extract_text(page, fmt="html")

    assert len(document.paragraphs) == 5
    assert "premium" not in document.text


def test_a_headline_first_paragraph_is_the_title_of_a_page_without_one() -> None:
    page = (
        "<table><tr><td><font size=4><b>Library Hours Extended</b></font><br><br>"
        "The council voted on Tuesday to keep the library open later.<br><br>"
        "Residents had signed a petition.</td></tr></table>"
    )

    document = extract_text(page, fmt="html")

    assert document.title == "Library Hours Extended"
    assert document.paragraphs == (
        "The council voted on Tuesday to keep the library open later.",
        "Residents had signed a petition.",
    )


def test_icon_titles_inside_svg_do_not_join_the_page_title() -> None:
    page = (
        "<html><head><title>Ferry fares rise</title></head><body>"
        "<a href='/fb'><svg><title>Facebook</title><path d='M0'/></svg></a>"
        "<p>Fares rise in May, the operator said.</p></body></html>"
    )

    document = extract_text(page, fmt="html")

    assert document.title == "Ferry fares rise"
    assert "Facebook" not in document.text


def test_responsive_hidden_classes_do_not_hide_the_article() -> None:
    page = "<div class='col hidden-xs'><p>The ferry timetable changes in May.</p></div>"

    assert extract_text(page, fmt="html").paragraphs == ("The ferry timetable changes in May.",)


def test_data_tables_are_dropped_but_layout_tables_keep_their_prose() -> None:
    scores = "".join(f"<tr><td>Team {n}</td><td>{n * 3} points</td></tr>" for n in range(6))
    prose = "The league confirmed on Sunday that the final will be played in the new stadium."
    page = (
        f"<article><p>{prose}</p><table>{scores}</table>"
        f"<table>{f'<tr><td>{prose}</td><td>{prose}</td></tr>' * 2}</table></article>"
    )

    document = extract_text(page, fmt="html")

    assert "Team" not in document.text
    assert len(document.paragraphs) == 5
