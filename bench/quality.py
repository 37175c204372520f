"""Quality: ROUGE of our engine against Lead-k and every sumy method on the same split sentences.

Every set is scored in one run with one splitter; differences to Lead-k (and to the best sumy
method) come with paired-bootstrap 95% intervals over documents, for R-2 and R-Lsum. The
validation file (train/cnndm_val_cased.jsonl) is where the ranker's knobs were chosen; the
dev files are reported, never tuned on.
"""

from __future__ import annotations

import random
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.data import Article, load_articles, require_eval_files
from precis.summarize.extractive import ExtractiveSummarizer
from precis.summarize.protocol import Summarizer

Picker = Callable[[Article, int], list[str]]
METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
SUMY_METHODS = ("LexRank", "TextRank", "LSA", "Luhn", "KL-Sum")
# BASELINES.md's sumy setup: no NLTK punkt, so documents are built from our sentences
# with this word pattern, sumy's Snowball stemmer and its English stop words.
_SUMY_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Score:
    method: str
    rouge1: float
    rouge2: float
    rougeL: float  # noqa: N815 - the metric's own name
    rougeLsum: float  # noqa: N815
    per_document_rouge2: tuple[float, ...] = field(default=(), repr=False)
    per_document_rouge_lsum: tuple[float, ...] = field(default=(), repr=False)


