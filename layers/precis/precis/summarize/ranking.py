"""Choosing sentences from their scores: redundancy-aware pick order and the one-sentence pick."""

from __future__ import annotations

import math
from collections.abc import Sequence


def overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """Cosine similarity of two binary term vectors."""
    if not first or not second:
        return 0.0
    return len(first & second) / math.sqrt(len(first) * len(second))


def pick_order(
    scores: Sequence[float],
    term_sets: Sequence[frozenset[str]],
    *,
    limit: int,
    redundancy: float,
    duplicate: float = 0.8,
) -> list[int]:
    """Indexes of up to `limit` sentences, best first, each discounted by its overlap with those
    already picked (maximal marginal relevance); near-duplicates of a pick are never picked."""
    remaining = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    # Only the best candidates can ever be picked; bounding them keeps this O(n).
    remaining = remaining[: max(limit * 4, limit + 10)]
    closest = dict.fromkeys(remaining, 0.0)
    picked: list[int] = []
    while remaining and len(picked) < limit:
        best = max(remaining, key=lambda i: (scores[i] - redundancy * closest[i], -i))
        picked.append(best)
        remaining.remove(best)
        chosen = term_sets[best]
        kept = []
        for index in remaining:
            similarity = overlap(term_sets[index], chosen)
            if similarity >= duplicate:
                continue
            closest[index] = max(closest[index], similarity)
            kept.append(index)
        remaining = kept
    return picked
