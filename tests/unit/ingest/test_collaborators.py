"""The ingestor logs and counts through the Powertools logger and metrics it is given."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from aws_lambda_powertools import Metrics

from precis.pipeline.ingestor import Ingestor

from .conftest import Harness, notification

ARTICLE = (
    b"The harbour reopened on Monday after a month of repairs. Fishing boats returned at dawn. "
    b"The council said the new wall would hold back winter storms for decades to come."
)


@dataclass
class RecordingLogger:
    lines: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    correlation_ids: list[str] = field(default_factory=list)

    def set_correlation_id(self, value: str) -> None:
        self.correlation_ids.append(value)

    def info(self, message: str, *, extra: dict[str, Any]) -> None:
        self.lines.append(("info", message, extra))

    def error(self, message: str, *, extra: dict[str, Any]) -> None:
        self.lines.append(("error", message, extra))


@dataclass
class RecordingMetrics:
    namespace: str = "PrecisTest"
    service: str = "precis-test"
    added: list[tuple[str, float]] = field(default_factory=list)

    def add_metric(self, *, name: str, unit: Any, value: float) -> None:
        self.added.append((name, value))


@pytest.fixture
def wired(harness: Harness) -> tuple[Ingestor, RecordingLogger, RecordingMetrics]:
    logger, metrics = RecordingLogger(), RecordingMetrics()
    ingestor = Ingestor(
        store=harness.store,
        reader=harness.reader,  # type: ignore[arg-type]
        settings=harness.ingestor.settings,
        publisher=harness.publisher,
        logger=logger,  # type: ignore[arg-type]
        metrics=metrics,  # type: ignore[arg-type]
    )
    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")
    harness.reader.objects["articles/local/scan.pdf"] = (b"%PDF-1.7 binary", "application/pdf")
    return ingestor, logger, metrics


def test_a_summary_is_logged_and_counted_on_the_injected_collaborators(
    wired: tuple[Ingestor, RecordingLogger, RecordingMetrics],
) -> None:
    ingestor, logger, metrics = wired

    ingestor.process_message(json.dumps(notification("articles/local/harbour.txt", size=160)))

    assert logger.correlation_ids == ["s3://articles-bucket/articles/local/harbour.txt"]
    assert [(level, message) for level, message, _ in logger.lines] == [("info", "completed")]
    assert logger.lines[0][2]["article_id"] == "local/harbour"
    assert [name for name, _ in metrics.added] == [
        "ArticlesSummarized",
        "SummarizeLatency",
        "InputBytes",
    ]


def test_a_failure_is_counted_in_the_injected_namespace(
    wired: tuple[Ingestor, RecordingLogger, RecordingMetrics],
    capsys: pytest.CaptureFixture[str],
) -> None:
    ingestor, logger, _ = wired

    ingestor.process_message(json.dumps(notification("articles/local/scan.pdf")))

    assert [message for _, message, _ in logger.lines] == ["failed"]
    blob = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert blob["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "PrecisTest"
    assert blob["SummarizeFailed"] == [1.0]
    assert blob["service"] == "precis-test"


def test_without_collaborators_the_process_wide_ones_are_used(harness: Harness) -> None:
    from precis import observability

    harness.reader.objects["articles/local/harbour.txt"] = (ARTICLE, "text/plain")

    harness.ingestor.process_message(json.dumps(notification("articles/local/harbour.txt")))

    assert isinstance(observability.metrics, Metrics)
    assert observability.ARTICLES_SUMMARIZED in observability.metrics.metric_set
