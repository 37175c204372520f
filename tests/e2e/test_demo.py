"""`make demo`, the README's first command: the report a newcomer reads, and its exit status."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from local import demo

pytestmark = pytest.mark.e2e


def test_demo_reports_every_sample_and_the_bad_files_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    pages: dict[str, str] = {}

    def reader() -> None:  # while the demo waits for Enter, its demo page is up
        seen.append(capsys.readouterr().out)
        found = re.search(r"The widget on a news page: (http://\S+)", seen[0])
        assert found is not None, seen[0]
        for name, url in (
            ("page", found.group(1)),
            ("script", re.sub(r"/demo/.*", "/widget.js", found.group(1))),
        ):
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local stack
                pages[name] = response.read().decode("utf-8")

    monkeypatch.setattr(demo, "_wait_for_reader", reader)
    status = demo.main(["--keep"])

    report = "".join(seen) + capsys.readouterr().out
    assert status == 0, report
    assert "<h1>Harbour Council Approves Flood Barrier After Year of Debate</h1>" in pages["page"]
    assert 'data-precis-article="demo/harbour-council-vote"' in pages["page"]
    assert "customElements.define(TAG" in pages["script"]
    assert "Demo OK" in report
    for title in (
        "Harbour Council Approves Flood Barrier After Year of Debate",
        "Riverside Library Reopens With Rooftop Reading Garden",
        "El mercado de bicicletas usadas vuelve a la plaza mayor",
        "Volunteers Pull Two Tonnes of Waste From the Alder River",
        "Village Solar Cooperative Connects Its Hundredth Home",
    ):
        assert f"title      {title}" in report
    assert "language es" in report
    assert "min read" in report
    assert "keywords   " in report
    assert "error      UNSUPPORTED_TYPE: unsupported file type '.pdf'" in report


def test_report_lines_keep_the_engine_version_whole() -> None:
    outcome = demo.Outcome(
        sample=Path("a.txt"),
        article_id="demo/a",
        status_code=200,
        record={
            "status": "COMPLETED",
            "title": "A title",
            "language": "en",
            "word_count": 201,
            "sentence_count": 9,
            "reading_time_minutes": 1,
            "engine": {"name": "extractive", "version": "1.0.0+cnndm-train-logistic-v4"},
            "keywords": ["harbour"],
            "summary": "One sentence.",
        },
        seconds=0.1,
    )

    text = demo.render(outcome)

    assert "1.0.0+cnndm-train-logistic-v4" in text
    assert all(len(line) <= demo.WIDTH for line in text.splitlines())
