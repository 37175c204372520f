"""Factories for event tests: finished records and a recording metrics sink."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aws_lambda_powertools import Metrics

from precis.record import EngineRef, ErrorInfo, SourceRef, Status, SummaryRecord

RecordFactory = Callable[..., SummaryRecord]


@pytest.fixture
def make_record() -> RecordFactory:
    def factory(status: Status = Status.COMPLETED, **overrides: Any) -> SummaryRecord:
        fields: dict[str, Any] = {
            "article_id": "world/harbour-reopens",
            "status": status,
            "title": "Harbour reopens after storm repairs",
            "summary": "The harbour reopened on Monday. Ferries resume on Friday.",
            "source": SourceRef(
                bucket="precis-articles", key="articles/world/harbour-reopens.txt", version_id="v2"
            ),
            "engine": EngineRef(name="extractive", version="1"),
            "created_at": "2026-01-05T10:00:00.000Z",
            "updated_at": "2026-01-05T10:00:01.000Z",
        }
        if status is Status.FAILED:
            fields |= {
                "summary": None,
                "engine": None,
                "error": ErrorInfo(code="EMPTY", message="the article has no text"),
            }
        fields |= overrides
        return SummaryRecord(**fields)

    return factory


@pytest.fixture
def metrics() -> Iterator[Metrics]:
    # Powertools keeps one metric set per process: start and end every test with it empty.
    sink = Metrics(namespace="PrecisTest", service="precis")
    sink.clear_metrics()
    yield sink
    sink.clear_metrics()
