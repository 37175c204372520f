"""Backfill an archive through the local stack while uploads go on, then the exact audit.

    python -m bench.backfill [--archive 2000] [--churn 500] [--seed 11]

1. An archive of `--archive` articles is put in the bucket with the bucket's notifications
   switched off: objects that no S3 event ever announced, as in a bucket that predates the
   stack. The table stays empty.
2. `precis backfill` runs against the stack (the real command, through the local endpoint),
   first with `--limit` (as if interrupted), then again to resume from its checkpoint. From
   the moment the first run starts, `--churn` operations arrive from upload threads: new
   articles, overwrites of archived ones and deletes of archived ones.
3. When the queue is drained: `make load`'s audit, key by key (bench.load): every live key
   holds its newest content, every deleted key is a tombstone (404), each record's writes are
   at most its events (uploads, deletes, one backfill message), and no content was analyzed
   more than once (the engine version does not change during the run).
4. `precis backfill --only-stale` then finds nothing to do, and a second full run reuses
   every summary without analyzing anything.

Prints the rates: objects listed and enqueued per second by the command, and archive
articles summarized per second end to end (from the first backfill run until the queue is
empty); the upload rate of the same stack in the same process is the baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load import (
    FORMATS,
    Audit,
    KeyPlan,
    Op,
    _table_items,
    apply_op,
    audit,
    counting_analyses,
    make_content,
)
from local.stack import LocalStack, StackConfig

UPLOAD_THREADS = 4
SHARES = {"create": 0.4, "overwrite": 0.35, "delete": 0.25}


@dataclass
class BackfillBenchResult:
    archive: int
    churn: int
    runs: list[dict[str, Any]]
    archive_upload_s: float
    settle_s: float
    audit: Audit
    errors: list[str] = field(default_factory=list)
    rerun_only_stale: dict[str, Any] = field(default_factory=dict)
    rerun_full: dict[str, Any] = field(default_factory=dict)
    rerun_analyses: int = 0

    @property
    def enqueue_rate(self) -> float:
        seconds = sum(run["seconds"] for run in self.runs)
        listed = sum(run["listed_this_run"] for run in self.runs)
        return listed / seconds if seconds else 0.0

    @property
    def ok(self) -> bool:
        return (
            self.audit.ok
            and not self.errors
            and self.rerun_only_stale.get("enqueued") == 0
            and self.rerun_analyses == 0
        )

    def report(self) -> str:
        enqueued = self.runs[-1]["enqueued"] if self.runs else 0
        skipped = self.runs[-1]["skipped"] if self.runs else {}
        lines = [
            f"Backfill: {self.archive} archived articles while {self.churn} uploads, "
            "overwrites and deletes arrive",
            f"  baseline: archive put in S3 at {self.archive / self.archive_upload_s:.0f} "
            f"objects/s ({self.archive_upload_s:.1f} s, same stack, same process)",
        ]
        for number, run in enumerate(self.runs, start=1):
            resumed = f", resumed after {run['resumed_after']}" if run["resumed_after"] else ""
            lines.append(
                f"  run {number}: listed {run['listed_this_run']}, {run['objects_per_second']:.0f}"
                f" objects/s, complete {run['complete']}{resumed}"
            )
        lines += [
            f"  backfill command: {self.enqueue_rate:.0f} objects/s listed and decided; "
            f"enqueued {enqueued}, skipped {json.dumps(skipped)}",
            f"  end to end: {self.archive / self.settle_s:.1f} archive articles/s summarized "
            f"({self.settle_s:.1f} s from the first run until the queue was empty)",
            f"  rerun --only-stale: enqueued {self.rerun_only_stale.get('enqueued')}; "
            f"full rerun: enqueued {self.rerun_full.get('enqueued')}, analyses "
            f"{self.rerun_analyses} (summaries reused)",
        ]
        return "\n".join(lines + self.audit.verdict(self.errors, ok=self.ok))


def make_archive(count: int, rng: random.Random) -> dict[str, KeyPlan]:
    plans = {}
    for number in range(count):
        extension = rng.choice(FORMATS)
        key = f"archive/{number:05d}{extension}"
        plans[key] = KeyPlan(key, [Op("create", key, make_content(rng, number, 0, extension))])
    return plans


def make_churn(
    archive: dict[str, KeyPlan], count: int, rng: random.Random, *, threads: int
) -> tuple[dict[str, KeyPlan], list[list[Op]]]:
    """New keys, overwrites and deletes of archived keys; per-key order kept per thread."""
    plans: dict[str, KeyPlan] = {}
    creates = round(count * SHARES["create"])
    overwrites = round(count * SHARES["overwrite"])
    deletes = count - creates - overwrites
    for number in range(creates):
        extension = rng.choice(FORMATS)
        key = f"new/{number:05d}{extension}"
        content = make_content(rng, 50_000 + number, 0, extension)
        plans[key] = KeyPlan(key, [Op("create", key, content)])
    archived = list(archive)
    for key in rng.sample(archived, min(overwrites, len(archived))):
        extension = "." + key.rsplit(".", 1)[1]
        number = int(key.rsplit("/", 1)[1].split(".")[0])
        plans[key] = KeyPlan(key, [Op("overwrite", key, make_content(rng, number, 1, extension))])
    for key in rng.sample(archived, min(deletes, len(archived))):
        plans.setdefault(key, KeyPlan(key)).ops.append(Op("delete", key))
    per_thread: list[list[Op]] = [[] for _ in range(threads)]
    for index, plan in enumerate(plans.values()):
        per_thread[index % threads].extend(plan.ops)
    for schedule in per_thread:
        _shuffle_keeping_key_order(schedule, rng)
    return plans, per_thread


def _shuffle_keeping_key_order(schedule: list[Op], rng: random.Random) -> None:
    by_key: dict[str, list[Op]] = {}
    for op in schedule:
        by_key.setdefault(op.key, []).append(op)
    queues = list(by_key.values())
    schedule.clear()
    while queues:
        queue = rng.choice(queues)
        schedule.append(queue.pop(0))
        if not queue:
            queues.remove(queue)


@contextlib.contextmanager
def notifications_off(stack: LocalStack) -> Iterator[None]:
    """The bucket without its S3 -> SQS notification, restored afterwards."""
    s3 = stack.client("s3")
    saved = s3.get_bucket_notification_configuration(Bucket=stack.bucket_name)
    saved.pop("ResponseMetadata", None)
    s3.put_bucket_notification_configuration(Bucket=stack.bucket_name, NotificationConfiguration={})
    try:
        yield
    finally:
        s3.put_bucket_notification_configuration(
            Bucket=stack.bucket_name, NotificationConfiguration=saved
        )


def put_archive(stack: LocalStack, archive: dict[str, KeyPlan]) -> float:
    prefix = stack.articles_prefix
    started = time.monotonic()

    def put(plan: KeyPlan) -> None:
        content = plan.ops[0].content
        assert content is not None
        stack.client("s3").put_object(
            Bucket=stack.bucket_name,
            Key=prefix + plan.key,
            Body=content.data,
            ContentType=content.content_type,
        )

    with ThreadPoolExecutor(max_workers=UPLOAD_THREADS) as pool:
        list(pool.map(put, archive.values()))
    return time.monotonic() - started


def churn(
    stack: LocalStack, schedules: list[list[Op]], errors: list[str], *, spread_s: float
) -> list[threading.Thread]:
    """Upload threads that spread their schedules over about `spread_s` seconds."""
    prefix = stack.articles_prefix
    pause_s = spread_s / max(1, *(len(s) for s in schedules))

    def worker(schedule: list[Op]) -> None:
        s3 = stack.client("s3")
        try:
            for op in schedule:
                apply_op(s3, stack.bucket_name, prefix + op.key, op)
                time.sleep(pause_s)  # arrivals spread over the backfill, not one burst
        except Exception as error:  # reported with the audit
            errors.append(f"upload thread: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=worker, args=(s,), daemon=True) for s in schedules]
    for thread in threads:
        thread.start()
    return threads


def backfill(stack: LocalStack, checkpoint: Path, *extra: str) -> dict[str, Any]:
    """`precis backfill --json ...` in its own process, as an operator runs it; its answer."""
    argv = [
        sys.executable,
        "-m",
        "precis",
        "backfill",
        "--local",
        "--stack",
        stack.config.stack_name,
        "--endpoint-url",
        stack.endpoint_url,
        "--checkpoint",
        str(checkpoint),
        "--json",
        *extra,
    ]
    done = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        argv, capture_output=True, text=True, check=False, timeout=900
    )
    if done.returncode != 0:
        raise RuntimeError(f"precis backfill exited {done.returncode}: {done.stderr[-500:]}")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def run_bench(
    archive_size: int = 2000,
    churn_ops: int = 500,
    *,
    seed: int = 11,
    concurrency: int = 3,
    churn_seconds: float = 8.0,
    timeout_s: float = 900.0,
) -> BackfillBenchResult:
    rng = random.Random(seed)
    archive = make_archive(archive_size, rng)
    churned, schedules = make_churn(archive, churn_ops, rng, threads=UPLOAD_THREADS)
    config = StackConfig(
        aws_port=0,
        http_port=0,
        stack_name="precis-backfill",
        retry_delay_s=1,
        concurrency=concurrency,
        environment={"POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "ERROR"},
    )
    warnings.filterwarnings("ignore", module="aws_lambda_powertools")
    errors: list[str] = []
    with (
        tempfile.TemporaryDirectory() as scratch,
        LocalStack(config) as stack,
        counting_analyses() as analyses,
    ):
        checkpoint = Path(scratch) / "backfill.json"
        with notifications_off(stack):
            upload_s = put_archive(stack, archive)
        stack.wait_until_idle(timeout=60, interval=0.1)
        if _table_items(stack):
            errors.append("the archive was summarized before the backfill: notifications were on")
        started = time.monotonic()
        uploaders = churn(stack, schedules, errors, spread_s=churn_seconds)
        # Stopped after 40% (as if interrupted), then resumed from the checkpoint.
        runs = [backfill(stack, checkpoint, "--limit", str(max(1, archive_size * 2 // 5)))]
        runs.append(backfill(stack, checkpoint))
        for thread in uploaders:
            thread.join()
        try:
            stack.wait_until_idle(timeout=timeout_s, interval=0.1)
        except TimeoutError as error:
            errors.append(f"TimeoutError: {error}")
        settled = time.monotonic() - started
        plans = _merged(archive, churned)
        for plan in plans.values():
            # One backfill message may reach any key listed before it changed (a new key
            # uploaded before the run started too): one event more that may write. It goes
            # first, so the key's last operation stays the one the audit checks against.
            plan.ops.insert(0, plan.ops[0])
        result_audit = audit(stack, plans, analyses, serial=True)
        before = sum(analyses.values())
        only_stale = backfill(stack, checkpoint, "--only-stale")
        full = backfill(stack, checkpoint)
        stack.wait_until_idle(timeout=timeout_s, interval=0.1)
        rerun_analyses = sum(analyses.values()) - before
    if not runs[0]["complete"] and runs[1]["resumed_after"] is None:
        errors.append("the second run did not resume from the checkpoint")
    return BackfillBenchResult(
        archive=archive_size,
        churn=churn_ops,
        runs=runs,
        archive_upload_s=upload_s,
        settle_s=settled,
        audit=result_audit,
        errors=errors,
        rerun_only_stale=only_stale,
        rerun_full=full,
        rerun_analyses=rerun_analyses,
    )


def _merged(archive: dict[str, KeyPlan], churned: dict[str, KeyPlan]) -> dict[str, KeyPlan]:
    merged = {key: KeyPlan(key, list(plan.ops)) for key, plan in archive.items()}
    for key, plan in churned.items():
        merged.setdefault(key, KeyPlan(key)).ops.extend(plan.ops)
    return merged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.backfill", description=__doc__)
    parser.add_argument("--archive", type=int, default=2000)
    parser.add_argument("--churn", type=int, default=500)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--concurrency", type=int, default=3)
    args = parser.parse_args(argv)
    result = run_bench(args.archive, args.churn, seed=args.seed, concurrency=args.concurrency)
    print(result.report())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
