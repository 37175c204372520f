"""build_metadata: counts, reading time, content hash, and the whole record per language."""

from __future__ import annotations

import pytest

from precis.metadata import build_metadata, count_words, reading_time_minutes
from precis.metadata.stats import content_sha256
from precis.models import Document, Sentence

from . import articles


def sentences_of(paragraphs: tuple[str, ...]) -> tuple[Sentence, ...]:
    """A naive split, enough here: metadata only counts and reads the sentences."""
    found: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for text in paragraph.replace("! ", "!\n").replace(". ", ".\n").splitlines():
            found.append(Sentence(position=len(found), paragraph=number, text=text))
    return tuple(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("one", 1),
        ("The council approved it on Tuesday.", 6),
        ("  spaced\tout\n\nwords  ", 3),
        ("U.S. growth was 3.5 per cent, the state-owned bank's data show.", 11),
        ("Preis: 1.200 Euro für die Straße", 6),
        ("市长说", 3),  # one word per CJK character
        ("東京は 2024 年に", 6),
        ("시의회는 화요일 조력 발전 사업을 승인했다", 6),
        ("नगर परिषद ने मंजूरी दी", 5),  # vowel signs belong to their word
        ("— ... !!! ???", 0),
    ],
)
def test_words_are_counted_across_scripts(text: str, expected: int) -> None:
    assert count_words(text) == expected


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 0), (1, 1), (229, 1), (230, 1), (231, 2), (460, 2), (2301, 11)]
)
def test_reading_time_is_words_over_230_rounded_up(words: int, minutes: int) -> None:
    assert reading_time_minutes(words) == minutes


def test_hash_ignores_spacing_and_unicode_normal_form() -> None:
    composed = Document(title="Café  news", paragraphs=("Crème brûlée\n is  back.",))
    decomposed = Document(
        title="Cafe\u0301 news", paragraphs=("  Cre\u0300me bru\u0302le\u0301e is back.  ",)
    )
    assert content_sha256(composed) == content_sha256(decomposed)


def test_hash_changes_with_the_text_or_the_title() -> None:
    base = Document(title="A", paragraphs=("One sentence.",))
    assert content_sha256(base) != content_sha256(Document(title="B", paragraphs=base.paragraphs))
    assert content_sha256(base) != content_sha256(Document(title="A", paragraphs=("One.",)))


def test_title_cannot_be_confused_with_a_first_paragraph() -> None:
    titled = Document(title="Headline", paragraphs=("Body.",))
    untitled = Document(title=None, paragraphs=("Headline", "Body."))
    assert content_sha256(titled) != content_sha256(untitled)


def test_hash_is_a_stable_sha256_hex_digest() -> None:
    document = Document(title=None, paragraphs=("Stable.",))
    digest = content_sha256(document)
    assert digest == content_sha256(Document(title=None, paragraphs=("Stable.",)))
    assert len(digest) == 64
    assert int(digest, 16) >= 0


def test_english_article_metadata() -> None:
    document = Document(title=articles.ENGLISH_TITLE, paragraphs=articles.ENGLISH)
    sentences = sentences_of(articles.ENGLISH)

    metadata = build_metadata(document, sentences)

    assert metadata.title == articles.ENGLISH_TITLE
    assert metadata.language == "en"
    assert metadata.sentence_count == len(sentences)
    assert metadata.word_count == count_words(document.text)
    assert 200 < metadata.word_count < 260
    assert metadata.reading_time_minutes == 1
    assert 5 <= len(metadata.keywords) <= 10
    assert metadata.content_sha256 == content_sha256(document)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", articles.SPANISH),
        ("fr", articles.FRENCH),
        ("de", articles.GERMAN),
        ("it", articles.ITALIAN),
        ("pt", articles.PORTUGUESE),
        ("nl", articles.DUTCH),
        ("zh", articles.CHINESE),
        ("ja", articles.JAPANESE),
        ("ko", articles.KOREAN),
        ("ru", articles.RUSSIAN),
        ("ar", articles.ARABIC),
        ("hi", articles.HINDI),
        ("el", articles.GREEK),
        ("he", articles.HEBREW),
    ],
)
def test_metadata_of_each_language(language: str, text: str) -> None:
    document = Document(title=None, paragraphs=(text,))

    metadata = build_metadata(document, sentences_of(document.paragraphs))

    assert metadata.language == language
    assert metadata.word_count > 10
    assert metadata.reading_time_minutes == 1
    assert metadata.keywords
    assert all(keyword.strip() == keyword and keyword for keyword in metadata.keywords)


def test_document_language_hint_is_honoured_when_the_text_is_too_short() -> None:
    document = Document(title=None, paragraphs=("Barack Obama.",), language_hint="en-US")
    assert build_metadata(document, sentences_of(document.paragraphs)).language == "en"


def test_long_article_reads_for_several_minutes() -> None:
    paragraphs = articles.ENGLISH * 8
    document = Document(title=None, paragraphs=paragraphs)

    metadata = build_metadata(document, sentences_of(paragraphs))

    assert metadata.word_count == 8 * count_words(Document(None, articles.ENGLISH).text)
    assert metadata.reading_time_minutes == -(-metadata.word_count // 230)
    assert metadata.reading_time_minutes >= 7


def test_metadata_without_sentences_falls_back_to_paragraphs() -> None:
    document = Document(title=None, paragraphs=articles.ENGLISH)

    metadata = build_metadata(document, ())

    assert metadata.sentence_count == 0
    assert metadata.keywords


def test_text_without_letters_is_undetermined_with_no_keywords() -> None:
    document = Document(title=None, paragraphs=("12 34 56", "7 8 9"))

    metadata = build_metadata(document, sentences_of(document.paragraphs))

    assert metadata.language == "und"
    assert metadata.keywords == ()
    assert metadata.word_count == 6
