"""Per-sentence features for the extractive ranker, computed in time linear in the article.

Centrality is the mean cosine similarity (binary term vectors) of a sentence with the other
sentences. Summed over all pairs it would cost O(n^2); written as a dot product with the sum
of the other sentences' normalized vectors it costs one pass over the terms, so a long
article costs what its length says.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from precis.models import Document, Sentence
from precis.summarize.tokens import terms

FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "first",
    "second",
    "third",
    "log_position",
    "relative_position",
    "paragraph_start",
    "centrality",
    "centrality_after",
    "centrality_relative",
    "lead_overlap",
    "log_words",
    "short",
    "long",
    "quote",
    "number",
    "no_terminal",
    "question",
    "log_sentences",
    "first_x_log_sentences",
)

_QUOTES = re.compile(r"[\"“”‘’«»]|(?:^|\s)'|'(?:\s|$)")
_DIGIT = re.compile(r"\d")
_TERMINAL = re.compile(r"[.!?…。！？।॥؟۔][\"'”’»)\]]*$")


@dataclass(frozen=True, slots=True)
class FeatureTable:
    """Feature rows (in FEATURE_NAMES order) plus what redundancy control needs."""

    rows: list[list[float]]
    term_sets: list[frozenset[str]]
    centrality: list[float]
    word_counts: list[int]


def compute_features(document: Document, sentences: Sequence[Sentence]) -> FeatureTable:
    """Feature rows for `sentences` of `document`, one per sentence."""
    texts = [sentence.text for sentence in sentences]
    # A sentence of stop words only still needs an identity, for duplicate detection.
    term_sets = [frozenset(terms(text)) or frozenset((text.lower(),)) for text in texts]
    count = len(texts)
    norms = [1.0 / math.sqrt(len(s)) if s else 0.0 for s in term_sets]

    weight: dict[str, float] = {}
    for term_set, norm in zip(term_sets, norms, strict=True):
        for term in term_set:
            weight[term] = weight.get(term, 0.0) + norm
    others = max(1, count - 1)
    centrality = [
        norm * sum(weight[t] - norm for t in term_set) / others
        for term_set, norm in zip(term_sets, norms, strict=True)
    ]

    after: list[float] = [0.0] * count
    suffix: dict[str, float] = {}
    for index in range(count - 1, -1, -1):
        term_set, norm = term_sets[index], norms[index]
        after[index] = norm * sum(suffix.get(t, 0.0) for t in term_set) / others
        for term in term_set:
            suffix[term] = suffix.get(term, 0.0) + norm

    top = max(centrality, default=0.0) or 1.0
    lead = term_sets[0] if term_sets else frozenset()
    if document.title:
        lead = lead | frozenset(terms(document.title))
    lead_norm = 1.0 / math.sqrt(len(lead)) if lead else 0.0
    log_count = math.log1p(count)

    rows: list[list[float]] = []
    word_counts: list[int] = []
    previous_paragraph = -1
    for index, sentence in enumerate(sentences):
        text = sentence.text
        words = text.count(" ") + 1
        word_counts.append(words)
        term_set = term_sets[index]
        overlap = len(term_set & lead) * norms[index] * lead_norm if index else 0.0
        first = 1.0 if index == 0 else 0.0
        rows.append(
            [
                1.0,
                first,
                1.0 if index == 1 else 0.0,
                1.0 if index == 2 else 0.0,
                math.log1p(index),
                index / count,
                1.0 if sentence.paragraph != previous_paragraph else 0.0,
                centrality[index],
                after[index],
                centrality[index] / top,
                overlap,
                math.log1p(words),
                1.0 if words < 8 else 0.0,
                1.0 if words > 45 else 0.0,
                1.0 if _QUOTES.search(text) else 0.0,
                1.0 if _DIGIT.search(text) else 0.0,
                0.0 if _TERMINAL.search(text[-8:]) else 1.0,
                1.0 if text.endswith("?") else 0.0,
                log_count,
                first * log_count,
            ]
        )
        previous_paragraph = sentence.paragraph
    return FeatureTable(rows, term_sets, centrality, word_counts)
