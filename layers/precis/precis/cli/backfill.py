"""`precis backfill` (`make backfill`): summarize the objects already in the bucket.

Lists the bucket under `--prefix`, and enqueues one S3-event message per object that needs
one on the stack's articles queue; the summarize function does the rest, under its usual
ordering rules (`precis.pipeline.backfill` says why a backfill can never override a newer
upload). Where the stack is: `--stack` (`STACK_NAME`), else the local stack (`make serve`).

A checkpoint file (`--checkpoint`, one per stack by default) records the last key handled
after every chunk: rerunning the same command continues where it stopped, with the same run
id; it is removed when the listing is done.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from precis.aws.backfill import (
    S3ObjectLister,
    SqsMessageSender,
    StackResources,
    function_engine,
    stack_resources,
)
from precis.cli import CommandFailed, positive_int
from precis.cli.clients import LOCAL_STACK_NAME, client_factory
from precis.cli.progress import ProgressBar
from precis.errors import BackfillError
from precis.pipeline.backfill import Engine
from precis.pipeline.backfill_runner import (
    BackfillResult,
    Checkpoint,
    Progress,
    run_backfill,
)

if TYPE_CHECKING:
    from collections.abc import Callable

# The template's Constants.Articles.Prefix: keys the summarize function treats as articles.
ARTICLES_PREFIX = "articles/"
DEFAULT_PREFIX = ARTICLES_PREFIX
ENGINES = ("extractive", "bedrock")


class CheckpointFile:
    """The checkpoint as a JSON file, replaced atomically so a crash never leaves half of one."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Checkpoint | None:
        """Raises BackfillError for a file that is not a checkpoint."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise BackfillError(f"cannot read checkpoint {self.path}: {exc.strerror}") from exc
        return Checkpoint.from_json(text)

    def save(self, checkpoint: Checkpoint) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".tmp")
        partial.write_text(checkpoint.to_json() + "\n", encoding="utf-8")
        partial.replace(self.path)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stack",
        default=os.environ.get("STACK_NAME"),
        help="the CloudFormation stack (env STACK_NAME); default: the local stack",
    )
    parser.add_argument(
        "--local",
        action="store_true",
        help="talk to the local stack's endpoint (the default when no --stack is given)",
    )
    parser.add_argument(
        "--prefix",
        default=DEFAULT_PREFIX,
        help=f"list only keys under this prefix (default {DEFAULT_PREFIX}; inside it)",
    )
    parser.add_argument(
        "--only-stale",
        action="store_true",
        help="skip objects already summarized from the same ETag by the current engine version",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list and decide, send nothing, save no checkpoint"
    )
    parser.add_argument(
        "--limit",
        type=positive_int,
        default=None,
        metavar="N",
        help="stop after N objects (the checkpoint lets a rerun continue)",
    )
    parser.add_argument(
        "--restart", action="store_true", help="ignore and remove an existing checkpoint"
    )
    parser.add_argument(
        "--checkpoint",
        type=Path,
        default=None,
        help="checkpoint file (default .precis-backfill/<stack>.json)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="the engine the function runs (default: read from the function, else extractive)",
    )
    parser.add_argument("--model-id", default=None, help="Bedrock model id with --engine bedrock")
    parser.add_argument("--endpoint-url", default=None, help="AWS endpoint (default: the usual)")
    parser.add_argument("--region", default=None, help="AWS region (default: the usual)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    """Back fill; 0 when the listing was done (or `--limit` reached), 1 on an error."""
    local = args.local or not args.stack
    stack = args.stack or LOCAL_STACK_NAME
    client = client_factory(args.endpoint_url, args.region, local=local)
    try:
        resources = stack_resources(client("cloudformation"), stack)
    except BackfillError as exc:
        hint = " (is the local stack running? `make serve`)" if local else ""
        raise BackfillError(f"{exc.message}{hint}") from exc
    if not args.prefix.startswith(ARTICLES_PREFIX):
        raise CommandFailed(
            "USAGE", f"--prefix must be inside {ARTICLES_PREFIX!r}, the articles prefix", status=2
        )
    engine = _engine(args, resources, client, local=local)
    from precis.store.dynamodb import DynamoSummaryStore  # noqa: PLC0415

    checkpoint_path = args.checkpoint or Path(".precis-backfill") / f"{stack}.json"
    bar = ProgressBar(sys.stderr)
    result = run_backfill(
        bucket=resources.bucket,
        prefix=args.prefix,
        articles_prefix=ARTICLES_PREFIX,
        lister=S3ObjectLister(client("s3"), resources.bucket),
        states=DynamoSummaryStore(resources.table_name, lambda: client("dynamodb")),
        sender=SqsMessageSender(client("sqs"), resources.queue_url),
        checkpoints=CheckpointFile(checkpoint_path),
        engine=engine,
        only_stale=args.only_stale,
        dry_run=args.dry_run,
        restart=args.restart,
        limit=args.limit,
        progress=lambda p: bar.update(p.done, p.total, p.elapsed_s, detail=_detail(p)),
    )
    bar.finish(result.listed, result.listed, result.elapsed_s, detail=_summary(result))
    if args.json:
        print(json.dumps(_as_json(result, resources, engine, checkpoint_path), indent=2))
    else:
        print(report(result, resources, engine, checkpoint_path))
    return 0


def _engine(
    args: argparse.Namespace,
    resources: StackResources,
    client: Callable[[str], Any],
    *,
    local: bool,
) -> Engine:
    """The engine whose summaries count as current (for --only-stale and the report)."""
    from precis.summarize.selection import summarizer_for  # noqa: PLC0415 - engines load lazily

    name, model_id = args.engine, args.model_id
    if name is None:
        name, model_id = "extractive", None
        # The local stack runs its functions in-process, not in moto's Lambda.
        if resources.function_name and not local:
            name, deployed_model = function_engine(client("lambda"), resources.function_name)
            model_id = args.model_id or deployed_model
        elif os.environ.get("SUMMARY_ENGINE"):
            name = os.environ["SUMMARY_ENGINE"]
            model_id = args.model_id or os.environ.get("BEDROCK_MODEL_ID")
    try:
        summarizer = summarizer_for(name, model_id)
    except ValueError as exc:
        raise CommandFailed("USAGE", str(exc), status=2) from exc
    return Engine(summarizer.name, summarizer.version)


def _detail(progress: Progress) -> str:
    return f"enqueued {progress.enqueued:,}  skipped {progress.skipped:,}"


def _summary(result: BackfillResult) -> str:
    return f"enqueued {result.enqueued:,}  skipped {sum(result.skipped.values()):,}"


def report(
    result: BackfillResult, resources: StackResources, engine: Engine, checkpoint: Path
) -> str:
    """What a backfill did, as the lines the command prints."""
    verb = "would enqueue" if result.dry_run else "enqueued"
    reasons = ", ".join(f"{reason} {count:,}" for reason, count in sorted(result.skipped.items()))
    lines = [
        f"backfill run {result.run_id} ({'dry run, ' if result.dry_run else ''}"
        f"engine {engine.name} {engine.version}; names from {resources.origin})",
        f"  bucket {resources.bucket} -> queue {resources.queue_url}",
        f"  listed {result.listed:,}, {verb} {result.enqueued:,}, skipped "
        f"{sum(result.skipped.values()):,}" + (f" ({reasons})" if reasons else ""),
        f"  {result.listed_this_run:,} objects in {result.elapsed_s:.1f} s "
        f"({result.rate:,.0f}/s)"
        + (f", resumed after {result.resumed_after}" if result.resumed_after else ""),
    ]
    if result.dry_run:
        lines.append("  nothing sent, no checkpoint written")
    elif result.complete:
        lines.append("  complete; checkpoint removed")
    else:
        lines.append(f"  stopped early: rerun the same command to continue ({checkpoint})")
    return "\n".join(lines)


def _as_json(
    result: BackfillResult, resources: StackResources, engine: Engine, checkpoint: Path
) -> dict[str, Any]:
    return {
        "run_id": result.run_id,
        "listed": result.listed,
        "listed_this_run": result.listed_this_run,
        "enqueued": result.enqueued,
        "skipped": dict(result.skipped),
        "complete": result.complete,
        "dry_run": result.dry_run,
        "resumed_after": result.resumed_after,
        "seconds": round(result.elapsed_s, 3),
        "objects_per_second": round(result.rate, 1),
        "engine": asdict(engine),
        "checkpoint": str(checkpoint),
        **asdict(resources),
    }
