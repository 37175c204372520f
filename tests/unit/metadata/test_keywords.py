"""Keywords: stopword-free, phrases allowed, deduplicated, names keep their capitals."""

from __future__ import annotations

import re

import pytest

from precis.metadata import extract_keywords
from precis.metadata.stopwords import STOPWORDS, stopwords_for

from . import articles


def english_keywords() -> tuple[str, ...]:
    return extract_keywords(list(articles.ENGLISH), language="en", title=articles.ENGLISH_TITLE)


def test_normal_article_gets_five_to_ten_keywords() -> None:
    assert 5 <= len(english_keywords()) <= 10


def test_keywords_never_start_or_end_with_a_stopword() -> None:
    for keyword in english_keywords():
        words = keyword.lower().split()
        assert words[0] not in STOPWORDS["en"], keyword
        assert words[-1] not in STOPWORDS["en"], keyword


def test_recurring_phrases_are_kept_whole() -> None:
    keywords = english_keywords()
    assert "tidal energy" in keywords
    assert "Grey River" in keywords
    assert "Northline Marine" in keywords


def test_names_keep_their_capitals_and_common_words_are_lower_case() -> None:
    keywords = english_keywords()
    assert "Harbor City" in keywords
    assert "turbines" in keywords
    assert all(k == k.lower() or k[0].isupper() for k in keywords)


def test_no_word_appears_in_two_keywords() -> None:
    words = [word.lower() for keyword in english_keywords() for word in keyword.split()]
    assert len(words) == len(set(words))


def test_keywords_are_unique_ignoring_case() -> None:
    keywords = english_keywords()
    assert len({k.casefold() for k in keywords}) == len(keywords)


def test_numbers_are_never_keywords() -> None:
    text = [
        "In 2027 the plant made 310 megawatts, and in 2028 it made 310 megawatts again.",
        "By 2029 output rose to 2,400 gigawatt hours; 2029 was the best year of the plant.",
        "The plant's 310 turbines ran for 2029 hours in total, 2029 being the record year.",
    ]
    keywords = extract_keywords(text, language="en")
    assert keywords
    assert not any(re.fullmatch(r"[\d\s.,]+", keyword) for keyword in keywords)


def test_plural_and_singular_count_as_one_keyword() -> None:
    text = [
        "The turbine was installed first.",
        "More turbines followed in May.",
        "Each turbine weighs a lot, and the turbines are painted grey.",
    ]
    keywords = extract_keywords(text, language="en")
    assert sum(keyword in ("turbine", "turbines") for keyword in keywords) == 1


def test_acronyms_survive_even_when_they_spell_a_stopword() -> None:
    text = ["Officials in the US said the deal was close.", "The US and the EU will sign it soon."]
    assert "US" in extract_keywords(text, language="en")


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("es", articles.SPANISH, "turbinas"),
        ("fr", articles.FRENCH, "turbines"),
        ("de", articles.GERMAN, "Turbinen"),
        ("it", articles.ITALIAN, "turbine"),
        ("pt", articles.PORTUGUESE, "turbinas"),
        ("nl", articles.DUTCH, "turbines"),
    ],
)
def test_latin_script_languages_use_their_own_stopwords(
    language: str, text: str, expected: str
) -> None:
    keywords = extract_keywords([text], language=language)
    assert expected in keywords
    assert not {k.lower() for k in keywords} & STOPWORDS[language]


def test_french_elisions_are_split_from_their_word() -> None:
    text = ["L'énergie des marées plaît. L'énergie des marées coûte cher, dit l'élu."]
    keywords = extract_keywords(text, language="fr")
    assert "énergie" in keywords
    assert not any("'" in keyword or "’" in keyword for keyword in keywords)


def test_chinese_keywords_are_recurring_character_groups() -> None:
    keywords = extract_keywords([articles.CHINESE], language="zh")
    assert "潮汐能项目" in keywords


def test_japanese_keywords_are_kanji_and_katakana_runs() -> None:
    keywords = extract_keywords([articles.JAPANESE], language="ja")
    assert "タービン" in keywords
    assert not any(re.search(r"[\u3040-\u309f]", keyword) for keyword in keywords)  # no hiragana


def test_korean_keywords_drop_attached_particles() -> None:
    keywords = extract_keywords(articles.KOREAN.split(". "), language="ko")
    assert "시의회" in keywords  # written 시의회는 in the text
    assert "시의회는" not in keywords


