"""Bylines and timestamps at the head of an article are not its sentences."""

from __future__ import annotations

import pytest

from precis.models import Document
from precis.summarize.sentences import split_document

STORY = "Firefighters rescued a goat from a cliff ledge on Sunday. It was unhurt."


def _texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_document(Document(title=None, paragraphs=(text,)))]


@pytest.mark.parametrize(
    "head",
    [
        "By . Ann Lowe . ",
        "By . Ann Lowe for Example News . PUBLISHED: . 07:11 EST, 2 May 2013 . | . "
        "UPDATED: . 09:12 EST, 2 May 2013 . ",
        "By . Ann Lowe for Example News . and Tom Reed for Example News . ",
        "By . Ann Lowe . Follow @@annlowe . ",
        "By Ann Lowe for Example News. ",
        "Last updated at 5:40 PM on 3rd May 2011 . ",
    ],
)
def test_a_byline_and_timestamps_before_the_story_are_dropped(head: str) -> None:
    expected = _texts(STORY)
    assert _texts(head + STORY) == expected
    assert [s.position for s in split_document(Document(None, (head + STORY,)))] == [0, 1]


def test_a_byline_in_its_own_paragraph_is_dropped() -> None:
    document = Document(title=None, paragraphs=("By Ann Lowe", STORY))
    sentences = split_document(document)
    assert [s.text for s in sentences] == _texts(STORY)
    assert sentences[0].paragraph == 1


@pytest.mark.parametrize(
    "text",
    [
        "By then it was too late. The storm had flooded the valley.",
        "By Sunday the river had fallen. Roads reopened.",
        "Published: the full list of winners. It runs to ten pages.",
    ],
)
def test_sentences_that_open_like_a_byline_are_kept(text: str) -> None:
    assert len(_texts(text)) == 2


def test_a_text_of_only_a_byline_is_left_alone() -> None:
    assert _texts("By . Ann Lowe .") == ["By .", "Ann Lowe ."]


def test_a_lower_cased_byline_with_a_co_author_is_dropped() -> None:
    story = "firefighters rescued a goat from a cliff ledge. it was unhurt."
    head = "by. ann lowe for example news. and tom reed for example news. "
    assert _texts(head + story) == _texts(story)
