"""Move dead-lettered messages back to the articles queue (the SQS side of `precis redrive`).

On AWS the service's own move task does it (`StartMessageMoveTask`: server-side, throttled,
resumable). Where the endpoint lacks it (moto, older emulators) messages are moved by hand:
receive a batch from the DLQ, send it to the queue, delete what was sent, in a bounded loop.
A message is deleted from the DLQ only after the queue accepted it, so a crash mid-way can
duplicate a message (the ingest is idempotent) but never lose one.

Queue discovery: from a CloudFormation stack's outputs, or from the redrive policy of the
queues an endpoint lists (the local stack). Which one to use is the command's business
(`precis.cli.redrive`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from precis.errors import PrecisError

if TYPE_CHECKING:
    from mypy_boto3_cloudformation import CloudFormationClient
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import MessageTypeDef, SendMessageBatchRequestEntryTypeDef

Method = Literal["auto", "move-task", "manual"]

BATCH_SIZE = 10  # the SQS maximum for receive, send and delete batches
DEFAULT_MAX_BATCHES = 10_000  # 100k messages: a bound, not an expected size
DEFAULT_VISIBILITY_S = 60  # long enough to send and delete a batch
DEFAULT_TASK_TIMEOUT_S = 900.0
EMPTY_RECEIVES_TO_STOP = 3  # short polls sample a subset of servers: one empty reply proves little
_TASK_DONE = frozenset({"COMPLETED", "CANCELLED", "FAILED"})


class RedriveError(PrecisError):
    """The queues cannot be found or reached, or the move cannot start."""

    code = "REDRIVE"


@dataclass(frozen=True)
class Queues:
    queue_url: str
    dlq_url: str
    origin: str  # where the URLs came from, for the report


@dataclass(frozen=True)
class RedriveResult:
    """What a redrive did: how many messages moved, how many could not, how many are left."""

    method: Literal["move-task", "manual"]
    moved: int
    failed: int
    remaining: int | None
    task_status: str | None = None
    note: str | None = None


# ----------------------------------------------------------------------------- the move


def redrive(
    queue_url: str,
    dlq_url: str,
    *,
    sqs: SQSClient,
    method: Method = "auto",
    max_messages: int | None = None,
    wait: bool = True,
    task_timeout_s: float = DEFAULT_TASK_TIMEOUT_S,
    poll_interval_s: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> RedriveResult:
    """Move messages from `dlq_url` back to `queue_url`.

    Raises RedriveError when `method="move-task"` and the endpoint cannot start one.
    """
    note = None
    if method in ("auto", "move-task"):
        try:
            return _move_task(
                queue_url,
                dlq_url,
                sqs=sqs,
                max_messages=max_messages,
                wait=wait,
                timeout_s=task_timeout_s,
                poll_interval_s=poll_interval_s,
                sleep=sleep,
                clock=clock,
            )
        except _MoveTaskUnavailable as exc:
            if method == "move-task":
                raise RedriveError(f"cannot start a message move task: {exc}") from exc
            note = f"move task unavailable ({exc}); moved by receive/send/delete"
    moved, failed = move_messages(queue_url, dlq_url, sqs=sqs, max_messages=max_messages)
    return RedriveResult(
        method="manual",
        moved=moved,
        failed=failed,
        remaining=approximate_count(sqs, dlq_url),
        note=note,
    )


class _MoveTaskUnavailable(Exception):
    pass


def _move_task(
    queue_url: str,
    dlq_url: str,
    *,
    sqs: SQSClient,
    max_messages: int | None,
    wait: bool,
    timeout_s: float,
    poll_interval_s: float,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> RedriveResult:
    if max_messages is not None:
        # A move task moves everything; a bounded redrive is done by hand.
        raise _MoveTaskUnavailable("a message limit needs the manual move")
    try:
        source_arn = queue_arn(sqs, dlq_url)
        destination_arn = queue_arn(sqs, queue_url)
        sqs.start_message_move_task(SourceArn=source_arn, DestinationArn=destination_arn)
    except Exception as exc:  # moto answers 500 or NotImplementedError; AWS may refuse
        raise _MoveTaskUnavailable(describe_error(exc)) from exc
    if not wait:
        return RedriveResult(method="move-task", moved=0, failed=0, remaining=None)
    deadline = clock() + timeout_s
    task: dict[str, Any] = {}
    while True:
        results = sqs.list_message_move_tasks(SourceArn=source_arn, MaxResults=1)["Results"]
        task = dict(results[0]) if results else {}
        if task.get("Status") in _TASK_DONE or clock() >= deadline:
            break
        sleep(poll_interval_s)
    status = str(task.get("Status", "UNKNOWN"))
    moved = int(task.get("ApproximateNumberOfMessagesMoved", 0))
    return RedriveResult(
        method="move-task",
        moved=moved,
        # Still running at the deadline is not a failure: the task goes on without us.
        failed=max(0, _to_move(task) - moved) if status in {"FAILED", "CANCELLED"} else 0,
        remaining=approximate_count(sqs, dlq_url),
        task_status=status,
        note=task.get("FailureReason"),
    )


def _to_move(task: dict[str, Any]) -> int:
    return int(task.get("ApproximateNumberOfMessagesToMove", 0))


def move_messages(
    queue_url: str,
    dlq_url: str,
    *,
    sqs: SQSClient,
    max_messages: int | None = None,
    max_batches: int = DEFAULT_MAX_BATCHES,
    visibility_timeout_s: int = DEFAULT_VISIBILITY_S,
) -> tuple[int, int]:
    """Receive/send/delete batches from `dlq_url` to `queue_url`; (moved, failed).

    A message the queue refused stays invisible in the DLQ until its visibility timeout
    ends, so this run does not pick it up again and it is not lost.
    """
    moved = failed = empty = 0
    fifo = queue_url.endswith(".fifo")
    for _ in range(max_batches):
        wanted = BATCH_SIZE if max_messages is None else min(BATCH_SIZE, max_messages - moved)
        if wanted <= 0 or empty >= EMPTY_RECEIVES_TO_STOP:
            break
        messages = sqs.receive_message(
            QueueUrl=dlq_url,
            MaxNumberOfMessages=wanted,
            VisibilityTimeout=visibility_timeout_s,
            WaitTimeSeconds=0,
            MessageAttributeNames=["All"],
            MessageSystemAttributeNames=["MessageGroupId", "MessageDeduplicationId"],
        ).get("Messages", [])
        if not messages:
            empty += 1
            continue
        empty = 0
        by_id = {str(i): message for i, message in enumerate(messages)}
        response = sqs.send_message_batch(
            QueueUrl=queue_url,
            Entries=[_resend_entry(i, m, fifo=fifo) for i, m in by_id.items()],
        )
        sent = [by_id[entry["Id"]] for entry in response.get("Successful", [])]
        failed += len(response.get("Failed", []))
        if sent:
            deleted = sqs.delete_message_batch(
                QueueUrl=dlq_url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(sent)
                ],
            )
            # A message sent but not deleted will be moved again later: a duplicate the
            # idempotent ingest absorbs, never a loss.
            moved += len(deleted.get("Successful", []))
    return moved, failed


def _resend_entry(
    entry_id: str, message: MessageTypeDef, *, fifo: bool
) -> SendMessageBatchRequestEntryTypeDef:
    entry: SendMessageBatchRequestEntryTypeDef = {"Id": entry_id, "MessageBody": message["Body"]}
    attributes = {
        name: {k: v for k, v in value.items() if v not in ([], None)}
        for name, value in message.get("MessageAttributes", {}).items()
    }
    if attributes:
        entry["MessageAttributes"] = attributes  # type: ignore[typeddict-item]
    if fifo:
        system = message.get("Attributes", {})
        entry["MessageGroupId"] = system.get("MessageGroupId", "redrive")
        entry["MessageDeduplicationId"] = system.get("MessageDeduplicationId", message["MessageId"])
    return entry


def queue_arn(sqs: SQSClient, queue_url: str) -> str:
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])
    return attributes["Attributes"]["QueueArn"]


def approximate_count(sqs: SQSClient, queue_url: str) -> int | None:
    """Visible plus in-flight messages of `queue_url` (approximate, as SQS counts)."""
    try:
        attributes = sqs.get_queue_attributes(
            QueueUrl=queue_url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
    except Exception:  # a count is informative only
        return None
    return int(attributes.get("ApproximateNumberOfMessages", 0)) + int(
        attributes.get("ApproximateNumberOfMessagesNotVisible", 0)
    )


def describe_error(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        code = response.get("Error", {}).get("Code")
        if code:
            return f"{type(exc).__name__} {code}"
    return type(exc).__name__


# ----------------------------------------------------------------------------- the queues


def queues_from_stack(cloudformation: CloudFormationClient, stack_name: str) -> Queues | None:
    """The queue URLs among a stack's outputs (QueueUrl, DeadLetterQueueUrl), if both are there.

    Raises RedriveError when the stack does not exist.
    """
    try:
        stacks = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    except Exception as exc:
        raise RedriveError(f"stack {stack_name!r} not found ({describe_error(exc)})") from exc
    outputs = {o["OutputKey"]: o.get("OutputValue", "") for o in stacks[0].get("Outputs", [])}
    queue_url, dlq_url = outputs.get("QueueUrl"), outputs.get("DeadLetterQueueUrl")
    if queue_url and dlq_url:
        return Queues(queue_url, dlq_url, origin=f"stack {stack_name} outputs")
    return None


def queues_from_redrive_policy(sqs: SQSClient, name_hint: str | None = None) -> Queues:
    """The one queue whose redrive policy names a DLQ (preferring names with `name_hint`).

    Raises RedriveError when there is none, or several and the hint does not decide.
    """
    urls = [
        url
        for page in sqs.get_paginator("list_queues").paginate()
        for url in page.get("QueueUrls", [])
    ]
    by_arn: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for url in urls:
        attributes = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["QueueArn", "RedrivePolicy"]
        )["Attributes"]
        by_arn[attributes["QueueArn"]] = url
        policy = attributes.get("RedrivePolicy")
        if policy:
            pairs.append((url, json.loads(policy)["deadLetterTargetArn"]))
    candidates = [(url, by_arn[arn]) for url, arn in pairs if arn in by_arn]
    if name_hint and len(candidates) > 1:
        hinted = [pair for pair in candidates if name_hint in pair[0]]
        candidates = hinted or candidates
    if len(candidates) != 1:
        found = ", ".join(url for url, _ in candidates) or "none"
        raise RedriveError(
            f"cannot tell which queue to redrive (queues with a DLQ: {found}); "
            "pass --queue-url and --dlq-url or --stack"
        )
    queue_url, dlq_url = candidates[0]
    return Queues(queue_url, dlq_url, origin="the queue's redrive policy")
