"""Train the extractive ranker's weights (reproducible): `python -m bench.train_ranker [--write]`.

Data: ../shared/eval/train/cnndm_train.jsonl.gz (20,000 lower-cased CNN/DailyMail train
articles with highlights). Each article is split with our own splitter and featurized with
the engine's own `compute_features`, so training sees exactly what inference sees. A sentence
is labelled 1 when the greedy oracle (the sentences that together best match the highlights
by unigram + bigram F1, at most 3) picks it. A logistic regression (Newton's method, small L2
penalty) is fitted on all articles but the last 2,000, which are held out; the redundancy
penalty is then chosen among a few values on the cased validation file
(train/cnndm_val_cased.jsonl), never on the dev sets. Deterministic: no sampling, fixed order.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.data import REPO, require_eval_files, to_document
from precis.models import Sentence
from precis.summarize.extractive import ExtractiveSummarizer, RankerModel
from precis.summarize.features import FEATURE_NAMES, compute_features
from precis.summarize.sentences import split_document
from precis.summarize.tokens import _stem

WEIGHTS = REPO / "layers" / "precis" / "precis" / "summarize" / "weights.json"
HOLDOUT = 2000
ORACLE_SIZE = 3
L2 = 1.0
REDUNDANCY_CHOICES = (0.3, 0.45, 0.6)
SINGLE_POSITION_DECAY = 0.02
_WORD = re.compile(r"[^\W_]+")


def grams(text: str) -> tuple[set[str], set[tuple[str, str]]]:
    words = [_stem(w) for w in _WORD.findall(text.lower())]
    return set(words), set(itertools.pairwise(words))


def _f1(hit: int, predicted: int, reference: int) -> float:
    if not hit:
        return 0.0
    precision, recall = hit / predicted, hit / reference
    return 2 * precision * recall / (precision + recall)


def oracle(sentences: Sequence[Sentence], reference: Sequence[str]) -> set[int]:
    """Greedy oracle: add the sentence that most raises unigram + bigram F1, at most 3."""
    ref1, ref2 = grams(" ".join(reference))
    if not ref1:
        return set()
    parts = [grams(s.text) for s in sentences]
    chosen: set[int] = set()
    union1: set[str] = set()
    union2: set[tuple[str, str]] = set()
    best_score = 0.0
    while len(chosen) < ORACLE_SIZE:
        best, best_gain = -1, best_score
        for index, (one, two) in enumerate(parts):
            if index in chosen:
                continue
            u1, u2 = union1 | one, union2 | two
            score = _f1(len(u1 & ref1), len(u1), len(ref1)) + _f1(
                len(u2 & ref2), max(1, len(u2)), max(1, len(ref2))
            )
            if score > best_gain:
                best, best_gain = index, score
        if best < 0:
            break
        chosen.add(best)
        union1 |= parts[best][0]
        union2 |= parts[best][1]
        best_score = best_gain
    return chosen


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def featurize(rows: Sequence[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    features: list[list[float]] = []
    labels: list[float] = []
    for row in rows:
        document = to_document(row["article"])
        sentences = split_document(document)
        if len(sentences) < 2:
            continue
        picked = oracle(sentences, row["reference_sentences"])
        table = compute_features(document, sentences)
        features.extend(table.rows)
        labels.extend(1.0 if i in picked else 0.0 for i in range(len(sentences)))
    return np.asarray(features, dtype=np.float64), np.asarray(labels, dtype=np.float64)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 30) -> np.ndarray:
    """L2-penalized logistic regression by Newton's method (the bias is not penalized)."""
    weights = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ weights)))
        gradient = x.T @ (p - y) + penalty * weights
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return weights


def log_loss(x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> float:
    p = np.clip(1.0 / (1.0 + np.exp(-(x @ weights))), 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def validate(model: RankerModel | None, rows: Sequence[dict[str, Any]]) -> tuple[float, float]:
    """Mean ROUGE-2 and ROUGE-Lsum F1 x 100 of 3-sentence summaries (Lead-3 when no model)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge2", "rougeLsum"], use_stemmer=True)
    engine = ExtractiveSummarizer(model) if model else None
    r2 = lsum = 0.0
    for row in rows:
        document = to_document(row["article"])
        sentences = split_document(document)
        if engine is None:
            picked = [s.text for s in sentences[:3]]
        else:
            picked = [s.text for s in engine.rank(document, sentences).select(3)]
        score = scorer.score("\n".join(row["reference_sentences"]), "\n".join(picked))
        r2 += score["rouge2"].fmeasure
        lsum += score["rougeLsum"].fmeasure
    return 100 * r2 / len(rows), 100 * lsum / len(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS.name}")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    args = parser.parse_args(argv)

    from bench.extras import ensure_extras

    ensure_extras()
    root = require_eval_files("train/cnndm_train.jsonl.gz", "train/cnndm_val_cased.jsonl")
    rows = list(read_rows(root / "train" / "cnndm_train.jsonl.gz"))
    if args.limit:
        rows = rows[: args.limit]
    train_rows, held_rows = rows[:-HOLDOUT], rows[-HOLDOUT:]
    x, y = featurize(train_rows)
    x_held, y_held = featurize(held_rows)
    print(f"train: {len(train_rows)} articles, {len(y)} sentences, {y.mean():.3f} positive")
    weights = fit_logistic(x, y)
    print(
        f"log loss train {log_loss(x, y, weights):.4f}",
        f"held-out {log_loss(x_held, y_held, weights):.4f}",
    )
    for name, value in zip(FEATURE_NAMES, weights, strict=True):
        print(f"  {name:24s} {value:+.4f}")

    val_rows = list(read_rows(root / "train" / "cnndm_val_cased.jsonl"))
    lead_r2, lead_lsum = validate(None, val_rows)
    print(f"validation (cased, n={len(val_rows)}) Lead-3: R-2 {lead_r2:.2f} R-Lsum {lead_lsum:.2f}")
    best: tuple[float, RankerModel] | None = None
    for redundancy in REDUNDANCY_CHOICES:
        model = RankerModel(
            weights=tuple(round(float(w), 5) for w in weights),
            redundancy=redundancy,
            single_position_decay=SINGLE_POSITION_DECAY,
            tag="cnndm-train-logistic-v5",
        )
        r2, lsum = validate(model, val_rows)
        print(
            f"validation (cased, n={len(val_rows)}) redundancy {redundancy}:",
            f"R-2 {r2:.2f} R-Lsum {lsum:.2f}",
        )
        if best is None or r2 + lsum > best[0]:
            best = (r2 + lsum, model)
    assert best is not None
    chosen = best[1]
    print(f"chosen redundancy: {chosen.redundancy}")
    if args.write:
        payload = {
            "tag": chosen.tag,
            "trained_on": "train/cnndm_train.jsonl.gz minus the last 2000 articles; "
            "oracle labels (greedy unigram+bigram F1, <=3 sentences); logistic regression",
            "redundancy": chosen.redundancy,
            "single_position_decay": chosen.single_position_decay,
            "weights": dict(zip(FEATURE_NAMES, chosen.weights, strict=True)),
        }
        WEIGHTS.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
