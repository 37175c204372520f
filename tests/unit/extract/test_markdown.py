"""Markdown articles: markup stripped, title from front matter or the first heading."""

from __future__ import annotations

from collections.abc import Callable

from precis.extract import extract_document, extract_text


def test_markdown_fixture_reads_as_clean_prose(fixture_bytes: Callable[[str], bytes]) -> None:
    document = extract_document(fixture_bytes("river-cleanup.md"), filename="river-cleanup.md")

    assert document.title == "Volunteers pull two tonnes of rubbish from the Wend"
    assert document.published == "2024-05-04"
    assert document.language_hint == "en"
    assert document.paragraphs[0].startswith("More than 400 volunteers spent Saturday")
    text = document.text
    for markup in ("**", "](", "![", "```", "total = sum", "#", "> "):
        assert markup not in text
    assert "the Wend River Trust, said" in text


def test_related_link_list_and_reading_time_are_dropped(
    fixture_bytes: Callable[[str], bytes],
) -> None:
    document = extract_document(fixture_bytes("river-cleanup.md"), filename="river-cleanup.md")

    text = document.text
    assert "Trust launches river survey" not in text
    assert "Read more" not in text
    assert "4 min read" not in text


def test_list_items_and_subheadings_are_paragraphs(fixture_bytes: Callable[[str], bytes]) -> None:
    document = extract_document(fixture_bytes("river-cleanup.md"), filename="river-cleanup.md")

    assert "What they found" in document.paragraphs
    assert "Volunteers found 37 tyres in a single stretch near the old mill" in document.paragraphs


def test_first_heading_is_the_title_without_front_matter() -> None:
    document = extract_text("# Tram line opens\n\nThe first tram ran at six.", fmt="md")

    assert document.title == "Tram line opens"
    assert document.paragraphs == ("The first tram ran at six.",)


def test_setext_heading_is_the_title() -> None:
    document = extract_text("Tram line opens\n===============\n\nThe first tram ran.", fmt="md")

    assert document.title == "Tram line opens"


def test_inline_markup_keeps_its_text() -> None:
    source = "A *quiet* __launch__ with `code`, ~~no~~ [a link](http://x.example/a_(b))"
    source += " and <b>tags</b>."

    document = extract_text(source, fmt="md")

    assert document.paragraphs == ("A quiet launch with code, no a link and tags.",)


def test_snake_case_words_are_not_taken_for_emphasis() -> None:
    document = extract_text("The file_name_here field stays as written.", fmt="md")

    assert document.paragraphs == ("The file_name_here field stays as written.",)


def test_soft_wrapped_lines_join_and_blank_lines_separate() -> None:
    document = extract_text("One line\ncontinues here.\n\nSecond paragraph.", fmt="md")

    assert document.paragraphs == ("One line continues here.", "Second paragraph.")


def test_tables_and_indented_code_are_dropped() -> None:
    source = (
        "Results were mixed.\n\n| Town | Votes |\n|---|---:|\n| Ash | 12 |\n\n"
        "    print('code')\n\nThe count ends today."
    )

    document = extract_text(source, fmt="md")

    assert document.paragraphs == ("Results were mixed.", "The count ends today.")


def test_an_unclosed_code_fence_does_not_swallow_the_article() -> None:
    document = extract_text("```\nThe mayor spoke at noon.", fmt="md")

    assert document.paragraphs == ("The mayor spoke at noon.",)


def test_footnotes_hard_breaks_and_html_blocks_are_read_as_prose() -> None:
    source = (
        "The pier reopened[^1] on <span>Saturday</span>.\n\n"
        '<div class="share">Share this</div>\n\n'
        "Crowds came\\\nearly.\n\n[^1]: After repairs."
    )

    document = extract_text(source, fmt="md")

    assert document.paragraphs == ("The pier reopened on Saturday.", "Crowds came early.")
