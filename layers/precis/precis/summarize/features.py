"""Per-sentence features for the extractive ranker, computed in time linear in the article.

Centrality is the mean cosine similarity (binary term vectors) of a sentence with the other
sentences. Summed over all pairs it would cost O(n^2); written as a dot product with the sum
of the other sentences' normalized vectors it costs one pass over the terms, so a long
article costs what its length says.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from precis.models import Document, Sentence
from precis.summarize.tokens import terms

FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "position_0",
    "position_1",
    "position_2",
    "position_3",
    "position_4",
    "position_5_7",
    "position_8_11",
    "log_position",
    "relative_position",
    "paragraph_start",
    "centrality",
    "centrality_after",
    "centrality_relative",
    "centrality_in_lead",
    "centrality_after_prior",
    "degree_relative",
    "lead_overlap",
    "lead3_overlap",
    "term_frequency",
    "log_words",
    "words_under_8",
    "words_8_14",
    "words_25_34",
    "words_35_44",
    "words_over_44",
    "quote",
    "starts_with_quote",
    "attribution",
    "starts_with_reference",
    "number",
    "no_terminal",
    "question",
    "log_sentences",
    "first_x_log_sentences",
    "short_document",
)

_QUOTE_MARKS = ('"', "“", "”", "‘", "’", "«", "»", " '", "' ")
_ATTRIBUTION = (" said", " says", " told", "according to", " added")
_STARTS_WITH_QUOTE = re.compile(r"^[\"“‘'«]")
# Sentences opening with a pronoun or connective lean on what came before.
_STARTS_WITH_REFERENCE = re.compile(
    r"^\W*(?:he|she|it|they|this|that|these|those|his|her|their|its|but|and|however|also|so)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_TERMINAL = re.compile(r"[.!?…。！？।॥؟۔][\"'”’»)\]]*$")
_LEAD_FLAT = 3


@dataclass(frozen=True, slots=True)
class FeatureTable:
    """Feature rows (in FEATURE_NAMES order) plus what redundancy control needs."""

    rows: list[list[float]]
    term_sets: list[frozenset[str]]
    centrality: list[float]
    degree: list[float]
    word_counts: list[int]


def compute_features(document: Document, sentences: Sequence[Sentence]) -> FeatureTable:
    """Feature rows for `sentences` of `document`, one per sentence."""
    texts = [sentence.text for sentence in sentences]
    # A sentence of stop words only still needs an identity, for duplicate detection.
    term_sets = [frozenset(terms(text)) or frozenset((text.lower(),)) for text in texts]
    count = len(texts)
    norms = [1.0 / math.sqrt(len(s)) if s else 0.0 for s in term_sets]

    # weight[t]: sum of the normalized vectors of the sentences holding t (their centroid).
    weight: dict[str, float] = {}
    for term_set, norm in zip(term_sets, norms, strict=True):
        for term in term_set:
            weight[term] = weight.get(term, 0.0) + norm
    frequency = Counter(chain.from_iterable(term_sets))
    others = max(1, count - 1)
    centrality = [
        norm * (sum(map(weight.__getitem__, term_set)) - norm * len(term_set)) / others
        for term_set, norm in zip(term_sets, norms, strict=True)
    ]

    # TextRank's similarity (shared terms over the sum of log lengths), summed over the
    # other sentences: the log lengths are averaged so that it stays one pass.
    logs = [math.log(len(s) + 1) for s in term_sets]
    mean_log = sum(logs) / count if count else 0.0
    degree = [
        (sum(map(frequency.__getitem__, term_set)) - len(term_set)) / (log + mean_log)
        for term_set, log in zip(term_sets, logs, strict=True)
    ]
    top_degree = max(degree, default=0.0) or 1.0

    # The same against the sentences after each one only: a suffix sum, built backwards.
    after: list[float] = [0.0] * count
    suffix = dict.fromkeys(weight, 0.0)
    for index in range(count - 1, -1, -1):
        term_set, norm = term_sets[index], norms[index]
        after[index] = norm * sum(map(suffix.__getitem__, term_set)) / others
        for term in term_set:
            suffix[term] += norm

    top = max(centrality, default=0.0) or 1.0
    lead = term_sets[0] if term_sets else frozenset()
    if document.title:
        lead = lead | frozenset(terms(document.title))
    lead_norm = 1.0 / math.sqrt(len(lead)) if lead else 0.0
    lead_counts = Counter(chain.from_iterable(term_sets[:_LEAD_FLAT]))
    lead_terms = frozenset(lead_counts)
    lead_shared = frozenset(t for t, n in lead_counts.items() if n > 1)
    log_count = math.log1p(count)

    rows: list[list[float]] = []
    word_counts: list[int] = []
    previous_paragraph = -1
    for index, sentence in enumerate(sentences):
        text = sentence.text
        words = text.count(" ") + 1
        word_counts.append(words)
        term_set = term_sets[index]
        size = len(term_set)
        norm = norms[index]
        overlap = len(term_set & lead) * norm * lead_norm if index else 0.0
        in_lead = index < _LEAD_FLAT
        # Share of the sentence's terms found in the (other) lead sentences.
        shared = len(term_set & (lead_shared if in_lead else lead_terms))
        prior = 1.0 if in_lead else 1.0 / (1.0 + 0.3 * (index - _LEAD_FLAT + 1))
        first = 1.0 if index == 0 else 0.0
        rows.append(
            [
                1.0,
                first,
                1.0 if index == 1 else 0.0,
                1.0 if index == 2 else 0.0,
                1.0 if index == 3 else 0.0,
                1.0 if index == 4 else 0.0,
                1.0 if 5 <= index <= 7 else 0.0,
                1.0 if 8 <= index <= 11 else 0.0,
                math.log1p(index),
                index / count,
                1.0 if sentence.paragraph != previous_paragraph else 0.0,
                centrality[index],
                after[index],
                centrality[index] / top,
                centrality[index] if in_lead else 0.0,
                after[index] * prior,
                degree[index] / top_degree,
                overlap,
                shared / size if size else 0.0,
                sum(map(frequency.__getitem__, term_set)) / (size * count) if size else 0.0,
                math.log1p(words),
                1.0 if words < 8 else 0.0,
                1.0 if 8 <= words < 15 else 0.0,
                1.0 if 25 <= words < 35 else 0.0,
                1.0 if 35 <= words < 45 else 0.0,
                1.0 if words >= 45 else 0.0,
                1.0 if _has_quote(text) else 0.0,
                1.0 if _STARTS_WITH_QUOTE.match(text) else 0.0,
                1.0 if _has_attribution(text) else 0.0,
                1.0 if _STARTS_WITH_REFERENCE.match(text) else 0.0,
                1.0 if _DIGIT.search(text) else 0.0,
                0.0 if _TERMINAL.search(text[-8:]) else 1.0,
                1.0 if text.endswith("?") else 0.0,
                log_count,
                first * log_count,
                1.0 if count <= 5 else 0.0,
            ]
        )
        previous_paragraph = sentence.paragraph
    return FeatureTable(rows, term_sets, centrality, degree, word_counts)


def _has_quote(text: str) -> bool:
    # Substring tests beat a regex alternation several times over on the hot path.
    return any(mark in text for mark in _QUOTE_MARKS) or text[:1] == "'" or text[-1:] == "'"


def _has_attribution(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _ATTRIBUTION)
