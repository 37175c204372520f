"""`precis redrive` (`make redrive`): find the queues, move the messages, print what happened.

Where the queues are: `--queue-url/--dlq-url`, else `QUEUE_URL/DLQ_URL`, else the outputs of
the CloudFormation stack `--stack` (`STACK_NAME`), else the local stack (`make serve`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from typing import TYPE_CHECKING

from precis.aws.redrive import (
    Method,
    Queues,
    RedriveError,
    RedriveResult,
    describe_error,
    queues_from_redrive_policy,
    queues_from_stack,
    redrive,
)
from precis.cli import positive_int
from precis.cli.clients import LOCAL_STACK_NAME, client_factory

if TYPE_CHECKING:
    from mypy_boto3_cloudformation import CloudFormationClient
    from mypy_boto3_sqs import SQSClient


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `redrive` options, for `precis redrive` and `python -m precis.cli.redrive`."""
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
    client = client_factory(args.endpoint_url, args.region, local=local)
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
        raise RedriveError(f"cannot redrive through {where}: {describe_error(exc)}{hint}") from exc
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


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m precis.cli.redrive`: the same as `precis redrive`."""
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
