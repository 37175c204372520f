"""Plain-text articles: title line, paragraphs, hard wrapping, the peace-talks chrome pattern."""

from __future__ import annotations

from collections.abc import Callable

from precis.extract import extract_document, extract_text


def test_chrome_of_a_real_page_never_reaches_the_paragraphs(
    fixture_bytes: Callable[[str], bytes],
) -> None:
    document = extract_document(fixture_bytes("council-budget.txt"), filename="council-budget.txt")

    text = document.text
    for chrome in (
        "No time to read",
        "Get a summary",
        "Previous Article",
        "Next Article",
        "Lighthouse Keepers",
        "Ferry Timetable",
        "Share this article",
        "Facebook",
    ):
        assert chrome not in text
    assert document.title == "Harbourside Council Backs Budget After Late-Night Session"
    assert len(document.paragraphs) == 4


def test_a_sentence_about_the_next_article_of_a_charter_survives(
    fixture_bytes: Callable[[str], bytes],
) -> None:
    document = extract_document(fixture_bytes("council-budget.txt"), filename="council-budget.txt")

    assert any("the next article of the municipal charter" in p for p in document.paragraphs)


def test_hard_wrapped_lines_are_joined_into_one_paragraph(
    fixture_bytes: Callable[[str], bytes],
) -> None:
    document = extract_document(fixture_bytes("council-budget.txt"), filename="council-budget.txt")

    first = document.paragraphs[0]
    assert first.startswith("Harbourside's council approved a budget of 48 million euros")
    assert first.endswith("freezing the local property levy for a second year.")
    assert "\n" not in first


def test_long_lines_separated_by_single_newlines_stay_separate_paragraphs(body: str) -> None:
    text = f"{body}\n{body.replace('water board', 'transport board')}"

    document = extract_text(text)

    assert len(document.paragraphs) == 2


def test_a_long_line_broken_mid_sentence_is_rejoined(body: str) -> None:
    head, tail = body[:130], body[130:]
    assert tail[0].islower() or tail[0] == " "

    document = extract_text(f"{body} {head.rstrip()}\n{tail.lstrip()}")

    assert len(document.paragraphs) == 1


def test_first_line_is_the_title_when_it_stands_alone_as_a_headline(body: str) -> None:
    document = extract_text(f"Water board approves pipe plan\n\n{body}")

    assert document.title == "Water board approves pipe plan"
    assert document.paragraphs == (body,)


def test_first_line_is_not_a_title_when_it_is_a_sentence(body: str) -> None:
    document = extract_text(f"The plan was approved.\n\n{body}")

    assert document.title is None
    assert document.paragraphs[0] == "The plan was approved."


def test_a_title_case_first_line_is_a_title_even_without_a_blank_line(body: str) -> None:
    document = extract_text(f"Water Board Approves Pipe Plan\n{body}")

    assert document.title == "Water Board Approves Pipe Plan"


def test_a_single_line_article_is_body_not_title() -> None:
    document = extract_text("Storm closes the coast road")

    assert document.title is None
    assert document.paragraphs == ("Storm closes the coast road",)


def test_list_items_become_paragraphs_of_their_own() -> None:
    text = (
        "The council listed three priorities for the year ahead:\n"
        "- repairing the roof of the primary school in the old town\n"
        "- extending the ferry timetable into the winter months\n"
        "- hiring two more lifeguards for the summer season"
    )

    document = extract_text(text)

    assert document.paragraphs[1:] == (
        "repairing the roof of the primary school in the old town",
        "extending the ferry timetable into the winter months",
        "hiring two more lifeguards for the summer season",
    )


def test_a_page_copied_from_a_browser_keeps_only_headline_and_prose(
    fixture_bytes: Callable[[str], bytes],
) -> None:
    document = extract_document(fixture_bytes("ferry-storm-paste.txt"), filename="paste.txt")

    assert document.title == "Storm Closes Ferry Routes Across the Bay"
    assert [p.split()[0] for p in document.paragraphs] == ["Ferry", "The", '"We']
    for chrome in ("Ana Ruiz", "hours ago", "Advertisement", "Image caption", "Bakery", "Ferries"):
        assert chrome not in document.text


def test_chinese_headline_and_wrapped_lines_are_read_without_spurious_spaces() -> None:
    text = "新交通计划公布\n\n北京市政府周一宣布了新的\n交通计划。该计划旨在减少拥堵。"

    document = extract_text(text)

    assert document.title == "新交通计划公布"
    assert document.paragraphs == ("北京市政府周一宣布了新的交通计划。该计划旨在减少拥堵。",)


def test_a_first_line_ending_in_a_full_width_stop_is_a_sentence_not_a_title() -> None:
    document = extract_text("北京市政府周一宣布了新的交通计划。\n\n该计划旨在减少拥堵。")

    assert document.title is None
    assert len(document.paragraphs) == 2