def test_text_without_words_has_no_keywords() -> None:
    assert extract_keywords(["12 + 34 = 46 !!!", "...", ""], language="en") == ()
    assert extract_keywords([], language="und") == ()


def test_keywords_are_deterministic() -> None:
    assert english_keywords() == english_keywords()


def test_a_first_name_joins_the_surname_chosen_before_it() -> None:
    text = [
        "Maya Torres opened the new library on Saturday.",
        "Torres said the shelves were built by volunteers.",
        "Torres thanked the donors, and Maya Torres cut the ribbon.",
        "The library, Torres said, will open every day.",
    ]
    keywords = extract_keywords(text, language="en")
    assert "Maya Torres" in keywords
    assert "Torres" not in keywords
    assert "Maya" not in keywords


def test_generic_words_are_not_keywords_alone() -> None:
    text = [
        "A new library opened this year in New Haven.",
        "The new library holds new books every year.",
        "People in New Haven waited a year for the new library.",
    ]
    keywords = extract_keywords(text, language="en")
    assert "new" not in keywords
    assert "year" not in keywords
    assert "New Haven" in keywords


def test_a_full_token_cache_still_reads_new_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from precis.metadata import keywords as module

    monkeypatch.setattr(module, "_CACHE_WORDS", 0)
    text = ["Zanzibar ferries resumed.", "The Zanzibar ferries carry tourists to Zanzibar."]

    assert "Zanzibar ferries" in extract_keywords(text, language="en")


def test_english_adverbs_and_participles_give_way_to_things() -> None:
    text = [
        "The bridge was reportedly closed after inspectors found cracks.",
        "Inspectors reportedly closed the bridge, and the cracks were repaired.",
        "The bridge reopened once the cracks were repaired, inspectors said.",
    ]
    keywords = extract_keywords(text, language="en")
    assert set(keywords[:3]) == {"bridge", "cracks", "inspectors"}


POLISH = [
    "Rada miasta zatwierdziła we wtorek budowę nowego mostu na rzece Odrze.",
    "Nowy most połączy dwie dzielnice miasta i skróci dojazd do centrum.",
    "Budowa mostu rozpocznie się wiosną i potrwa dwa lata, powiedział burmistrz.",
    "Mieszkańcy od lat czekali na nowy most, bo stary most jest zbyt wąski.",
]
VIETNAMESE = [
    "Hội đồng thành phố đã phê duyệt việc xây dựng cây cầu mới bắc qua sông Hồng.",
    "Cây cầu mới sẽ nối hai quận và giảm ùn tắc giao thông.",
    "Việc xây dựng cây cầu sẽ bắt đầu vào mùa xuân, thị trưởng cho biết.",
]
# Georgian has no stopword list: its short function words (და "and", რომ "that") go by length.
GEORGIAN = [
    "საქალაქო საბჭომ სამშაბათს მდინარეზე ახალი ხიდის მშენებლობა დაამტკიცა.",
    "ახალი ხიდი ორ უბანს დააკავშირებს და მოძრაობას შეამსუბუქებს.",
    "ხიდის მშენებლობა გაზაფხულზე დაიწყება, განაცხადა მერმა, რომ სამუშაო ორ წელს გაგრძელდება.",
]


def test_languages_beyond_our_own_lists_use_the_listed_stopwords() -> None:
    polish_stopwords = stopwords_for("pl")
    assert {"na", "się", "jest", "bo"} <= polish_stopwords

    keywords = extract_keywords(POLISH, language="pl")

    assert "nowy most" in keywords
    for keyword in keywords:
        words = keyword.lower().split()
        assert words[0] not in polish_stopwords, keyword
        assert words[-1] not in polish_stopwords, keyword


def test_norwegian_bokmal_and_nynorsk_use_the_norwegian_list() -> None:
    assert "og" in stopwords_for("nb")
    assert stopwords_for("nn") == stopwords_for("nb")


def test_vietnamese_keywords_are_words_not_lone_syllables() -> None:
    keywords = extract_keywords(VIETNAMESE, language="vi")

    assert "xây dựng" in keywords
    assert all(" " in keyword for keyword in keywords)


def test_a_language_without_a_list_keeps_its_short_function_words_out() -> None:
    keywords = extract_keywords(GEORGIAN, language="ka")

    assert keywords
    assert not {"და", "რომ", "ორ"} & {word for k in keywords for word in k.split()}
