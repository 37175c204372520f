"""trafilatura and lxml load only when an HTML article arrives, never at import or for text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
HEAVY = ("trafilatura", "lxml", "justext", "htmldate", "courlan", "babel", "dateparser")

_PROBE = """
import importlib.util, sys
for path in {handlers!r}:
    spec = importlib.util.spec_from_file_location("handler_" + str(len(path)), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
from precis.extract import extract_document
extract_document({data!r}, filename={name!r})
print(" ".join(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def _loaded_after(data: bytes, name: str) -> set[str]:
    handlers = [str(path) for path in sorted((REPO / "functions").glob("*/app.py"))]
    code = _PROBE.format(handlers=handlers, data=data, name=name, heavy=HEAVY)
    environment = {
        "AWS_DEFAULT_REGION": "eu-west-1",
        "TABLE_NAME": "t",
        "BUCKET_NAME": "b",
        "EVENT_BUS_NAME": "default",
        "CURSOR_SECRET": "0123456789abcdef0123456789abcdef",
        "POWERTOOLS_METRICS_NAMESPACE": "Precis",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(  # noqa: S603 - this interpreter, generated code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        cwd=REPO,
    )
    return set(result.stdout.split())


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"The ferry resumed on Monday after a week of storms.", "a.txt"),
        (b"# Ferry\n\nThe ferry resumed on Monday after a week of storms.", "a.md"),
        (b'{"title": "Ferry", "body": "The ferry resumed on Monday."}', "a.json"),
    ],
    ids=["text", "markdown", "json"],
)
def test_handlers_and_non_html_uploads_never_load_the_html_extractor(
    data: bytes, name: str
) -> None:
    assert _loaded_after(data, name) == set()


def test_an_html_upload_loads_it() -> None:
    page = b"<!DOCTYPE html><html><body><p>The ferry resumed on Monday.</p></body></html>"

    assert {"trafilatura", "lxml"} <= _loaded_after(page, "a.html")
