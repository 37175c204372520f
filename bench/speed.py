"""Speed: split + rank per article, rank-only against sumy LexRank on the same split input, and
the whole `precis summarize --jsonl` process against LexRank's ranking alone."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.data import Article
from bench.quality import sumy_picker
from precis.summarize.extractive import ExtractiveSummarizer
from precis.summarize.sentences import split_document


@dataclass(frozen=True, slots=True)
class Timing:
    label: str
    median_ms: float
    p95_ms: float
    mean_ms: float

    def row(self) -> str:
        return f"| {self.label} | {self.median_ms:.3f} | {self.p95_ms:.3f} | {self.mean_ms:.3f} |"


def summarize_times(label: str, seconds: Sequence[float]) -> Timing:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return Timing(
        label, 1000 * statistics.median(ordered), 1000 * p95, 1000 * statistics.fmean(ordered)
    )


REPEATS = 3


def time_each(articles: Sequence[Article], work: Callable[[Article], object]) -> list[float]:
    """CPU seconds per article for `work`: the best of REPEATS runs, after an untimed warm-up.

    CPU time (process_time) and best-of-N because the machine may be shared: wall time
    would mostly measure the neighbours.
    """
    for article in articles[:20]:
        work(article)
    seconds = []
    for article in articles:
        best = float("inf")
        for _ in range(REPEATS):
            start = time.process_time()
            work(article)
            best = min(best, time.process_time() - start)
        seconds.append(best)
    return seconds


@dataclass(frozen=True, slots=True)
class SpeedResult:
    name: str
    timings: list[Timing]
    lexrank_ratio: float | None

    def table(self) -> str:
        lines = [
            f"### Speed, {self.name} (CPU ms per article, best of {REPEATS} runs each)",
            "",
            "| what | median | p95 | mean |",
            "|---|---:|---:|---:|",
            *(t.row() for t in self.timings),
        ]
        if self.lexrank_ratio is not None:
            lines += [
                "",
                "sumy LexRank / precis rank (median, same split input): "
                f"**{self.lexrank_ratio:.1f}x**",
            ]
        return "\n".join(lines)


def measure_speed(
    name: str, articles: Sequence[Article], *, with_lexrank: bool = True
) -> SpeedResult:
    engine = ExtractiveSummarizer()

    def split_only(article: Article) -> object:
        return split_document(article.document)

    def split_and_rank(article: Article) -> object:
        return engine.rank(article.document, split_document(article.document))

    def rank_only(article: Article) -> object:
        return engine.rank(article.document, article.sentences)

    timings = [
        summarize_times("precis split", time_each(articles, split_only)),
        summarize_times("precis rank (pre-split)", time_each(articles, rank_only)),
        summarize_times("precis split + rank", time_each(articles, split_and_rank)),
    ]
    ratio = None
    if with_lexrank:
        lexrank = sumy_picker("LexRank")
        timings.append(
            summarize_times(
                "sumy LexRank (pre-split)", time_each(articles, lambda a: lexrank(a, 3))
            )
        )
        ratio = timings[-1].median_ms / timings[1].median_ms
    return SpeedResult(name, timings, ratio)


_IMPORT_PROBE = (
    "import time; c = time.process_time(); t = time.perf_counter(); import precis; "
    "from precis.summarize.engine import default_summarizer; "
    "from precis.summarize.sentences import split_document; "
    "print(time.process_time() - c, time.perf_counter() - t)"
)


def import_time_ms(runs: int = 7) -> tuple[float, float]:
    """Median (CPU, wall) ms to import precis, the engine and the splitter, fresh interpreters."""
    cpu, wall = [], []
    for _ in range(runs):
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "-c", _IMPORT_PROBE], check=True, capture_output=True, text=True
        )
        cpu_seconds, wall_seconds = result.stdout.split()
        cpu.append(float(cpu_seconds))
        wall.append(float(wall_seconds))
    return 1000 * statistics.median(cpu), 1000 * statistics.median(wall)


@dataclass(frozen=True, slots=True)
class BatchSpeed:
    """`precis summarize --jsonl` as a user runs it, against sumy LexRank's ranking alone."""

    articles: int
    process_ms_per_article: float
    lexrank_ms_per_article: float

    @property
    def ratio(self) -> float:
        return self.lexrank_ms_per_article / self.process_ms_per_article

    def table(self) -> str:
        return "\n".join(
            [
                f"### Whole process, `precis summarize --jsonl` over {self.articles} articles",
                "",
                "| what | CPU ms per article |",
                "|---|---:|",
                "| precis summarize --jsonl (startup, extraction, split, rank, JSON; "
                f"best of {REPEATS} runs) | {self.process_ms_per_article:.3f} |",
                "| sumy LexRank, ranking only (pre-split, 3 sentences; best of "
                f"{REPEATS} per article) | {self.lexrank_ms_per_article:.3f} |",
                "",
                f"LexRank ranking / whole precis process: **{self.ratio:.1f}x**",
            ]
        )


def _child_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_batch(articles: Sequence[Article]) -> BatchSpeed:
    """CPU time of whole `python -m precis summarize --jsonl` runs (the best of REPEATS) per
    article, and LexRank's ranking of the same pre-split articles, in this one run."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "batch.jsonl")  # noqa: PTH118
        with open(path, "w", encoding="utf-8") as handle:  # noqa: PTH123
            for article in articles:
                row = {"id": article.id, "article": article.document.text}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        best = float("inf")
        for _ in range(REPEATS):
            before = _child_cpu_seconds()
            subprocess.run(  # noqa: S603 - fixed arguments
                [sys.executable, "-m", "precis", "summarize", "--jsonl", path],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            best = min(best, _child_cpu_seconds() - before)
    lexrank = sumy_picker("LexRank")
    lexrank_seconds = time_each(articles, lambda a: lexrank(a, 3))
    return BatchSpeed(
        len(articles), 1000 * best / len(articles), 1000 * statistics.fmean(lexrank_seconds)
    )
