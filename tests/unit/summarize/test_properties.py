"""Property tests: arbitrary text gives a sound Ranking or a typed package error."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from precis.errors import EmptyDocument
from precis.models import Document
from precis.summarize.extractive import ExtractiveSummarizer
from precis.summarize.sentences import split_document, split_sentences

ENGINE = ExtractiveSummarizer()
WORD_CHAR = re.compile(r"[^\W_]")
# Text with many sentence-ish pieces: words, terminators, quotes, newlines, other scripts.
PIECES = st.sampled_from(
    [
        "Mr.",
        "U.S.",
        "a.m.",
        "3.14",
        "$1.5bn",
        ". ",
        "? ",
        "! ",
        "...",
        "\n",
        "\n\n",
        '"',
        "'",
        "(",
        ")",
        "。",
        "।",
        "؟",
        "The",
        "cat",
        "sat",
        "é",
        "東京",
        "- ",
        "1. ",
        " ",
    ]
)
CHROME_WORDS = (
    *("pictured", "(left)", "(right)", "(cent", "(above)", "(below)", "(inset)", "scroll"),
    *("click", "tap here", "photo", "picture", "image", "playback"),
)
TEXT = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=80).map("".join))


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_split_sentences_keeps_the_words_of_the_text(text: str) -> None:
    # Page chrome ("(pictured)", "Scroll down for video") is removed on purpose.
    assume(not any(word in text.lower() for word in CHROME_WORDS))
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    assert all(WORD_CHAR.search(s) for s in sentences)
    # Only whitespace, list markers and fragments without letters or digits are dropped.
    assert sum(ch.isalpha() for ch in "".join(sentences)) == sum(ch.isalpha() for ch in text)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, max_size=4), st.one_of(st.none(), st.text(max_size=40)))
def test_rank_returns_a_sound_ranking_or_empty_document(
    paragraphs: list[str], title: str | None
) -> None:
    document = Document(title=title, paragraphs=tuple(paragraphs))
    sentences = split_document(document)
    try:
        ranking = ENGINE.rank(document, sentences)
    except EmptyDocument:
        assert not sentences
        return
    texts = [s.text for s in sentences]
    picked = [s.position for s in ranking.ranked]
    assert ranking.sentence_count == len(sentences)
    assert 1 <= len(picked) <= min(10, len(sentences))
    assert len(set(picked)) == len(picked)
    assert all(texts[s.position] == s.text for s in ranking.ranked)
    assert ranking.single is not None and texts[ranking.single.position] == ranking.single.text
    for count in range(1, 4):
        chosen = [s.position for s in ranking.select(count)]
        assert chosen == sorted(chosen)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, max_size=4))
def test_the_one_sentence_summary_is_never_longer_than_the_default_summary(
    paragraphs: list[str],
) -> None:
    document = Document(title=None, paragraphs=tuple(paragraphs))
    sentences = split_document(document)
    if not sentences:
        return
    ranking = ENGINE.rank(document, sentences)
    default = " ".join(s.text for s in ranking.select())
    (single,) = ranking.select(1)
    assert len(single.text) <= len(default)


def test_a_long_glued_caption_is_not_the_one_sentence_summary() -> None:
    caption = (
        "Fans watch from the stand as the home side slump to another heavy defeat on a cold "
        "and wet afternoon in front of a half empty ground while the away supporters sing "
        "loudly and the stewards look on and the rain keeps falling on everyone there today"
    )
    document = Document(
        title=None,
        paragraphs=(
            "The club sacked its manager on Sunday after a fifth straight defeat.",
            caption,
            "The board said a new manager would be named within a week.",
            "Supporters had called for change for months.",
        ),
    )
    ranking = ENGINE.rank(document, split_document(document))
    (single,) = ranking.select(1)
    assert single.text != caption
    assert len(single.text) <= len(" ".join(s.text for s in ranking.select()))
