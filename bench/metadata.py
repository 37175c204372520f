"""Metadata speed and shape on the dev sets, and the import cost of the `precis` command.

Goals (issue 2, point 4): build_metadata well under a millisecond or two per typical article,
5-10 keywords for a normal article, English detected on English news; `import precis.cli` in
well under 100 ms. Times are CPU time (process_time): on a shared machine wall time mostly
measures the neighbours.

    python -m bench.metadata
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence

from bench.data import DEV_SETS, REPO, Article, load_articles, require_eval_files
from precis.metadata import build_metadata

_IMPORT_PROBE = (
    "import sys, time; sys.path.insert(0, {layer!r}); t = time.process_time(); "
    "import {module}; print(time.process_time() - t)"
)


def measure_metadata(name: str, articles: Sequence[Article]) -> str:
    """One table row: median and p90 ms per article, keyword counts, languages."""
    for article in articles:  # warm the per-language token caches, as a running function has
        build_metadata(article.document, article.sentences)
    times: list[float] = []
    keyword_counts: list[int] = []
    languages: Counter[str] = Counter()
    for article in articles:
        started = time.process_time()
        metadata = build_metadata(article.document, article.sentences)
        times.append((time.process_time() - started) * 1000)
        keyword_counts.append(len(metadata.keywords))
        languages[metadata.language] += 1
    times.sort()
    in_range = sum(5 <= count <= 10 for count in keyword_counts) / len(keyword_counts)
    words = statistics.median(len(a.document.text.split()) for a in articles)
    return (
        f"| {name} | {len(articles)} | {words:.0f} | {statistics.median(times):.2f} | "
        f"{times[int(len(times) * 0.9)]:.2f} | {in_range:.0%} | "
        f"{', '.join(f'{lang} {count}' for lang, count in languages.most_common(3))} |"
    )


def import_ms(module: str, rounds: int = 5) -> float:
    """Median CPU ms to import `module` in a fresh interpreter."""
    samples = []
    for _ in range(rounds):
        probe = _IMPORT_PROBE.format(layer=str(REPO / "layers" / "precis"), module=module)
        result = subprocess.run(  # noqa: S603  (our own interpreter)
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
        samples.append(float(result.stdout) * 1000)
    return statistics.median(samples)


def main() -> int:
    root = require_eval_files(*DEV_SETS)
    print("| set | articles | median words | median ms | p90 ms | 5-10 keywords | languages |")
    print("|---|---|---|---|---|---|---|")
    for name in DEV_SETS:
        print(measure_metadata(name, load_articles(root / name)))
    print()
    for module in ("precis.cli", "precis.metadata", "precis.analyze"):
        print(f"import {module}: {import_ms(module):.1f} ms CPU (median of 5 fresh interpreters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
