"""Property tests: arbitrary text gives a sound Ranking or a typed package error."""

from __future__ import annotations

import re

from hypothesis import given, settings
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
TEXT = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=80).map("".join))


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_split_sentences_keeps_the_words_of_the_text(text: str) -> None:
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
