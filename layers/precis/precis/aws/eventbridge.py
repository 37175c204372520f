"""EventBridge events about finished summaries: `SummaryCompleted` and `SummaryFailed`.

Publishing happens after the record is stored, so an event that cannot be delivered must
never fail the article: PutEvents is retried a bounded number of times, then the failure is
logged and counted (`EventPublishFailed`) and the caller carries on.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from precis.aws.errors import error_code
from precis.record import Status, SummaryRecord
from precis.views import event_detail

if TYPE_CHECKING:
    from aws_lambda_powertools import Logger, Metrics
    from mypy_boto3_events import EventBridgeClient
    from mypy_boto3_events.type_defs import PutEventsRequestEntryTypeDef

    from precis.config import Settings

EVENT_SOURCE = "precis"
SUMMARY_COMPLETED = "SummaryCompleted"
SUMMARY_FAILED = "SummaryFailed"
PUBLISH_FAILED_METRIC = "EventPublishFailed"
DEFAULT_BUS_NAME = "default"
DEFAULT_MAX_ATTEMPTS = 3
# PutEvents takes 256 KB an entry (detail, type, source, resources together); a summary of
# three 100k-character "sentences" would not fit, so the detail keeps well under the limit.
MAX_DETAIL_BYTES = 200_000
MAX_TITLE_CHARS = 1_000
ELLIPSIS = "…"

# Codes that a later attempt cannot fix: retrying them only delays the handler.
_PERMANENT_CODES = frozenset(
    {
        "AccessDeniedException",
        "ValidationException",
        "MalformedDetail",
        "InvalidArgument",
        "ResourceNotFoundException",
        "UnrecognizedClientException",
    }
)
_DETAIL_TYPES = {Status.COMPLETED: SUMMARY_COMPLETED, Status.FAILED: SUMMARY_FAILED}


class EventPublisher(Protocol):
    def publish(self, record: SummaryRecord) -> None:
        """Announce a COMPLETED or FAILED record; other statuses are ignored. Never raises."""
        ...


class NullPublisher:
    """Publishes nothing: events switched off, unit tests, the CLI."""

    def publish(self, record: SummaryRecord) -> None:
        return None


def detail_type(record: SummaryRecord) -> str | None:
    """`SummaryCompleted` / `SummaryFailed` for a finished record, None for any other status."""
    return _DETAIL_TYPES.get(record.status)


def _encode(detail: dict[str, Any]) -> str:
    return json.dumps(detail, ensure_ascii=False, separators=(",", ":"))


def fitted_detail(record: SummaryRecord, max_bytes: int = MAX_DETAIL_BYTES) -> str:
    """The detail as JSON within `max_bytes`: an oversized title and summary are shortened.

    A shortened detail has `"truncated": true`; the full summary is on the API at `api_path`.
    """
    detail = event_detail(record)
    encoded = _encode(detail)
    if len(encoded.encode()) <= max_bytes:
        return encoded
    detail["truncated"] = True
    if detail["title"] and len(detail["title"]) > MAX_TITLE_CHARS:
        detail["title"] = detail["title"][:MAX_TITLE_CHARS] + ELLIPSIS
    if detail["error"] and len(detail["error"]["message"]) > MAX_TITLE_CHARS:
        detail["error"]["message"] = detail["error"]["message"][:MAX_TITLE_CHARS] + ELLIPSIS
    summary = detail["summary"]
    if summary:
        # The longest prefix that fits; JSON escaping makes bytes a poor guess, so search.
        low, high = 0, len(summary)
        while low < high:
            middle = (low + high + 1) // 2
            detail["summary"] = summary[:middle] + ELLIPSIS
            if len(_encode(detail).encode()) <= max_bytes:
                low = middle
            else:
                high = middle - 1
        detail["summary"] = summary[:low] + ELLIPSIS
    return _encode(detail)


def event_entry(record: SummaryRecord, bus_name: str) -> PutEventsRequestEntryTypeDef | None:
    """The PutEvents entry announcing `record`, or None when its status is not final."""
    kind = detail_type(record)
    if kind is None:
        return None
    entry: PutEventsRequestEntryTypeDef = {
        "Source": EVENT_SOURCE,
        "DetailType": kind,
        "Detail": fitted_detail(record),
        "EventBusName": bus_name,
    }
    if record.source is not None:
        entry["Resources"] = [f"arn:aws:s3:::{record.source.bucket}/{record.source.key}"]
    return entry


def _default_events_client() -> EventBridgeClient:
    import boto3  # noqa: PLC0415 - lazily: no AWS client (or boto3 import) at cold start
    from botocore.config import Config  # noqa: PLC0415

    # Our loop does the retrying (it also covers FailedEntryCount, which botocore does not):
    # botocore's own retries would multiply with it. Worst case: 3 x (1 s + 3 s) = 12 s.
    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=1, read_timeout=3
    )
    return boto3.client("events", config=config)


class EventBridgePublisher:
    """Puts one event per finished record on an EventBridge bus."""

    def __init__(
        self,
        bus_name: str = DEFAULT_BUS_NAME,
        client: EventBridgeClient | None = None,
        *,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        base_delay: float = 0.1,
        metrics: Metrics | None = None,
        logger: Logger | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.bus_name = bus_name
        self._client = client
        self._max_attempts = max(1, max_attempts)
        self._base_delay = base_delay
        self._metrics = metrics
        self._logger = logger
        self._sleep = sleep

    @property
    def client(self) -> EventBridgeClient:
        if self._client is None:
            self._client = _default_events_client()
        return self._client

    def publish(self, record: SummaryRecord) -> None:
        """Put the record's event, retrying briefly; a final failure is logged and counted."""
        entry = event_entry(record, self.bus_name)
        if entry is None:
            return
        code = "Unknown"
        for attempt in range(1, self._max_attempts + 1):
            try:
                response = self.client.put_events(Entries=[entry])
            except Exception as exc:  # any failure: the record is stored, the event is best-effort
                code = error_code(exc) or type(exc).__name__
            else:
                if response.get("FailedEntryCount", 0) == 0:
                    return
                failed = response.get("Entries", [{}])[0]
                code = str(failed.get("ErrorCode") or "FailedEntry")
            if code in _PERMANENT_CODES or attempt == self._max_attempts:
                break
            self._sleep(self._backoff(attempt))
        self._report_failure(record, entry["DetailType"], code, attempt)

    def _backoff(self, attempt: int) -> float:
        # Full jitter keeps a burst of failing handlers from retrying in lockstep.
        ceiling = min(1.0, self._base_delay * 2 ** (attempt - 1))
        return random.uniform(0, ceiling)  # noqa: S311 - jitter, not cryptography

    def _report_failure(self, record: SummaryRecord, kind: str, code: str, attempts: int) -> None:
        logger = self._logger or _module_logger()
        logger.error(
            "event not published",
            extra={
                "article_id": record.article_id,
                "detail_type": kind,
                "error_code": code,
                "attempts": attempts,
                "event_bus": self.bus_name,
            },
        )
        metrics = self._metrics or _module_metrics()
        from aws_lambda_powertools.metrics import MetricUnit  # noqa: PLC0415

        metrics.add_metric(name=PUBLISH_FAILED_METRIC, unit=MetricUnit.Count, value=1)


def _module_logger() -> Logger:
    from precis.observability import logger  # noqa: PLC0415 - only needed on the failure path

    return logger


def _module_metrics() -> Metrics:
    # The shared Metrics: the handler's log_metrics decorator flushes what we add here.
    from precis.observability import metrics  # noqa: PLC0415

    return metrics


def events_disabled(bus_name: str) -> bool:
    """True when EVENT_BUS_NAME switches events off (empty, `none`, `off`, `disabled`)."""
    return bus_name.strip().lower() in {"", "none", "off", "disabled"}


def publisher_for(
    settings: Settings, *, logger: Logger | None = None, metrics: Metrics | None = None
) -> EventPublisher:
    """EventBridge on the bus `settings` name (EVENT_BUS_NAME), or none when it is disabled."""
    bus_name = settings.event_bus_name
    if events_disabled(bus_name):
        return NullPublisher()
    return EventBridgePublisher(bus_name, logger=logger, metrics=metrics)
