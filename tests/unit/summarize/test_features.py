"""Features and pick order: the linear-time formulas agree with their pairwise definitions."""

from __future__ import annotations

import math

import pytest

from precis.models import Document
from precis.summarize.features import FEATURE_NAMES, compute_features
from precis.summarize.ranking import overlap, pick_order
from precis.summarize.sentences import split_document
from precis.summarize.tokens import terms


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def test_centrality_equals_mean_pairwise_cosine(article: Document) -> None:
    sentences = split_document(article)
    table = compute_features(article, sentences)
    sets = table.term_sets
    n = len(sets)
    for i in range(n):
        pairwise = sum(_cosine(sets[i], sets[j]) for j in range(n) if j != i) / (n - 1)
        assert table.centrality[i] == pytest.approx(pairwise)
        after = sum(_cosine(sets[i], sets[j]) for j in range(i + 1, n)) / (n - 1)
        assert table.rows[i][FEATURE_NAMES.index("centrality_after")] == pytest.approx(after)


def test_degree_counts_shared_terms_over_log_lengths(article: Document) -> None:
    sentences = split_document(article)
    table = compute_features(article, sentences)
    sets = table.term_sets
    mean_log = sum(math.log(len(s) + 1) for s in sets) / len(sets)
    for i, own in enumerate(sets):
        shared = sum(len(own & other) for j, other in enumerate(sets) if j != i)
        assert table.degree[i] == pytest.approx(shared / (math.log(len(own) + 1) + mean_log))


def test_one_row_per_sentence_with_every_feature(article: Document) -> None:
    sentences = split_document(article)
    table = compute_features(article, sentences)
    assert len(table.rows) == len(sentences)
    assert all(len(row) == len(FEATURE_NAMES) for row in table.rows)
    assert all(math.isfinite(value) for row in table.rows for value in row)
    first = dict(zip(FEATURE_NAMES, table.rows[0], strict=True))
    assert first["position_0"] == 1.0
    assert first["bias"] == 1.0


def test_terms_are_lower_cased_stemmed_and_skip_stop_words() -> None:
    assert terms("The Councils were voting on Budgets") == ["council", "vot", "budget"]
    assert terms("東京都") == ["東京", "京都"]
    assert terms("Ça coûte 12 €") == ["ça", "coûte", "12"]


def test_overlap_is_symmetric_cosine() -> None:
    a, b = frozenset({"x", "y"}), frozenset({"y", "z", "w"})
    assert overlap(a, b) == overlap(b, a) == pytest.approx(1 / math.sqrt(6))
    assert overlap(a, frozenset()) == 0.0


def test_pick_order_trades_score_for_novelty() -> None:
    sets = [frozenset("abc"), frozenset("abd"), frozenset("xyz")]
    scores = [0.9, 0.85, 0.6]
    assert pick_order(scores, sets, limit=3, redundancy=0.0) == [0, 1, 2]
    assert pick_order(scores, sets, limit=3, redundancy=1.0) == [0, 2, 1]


def test_pick_order_drops_near_duplicates_and_respects_limit() -> None:
    sets = [frozenset("abcd"), frozenset("abcd"), frozenset("wxyz"), frozenset("pq")]
    order = pick_order([0.9, 0.8, 0.7, 0.1], sets, limit=2, redundancy=0.0)
    assert order == [0, 2]


def test_surface_flags_for_quotes_attribution_and_final_punctuation() -> None:
    document = Document(
        title=None,
        paragraphs=(
            '"We will rebuild the bridge," the mayor said. '
            "According to the council, work starts in May. "
            "The ferry keeps running (for now). "
            "Photo: the old bridge",
        ),
    )
    sentences = split_document(document)
    assert len(sentences) == 4
    rows = [
        dict(zip(FEATURE_NAMES, row, strict=True))
        for row in compute_features(document, sentences).rows
    ]
    assert [row["starts_with_quote"] for row in rows] == [1.0, 0.0, 0.0, 0.0]
    assert [row["attribution"] for row in rows] == [1.0, 1.0, 0.0, 0.0]
    assert [row["no_terminal"] for row in rows] == [0.0, 0.0, 0.0, 1.0]
