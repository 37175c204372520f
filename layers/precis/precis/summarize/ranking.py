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
    leans_back: Sequence[bool] = (),
    dangling: float = 0.0,
) -> list[int]:
    """Indexes of up to `limit` sentences, best first, each discounted by its overlap with those
    already picked (maximal marginal relevance); near-duplicates of a pick are never picked.

    A sentence that leans on the one before it (`leans_back`: opens with a pronoun or a
    connective) loses `dangling` while that previous sentence is not picked: "They said ..."
    reads well after its antecedent and badly alone.
    """
    # Only the best candidates can ever be picked; bounding them keeps the loop below short.
    # Exact repeats are skipped first, so that a text repeating itself still yields `limit`.
    size = limit + 5
    pool: list[int] = []
    seen: set[frozenset[str]] = set()
    # A stable sort: equal scores keep document order.
    for index in sorted(range(len(scores)), key=scores.__getitem__, reverse=True):
        if term_sets[index] not in seen:
            seen.add(term_sets[index])
            pool.append(index)
            if len(pool) == size:
                break
    inverse = {i: 1.0 / math.sqrt(len(term_sets[i]) or 1) for i in pool}
    closest = [0.0] * len(pool)
    leaning = (
        {i for i in pool if i and i < len(leans_back) and leans_back[i]} if dangling else set()
    )
    adjusted = [scores[i] - (dangling if i in leaning else 0.0) for i in pool]
    picked: list[int] = []
    while pool and len(picked) < limit:
        at = adjusted.index(max(adjusted))  # ties: the higher raw score, then the earlier
        best = pool[at]
        picked.append(best)
        chosen, chosen_inverse = term_sets[best], inverse[best]
        kept: list[int] = []
        kept_closest: list[float] = []
        for index, near in zip(pool, closest, strict=True):
            if index == best:
                continue
            similarity = len(term_sets[index] & chosen) * inverse[index] * chosen_inverse
            if similarity >= duplicate:
                continue
            kept.append(index)
            kept_closest.append(similarity if similarity > near else near)
        pool, closest = kept, kept_closest
        leaning.discard(best + 1)
        adjusted = [
            scores[i] - redundancy * c - (dangling if i in leaning else 0.0)
            for i, c in zip(pool, closest, strict=True)
        ]
    return picked
