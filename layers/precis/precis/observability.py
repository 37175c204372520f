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


class PipelineMetrics:
    """The metrics the ingest emits, added to `metrics` (flushed by the handler's log_metrics).

    Counts with a dimension (failure code, skip reason) go out as their own EMF blob in the
    same namespace and service, so a code can be a dimension without splitting the others.
    """

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    def summarized(self, *, latency_ms: float, input_bytes: int) -> None:
        """One article summarized (or its summary reused): count, latency and size."""
        add = self._metrics.add_metric
        add(name=ARTICLES_SUMMARIZED, unit=MetricUnit.Count, value=1)
        add(name=SUMMARIZE_LATENCY, unit=MetricUnit.Milliseconds, value=latency_ms)
        add(name=INPUT_BYTES, unit=MetricUnit.Bytes, value=input_bytes)

    def failed(self, code: str) -> None:
        """One article failed with `code`."""
        self._count_by(SUMMARIZE_FAILED, "code", code)

    def retried(self, code: str) -> None:
        """An article handed back to the queue for another attempt, by the error's code."""
        self._count_by(SUMMARIZE_RETRIED, "code", code)

    def skipped(self, reason: str) -> None:
        """An event that needed no work (duplicate, stale, not an article)."""
        self._count_by(EVENTS_SKIPPED, "reason", reason)

    def deleted(self) -> None:
        """An article deleted (a tombstone written)."""
        self._metrics.add_metric(name=ARTICLES_DELETED, unit=MetricUnit.Count, value=1)

    def fallback(self) -> None:
        """A summary the configured engine (Bedrock) left to the extractive fallback."""
        self._metrics.add_metric(name=ENGINE_FALLBACKS, unit=MetricUnit.Count, value=1)

    def _count_by(self, name: str, dimension: str, value: str) -> None:
        with single_metric(
            name=name,
            unit=MetricUnit.Count,
            value=1,
            namespace=self._metrics.namespace,
            default_dimensions={"service": str(self._metrics.service)},
        ) as metric:
            metric.add_dimension(name=dimension, value=value)
