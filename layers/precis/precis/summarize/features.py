"""Per-sentence features for the extractive ranker, computed in time linear in the article.

Centrality is the mean cosine similarity (binary term vectors) of a sentence with the other
sentences. Summed over all pairs it would cost O(n^2); written as a dot product with the sum
of the other sentences' normalized vectors it costs one pass over the terms, so a long
article costs what its length says.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat

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
    "words_45_59",
    "words_60_plus",
    "relative_words",
    "starts_with_quote",
    "quote_in_lead",
    "attribution",
    "starts_with_reference",
    "reference_first",
    "number",
    "no_terminal",
    "long_no_terminal",
    "question",
    "log_sentences",
    "first_x_log_sentences",
    "short_document",
)

_OPENING_QUOTES = frozenset("\"“‘'«")
# Sentences opening with a pronoun or connective lean on what came before.
_STARTS_WITH_REFERENCE = re.compile(
    r"^\W*(?:he|she|it|they|this|that|these|those|his|her|their|its|him|them|but|and|however"
    r"|also|so|still|yet|instead|meanwhile|moreover|furthermore|besides|thus|therefore"
    r"|otherwise)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_TERMINALS = frozenset(".!?…。！？।॥؟۔")
_CLOSING = "\"'”’»)]"
_LEAD_FLAT = 3
# One-hot codes of position (0, 1, 2, 3, 4, 5-7, 8-11, later) and length bins (<8, 8-14,
# 15-24 (the reference bin, all zero), 25-34, 35-44, 45-59, 60+ words), prebuilt for the hot
# loop. The 60+ bin is the length prior against run-on units (glued captions, lists).
_POSITION_BINS = (0, 1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 6, 7)
_POSITION_CODES = tuple(
    tuple(1.0 if code == bin_ else 0.0 for code in range(7)) for bin_ in _POSITION_BINS
)
_LENGTH_BINS = 6
_LENGTH_CODES = tuple(
    tuple(1.0 if code == bin_ else 0.0 for code in range(_LENGTH_BINS))
    for bin_ in range(_LENGTH_BINS + 1)
)
_LONGEST_BINNED = 60
# A unit this long without terminal punctuation is most likely a caption or a list.
_LONG_UNTERMINATED = 20


def _length_bucket(words: int) -> int:
    if words < 15:
        return 0 if words < 8 else 1
    if words < 25:
        return _LENGTH_BINS  # the reference bin: every code zero
    if words < 45:
        return 2 if words < 35 else 3
    return 4 if words < _LONGEST_BINNED else 5


@dataclass(frozen=True, slots=True)
class FeatureTable:
    """Feature rows (in FEATURE_NAMES order) plus what redundancy control needs."""

    rows: list[list[float]]
    term_sets: list[frozenset[str]]
    centrality: list[float]
    degree: list[float]
    word_counts: list[int]
    # Opens with a pronoun or connective: leans on the sentence before it.
    leans_back: list[bool]


def compute_features(document: Document, sentences: Sequence[Sentence]) -> FeatureTable:
    """Feature rows for `sentences` of `document`, one per sentence."""
    texts = [sentence.text for sentence in sentences]
    # A sentence of stop words only still needs an identity, for duplicate detection.
    term_sets = [frozenset(terms(text)) or frozenset((text.lower(),)) for text in texts]
    count = len(texts)
    norms = [1.0 / math.sqrt(len(s)) if s else 0.0 for s in term_sets]
    centrality, after, degree, shared_counts = _similarities(term_sets, norms)
    top_degree = max(degree, default=0.0) or 1.0

    top = max(centrality, default=0.0) or 1.0
    lead = term_sets[0] if term_sets else frozenset()
    if document.title:
        lead = lead | frozenset(terms(document.title))
    lead_norm = 1.0 / math.sqrt(len(lead)) if lead else 0.0
    lead_counts = Counter(chain.from_iterable(term_sets[:_LEAD_FLAT]))
    lead_terms = frozenset(lead_counts)
    lead_shared = frozenset(t for t, n in lead_counts.items() if n > 1)
    log_count = math.log1p(count)
    document_codes = (log_count, 1.0 if count <= 5 else 0.0)

    word_counts = [text.count(" ") + 1 for text in texts]
    mean_words = sum(word_counts) / count if count else 1.0
    rows: list[list[float]] = []
    leans_back: list[bool] = []
    previous_paragraph = -1
    # Local names: this loop is the hot path of the engine.
    log1p, position_codes, length_codes = math.log1p, _POSITION_CODES, _LENGTH_BY_WORDS
    opening_quotes, terminals = _OPENING_QUOTES, _TERMINALS
    starts_with_reference, digit = _STARTS_WITH_REFERENCE.match, _DIGIT.search
    longest, long_unterminated = _LONGEST_BINNED, _LONG_UNTERMINATED
    for index, sentence in enumerate(sentences):
        text = sentence.text
        words = word_counts[index]
        term_set = term_sets[index]
        size = len(term_set) or 1
        in_lead = index < _LEAD_FLAT
        # Share of the sentence's terms found in the (other) lead sentences.
        shared = len(term_set & (lead_shared if in_lead else lead_terms))
        prior = 1.0 if in_lead else 1.0 / (1.0 + 0.3 * (index - _LEAD_FLAT + 1))
        central = centrality[index]
        quote = 1.0 if text[:1] in opening_quotes else 0.0
        reference = 1.0 if starts_with_reference(text) else 0.0
        leans_back.append(bool(reference))
        unterminated = 0.0 if text.rstrip(_CLOSING)[-1:] in terminals else 1.0
        rows.append(
            [
                1.0,
                *position_codes[index if index < 12 else 12],
                log1p(index),
                index / count,
                1.0 if sentence.paragraph != previous_paragraph else 0.0,
                central,
                after[index],
                central / top,
                central if in_lead else 0.0,
                after[index] * prior,
                degree[index] / top_degree,
                len(term_set & lead) * norms[index] * lead_norm if index else 0.0,
                shared / size,
                shared_counts[index] / (size * count),
                log1p(words),
                *length_codes[words if words < longest else longest],
                words / mean_words,
                quote,
                quote if in_lead else 0.0,
                # Reported speech, lower case in running text (no lower() needed).
                1.0
                if " said" in text or " told" in text or " says" in text or "ccording to" in text
                else 0.0,
                reference,
                reference if index == 0 else 0.0,
                1.0 if digit(text) else 0.0,
                unterminated,
                unterminated if words >= long_unterminated else 0.0,
                1.0 if text.endswith("?") else 0.0,
                log_count,
                log_count if index == 0 else 0.0,
                document_codes[1],
            ]
        )
        previous_paragraph = sentence.paragraph
    return FeatureTable(rows, term_sets, centrality, degree, word_counts, leans_back)


_LENGTH_BY_WORDS = tuple(
    _LENGTH_CODES[_length_bucket(words)] for words in range(_LONGEST_BINNED + 1)
)


def _similarities(
    term_sets: list[frozenset[str]], norms: list[float]
) -> tuple[list[float], list[float], list[float], list[float]]:
    """Centrality, its part after each sentence, degree and shared-term counts, one pass."""
    count = len(term_sets)

    # One forward pass: `before[i]` sums the cosines of sentence i with the sentences before
    # it (a prefix sum of normalized vectors); at the end `weight[t]` holds the full sum, so
    # centrality (all others) and its part after each sentence follow without pairwise loops.
    # Each weight is a complex number: the real part sums the norms of the sentences holding
    # the term, the imaginary part counts them (for the degree below), both in the same pass.
    weight: dict[str, complex] = {}
    before: list[float] = []
    get = weight.get
    for term_set, norm in zip(term_sets, norms, strict=True):
        current = list(map(get, term_set, repeat(0j)))
        before.append(norm * sum(current).real)
        # Terms of a set are distinct, so one bulk update adds to each (at C speed).
        weight.update(
            zip(term_set, map(operator.add, current, repeat(complex(norm, 1.0))), strict=True)
        )
    others = max(1, count - 1)
    sums = [sum(map(weight.__getitem__, term_set)) for term_set in term_sets]
    total = [
        norm * value.real - norm * norm * len(term_set)
        for value, term_set, norm in zip(sums, term_sets, norms, strict=True)
    ]
    centrality = [value / others for value in total]
    after = [(value - prior) / others for value, prior in zip(total, before, strict=True)]

    # TextRank's similarity (shared terms over the sum of log lengths), summed over the
    # other sentences: the log lengths are averaged so that it stays one pass.
    shared_counts = [value.imag for value in sums]
    logs = [math.log(len(s) + 1) for s in term_sets]
    mean_log = sum(logs) / count if count else 0.0
    degree = [
        (shared - len(term_set)) / (log + mean_log)
        for shared, term_set, log in zip(shared_counts, term_sets, logs, strict=True)
    ]
    return centrality, after, degree, shared_counts
