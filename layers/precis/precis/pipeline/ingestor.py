"""From an S3 event to a stored summary: the summarize function's whole job.

For each object event: parse the key into an article id, skip what is already done (a
duplicate or stale delivery), read the object with its size checked first, analyze it, and
write the record with a condition on the event order, then announce it on EventBridge.

How each outcome is handled (see also `precis.store` for the ordering rules):
- a permanent problem (unsupported type, empty, undecodable, malformed, too large) is a
  FAILED record with the error's code; the message is done and never retried;
- a transient one (throttling, timeouts, 5xx) is raised, so the batch reports the message
  and only it is retried; on the last allowed receive the record says FAILED with the last
  error code first (it sorts below a final result, so a redrive can still complete it);
- an object that is gone before it is read (NotFound) is treated like a delete: it leaves a
  tombstone at this event's order, never a FAILED record that would resurrect the article;
- ObjectRemoved leaves a tombstone, so a late create that is older cannot resurrect it;
- a key that cannot name an article (`..` segments, control characters) is logged and
  counted as INVALID_KEY, not stored: no API call could ever read it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from precis import observability
from precis.errors import NotFound, PrecisError, TooLarge, loggable_fields
from precis.observability import PipelineMetrics
from precis.pipeline.notifications import InvalidKey, ObjectEvent, article_id_for_key, parse_message
from precis.record import ErrorInfo, SourceRef, Status, SummaryRecord
from precis.store import ABSENT, FINAL, RETRYABLE
from precis.views import stored_record

if TYPE_CHECKING:
    from aws_lambda_powertools import Logger, Metrics
    from mypy_boto3_bedrock_runtime import BedrockRuntimeClient

    from precis.aws.eventbridge import EventPublisher
    from precis.aws.s3 import ObjectHead, S3Object, S3Reader
    from precis.config import Settings
    from precis.models import Analysis
    from precis.store import OrderedWriter, StoredState
    from precis.summarize.protocol import Summarizer

Action = Literal[
    "completed", "reused", "failed", "deleted", "gone", "duplicate", "stale", "ignored"
]

Analyzer = Callable[..., "Analysis"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one object event."""

    action: Action
    article_id: str | None
    key: str
    record: SummaryRecord | None = None
    code: str | None = None


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC to the millisecond with a `Z`: sorts as text (the GSI sort key)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_summarizer_for(settings: Settings) -> Summarizer:
    """The engine SUMMARY_ENGINE names (Bedrock falls back to extractive on any error), with
    the Bedrock client made by the AWS adapter on first use."""
    from precis.summarize.selection import summarizer_for  # noqa: PLC0415 - engines load lazily

    return summarizer_for(
        settings.summary_engine,
        settings.bedrock_model_id,
        summary_sentences=settings.default_summary_sentences,
        client_factory=_bedrock_client,
    )


def _bedrock_client() -> BedrockRuntimeClient:
    from precis.aws import make_bedrock_client  # noqa: PLC0415 - boto3 only when Bedrock runs

    return make_bedrock_client()


def _default_analyzer() -> Analyzer:
    from precis.analyze import analyze_bytes  # noqa: PLC0415 - the domain loads on first use

    analyzer: Analyzer = analyze_bytes
    return analyzer


