"""Sentence splitter edge cases."""

from __future__ import annotations

import pytest

from precis.models import Document
from precis.summarize.sentences import MAX_SENTENCE_CHARS, split_document, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones at 10 a.m. on Jan. 5. It went well.",
            ["Mr. Smith met Dr. Jones at 10 a.m. on Jan. 5.", "It went well."],
        ),
        (
            "The U.S. economy grew. Sales rose in the U.S. The dollar fell.",
            ["The U.S. economy grew.", "Sales rose in the U.S.", "The dollar fell."],
        ),
        (
            "J. R. R. Tolkien wrote it. George W. Bush read it.",
            ["J. R. R. Tolkien wrote it.", "George W. Bush read it."],
        ),
        (
            "Profits hit $1.5bn this year. Pi is about 3.14 today. Done.",
            ["Profits hit $1.5bn this year.", "Pi is about 3.14 today.", "Done."],
        ),
        (
            "Use tools, e.g. hammers, i.e. heavy ones. No. 5 won. See p. 12 now.",
            ["Use tools, e.g. hammers, i.e. heavy ones.", "No. 5 won.", "See p. 12 now."],
        ),
    ],
)
def test_abbreviations_initials_and_numbers_do_not_end_sentences(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text) == expected


def test_quotes_and_brackets_closing_a_sentence_stay_with_it() -> None:
    text = (
        'He said "Stop!" Then he left. (It was late.) '
        "\u201cNo,\u201d she said. \u201cGo.\u201d Next."
    )
    assert split_sentences(text) == [
        'He said "Stop!"',
        "Then he left.",
        "(It was late.)",
        "\u201cNo,\u201d she said.",
        "\u201cGo.\u201d",
        "Next.",
    ]


def test_detached_closing_quote_of_detokenized_news_stays_with_its_sentence() -> None:
    text = "He said 'it was great. ' Then the coach left."
    assert split_sentences(text) == ["He said 'it was great. '", "Then the coach left."]


def test_ellipsis_ends_a_sentence_only_before_a_new_one() -> None:
    assert split_sentences("Wait... The answer... is no. Really?! Yes.") == [
        "Wait...",
        "The answer... is no.",
        "Really?!",
        "Yes.",
    ]


def test_list_lines_without_final_punctuation_are_separate_sentences() -> None:
    text = "Shopping list:\n- eggs\n- milk\n\u2022 fresh bread\n1. First step\n2. Second step"
    assert split_sentences(text) == [
        "Shopping list:",
        "eggs",
        "milk",
        "fresh bread",
        "1. First step",
        "2. Second step",
    ]


def test_soft_wrapped_line_is_joined_back() -> None:
    text = "This line was wrapped by\nan old editor at a fixed width. Next one."
    assert split_sentences(text) == [
        "This line was wrapped by an old editor at a fixed width.",
        "Next one.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("这是第一句。这是第二句！第三句？", ["这是第一句。", "这是第二句！", "第三句？"]),
        ("यह पहला वाक्य है। यह दूसरा है।", ["यह पहला वाक्य है।", "यह दूसरा है।"]),
        ("هل هذا سؤال؟ نعم هذا", ["هل هذا سؤال؟", "نعم هذا"]),
        ("「行くよ。」と彼は言った。", ["「行くよ。」", "と彼は言った。"]),
    ],
)
def test_non_latin_terminators_end_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_lower_cased_text_is_still_split_and_keeps_abbreviations() -> None:
    text = "mr. smith flew to the u.s. capital. he was happy. police said so."
    assert split_sentences(text) == [
        "mr. smith flew to the u.s. capital.",
        "he was happy.",
        "police said so.",
    ]


def test_lower_case_continuation_does_not_start_a_sentence_in_cased_text() -> None:
    assert split_sentences("It cost 5 p. and more. Then it ended.") == [
        "It cost 5 p. and more.",
        "Then it ended.",
    ]


@pytest.mark.parametrize("text", ["", "   \n\t ", "!!! ??? ...", "— * —"])
def test_text_without_letters_or_digits_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_whitespace_inside_a_sentence_is_normalized() -> None:
    assert split_sentences("One  \t two   three.   Four\u00a0five.") == [
        "One two three.",
        "Four five.",
    ]


def test_single_huge_line_is_split_completely() -> None:
    text = "This is one sentence of a long line. " * 3000
    sentences = split_sentences(text)
    assert len(sentences) == 3000
    assert set(sentences) == {"This is one sentence of a long line."}


def test_huge_line_without_terminators_is_cut_at_spaces_into_bounded_units() -> None:
    text = "word " * 20000
    units = split_sentences(text)
    assert max(len(unit) for unit in units) <= MAX_SENTENCE_CHARS
    assert " ".join(units) == text.strip()


def test_split_document_numbers_sentences_across_paragraphs() -> None:
    document = Document(title="T", paragraphs=("First one. Second one.", "Third one."))
    sentences = split_document(document)
    assert [(s.position, s.paragraph, s.text) for s in sentences] == [
        (0, 0, "First one."),
        (1, 0, "Second one."),
        (2, 1, "Third one."),
    ]


def test_split_document_skips_paragraphs_without_sentences() -> None:
    document = Document(title=None, paragraphs=("***", "Only this."))
    assert [(s.position, s.paragraph) for s in split_document(document)] == [(0, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She has a Ph.D. in physics. It hired people in the U.K. Last year it grew.",
            ["She has a Ph.D. in physics.", "It hired people in the U.K.", "Last year it grew."],
        ),
        (
            "Write to a.b@example.org. Done soon.",
            ["Write to a.b@example.org.", "Done soon."],
        ),
        (
            "Er kam am 3. Oktober. Dann ging er.",
            ["Er kam am 3. Oktober.", "Dann ging er."],
        ),
        (
            "At 5 p.m. Police arrived. At 6 p.m. the crowd left.",
            ["At 5 p.m. Police arrived.", "At 6 p.m. the crowd left."],
        ),
        (
            "«Bonjour.» Il est parti. ¿Qué pasa? ¡Nada! Gut.",
            ["«Bonjour.»", "Il est parti.", "¿Qué pasa?", "¡Nada!", "Gut."],
        ),
        (
            "Sales rose in 2015. 2016 was worse.",
            ["Sales rose in 2015.", "2016 was worse."],
        ),
    ],
)
def test_acronyms_hosts_dates_and_other_languages(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
