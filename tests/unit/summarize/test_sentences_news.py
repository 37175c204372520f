"""Splitting cases scraped news text meets: lists, abbreviations, ellipses, chrome, captions."""

from __future__ import annotations

import pytest

from precis.summarize.sentences import MAX_SENTENCE_CHARS, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Steps:\n1. Unpack the kettle.\n2. Fill it with water\n3) Switch it on",
            ["Steps:", "1. Unpack the kettle.", "2. Fill it with water", "3) Switch it on"],
        ),
        (
            "Options:\na. walk to the station\nb. take the bus",
            ["Options:", "a. walk to the station", "b. take the bus"],
        ),
        (
            "1. The first rule is patience. 2. The second rule is more patience.",
            ["1. The first rule is patience.", "2. The second rule is more patience."],
        ),
        (
            "\u2022 Ferries resume on Monday\n\u2022 Fares stay the same",
            ["Ferries resume on Monday", "Fares stay the same"],
        ),
    ],
)
def test_enumerated_lists_are_split_per_item_and_keep_their_enumerator(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At 7 a.m. Mr. Okafor opened the shop. He closed it at 9 p.m. Mrs. Okafor counted.",
            [
                "At 7 a.m. Mr. Okafor opened the shop.",
                "He closed it at 9 p.m.",
                "Mrs. Okafor counted.",
            ],
        ),
        (
            "By 6 p.m. The crowd had gone home. Staff cleared up.",
            ["By 6 p.m. The crowd had gone home.", "Staff cleared up."],
        ),
    ],
)
def test_a_short_start_before_an_ambiguous_abbreviation_is_not_a_sentence(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text) == expected


def test_ellipses_inside_a_sentence_keep_it_whole() -> None:
    text = "She hesitated . . . then signed the form. He waited... and waited. It ended."
    assert split_sentences(text) == [
        "She hesitated . . . then signed the form.",
        "He waited... and waited.",
        "It ended.",
    ]


def test_quotes_and_brackets_around_a_whole_sentence_close_with_it() -> None:
    text = "The sign read: \u201cNo entry.\u201d Nobody listened. (The gate was open.) Then rain."
    assert split_sentences(text) == [
        "The sign read: \u201cNo entry.\u201d",
        "Nobody listened.",
        "(The gate was open.)",
        "Then rain.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mayor opened the bridge on Friday. Scroll down for video. Traffic flowed.",
            ["The mayor opened the bridge on Friday.", "Traffic flowed."],
        ),
        (
            "The striker scored twice Scroll down for video Fans cheered the win.",
            ["The striker scored twice Fans cheered the win."],
        ),
        (
            "The river rose overnight. Click here to see more pictures. Roads closed.",
            ["The river rose overnight.", "Roads closed."],
        ),
        (
            "Jane Doe (pictured) won the race. Picture: Getty Images",
            ["Jane Doe won the race."],
        ),
    ],
)
def test_in_text_chrome_is_removed(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_a_picture_in_running_text_is_not_chrome() -> None:
    text = "She painted a picture: the harbour at dawn. Then she sold the image."
    assert split_sentences(text) == [
        "She painted a picture: the harbour at dawn.",
        "Then she sold the image.",
    ]


GLUED = (
    "Manager Ann Lowe watches from the dugout as her tired side slump to a third straight "
    "home defeat on a wet afternoon Head coach Ann Lowe said the players had let the "
    "supporters down and promised changes before the derby next week."
)


def test_a_caption_glued_to_the_next_sentence_is_two_units() -> None:
    assert split_sentences(GLUED) == [
        "Manager Ann Lowe watches from the dugout as her tired side slump to a third straight "
        "home defeat on a wet afternoon",
        "Head coach Ann Lowe said the players had let the supporters down and promised "
        "changes before the derby next week.",
    ]


@pytest.mark.parametrize(
    ("text", "caption_end", "sentence_start"),
    [
        # A capitalized sentence opener going on in lower case.
        (
            "Rescue crews search the rubble of the collapsed market hall in the old town centre "
            "late on Tuesday evening The search went on through the night and two more people "
            "were found alive under the roof.",
            "Tuesday evening",
            "The search went on",
        ),
        # The next caption's own label.
        (
            "Volunteers plant the last of the two hundred oak saplings along the river bank "
            "beside the old mill Hard work: The planting took the whole village three weekends "
            "and the council paid for the trees.",
            "beside the old mill",
            "Hard work: The planting",
        ),
        # An article, one capitalized word, then lower case.
        (
            "The winning crew rows past the boathouse in the final few metres of the course on "
            "a cold grey morning The Oxford crew had led from the start and never looked like "
            "losing the race.",
            "cold grey morning",
            "The Oxford crew had led",
        ),
    ],
)
def test_a_caption_and_the_sentence_restarting_after_it_are_two_units(
    text: str, caption_end: str, sentence_start: str
) -> None:
    first, second = split_sentences(text)
    assert first.endswith(caption_end)
    assert second.startswith(sentence_start)


@pytest.mark.parametrize(
    "text",
    [
        # A capitalized title or name inside a long sentence is no restart.
        "In her long and widely praised book The Virtual Harbour, which traces the history "
        "of ports from the ancient world to the container age, the historian offers a "
        "careful account of a feud between two rival builders.",
        "The committee chairman, who has led the inquiry for nearly three years and "
        "interviewed more than two hundred witnesses, said on Monday that chairman "
        "Peter Blake said nothing new.",
        "Short glued caption here The rest is short.",
        "a lower-cased text has no capitals to restart with so this long run of words stays "
        "together as one unit even though it goes on and on for well over thirty words the "
        "end",
    ],
)
def test_long_sentences_without_a_restart_stay_whole(text: str) -> None:
    assert split_sentences(text) == [text]


def test_no_unit_is_longer_than_the_cap() -> None:
    one_word = "A" * (5 * MAX_SENTENCE_CHARS + 7)
    run_on = " ".join(["word"] * 1000)
    for text in (one_word, run_on):
        units = split_sentences(text)
        assert units
        assert max(len(unit) for unit in units) <= MAX_SENTENCE_CHARS
        assert "".join(units).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        # A colon that introduces a quote, a date or an explanation inside one sentence.
        "The minister, who had spent the whole weekend touring the flooded villages of the "
        'valley, told reporters waiting at the station Councillor Reed: "We will rebuild every '
        'bridge."',
        "After a long night of talks between the unions and the rail operator the two sides "
        "finally reached a deal on Tuesday: The strikes planned for the holiday weekend are off.",
        # A title after a word that leads into names.
        "In an interview with the magazine that was published in full over the weekend she "
        "told The Weekly Herald that the band had never really split up at all.",
    ],
)
def test_colons_and_titles_inside_a_sentence_are_no_restart(text: str) -> None:
    assert split_sentences(text) == [text]


def test_a_video_player_notice_is_chrome() -> None:
    text = (
        "Media playback is not supported on this device The champion retained her title in "
        "straight sets."
    )
    assert split_sentences(text) == ["The champion retained her title in straight sets."]
