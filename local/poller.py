"""What Lambda's SQS event source mapping does, in a thread.

Receives batches (size and batching window from the template), invokes the function with
a real-shaped SQS event, deletes only the messages that succeeded and leaves the others
to become visible again after the visibility timeout, so the queue's redrive policy moves
a message that keeps failing to the dead-letter queue, as in AWS:

- the handler raises, or returns a malformed response -> the whole batch failed;
- `ReportBatchItemFailures` on and `{"batchItemFailures": [...]}` -> those failed, the rest
  succeeded (an unknown or missing `itemIdentifier` fails the whole batch, as in AWS);
- `ReportBatchItemFailures` off -> a normal return means every message succeeded.

`retry_delay_s` shortens the wait before a failed message is retried (ChangeMessageVisibility)
so that tests and the demo see the redrive in seconds; None keeps the queue's own timeout.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger("precis.local.poller")
MAX_RECEIVE = 10  # SQS ReceiveMessage limit per call


@dataclass
class PollerStats:
    batches: int = 0
    received: int = 0
    succeeded: int = 0
    failed: int = 0
    invoke_errors: int = 0


def build_sqs_event(messages: list[dict[str, Any]], *, queue_arn: str) -> dict[str, Any]:
    """The Lambda event for `messages` (as ReceiveMessage returns them) from `queue_arn`."""
    region = queue_arn.split(":")[3] if queue_arn.count(":") >= 5 else "us-east-1"
    records = []
    for message in messages:
        body = message.get("Body", "")
        attributes = {str(k): str(v) for k, v in (message.get("Attributes") or {}).items()}
        records.append(
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": body,
                "attributes": attributes,
                "messageAttributes": _lambda_message_attributes(
                    message.get("MessageAttributes") or {}
                ),
                "md5OfBody": message.get("MD5OfBody")
                or hashlib.md5(body.encode("utf-8"), usedforsecurity=False).hexdigest(),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
        )
    return {"Records": records}


def _lambda_message_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    # Lambda spells the attribute fields in camelCase, unlike the SQS API.
    converted = {}
    for name, value in attributes.items():
        converted[name] = {
            "stringValue": value.get("StringValue"),
            "binaryValue": value.get("BinaryValue"),
            "stringListValues": value.get("StringListValues", []),
            "binaryListValues": value.get("BinaryListValues", []),
            "dataType": value.get("DataType", "String"),
        }
    return converted


def failed_message_ids(
    response: Any, message_ids: list[str], *, report_batch_item_failures: bool
) -> set[str]:
    """The ids of the messages that failed, given what the handler returned."""
    if not report_batch_item_failures or response is None:
        return set()
    failures = response.get("batchItemFailures") if isinstance(response, dict) else False
    if failures is None or failures == []:
        return set()
    if not isinstance(failures, list):
        return set(message_ids)  # not a valid partial-batch response
    failed: set[str] = set()
    for item in failures:
        identifier = item.get("itemIdentifier") if isinstance(item, dict) else None
        if not identifier or identifier not in message_ids:
            # AWS treats an invalid report as a failure of the whole batch.
            return set(message_ids)
        failed.add(identifier)
    return failed


class SqsPoller:
    """Feeds `invoke` with batches from one queue until stopped."""

    def __init__(
        self,
        *,
        sqs_client: Any,
        queue_url: str,
        queue_arn: str,
        invoke: Callable[[dict[str, Any]], Any],
        batch_size: int = 10,
        window_s: float = 0.0,
        report_batch_item_failures: bool = False,
        retry_delay_s: int | None = None,
        idle_sleep_s: float = 0.05,
        name: str = "poller",
    ) -> None:
        self._sqs = sqs_client
        self.queue_url = queue_url
        self.queue_arn = queue_arn
        self._invoke = invoke
        self.batch_size = max(1, batch_size)
        self.window_s = max(0.0, window_s)
        self.report_batch_item_failures = report_batch_item_failures
        self.retry_delay_s = retry_delay_s
        self._idle_sleep_s = idle_sleep_s
        self._stop = threading.Event()
        self._busy = threading.Event()
        self._thread: threading.Thread | None = None
        self._name = name
        self.stats = PollerStats()

    @property
    def busy(self) -> bool:
        """True while a batch is received but not yet settled."""
        return self._busy.is_set()

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the batch in progress (if any) is settled."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                handled = self.poll_once()
            except Exception:
                if self._stop.is_set():
                    break
                logger.exception("poller %s: receive failed", self._name)
                handled = 0
            if not handled:
                self._stop.wait(self._idle_sleep_s)

    def poll_once(self) -> int:
        """Receive one batch, invoke, settle it; the number of messages handled."""
        self._busy.set()
        try:
            messages = self._receive_batch()
            if not messages:
                return 0
            self._settle(messages)
            return len(messages)
        finally:
            self._busy.clear()

    def _receive_batch(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = []
        deadline = time.monotonic() + self.window_s
        while len(messages) < self.batch_size and not self._stop.is_set():
            received = self._sqs.receive_message(
                QueueUrl=self.queue_url,
                MaxNumberOfMessages=min(MAX_RECEIVE, self.batch_size - len(messages)),
                WaitTimeSeconds=0,
                AttributeNames=["All"],
                MessageAttributeNames=["All"],
            ).get("Messages", [])
            messages.extend(received)
            if self.window_s == 0:
                if len(received) < MAX_RECEIVE:
                    break  # nothing more is waiting right now
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not messages:
                break
            if not received:
                self._stop.wait(min(self._idle_sleep_s, remaining))
        return messages

    def _settle(self, messages: list[dict[str, Any]]) -> None:
        ids = [m["MessageId"] for m in messages]
        event = build_sqs_event(messages, queue_arn=self.queue_arn)
        self.stats.batches += 1
        self.stats.received += len(messages)
        try:
            response = self._invoke(event)
        except Exception:
            logger.exception("poller %s: function failed the whole batch", self._name)
            self.stats.invoke_errors += 1
            failed = set(ids)
        else:
            failed = failed_message_ids(
                response, ids, report_batch_item_failures=self.report_batch_item_failures
            )
        succeeded = [m for m in messages if m["MessageId"] not in failed]
        for start in range(0, len(succeeded), MAX_RECEIVE):
            chunk = succeeded[start : start + MAX_RECEIVE]
            self._sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(chunk)
                ],
            )
        self.stats.succeeded += len(succeeded)
        self.stats.failed += len(failed)
        if self.retry_delay_s is not None:
            for message in messages:
                if message["MessageId"] in failed:
                    self._sqs.change_message_visibility(
                        QueueUrl=self.queue_url,
                        ReceiptHandle=message["ReceiptHandle"],
                        VisibilityTimeout=max(0, self.retry_delay_s),
                    )
