"""Summarize function: SQS batches of S3 events -> summary records; direct calls -> summary JSON.

Each SQS message is processed on its own and reported in `batchItemFailures` when it must be
retried, so one bad article never fails or re-runs its neighbours (see `precis.pipeline.ingestor`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from precis.aws.s3 import S3Reader
from precis.config import get_settings
from precis.observability import logger, metrics
from precis.pipeline.direct import is_sqs_batch, summarize_payload
from precis.pipeline.ingestor import Ingestor, default_summarizer_for
from precis.summarize.protocol import Summarizer


def new_processor() -> BatchProcessor:
    """A processor per invocation: it holds the batch's results, so sharing one between
    concurrent calls (a local poller with threads) would mix them up. A batch where every
    message failed is still answered with batchItemFailures, not an exception."""
    return BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


@cache
def get_reader() -> S3Reader:
    return S3Reader()


@cache
def get_summarizer() -> Summarizer:
    """The engine SUMMARY_ENGINE names, for batches and direct calls (Bedrock falls back)."""
    return default_summarizer_for(get_settings())


@cache
def get_ingestor() -> Ingestor:
    """The process-wide ingestor: table, S3 reader, event publisher (clients made lazily)."""
    from precis.aws.eventbridge import get_publisher  # noqa: PLC0415
    from precis.store import get_store  # noqa: PLC0415

    return Ingestor(
        store=get_store(),
        reader=get_reader(),
        settings=get_settings(),
        publisher=get_publisher(),
        summarizer=get_summarizer(),
    )


def record_handler(record: SQSRecord) -> None:
    """One SQS message; raising marks it failed (retried, then dead-lettered)."""
    receive_count = int(record.attributes.approximate_receive_count or 1)
    logger.append_keys(message_id=record.message_id, receive_count=receive_count)
    get_ingestor().process_message(record.body, receive_count=receive_count)


@logger.inject_lambda_context(clear_state=True)
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """`batchItemFailures` for an SQS batch; the summary JSON for a direct invocation.

    A direct invocation raises PrecisError (InvalidInput, NotFound, TooLarge, ...) to its caller.
    """
    if not is_sqs_batch(event):
        return summarize_payload(
            event, settings=get_settings(), reader=get_reader(), summarizer=get_summarizer()
        )
    return dict(
        process_partial_response(
            event=event, record_handler=record_handler, processor=new_processor(), context=context
        )
    )
