"""`make demo`, the README's first command: the report a newcomer reads, and its exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from local import demo

pytestmark = pytest.mark.e2e


def test_demo_reports_every_sample_and_the_bad_files_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = demo.main([])

    report = capsys.readouterr().out
    assert status == 0, report
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
