"""Metadata of an article: language, counts, reading time, keywords, content hash."""

from __future__ import annotations

from collections.abc import Sequence

from precis.metadata.keywords import extract_keywords
from precis.metadata.language import UNDETERMINED, detect_language, normalize_language
from precis.metadata.language_codes import language_name
from precis.metadata.stats import content_sha256, count_words, reading_time_minutes
from precis.models import Document, Metadata, Sentence

# Characters of the opening that language detection reads.
_LANGUAGE_SAMPLE = 4000

__all__ = [
    "UNDETERMINED",
    "build_metadata",
    "content_sha256",
    "count_words",
    "detect_language",
    "extract_keywords",
    "language_name",
    "normalize_language",
    "reading_time_minutes",
]


def build_metadata(document: Document, sentences: Sequence[Sentence]) -> Metadata:
    """Everything but the summary that a reader or an index wants to know about `document`.

    `sentences` is the document split by `split_document`; never raises.
    """
    text = document.text
    texts = [sentence.text for sentence in sentences] or list(document.paragraphs)
    sample = f"{document.title or ''}\n{text[:_LANGUAGE_SAMPLE]}"
    language = detect_language(sample, hint=document.language_hint)
    words = count_words(text)
    return Metadata(
        title=document.title,
        language=language,
        word_count=words,
        sentence_count=len(sentences),
        reading_time_minutes=reading_time_minutes(words),
        keywords=extract_keywords(texts, language=language, title=document.title),
        content_sha256=content_sha256(document),
    )
