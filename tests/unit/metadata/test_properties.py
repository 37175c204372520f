"""Properties: metadata of any text is well formed and never raises."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from precis.metadata import build_metadata, detect_language, extract_keywords
from precis.models import Document, Sentence

# Letters of several scripts, digits, punctuation and spaces: text that looks like prose.
_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP éüñçß'’-.,;:!?\"()0123456789\n\t")
    + list("日本語の中文한국어русскийελληνικάעבריתالعربيةहिन्दी")
)
prose = st.text(alphabet=_ALPHABET, max_size=400)
anything = st.text(max_size=300)


def document_of(text: str, hint: str | None = None) -> tuple[Document, tuple[Sentence, ...]]:
    paragraphs = tuple(p for p in text.split("\n") if p.strip())
    sentences = tuple(
        Sentence(position=index, paragraph=index, text=p) for index, p in enumerate(paragraphs)
    )
    return Document(title=None, paragraphs=paragraphs, language_hint=hint), sentences


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(prose, anything), hint=st.one_of(st.none(), st.text(max_size=8)))
def test_metadata_of_any_text_is_well_formed(text: str, hint: str | None) -> None:
    document, sentences = document_of(text, hint)

    metadata = build_metadata(document, sentences)

    assert re.fullmatch(r"[a-z]{2,3}", metadata.language)
    assert metadata.word_count >= 0
    assert metadata.sentence_count == len(sentences)
    assert (metadata.reading_time_minutes == 0) == (metadata.word_count == 0)
    assert len(metadata.keywords) <= 10
    assert len({k.casefold() for k in metadata.keywords}) == len(metadata.keywords)
    assert all(k and k == k.strip() and not k.isdigit() for k in metadata.keywords)
    assert re.fullmatch(r"[0-9a-f]{64}", metadata.content_sha256)


@settings(max_examples=100, deadline=None)
@given(
    sentences=st.lists(st.one_of(prose, anything), max_size=8),
    language=st.sampled_from(
        [
            "en",
            "es",
            "fr",
            "de",
            "it",
            "pt",
            "nl",
            "zh",
            "ja",
            "ko",
            "ru",
            "ar",
            "hi",
            "el",
            "he",
            "und",
        ]
    ),
)
def test_keywords_of_any_sentences_in_any_language_never_raise(
    sentences: list[str], language: str
) -> None:
    keywords = extract_keywords(
        sentences, language=language, title=sentences[0] if sentences else None
    )

    assert len(keywords) <= 10


@settings(max_examples=150, deadline=None)
@given(text=anything)
def test_detection_always_names_a_language_or_und(text: str) -> None:
    assert re.fullmatch(r"[a-z]{2,3}", detect_language(text))