def score_method(articles: Sequence[Article], pick: Picker, k: int, method: str) -> Score:
    """Mean ROUGE F1 x 100 of `pick` over `articles` (rouge-score, stemmed, Lsum by line)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    totals = {metric: 0.0 for metric in METRICS}
    per_document: list[float] = []
    per_document_lsum: list[float] = []
    for article in articles:
        prediction = "\n".join(pick(article, k))
        result = scorer.score("\n".join(article.reference_sentences), prediction)
        for metric in METRICS:
            totals[metric] += result[metric].fmeasure
        per_document.append(100.0 * result["rouge2"].fmeasure)
        per_document_lsum.append(100.0 * result["rougeLsum"].fmeasure)
    n = max(1, len(articles))
    values = [100.0 * totals[metric] / n for metric in METRICS]
    rouge1, rouge2, rouge_l, rouge_lsum = values
    return Score(
        method, rouge1, rouge2, rouge_l, rouge_lsum, tuple(per_document), tuple(per_document_lsum)
    )


def paired_bootstrap(
    ours: Sequence[float], theirs: Sequence[float], resamples: int = 1000
) -> tuple[float, float, float]:
    """Mean difference and its 95% interval, resampling documents (fixed seed)."""
    differences = [a - b for a, b in zip(ours, theirs, strict=True)]
    n = len(differences)
    rng = random.Random(20240601)
    means = sorted(
        statistics.fmean(differences[rng.randrange(n)] for _ in range(n)) for _ in range(resamples)
    )
    return (
        statistics.fmean(differences),
        means[int(0.025 * resamples)],
        means[int(0.975 * resamples)],
    )


def ours(summarizer: Summarizer) -> Picker:
    def pick(article: Article, k: int) -> list[str]:
        ranking = summarizer.rank(article.document, article.sentences)
        return [s.text for s in ranking.select(k)]

    return pick


def lead(article: Article, k: int) -> list[str]:
    return [s.text for s in article.sentences[:k]]


class _SumyTokenizer:
    language = "english"

    def to_words(self, text: str) -> list[str]:
        return _SUMY_WORD.findall(text)

    def to_sentences(self, text: str) -> list[str]:
        return [text]


def sumy_picker(method: str) -> Picker:
    """A sumy summarizer fed our split sentences directly (see BASELINES.md)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes: dict[str, Any] = {
        "LexRank": LexRankSummarizer,
        "TextRank": TextRankSummarizer,
        "LSA": LsaSummarizer,
        "Luhn": LuhnSummarizer,
        "KL-Sum": KLSummarizer,
    }
    summarizer = classes[method](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _SumyTokenizer()

    def pick(article: Article, k: int) -> list[str]:
        by_paragraph: dict[int, list[Any]] = {}
        index: dict[int, int] = {}
        for position, sentence in enumerate(article.sentences):
            built = SumySentence(sentence.text, tokenizer)
            index[id(built)] = position
            by_paragraph.setdefault(sentence.paragraph, []).append(built)
        document = ObjectDocumentModel([Paragraph(p) for p in by_paragraph.values()])
        chosen = summarizer(document, k)
        positions = sorted(index[id(s)] for s in chosen)
        return [article.sentences[p].text for p in positions]

    return pick


def format_table(title: str, scores: Sequence[Score]) -> str:
    lines = [
        f"### {title}",
        "",
        "| method | R-1 | R-2 | R-L | R-Lsum |",
        "|---|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.method} | {s.rouge1:.2f} | {s.rouge2:.2f} | {s.rougeL:.2f} | {s.rougeLsum:.2f} |"
        )
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Difference:
    """Ours minus another method: mean over documents and its paired-bootstrap 95% CI."""

    other: str
    metric: str
    mean: float
    low: float
    high: float

    def __str__(self) -> str:
        return (
            f"{self.metric} ours - {self.other}: {self.mean:+.2f} "
            f"[95% CI {self.low:+.2f}, {self.high:+.2f}]"
        )


def differences(mine: Score, other: Score) -> list[Difference]:
    r2 = paired_bootstrap(mine.per_document_rouge2, other.per_document_rouge2)
    lsum = paired_bootstrap(mine.per_document_rouge_lsum, other.per_document_rouge_lsum)
    return [Difference(other.method, "R-2", *r2), Difference(other.method, "R-Lsum", *lsum)]


@dataclass(frozen=True, slots=True)
class SetResult:
    name: str
    k: int
    scores: list[Score]
    checks: list[tuple[str, bool]]
    n: int = 0

    @property
    def versus_lead(self) -> list[Difference]:
        return differences(self.scores[0], self.scores[1])

    def table(self) -> str:
        text = format_table(f"{self.name}, {self.k} sentence(s), n={self.n}", self.scores)
        mine, _lead, *others = self.scores
        notes = [str(d) for d in self.versus_lead]
        if others:
            best = max(others, key=lambda s: s.rouge2)
            notes += [str(d) for d in differences(mine, best)]
        return (
            text + "\n\n" + "; ".join(notes) + " (paired bootstrap over documents, 1,000 resamples)"
        )


def evaluate_set(
    name: str, k: int, *, summarizer: Summarizer | None = None, with_sumy: bool = True
) -> SetResult:
    """ROUGE for ours, Lead-k and (optionally) every sumy method on one eval file."""
    root = require_eval_files(name)
    articles = load_articles(root / name)
    engine = summarizer or ExtractiveSummarizer()
    scores = [
        score_method(articles, ours(engine), k, f"precis {engine.name} {engine.version}"),
        score_method(articles, lead, k, f"Lead-{k}"),
    ]
    if with_sumy:
        scores += [score_method(articles, sumy_picker(m), k, f"sumy {m}") for m in SUMY_METHODS]
    return SetResult(name, k, scores, _checks(scores, k, with_sumy), n=len(articles))


R2_MARGIN_GOAL = 0.5  # CNN/DM, 3 sentences: R-2 at least Lead-3 + 0.5
XSUM_R2_GOAL = 3.0  # XSum, 1 sentence


def _checks(scores: list[Score], k: int, with_sumy: bool) -> list[tuple[str, bool]]:
    """The issue's goals: CNN/DM (k=3) R-2 >= Lead-3 + 0.5 and R-Lsum >= Lead-3; XSum (k=1)
    R-2 >= 3.0, above Lead-1 and above every sumy method."""
    mine, lead_k, *others = scores
    if k > 1:
        checks = [
            (
                f"R-2 >= Lead-{k} + {R2_MARGIN_GOAL} ({mine.rouge2:.2f} vs {lead_k.rouge2:.2f})",
                mine.rouge2 >= lead_k.rouge2 + R2_MARGIN_GOAL,
            ),
            (
                f"R-Lsum >= Lead-{k} ({mine.rougeLsum:.2f} vs {lead_k.rougeLsum:.2f})",
                mine.rougeLsum >= lead_k.rougeLsum,
            ),
        ]
    else:
        checks = [
            (f"R-2 >= {XSUM_R2_GOAL} ({mine.rouge2:.2f})", mine.rouge2 >= XSUM_R2_GOAL),
            (
                f"R-2 > Lead-{k} ({mine.rouge2:.2f} vs {lead_k.rouge2:.2f})",
                mine.rouge2 > lead_k.rouge2,
            ),
        ]
    if with_sumy and others:
        best = max(others, key=lambda s: s.rouge2)
        checks.append(
            (f"R-2 > every sumy (best {best.method} {best.rouge2:.2f})", mine.rouge2 > best.rouge2)
        )
    return checks


def margin_checks(result: SetResult) -> list[tuple[str, bool]]:
    """Margins over Lead-k that count: the 95% interval lies above zero."""
    return [
        (f"{d.metric} - Lead-{result.k} CI above 0 ({d.low:+.2f}, {d.high:+.2f})", d.low > 0)
        for d in result.versus_lead
    ]
