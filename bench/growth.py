"""Growth: time against article length, and one 2 MB text (time and peak memory)."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass

from bench.data import Article, to_document
from precis.summarize.extractive import ExtractiveSummarizer
from precis.summarize.sentences import split_document

FACTORS = (1, 2, 4, 8, 16)
TWO_MB = 2 * 1024 * 1024


def _summarize(text: str, engine: ExtractiveSummarizer) -> int:
    document = to_document(text)
    ranking = engine.rank(document, split_document(document))
    return len(ranking.select(3))


def _best_of(text: str, engine: ExtractiveSummarizer, runs: int = 3) -> float:
    """Best CPU seconds of `runs` (CPU time: the machine may be shared)."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        _summarize(text, engine)
        best = min(best, time.process_time() - start)
    return best


@dataclass(frozen=True, slots=True)
class GrowthResult:
    rows: list[tuple[int, int, float, float]]  # factor, chars, ms, ratio to 1x
    big_chars: int
    big_seconds: float
    big_cpu_seconds: float
    big_peak_mb: float

    def table(self) -> str:
        lines = [
            "### Growth (20 articles, each repeated k times as paragraphs; split + rank, "
            "best of 3, CPU ms)",
            "",
            "| k | chars (total) | ms (total) | ratio to 1x |",
            "|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {k} | {chars} | {ms:.1f} | {ratio:.2f} |" for k, chars, ms, ratio in self.rows
        ]
        lines += [
            "",
            f"2 MB text ({self.big_chars} chars of distinct articles): "
            f"{self.big_seconds:.2f} s wall, {self.big_cpu_seconds:.2f} s CPU, "
            f"peak memory {self.big_peak_mb:.0f} MB (tracemalloc)",
        ]
        return "\n".join(lines)


def measure_growth(
    articles: Sequence[Article], pool: Sequence[Article], sample: int = 20
) -> GrowthResult:
    """Repeat `sample` articles 1..16x; build a 2 MB text from `pool`."""
    engine = ExtractiveSummarizer()
    texts = [a.document.text for a in articles[:sample]]
    rows = []
    base = 0.0
    for factor in FACTORS:
        repeated = ["\n\n".join([text] * factor) for text in texts]
        total = sum(_best_of(text, engine) for text in repeated)
        base = base or total
        rows.append((factor, sum(len(t) for t in repeated), 1000 * total, total / base))

    parts: list[str] = []
    size = 0
    for article in pool:
        if size >= TWO_MB:
            break
        parts.append(article.document.text)
        size += len(article.document.text.encode("utf-8")) + 2
    big = "\n\n".join(parts)[:TWO_MB]
    start, cpu_start = time.perf_counter(), time.process_time()
    _summarize(big, engine)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    tracemalloc.start()
    _summarize(big, engine)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return GrowthResult(rows, len(big), seconds, cpu_seconds, peak / 1024 / 1024)
