"""Powertools Logger and Metrics shared by the functions, and the metrics the ingest emits.

One Logger and one Metrics per process: Powertools keeps the metric set at class level, so
the handler's `log_metrics` decorator flushes whatever the layer added during the call.
"""

from __future__ import annotations

import os

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit, single_metric

SERVICE = os.environ.get("POWERTOOLS_SERVICE_NAME") or "precis"
NAMESPACE = os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "Precis"

ARTICLES_SUMMARIZED = "ArticlesSummarized"
SUMMARIZE_FAILED = "SummarizeFailed"
SUMMARIZE_LATENCY = "SummarizeLatency"
INPUT_BYTES = "InputBytes"
EVENTS_SKIPPED = "EventsSkipped"
SUMMARIZE_RETRIED = "SummarizeRetried"
ARTICLES_DELETED = "ArticlesDeleted"
ENGINE_FALLBACKS = "EngineFallbacks"

logger = Logger(service=SERVICE)
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)


def count_summarized(*, latency_ms: float, input_bytes: int) -> None:
    """One article summarized (or its summary reused): count, latency and size."""
    metrics.add_metric(name=ARTICLES_SUMMARIZED, unit=MetricUnit.Count, value=1)
    metrics.add_metric(name=SUMMARIZE_LATENCY, unit=MetricUnit.Milliseconds, value=latency_ms)
    metrics.add_metric(name=INPUT_BYTES, unit=MetricUnit.Bytes, value=input_bytes)


def count_failed(code: str) -> None:
    """One article failed with `code`: its own EMF blob, so the code can be a dimension."""
    _count_by(SUMMARIZE_FAILED, "code", code)


def count_retried(code: str) -> None:
    """An article handed back to the queue for another attempt, by the transient error's code."""
    _count_by(SUMMARIZE_RETRIED, "code", code)


def count_skipped(reason: str) -> None:
    """An event that needed no work (duplicate, stale, not an article)."""
    _count_by(EVENTS_SKIPPED, "reason", reason)


def count_deleted() -> None:
    metrics.add_metric(name=ARTICLES_DELETED, unit=MetricUnit.Count, value=1)


def count_fallback() -> None:
    """A summary the configured engine (Bedrock) left to the extractive fallback."""
    metrics.add_metric(name=ENGINE_FALLBACKS, unit=MetricUnit.Count, value=1)


def _count_by(name: str, dimension: str, value: str) -> None:
    with single_metric(
        name=name,
        unit=MetricUnit.Count,
        value=1,
        namespace=NAMESPACE,
        default_dimensions={"service": SERVICE},
    ) as metric:
        metric.add_dimension(name=dimension, value=value)
