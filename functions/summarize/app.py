"""Summarize function: SQS batches of S3 events -> summary records; direct calls -> summary JSON.

Each SQS message is processed on its own and reported in `batchItemFailures` when it must be
retried, so one bad article never fails or re-runs its neighbours (see `precis.pipeline.ingestor`).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from precis.aws import S3Reader
from precis.config import Settings
from precis.observability import logger, metrics
from precis.pipeline import Ingestor, default_summarizer_for, is_sqs_batch, summarize_payload
from precis.summarize import Summarizer


class Collaborators:
    """The composition root: everything the handler uses, built from one Settings, each piece
    on first use (no AWS client and no engine at init). One per process; tests build their own
    and put it in place of `collaborators`."""

    def __init__(self, settings: Settings | None = None) -> None:
        if settings is not None:
            self.settings = settings

    @cached_property
    def settings(self) -> Settings:
        """Read from the environment on first use. Raises ConfigurationError."""
        return Settings.from_env()

    @cached_property
    def reader(self) -> S3Reader:
        return S3Reader()

    @cached_property
    def summarizer(self) -> Summarizer:
        """The engine SUMMARY_ENGINE names, for batches and direct calls (Bedrock falls back)."""
        return default_summarizer_for(self.settings)

    @cached_property
    def ingestor(self) -> Ingestor:
        """The ingestor: table, S3 reader, event publisher, engine, logger and metrics."""
        from precis.aws import publisher_for  # noqa: PLC0415 - on the first batch
        from precis.store import get_store  # noqa: PLC0415

        return Ingestor(
            store=get_store(self.settings),
            reader=self.reader,
            settings=self.settings,
            publisher=publisher_for(self.settings, logger=logger, metrics=metrics),
            summarizer=self.summarizer,
            logger=logger,
            metrics=metrics,
        )


collaborators = Collaborators()


def new_processor() -> BatchProcessor:
    """A processor per invocation: it holds the batch's results, so sharing one between
    concurrent calls (a local poller with threads) would mix them up. A batch where every
    message failed is still answered with batchItemFailures, not an exception."""
    return BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


def record_handler(record: SQSRecord) -> None:
    """One SQS message; raising marks it failed (retried, then dead-lettered)."""
    receive_count = int(record.attributes.approximate_receive_count or 1)
    logger.append_keys(message_id=record.message_id, receive_count=receive_count)
    collaborators.ingestor.process_message(record.body, receive_count=receive_count)


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """`batchItemFailures` for an SQS batch; the summary JSON for a direct invocation.

    A direct invocation raises PrecisError (InvalidInput, NotFound, TooLarge, ...) to its caller.
    """
    if not is_sqs_batch(event):
        return summarize_payload(
            event,
            settings=collaborators.settings,
            reader=collaborators.reader,
            summarizer=collaborators.summarizer,
        )
    return dict(
        process_partial_response(
            event=event, record_handler=record_handler, processor=new_processor(), context=context
        )
    )
