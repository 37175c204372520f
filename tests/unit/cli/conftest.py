"""Articles written to disk in every supported format, and a runner for the real command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

TITLE = "Valley Library Opens After Flood Repairs"
PARAGRAPHS = (
    "The Valley public library reopened on Saturday, two years after a flood ruined its "
    "ground floor and most of its children's books.",
    "Librarian Maya Torres said volunteers had catalogued more than nine thousand donated "
    "books during the repairs. The new ground floor sits a metre higher than the old one.",
    "The town paid for the repairs with a state grant and a local bond approved by voters "
    "last spring. Opening hours will stay the same as before the flood.",
    "Children lined up before nine o'clock to borrow the first books from the new shelves.",
)
SENTENCE_COUNT = 6


def _html() -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{TITLE}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{TITLE}</h1>{body}</article>"
        f"<footer>Copyright Valley Gazette</footer></body></html>"
    )


ARTICLES: dict[str, str] = {
    "txt": TITLE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n",
    "md": f"# {TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n",
    "html": _html(),
    "json": json.dumps({"title": TITLE, "body": "\n\n".join(PARAGRAPHS)}),
}


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[[str], Path]:
    """Writes the test article in format `fmt` and returns its path."""

    def write(fmt: str, name: str = "article") -> Path:
        path = tmp_path / f"{name}.{fmt}"
        path.write_text(ARTICLES[fmt], encoding="utf-8")
        return path

    return write


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> Callable[[bytes], None]:
    """Replaces standard input with the given bytes."""

    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))

    return feed


@pytest.fixture
def run_precis() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs `python -m precis ARGS` in a child process, as a user would."""

    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603  (our own interpreter and module)
            [sys.executable, "-m", "precis", *args],
            input=input,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    return run
