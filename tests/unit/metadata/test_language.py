"""Language detection: one paragraph per language, hints, and the undetermined cases."""

from __future__ import annotations

import pytest

from precis.metadata import detect_language, normalize_language

from . import articles

PARAGRAPHS = {
    "en": " ".join(articles.ENGLISH[:2]),
    "es": articles.SPANISH,
    "fr": articles.FRENCH,
    "de": articles.GERMAN,
    "it": articles.ITALIAN,
    "pt": articles.PORTUGUESE,
    "nl": articles.DUTCH,
    "zh": articles.CHINESE,
    "ja": articles.JAPANESE,
    "ko": articles.KOREAN,
    "ru": articles.RUSSIAN,
    "ar": articles.ARABIC,
    "hi": articles.HINDI,
    "el": articles.GREEK,
    "he": articles.HEBREW,
}


@pytest.mark.parametrize(("expected", "text"), PARAGRAPHS.items(), ids=list(PARAGRAPHS))
def test_paragraph_is_detected_as_its_language(expected: str, text: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("es", "¿Dónde está la estación de tren más cercana?"),
        ("pt", "Não sei onde fica a estação de comboios."),
        ("de", "Ich weiß nicht, wo der Bahnhof ist."),
        ("en", "I do not know where the station is."),
    ],
)
def test_single_sentence_is_enough_for_common_languages(expected: str, text: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "!!! ??? ...", "Hello", "Barack Obama"])
def test_too_short_or_letterless_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_hint_is_used_when_detection_is_unsure() -> None:
    assert detect_language("Barack Obama", hint="en-US") == "en"
    assert detect_language("2024", hint="fr") == "fr"


def test_hint_agreeing_with_detection_keeps_the_language() -> None:
    assert detect_language(articles.SPANISH, hint="es-MX") == "es"


def test_confident_detection_overrides_a_contradicting_hint() -> None:
    assert detect_language(articles.GERMAN, hint="en") == "de"


def test_hint_names_the_language_among_those_sharing_a_script() -> None:
    ukrainian = "Уряд оголосив у вівторок, що новий закон набуде чинності навесні."
    assert detect_language(ukrainian) == "ru"  # Cyrillic's default without a hint
    assert detect_language(ukrainian, hint="uk") == "uk"


def test_script_decides_over_a_few_latin_words() -> None:
    mixed = "NASA и ESA объявили во вторник, что новый спутник запустят весной."
    assert detect_language(mixed) == "ru"


def test_japanese_is_told_from_chinese_by_kana() -> None:
    assert detect_language("東京都は新しい計画を発表しました。") == "ja"
    assert detect_language("北京市政府发布了新的交通计划和城市规划。") == "zh"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en-GB", "en"), ("pt_BR", "pt"), ("DE", "de"), (" fr ", "fr"), ("und", None), ("", None)],
)
def test_language_tags_are_normalized_to_their_primary_subtag(
    tag: str, expected: str | None
) -> None:
    assert normalize_language(tag) == expected


def test_garbage_hint_is_ignored() -> None:
    assert normalize_language("english!") is None
    assert detect_language("12345", hint="not a language") == "und"
