"""Evaluation data for the benchmarks: where it is, how it is read, how it becomes documents."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.models import Document, Sentence
from precis.summarize.sentences import split_document

REPO = Path(__file__).resolve().parent.parent
DEV_SETS = ("cnndm_dev.jsonl", "xsum_dev.jsonl", "bbc_news_summary.jsonl")


def eval_dir() -> Path:
    """`PRECIS_EVAL_DIR`, else ../shared/eval next to the repository."""
    override = os.environ.get("PRECIS_EVAL_DIR")
    return Path(override) if override else REPO.parent / "shared" / "eval"


def require_eval_files(*names: str) -> Path:
    """The eval directory; exits with a clear message when it or one of `names` is missing."""
    root = eval_dir()
    missing = [name for name in names if not (root / name).is_file()]
    if not root.is_dir() or missing:
        what = str(root) if not root.is_dir() else ", ".join(str(root / m) for m in missing)
        print(
            f"error: evaluation data missing: {what}\n"
            "The benchmarks need the eval files (cnndm_dev.jsonl, xsum_dev.jsonl, "
            "bbc_news_summary.jsonl); set PRECIS_EVAL_DIR to the directory holding them.",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return root


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    document: Document
    sentences: tuple[Sentence, ...]
    reference_sentences: tuple[str, ...]


def to_document(text: str, title: str | None = None) -> Document:
    paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    return Document(title=title, paragraphs=paragraphs)


def load_articles(path: Path) -> list[Article]:
    """Rows of a dev file as split documents (articles without sentences are skipped)."""
    articles = []
    for row in read_jsonl(path):
        document = to_document(row["article"], row.get("title"))
        sentences = split_document(document)
        if sentences:
            articles.append(
                Article(row["id"], document, sentences, tuple(row["reference_sentences"]))
            )
    return articles
