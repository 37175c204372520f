"""The default engine: a learned linear ranker over position, centrality and surface features.

Scores every sentence once, then keeps two answers: the pick order for summaries of any
length (redundancy and dangling references controlled) and a separate one-sentence pick that
mixes centrality with the score, which serves a single-sentence summary better than the head
of a lead-heavy ranking. The one-sentence pick is never longer than the default summary.
"""

from __future__ import annotations

import json
import math
import operator
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from precis.errors import EmptyDocument
from precis.models import (
    DEFAULT_SUMMARY_SENTENCES,
    MAX_SUMMARY_SENTENCES,
    Document,
    EngineInfo,
    RankedSentence,
    Ranking,
    Sentence,
)
from precis.summarize.features import FEATURE_NAMES, compute_features
from precis.summarize.ranking import pick_order

ENGINE_NAME = "extractive"
ENGINE_VERSION = "1.0.0"
_WEIGHTS = os.path.join(os.path.dirname(__file__), "weights.json")  # noqa: PTH118, PTH120


@dataclass(frozen=True, slots=True)
class RankerModel:
    """Weights of the linear ranker and the knobs of the selection rules."""

    weights: tuple[float, ...]
    redundancy: float = 0.5
    single_position_decay: float = 0.02
    # Share of the ranker's score in the one-sentence pick (the rest is decayed centrality).
    single_score_mix: float = 0.0
    # Score lost by a pronoun/connective opener while the sentence before it is not picked.
    dangling: float = 0.0
    tag: str = "default"

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> RankerModel:
        raw = data["weights"]
        if not isinstance(raw, dict):
            raise TypeError("weights must be an object of feature name to number")
        weights = tuple(float(raw.get(name, 0.0)) for name in FEATURE_NAMES)
        return cls(
            weights=weights,
            redundancy=float(str(data.get("redundancy", 0.5))),
            single_position_decay=float(str(data.get("single_position_decay", 0.02))),
            single_score_mix=float(str(data.get("single_score_mix", 0.0))),
            dangling=float(str(data.get("dangling", 0.0))),
            tag=str(data.get("tag", "default")),
        )


@cache
def load_model() -> RankerModel:
    """The weights shipped with the layer (weights.json beside this module)."""
    # A plain file read: importlib.resources would add tens of milliseconds to cold starts.
    with open(_WEIGHTS, encoding="utf-8") as handle:  # noqa: PTH123 - pathlib is heavy too
        return RankerModel.from_dict(json.load(handle))


class ExtractiveSummarizer:
    """Pure-Python, deterministic extractive summarizer (implements `Summarizer`)."""

    name = ENGINE_NAME

    def __init__(self, model: RankerModel | None = None) -> None:
        self._model = model

    @property
    def version(self) -> str:
        """Code version plus the weights' tag: either changing means summaries may change."""
        return f"{ENGINE_VERSION}+{self.model.tag}"

    @property
    def model(self) -> RankerModel:
        if self._model is None:
            self._model = load_model()
        return self._model

    def rank(self, document: Document, sentences: Sequence[Sentence]) -> Ranking:
        """Rank `sentences` of `document` once for every summary length.

        Raises EmptyDocument when there are no sentences.
        """
        if not sentences:
            raise EmptyDocument("the article has no sentences to summarize")
        model = self.model
        table = compute_features(document, sentences)
        weights = model.weights
        scores = [_sigmoid(sum(map(operator.mul, weights, row))) for row in table.rows]

        order = pick_order(
            scores,
            table.term_sets,
            limit=MAX_SUMMARY_SENTENCES,
            redundancy=model.redundancy,
            leans_back=table.leans_back,
            dangling=model.dangling,
        )
        ranked = tuple(_ranked(sentences[i], scores[i]) for i in order)
        best = single_pick(model, scores, table.degree, [len(s.text) for s in sentences], order)
        single = _ranked(sentences[best], scores[best])
        return Ranking(
            ranked=ranked,
            single=single,
            sentence_count=len(sentences),
            engine=EngineInfo(ENGINE_NAME, self.version),
        )


def single_pick(
    model: RankerModel,
    scores: Sequence[float],
    degree: Sequence[float],
    lengths: Sequence[int],
    order: Sequence[int],
) -> int:
    """Index of the one-sentence summary: decayed centrality mixed with the ranker's score,
    among the sentences no longer than the default summary (which always holds its head)."""
    budget = sum(lengths[i] for i in order[:DEFAULT_SUMMARY_SENTENCES])
    top = max(degree) or 1.0
    decay, mix = model.single_position_decay, model.single_score_mix
    best, best_value = order[0], -math.inf
    for index, (value, length) in enumerate(zip(degree, lengths, strict=True)):
        if length > budget:
            continue
        combined = (1.0 - mix) * value / top / (1.0 + decay * index) + mix * scores[index]
        if combined > best_value:  # first of equals
            best, best_value = index, combined
    return best


def _ranked(sentence: Sentence, score: float) -> RankedSentence:
    return RankedSentence(position=sentence.position, text=sentence.text, score=round(score, 6))


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)
