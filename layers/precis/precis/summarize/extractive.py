"""The default engine: a learned linear ranker over position, centrality and surface features.

Scores every sentence once, then keeps two answers: the pick order for summaries of any
length (redundancy controlled) and a separate one-sentence pick by centrality, which serves a
single-sentence summary better than the head of a lead-heavy ranking.
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
            scores, table.term_sets, limit=MAX_SUMMARY_SENTENCES, redundancy=model.redundancy
        )
        ranked = tuple(_ranked(sentences[i], scores[i]) for i in order)
        decay = model.single_position_decay
        single_scores = [d / (1.0 + decay * i) for i, d in enumerate(table.degree)]
        best = max(range(len(sentences)), key=single_scores.__getitem__)  # first of equals
        single = _ranked(sentences[best], scores[best])
        return Ranking(
            ranked=ranked,
            single=single,
            sentence_count=len(sentences),
            engine=EngineInfo(ENGINE_NAME, self.version),
        )


def _ranked(sentence: Sentence, score: float) -> RankedSentence:
    return RankedSentence(position=sentence.position, text=sentence.text, score=round(score, 6))


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)