class Ingestor:
    """Turns S3 object events into stored summary records.

    Collaborators are injected: the store, the S3 reader, the settings, the event publisher,
    the engine (`summarizer`), the analysis, the clock, and the Powertools `logger` and
    `metrics` (by default the process-wide ones of `precis.observability`).
    """

    def __init__(
        self,
        *,
        store: OrderedWriter,
        reader: S3Reader,
        settings: Settings,
        publisher: EventPublisher | None = None,
        summarizer: Summarizer | None = None,
        analyzer: Analyzer | None = None,
        clock: Callable[[], datetime] = utc_now,
        logger: Logger | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.store = store
        self.reader = reader
        self.settings = settings
        self.publisher = publisher
        self._summarizer = summarizer
        self._analyzer = analyzer
        self._clock = clock
        # The process-wide Powertools objects by default: the handler's decorators flush them.
        self._logger = logger or observability.logger
        self._metrics = PipelineMetrics(metrics or observability.metrics)

    @property
    def summarizer(self) -> Summarizer:
        if self._summarizer is None:
            self._summarizer = default_summarizer_for(self.settings)
        return self._summarizer

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = _default_analyzer()
        return self._analyzer

    # -- entry points

    def process_message(self, body: str, *, receive_count: int = 1) -> list[Outcome]:
        """Every object event in one SQS message body.

        Raises MalformedEvent for a body that is not an S3 notification, TransientError (or
        an unexpected error) when an event must be retried: the message is then redelivered
        and the events it already completed are skipped as duplicates.
        """
        return [self.process_event(e, attempt=receive_count) for e in parse_message(body)]

    def process_event(self, event: ObjectEvent, *, attempt: int = 1) -> Outcome:
        """One object event. Raises what must be retried (see `process_message`)."""
        # Every log line of this event carries its S3 key as the correlation id.
        self._logger.set_correlation_id(f"s3://{event.bucket}/{event.key}")
        try:
            article_id = article_id_for_key(event.key, self.settings.articles_prefix)
        except InvalidKey as exc:
            self._metrics.failed(exc.code)
            self._log("invalid key", event=event, code=exc.code, reason=exc.message)
            return Outcome("failed", None, event.key, code=exc.code)
        if article_id is None:
            self._metrics.skipped("not_an_article")
            return Outcome("ignored", None, event.key)
        if event.kind == "removed":
            return self._delete(event, article_id)
        return self._create(event, article_id, attempt)

    # -- deletes

    def _delete(self, event: ObjectEvent, article_id: str) -> Outcome:
        written = self._tombstone(event, article_id)
        if not written:
            self._metrics.skipped("stale")
            return Outcome("stale", article_id, event.key)
        self._metrics.deleted()
        self._log("deleted", event=event, article_id=article_id)
        return Outcome("deleted", article_id, event.key)

    def _tombstone(
        self, event: ObjectEvent, article_id: str, seen: StoredState | None = None
    ) -> bool:
        now = self._clock()
        expires = now + timedelta(days=self.settings.tombstone_ttl_days)
        return self.store.put_tombstone(
            article_id,
            order=event.order + FINAL,
            source=SourceRef(
                bucket=event.bucket,
                key=event.key,
                version_id=event.version_id,
                etag=event.etag,
                sequencer=event.sequencer,
            ),
            deleted_at=timestamp(now),
            expires_at=int(expires.timestamp()),
            seen=seen,
        )

    # -- creates

    def _create(self, event: ObjectEvent, article_id: str, attempt: int) -> Outcome:
        started = time.perf_counter()
        final = event.order + FINAL
        state = self.store.state(article_id) or ABSENT
        if state.order is not None and state.order >= final:
            reason: Action = "duplicate" if state.order == final else "stale"
            self._metrics.skipped(reason)
            self._log("skipped", event=event, article_id=article_id, reason=reason)
            return Outcome(reason, article_id, event.key)
        try:
            return self._summarize(event, article_id, attempt, state, started)
        except NotFound:
            # Deleted before we read it: the article is gone, whatever its delete event says.
            written = self._tombstone(event, article_id, state)
            self._log("gone before processing", event=event, article_id=article_id)
            return Outcome("gone" if written else "stale", article_id, event.key)
        except PrecisError as exc:
            if exc.retryable:
                self._fail_if_last_attempt(event, article_id, attempt, exc)
                raise
            return self._fail(
                event, article_id, attempt, exc, order=final, started=started, seen=state
            )
        except Exception as exc:
            self._fail_if_last_attempt(event, article_id, attempt, exc)
            raise

    def _summarize(
        self,
        event: ObjectEvent,
        article_id: str,
        attempt: int,
        state: StoredState,
        started: float,
    ) -> Outcome:
        max_bytes = self.settings.max_article_bytes
        if event.size is not None and event.size > max_bytes:
            raise TooLarge(f"article is {event.size} bytes, the limit is {max_bytes}")
        # S3 events carry size and ETag, so HEAD is only needed when the event has no size.
        head = None
        if event.size is None:
            head = self.reader.head(event.bucket, event.key, version_id=event.version_id)
        reusable = self._reusable(state.record, _source(event, head))
        if reusable is not None:
            source = _source(event, head)
            return self._store(event, article_id, attempt, reusable, source, started, state)
        if head is None:
            obj = self.reader.get(
                event.bucket, event.key, version_id=event.version_id, max_bytes=max_bytes
            )
        else:
            obj = self.reader.read(head, max_bytes=max_bytes)
        digest = hashlib.sha256(obj.body).hexdigest()
        source = _source(event, obj.head).model_copy(update={"sha256": digest})
        record = self._reusable(state.record, source) or self._analyze(
            event, article_id, attempt, obj, source
        )
        return self._store(event, article_id, attempt, record, source, started, state)

    def _analyze(
        self, event: ObjectEvent, article_id: str, attempt: int, obj: S3Object, source: SourceRef
    ) -> SummaryRecord:
        try:
            analysis = self.analyzer(
                obj.body,
                filename=event.key,
                content_type=obj.head.content_type,
                max_bytes=self.settings.max_article_bytes,
                summarizer=self.summarizer,
            )
        except PrecisError:
            raise
        except Exception as exc:
            # The domain is deterministic: an unexpected error would recur on every retry.
            self._log_exception("analysis crashed", exc, event=event, article_id=article_id)
            raise _Internal(f"analysis failed: {type(exc).__name__}") from exc
        return self._completed(article_id, analysis, source, attempt)

    def _reusable(self, previous: SummaryRecord | None, source: SourceRef) -> SummaryRecord | None:
        """The stored summary when this object has the same bytes and engine (no recompute)."""
        if previous is None or previous.status != Status.COMPLETED or previous.source is None:
            return None
        old = previous.source
        same_bytes = (source.sha256 is not None and old.sha256 == source.sha256) or (
            source.etag is not None and old.etag == source.etag
        )
        if not same_bytes or old.key != source.key:
            return None
        engine = previous.engine
        summarizer = self.summarizer
        if engine is None or (engine.name, engine.version) != (summarizer.name, summarizer.version):
            return None
        return previous

    def _store(  # noqa: PLR0917 - private; the same story for computed and reused summaries
        self,
        event: ObjectEvent,
        article_id: str,
        attempt: int,
        record: SummaryRecord,
        source: SourceRef,
        started: float,
        seen: StoredState,
    ) -> Outcome:
        action: Action = "reused" if record is seen.record else "completed"
        elapsed_ms = (time.perf_counter() - started) * 1000
        now = timestamp(self._clock())
        record = record.model_copy(
            update={
                "source": source.model_copy(
                    update={"sha256": source.sha256 or _previous_sha(record, source)}
                ),
                "attempts": attempt,
                "updated_at": now,
                "created_at": now,
                "processing_ms": round(elapsed_ms),
                "error": None,
            }
        )
        if not self.store.put_record(record, order=event.order + FINAL, seen=seen):
            self._metrics.skipped("stale")
            self._log("skipped", event=event, article_id=article_id, reason="stale")
            return Outcome("stale", article_id, event.key)
        self._metrics.summarized(latency_ms=elapsed_ms, input_bytes=source.size or 0)
        if action == "completed" and record.engine is not None and record.engine.fallback_reason:
            self._metrics.fallback()
        self._log(action, event=event, article_id=article_id, processing_ms=round(elapsed_ms))
        self._publish(record)
        return Outcome(action, article_id, event.key, record=record)

    def _completed(
        self, article_id: str, analysis: Analysis, source: SourceRef, attempt: int
    ) -> SummaryRecord:
        return stored_record(
            analysis,
            article_id=article_id,
            source=source,
            attempt=attempt,
            now=timestamp(self._clock()),
            summary_sentences=self.settings.default_summary_sentences,
        )

    # -- failures

    def _fail(
        self,
        event: ObjectEvent,
        article_id: str,
        attempt: int,
        error: Exception,
        *,
        order: str,
        started: float | None = None,
        source: SourceRef | None = None,
        seen: StoredState | None = None,
    ) -> Outcome:
        code = error.code if isinstance(error, PrecisError) else "INTERNAL"
        message = error.message if isinstance(error, PrecisError) else "internal error"
        now = timestamp(self._clock())
        elapsed = round((time.perf_counter() - started) * 1000) if started is not None else None
        record = SummaryRecord(
            article_id=article_id,
            status=Status.FAILED,
            source=source or _source(event, None),
            error=ErrorInfo(code=code, message=message),  # the record bounds the message
            attempts=attempt,
            created_at=now,
            updated_at=now,
            processing_ms=elapsed,
        )
        self._metrics.failed(code)
        if not self.store.put_record(record, order=order, seen=seen):
            self._log("skipped", event=event, article_id=article_id, reason="stale", code=code)
            return Outcome("stale", article_id, event.key, code=code)
        self._log("failed", event=event, article_id=article_id, code=code, attempt=attempt)
        self._publish(record)
        return Outcome("failed", article_id, event.key, record=record, code=code)

    def _fail_if_last_attempt(
        self, event: ObjectEvent, article_id: str, attempt: int, error: Exception
    ) -> None:
        """On the last receive before the DLQ, record FAILED with the error (best effort)."""
        code = error.code if isinstance(error, PrecisError) else "INTERNAL"
        if attempt < self.settings.max_receive_count:
            self._metrics.retried(code)
            self._log("will retry", event=event, article_id=article_id, code=code, attempt=attempt)
            return
        try:
            self._fail(event, article_id, attempt, error, order=event.order + RETRYABLE)
        except Exception as exc:
            # The store itself may be what fails; the message still goes to the DLQ.
            self._log_exception(
                "could not record the failure", exc, event=event, article_id=article_id
            )

    def _log(self, message: str, *, event: ObjectEvent | None, **fields: object) -> None:
        if event is not None:
            fields = {"bucket": event.bucket, "key": event.key, "event": event.name, **fields}
        self._logger.info(message, extra=fields)

    def _log_exception(
        self, message: str, exc: BaseException, *, event: ObjectEvent | None, **fields: object
    ) -> None:
        # No traceback: it ends with the exception's message, which may quote the article.
        if event is not None:
            fields = {"bucket": event.bucket, "key": event.key, **fields}
        self._logger.error(message, extra={**fields, **loggable_fields(exc)})

    def _publish(self, record: SummaryRecord) -> None:
        if self.publisher is None:
            return
        try:
            self.publisher.publish(record)
        except Exception as exc:
            # The record is stored; an event is best effort (publishers should not raise).
            self._log_exception("publish failed", exc, event=None, article_id=record.article_id)


class _Internal(PrecisError):
    """An unexpected error in the domain code: permanent, reported as INTERNAL."""

    code = "INTERNAL"


def _source(event: ObjectEvent, head: ObjectHead | None) -> SourceRef:
    return SourceRef(
        bucket=event.bucket,
        key=event.key,
        version_id=(head.version_id if head else None) or event.version_id,
        etag=(head.etag if head else None) or event.etag,
        size=head.size if head else event.size,
        content_type=head.content_type if head else None,
        sequencer=event.sequencer,
        last_modified=head.last_modified if head else None,
    )


def _previous_sha(record: SummaryRecord, source: SourceRef) -> str | None:
    # A summary reused on an equal ETag keeps the digest of the bytes it was made from.
    old = record.source
    return old.sha256 if old is not None and old.etag == source.etag else None
