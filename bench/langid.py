"""Language identification on ../shared/eval/langid, against the previous detector, same run.

Goals (issue 10): on 8-sentence texts across all 75 languages at most 3% wrong codes (anything
but the right code or "und"); the 7 languages Précis knew before (en es fr de it pt nl) at
least 99% right; their single sentences at least 95% right; at most 0.2 ms CPU per article
(detect_language on what build_metadata passes it, over the CNN/DM dev articles); at most
30 MB of memory for the model (resident memory a fresh interpreter gains loading it).

The texts: each language's file, one sentence a line, cut into consecutive runs of 8. Both
halves of every file are scored apart as well: a rule tuned to one half would show there.

    python -m bench.langid
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.data import REPO, eval_dir, load_articles
from bench.langid_baseline import detect_language as baseline_detect
from precis.metadata import detect_language

KNOWN_BEFORE = ("en", "es", "fr", "de", "it", "pt", "nl")
TEXT_SENTENCES = 8
WRONG_GOAL = 0.03
KNOWN_TEXT_GOAL = 0.99
KNOWN_SENTENCE_GOAL = 0.95
COST_MS_GOAL = 0.2
MEMORY_MB_GOAL = 30.0
# What build_metadata passes the detector: the title and the opening of the text.
_ARTICLE_SAMPLE = 4000

_MEMORY_PROBE = """
import sys
sys.path.insert(0, {layer!r})
from precis.metadata import identifier
def resident():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * {page}
import fasttext
before = resident()
identifier.predict("warm up")
print((resident() - before) / 1e6)
"""

Detector = Callable[[str], str]


@dataclass
class Tally:
    """Right, undetermined and wrong answers, and the wrong codes given per language."""

    right: int = 0
    undetermined: int = 0
    wrong: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, expected: str, got: str) -> None:
        if got == expected:
            self.right += 1
        elif got == "und":
            self.undetermined += 1
        else:
            self.wrong += 1
            self.confusions[(expected, got)] += 1

    @property
    def total(self) -> int:
        return self.right + self.undetermined + self.wrong

    def share(self, count: int) -> float:
        return count / self.total if self.total else 0.0


@dataclass
class Corpus:
    """Per language, its 8-sentence texts and its single sentences."""

    texts: dict[str, list[str]]
    sentences: dict[str, list[str]]


def load_corpus(root: Path) -> Corpus:
    texts: dict[str, list[str]] = {}
    sentences: dict[str, list[str]] = {}
    for path in sorted(root.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        sentences[path.stem] = lines
        texts[path.stem] = [
            " ".join(lines[start : start + TEXT_SENTENCES])
            for start in range(0, len(lines) - TEXT_SENTENCES + 1, TEXT_SENTENCES)
        ]
    return Corpus(texts, sentences)


def score(
    detect: Detector, samples: dict[str, list[str]], languages: Sequence[str] | None = None
) -> Tally:
    tally = Tally()
    for language, items in samples.items():
        if languages is None or language in languages:
            for item in items:
                tally.add(language, detect(item))
    return tally


def halves(samples: dict[str, list[str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    first = {language: items[: len(items) // 2] for language, items in samples.items()}
    second = {language: items[len(items) // 2 :] for language, items in samples.items()}
    return first, second


def cost_ms(detect: Detector, samples: Sequence[str], rounds: int = 3) -> float:
    """Median CPU ms of one call, over `rounds` passes (the first call loads the model)."""
    detect(samples[0])
    per_call: list[float] = []
    for _ in range(rounds):
        started = time.process_time()
        for sample in samples:
            detect(sample)
        per_call.append((time.process_time() - started) * 1000 / len(samples))
    return statistics.median(per_call)


def model_memory_mb() -> float:
    """Resident MB a fresh interpreter gains loading the model (after importing fastText)."""
    import os

    probe = _MEMORY_PROBE.format(
        layer=str(REPO / "layers" / "precis"), page=os.sysconf("SC_PAGE_SIZE")
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def article_samples(root: Path) -> list[str]:
    articles = load_articles(root / "cnndm_dev.jsonl")
    return [
        f"{article.document.title or ''}\n{article.document.text[:_ARTICLE_SAMPLE]}"
        for article in articles
    ]


def _row(label: str, tally: Tally) -> str:
    return (
        f"| {label} | {tally.total} | {tally.share(tally.right):.1%} | "
        f"{tally.share(tally.undetermined):.1%} | {tally.share(tally.wrong):.1%} |"
    )


def main() -> int:
    root = eval_dir() / "langid"
    if not root.is_dir():
        print(f"error: {root} is missing (the langid sentences of the eval data)", file=sys.stderr)
        return 2
    corpus = load_corpus(root)
    detectors: tuple[tuple[str, Detector], ...] = (
        ("before (function words)", baseline_detect),
        ("now (lid.176)", detect_language),
    )
    print(
        f"{len(corpus.texts)} languages; {sum(map(len, corpus.texts.values()))} texts of "
        f"{TEXT_SENTENCES} sentences, {sum(map(len, corpus.sentences.values()))} sentences. "
        "Right / und / wrong shares."
    )
    print()
    print("| detector, set | n | right | und | wrong |")
    print("|---|---|---|---|---|")
    results: dict[str, dict[str, Tally]] = {}
    for name, detect in detectors:
        first, second = halves(corpus.texts)
        results[name] = {
            "all": score(detect, corpus.texts),
            "known texts": score(detect, corpus.texts, KNOWN_BEFORE),
            "known sentences": score(detect, corpus.sentences, KNOWN_BEFORE),
            "sentences": score(detect, corpus.sentences),
        }
        print(_row(f"{name}: 8-sentence texts, all languages", results[name]["all"]))
        print(_row(f"{name}: texts, first half of each file", score(detect, first)))
        print(_row(f"{name}: texts, second half of each file", score(detect, second)))
        print(_row(f"{name}: texts, the 7 known before", results[name]["known texts"]))
        print(_row(f"{name}: single sentences, the 7", results[name]["known sentences"]))
        print(_row(f"{name}: single sentences, all languages", results[name]["sentences"]))
    now = results["now (lid.176)"]
    print()
    wrong = now["all"].confusions.most_common(8)
    shown = ", ".join(f"{expected}->{got} {n}" for (expected, got), n in wrong)
    print(f"Wrong codes now (texts): {shown or 'none'}")
    undetermined = Counter[str]()
    for language, items in corpus.texts.items():
        undetermined[language] = sum(detect_language(item) == "und" for item in items)
    shown = ", ".join(
        f"{lang} {n}/{len(corpus.texts[lang])}" for lang, n in undetermined.most_common(8)
    )
    print(f"Most often und now (texts): {shown}")

    samples = article_samples(eval_dir())
    before_ms, now_ms = cost_ms(baseline_detect, samples), cost_ms(detect_language, samples)
    memory = model_memory_mb()
    print()
    print(
        f"Cost per article (CNN/DM dev, n={len(samples)}, CPU, median of 3 passes): "
        f"now {now_ms:.3f} ms, before {before_ms:.3f} ms ({now_ms / before_ms:.1f}x)"
    )
    print(f"Model memory: {memory:.1f} MB resident (fresh interpreter, after import fasttext)")

    goals = (
        (
            f"texts, all languages: wrong <= {WRONG_GOAL:.0%}",
            now["all"].share(now["all"].wrong) <= WRONG_GOAL,
        ),
        (
            f"texts, the 7: right >= {KNOWN_TEXT_GOAL:.0%}",
            now["known texts"].share(now["known texts"].right) >= KNOWN_TEXT_GOAL,
        ),
        (
            f"single sentences, the 7: right >= {KNOWN_SENTENCE_GOAL:.0%}",
            now["known sentences"].share(now["known sentences"].right) >= KNOWN_SENTENCE_GOAL,
        ),
        (f"cost per article <= {COST_MS_GOAL} ms", now_ms <= COST_MS_GOAL),
        (f"model memory <= {MEMORY_MB_GOAL:.0f} MB", memory <= MEMORY_MB_GOAL),
    )
    print()
    print("| goal | result |")
    print("|---|---|")
    for label, ok in goals:
        print(f"| {label} | {'PASS' if ok else 'FAIL'} |")
    return 0 if all(ok for _, ok in goals) else 1


if __name__ == "__main__":
    sys.exit(main())
