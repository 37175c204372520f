"""Move dead-lettered messages back to the articles queue (`precis redrive`, `make redrive`).

On AWS the service's own move task does it (`StartMessageMoveTask`: server-side, throttled,
resumable). Where the endpoint lacks it (moto, older emulators) messages are moved by hand:
receive a batch from the DLQ, send it to the queue, delete what was sent, in a bounded loop.
A message is deleted from the DLQ only after the queue accepted it, so a crash mid-way can
duplicate a message (the ingest is idempotent) but never lose one.

Where the queues are: `--queue-url/--dlq-url`, else `QUEUE_URL/DLQ_URL`, else the outputs of
the CloudFormation stack `--stack` (`STACK_NAME`), else the local stack (`make serve`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from precis.cli import positive_int
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
LOCAL_STACK_NAME = "precis-local"
LOCAL_REGION = "us-east-1"
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
        raise _MoveTaskUnavailable(_describe(exc)) from exc
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


def _describe(exc: Exception) -> str:
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
        raise RedriveError(f"stack {stack_name!r} not found ({_describe(exc)})") from exc
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


# ----------------------------------------------------------------------------- the command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `redrive` options, for `precis redrive` and `python -m precis.redrive`."""
    parser.add_argument(
        "--queue-url",
        default=os.environ.get("QUEUE_URL"),
        help="the articles queue (env QUEUE_URL)",
    )
    parser.add_argument(
        "--dlq-url", default=os.environ.get("DLQ_URL"), help="its dead-letter queue (env DLQ_URL)"
    )
    parser.add_argument(
        "--stack",
        default=os.environ.get("STACK_NAME"),
        help="read both URLs from this CloudFormation stack's outputs (env STACK_NAME)",
    )
    parser.add_argument(
        "--local",
        action="store_true",
        help="use the local stack (the default when no queue, URL or stack is given)",
    )
    parser.add_argument(
        "--endpoint-url",
        default=None,
        help="AWS endpoint (default: AWS_ENDPOINT_URL, or the local stack's with --local)",
    )
    parser.add_argument(
        "--region", default=None, help="AWS region (default: the usual AWS configuration)"
    )
    parser.add_argument(
        "--method",
        choices=["auto", "move-task", "manual"],
        default="auto",
        help="move task, receive/send/delete, or the first that works (default)",
    )
    parser.add_argument(
        "--max-messages",
        type=positive_int,
        default=None,
        metavar="N",
        help="move at most N messages (moved by receive/send/delete)",
    )
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="start the move task and return without waiting for it",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    """Resolve the queues, move the messages, print what happened; 0 when nothing failed.

    Raises RedriveError when the queues cannot be found or reached.
    """
    local = args.local or not (args.stack or (args.queue_url and args.dlq_url))
    # The local stack (moto) has no move task: asking for one first only fills the
    # `make serve` console with moto's tracebacks of the refused calls.
    method: Method = "manual" if local and args.method == "auto" else args.method
    client = _client_factory(args.endpoint_url, args.region, local=local)
    sqs: SQSClient = client("sqs")
    try:
        queues = resolve_queues(
            args, sqs=sqs, cloudformation=lambda: client("cloudformation"), local=local
        )
        if local:
            # moto's stack outputs spell queue URLs with the AWS host; say where we really went.
            queues = replace(queues, origin=f"{queues.origin}, on {sqs.meta.endpoint_url}")
        result = redrive(
            queues.queue_url,
            queues.dlq_url,
            sqs=sqs,
            method=method,
            max_messages=args.max_messages,
            wait=not args.no_wait,
        )
    except RedriveError:
        raise
    except Exception as exc:
        where = sqs.meta.endpoint_url
        hint = " (is the local stack running? `make serve`)" if local else ""
        raise RedriveError(f"cannot redrive through {where}: {_describe(exc)}{hint}") from exc
    if args.json:
        print(json.dumps({**asdict(result), **asdict(queues)}, indent=2))
    else:
        print(report(result, queues))
    return 0 if result.failed == 0 else 1


def resolve_queues(
    args: argparse.Namespace,
    *,
    sqs: SQSClient,
    cloudformation: Callable[[], CloudFormationClient],
    local: bool,
) -> Queues:
    """Queue URLs from the arguments, the environment, a stack or the local stack.

    Raises RedriveError when none of them names both queues.
    """
    if args.queue_url and args.dlq_url:
        return Queues(args.queue_url, args.dlq_url, origin="arguments")
    stack = args.stack or (LOCAL_STACK_NAME if local else None)
    if stack:
        try:
            queues = queues_from_stack(cloudformation(), stack)
        except RedriveError:
            if not local:
                raise
            queues = None
        if queues:
            return queues
        if local:
            return queues_from_redrive_policy(sqs, name_hint=stack)
        raise RedriveError(f"stack {stack} has no QueueUrl / DeadLetterQueueUrl outputs")
    raise RedriveError("give --queue-url and --dlq-url (or QUEUE_URL/DLQ_URL), or --stack")


def report(result: RedriveResult, queues: Queues) -> str:
    """What a redrive did, as the lines the command prints."""
    lines = [
        f"redrive ({result.method}, queues from {queues.origin})",
        f"  from {queues.dlq_url}",
        f"  to   {queues.queue_url}",
        f"  moved {result.moved}, failed {result.failed}, left in the DLQ "
        + ("unknown" if result.remaining is None else str(result.remaining)),
    ]
    if result.task_status:
        lines.append(f"  move task {result.task_status}")
    if result.note:
        lines.append(f"  note: {result.note}")
    return "\n".join(lines)


def _client_factory(
    endpoint_url: str | None, region: str | None, *, local: bool
) -> Callable[[str], Any]:
    import boto3  # noqa: PLC0415 - the command is the only user; `import precis` stays cheap

    kwargs: dict[str, Any] = {}
    if region:
        kwargs["region_name"] = region
    if endpoint_url:
        kwargs["endpoint_url"] = endpoint_url
    if local:
        port = os.environ.get("PRECIS_LOCAL_AWS_PORT", "4566")
        kwargs.setdefault(
            "endpoint_url", os.environ.get("AWS_ENDPOINT_URL") or f"http://127.0.0.1:{port}"
        )
        kwargs.setdefault("region_name", os.environ.get("AWS_DEFAULT_REGION") or LOCAL_REGION)
        if not os.environ.get("AWS_ACCESS_KEY_ID"):
            # The local stack accepts any credentials; do not make people configure some.
            kwargs |= {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

    def client(service: str) -> Any:
        return boto3.client(service, **kwargs)  # type: ignore[call-overload]

    return client


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m precis.redrive`: the same as `precis redrive`."""
    parser = argparse.ArgumentParser(prog="precis redrive", description=_DESCRIPTION)
    add_arguments(parser)
    try:
        return run(parser.parse_args(argv))
    except RedriveError as exc:
        print(f"precis redrive: error: {exc.code}: {exc.message}", file=sys.stderr)
        return 1


_DESCRIPTION = "Move dead-lettered messages back to the articles queue."

if __name__ == "__main__":
    sys.exit(main())
