"""`make load`: uploads in bursts through the local stack, then an exact audit.

    python -m bench.load [--uploads 2000] [--threads 8] [--seed 7]

The plan (deterministic for a seed): 75% new articles (txt, md, html, json), 10% duplicate
uploads (same key, same bytes), 5% overwrites (same key, new content), 5% deletes, 5% bad
files (empty, PDF, malformed JSON). Every key belongs to one upload thread, so the operations
on a key happen in plan order, as one publisher would make them; threads run at once, in
bursts. Afterwards the audit checks, key by key, through the HTTP API and the table:

- every live key is COMPLETED with the title and sentences of its last content;
- every deleted key answers 404 (its item is a tombstone);
- every bad key is FAILED with the expected code;
- the queue is empty and the dead-letter queue holds what the run expected (nothing);
- no record was written twice: each S3 event writes a record at most once (the record's
  `revision` counts its writes), and no content was analyzed twice (duplicates reuse).

Prints the throughput (uploads/s from the first upload until everything is settled) and
the audit table; exits 1 on any discrepancy.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from local.api_client import ApiClient
from local.stack import LocalStack, StackConfig

OpKind = Literal["create", "duplicate", "overwrite", "delete", "bad"]
SHARES = {"duplicate": 0.10, "overwrite": 0.05, "delete": 0.05, "bad": 0.05}
BAD_FILES: tuple[tuple[str, bytes, str], ...] = (
    (".txt", b"", "EMPTY"),
    (".pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "UNSUPPORTED_TYPE"),
    (".json", b'{"title": "cut off", "body": "never closed', "MALFORMED"),
)
AUDIT_THREADS = 4
FORMATS = (".txt", ".txt", ".md", ".html", ".json")
SUBJECTS = (
    "harbour", "library", "council", "railway", "school", "hospital", "market", "bridge",
    "festival", "museum", "river", "orchard", "stadium", "theatre", "airport", "forest",
)  # fmt: skip
VERBS = (
    "approved", "delayed", "funded", "reviewed", "opened", "questioned", "extended", "planned",
)  # fmt: skip
DETAILS = (
    "a new budget for the coming year",
    "longer opening hours on weekdays",
    "a survey of residents and traders",
    "repairs that were promised last spring",
    "a timetable agreed with the county",
    "a plan to cut energy use by a third",
    "an inquiry into rising costs",
    "new rules for deliveries in the centre",
)


# ------------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Content:
    title: str
    body: str  # the article text the summary must come from
    data: bytes  # the uploaded bytes
    content_type: str


@dataclass(frozen=True)
class Op:
    kind: OpKind
    key: str  # S3 key under the articles prefix (without it)
    content: Content | None = None
    bad_code: str | None = None


@dataclass
class KeyPlan:
    key: str
    ops: list[Op] = field(default_factory=list)

    @property
    def article_id(self) -> str:
        return self.key.rsplit(".", 1)[0]

    @property
    def final(self) -> Op:
        return self.ops[-1]

    @property
    def events(self) -> int:
        return len(self.ops)

    @property
    def distinct_contents(self) -> int:
        return len({op.content.data for op in self.ops if op.content is not None})


def make_content(rng: random.Random, number: int, version: int, extension: str) -> Content:
    """A small article whose title and sentences name its key number and version."""
    subject = rng.choice(SUBJECTS)
    title = f"Report {number} Edition {version}: The {subject.title()} Plan"
    sentences = []
    for index in range(rng.randint(6, 10)):
        verb = rng.choice(VERBS)
        detail = rng.choice(DETAILS)
        sentences.append(
            f"In report {number} edition {version} the {subject} board {verb} {detail} "
            f"after meeting {index + 1} of the season."
        )
    body = " ".join(sentences)
    if extension == ".md":
        data = f"# {title}\n\n{body}\n"
        content_type = "text/markdown"
    elif extension == ".html":
        paragraphs = "".join(f"<p>{s}</p>" for s in sentences)
        data = (
            f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer>"
            "</body></html>"
        )
        content_type = "text/html"
    elif extension == ".json":
        data = json.dumps({"title": title, "body": body})
        content_type = "application/json"
    else:
        data = f"{title}\n\n{body}\n"
        content_type = "text/plain"
    return Content(title, body, data.encode("utf-8"), content_type)


def make_plan(uploads: int, *, threads: int, seed: int, run: str) -> list[list[Op]]:
    """The operations of each upload thread, per-key order preserved, keys interleaved."""
    rng = random.Random(seed)
    counts = {kind: round(uploads * share) for kind, share in SHARES.items()}
    creates = max(1, uploads - sum(counts.values()))
    keys: list[KeyPlan] = []
    for number in range(creates):
        extension = rng.choice(FORMATS)
        key = f"load/{run}/{number:05d}{extension}"
        keys.append(KeyPlan(key, [Op("create", key, make_content(rng, number, 0, extension))]))
    # Deletes first pick their keys; those keys get no further operations after the delete.
    deleted = rng.sample(keys, min(counts["delete"], len(keys)))
    for kind in ("duplicate", "overwrite"):
        for _ in range(counts[kind]):
            plan = rng.choice(keys)
            extension = "." + plan.key.rsplit(".", 1)[1]
            last = plan.ops[-1].content
            if kind == "duplicate" and last is not None:
                plan.ops.append(Op("duplicate", plan.key, last))
            else:
                number = int(plan.key.rsplit("/", 1)[1].split(".")[0])
                version = sum(1 for op in plan.ops if op.kind in ("create", "overwrite"))
                content = make_content(rng, number, version, extension)
                plan.ops.append(Op("overwrite", plan.key, content))
    for plan in deleted:
        plan.ops.append(Op("delete", plan.key))
    for index in range(counts["bad"]):
        extension, data, code = BAD_FILES[index % len(BAD_FILES)]
        key = f"load/{run}/bad-{index:05d}{extension}"
        content = Content("", "", data, "application/octet-stream")
        keys.append(KeyPlan(key, [Op("bad", key, content, bad_code=code)]))

    per_thread: list[list[KeyPlan]] = [[] for _ in range(threads)]
    for index, plan in enumerate(keys):
        per_thread[index % threads].append(plan)
    schedules = []
    for plans in per_thread:
        queues = [list(plan.ops) for plan in plans]
        schedule: list[Op] = []
        while queues:
            queue = rng.choice(queues)
            schedule.append(queue.pop(0))
            if not queue:
                queues.remove(queue)
        schedules.append(schedule)
    return schedules


def key_plans(schedules: list[list[Op]]) -> dict[str, KeyPlan]:
    plans: dict[str, KeyPlan] = {}
    for schedule in schedules:
        for op in schedule:
            plans.setdefault(op.key, KeyPlan(op.key)).ops.append(op)
    return plans


# ---------------------------------------------------------------------------------- run


@contextmanager
def counting_analyses() -> Iterator[Counter[str]]:
    """Count analyze_bytes calls per S3 key (the summarize path's only analysis)."""
    import precis.analyze as analyze_module

    counts: Counter[str] = Counter()
    lock = threading.Lock()
    original = analyze_module.analyze_bytes

    def counted(data: bytes, **kwargs: Any) -> Any:
        with lock:
            counts[str(kwargs.get("filename"))] += 1
        return original(data, **kwargs)

    analyze_module.analyze_bytes = counted
    try:
        yield counts
    finally:
        analyze_module.analyze_bytes = original


def upload_all(
    stack: LocalStack, schedules: list[list[Op]], *, burst: int, pause_s: float
) -> list[BaseException]:
    """Run every thread's schedule at once; the errors the threads met."""
    prefix = stack.articles_prefix
    errors: list[BaseException] = []
    start = threading.Barrier(len(schedules))

    def worker(schedule: list[Op]) -> None:
        s3 = stack.client("s3")
        start.wait()
        try:
            for position, op in enumerate(schedule, start=1):
                apply_op(s3, stack.bucket_name, prefix + op.key, op)
                if position % burst == 0:
                    time.sleep(pause_s)
        except BaseException as error:  # reported by the caller
            errors.append(error)

    workers = [threading.Thread(target=worker, args=(s,), daemon=True) for s in schedules]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return errors


# -------------------------------------------------------------------------------- audit


@dataclass
class Audit:
    rows: list[tuple[str, int, int, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def row(self, label: str, checked: int, failed: int, rule: str) -> None:
        self.rows.append((label, checked, failed, rule))

    @property
    def ok(self) -> bool:
        return not self.problems

    def verdict(self, errors: list[str], *, ok: bool) -> list[str]:
        """The report's closing lines: the table, the first discrepancies, AUDIT OK/FAILED."""
        lines = ["", self.table()]
        problems = [*errors, *self.problems]
        if problems:
            lines += ["", f"{len(problems)} discrepancies (first 20):"]
            lines += [f"  - {p}" for p in problems[:20]]
        return [*lines, "", "AUDIT OK" if ok else "AUDIT FAILED"]

    def table(self) -> str:
        lines = [f"{'check':<22}{'checked':>9}{'failed':>8}  rule", "-" * 96]
        for label, checked, failed, rule in self.rows:
            mark = "ok " if failed == 0 else "BAD"
            lines.append(f"{label:<22}{checked:>9}{failed:>8}  {mark} {rule}")
        return "\n".join(lines)


def _table_items(stack: LocalStack) -> dict[str, dict[str, Any]]:
    """Every item of the summaries table, tombstones included (plain values)."""
    paginator = stack.client("dynamodb").get_paginator("scan")
    items: dict[str, dict[str, Any]] = {}
    for page in paginator.paginate(TableName=stack.table_name, ConsistentRead=True):
        for item in page["Items"]:
            plain = {name: next(iter(value.values())) for name, value in item.items()}
            items[str(plain["article_id"])] = plain
    return items


@dataclass
class _Checks:
    """The per-key checks of the audit, over the API and the table."""

    api: ApiClient
    items: dict[str, dict[str, Any]]
    analyses: Counter[str]
    prefix: str

    def live(self, plan: KeyPlan) -> str | None:
        content = plan.final.content
        assert content is not None
        response = self.api.summary(plan.article_id)
        if response.status != 200:
            return f"GET {response.status}"
        record = response.json()
        if record.get("status") != "COMPLETED":
            return f"status {record.get('status')} {record.get('error')}"
        if record.get("title") != content.title:
            return f"title {record.get('title')!r}, expected {content.title!r}"
        sentences = record.get("summary_sentences") or []
        stray = [s for s in sentences if s not in content.body]
        if stray or not sentences:
            return f"summary not from the last content: {stray[:1]}"
        return None

    def deleted(self, plan: KeyPlan) -> str | None:
        response = self.api.summary(plan.article_id)
        if response.status != 404:
            return f"GET {response.status}, expected 404"
        item = self.items.get(plan.article_id)
        if item is not None and not item.get("deleted"):
            return "item is not a tombstone"
        return None

    def bad(self, plan: KeyPlan) -> str | None:
        response = self.api.summary(plan.article_id)
        record = response.json() if response.body else {}
        code = (record.get("error") or {}).get("code")
        if response.status != 200 or record.get("status") != "FAILED":
            return f"GET {response.status} status {record.get('status')}"
        if code != plan.final.bad_code:
            return f"code {code}, expected {plan.final.bad_code}"
        return None

    def written_once(self, plan: KeyPlan) -> str | None:
        item = self.items.get(plan.article_id)
        if item is None:
            return "no item in the table"
        revision = int(item.get("revision", 0))
        if not 1 <= revision <= plan.events:
            return f"{revision} writes for {plan.events} S3 events"
        return None

    def analyzed_once(self, plan: KeyPlan) -> str | None:
        count = self.analyses.get(self.prefix + plan.key, 0)
        if count > plan.distinct_contents:
            return f"analyzed {count} times for {plan.distinct_contents} distinct contents"
        return None

    def analyzed_at_most_per_event(self, plan: KeyPlan) -> str | None:
        count = self.analyses.get(self.prefix + plan.key, 0)
        if count > plan.events:
            return f"analyzed {count} times for {plan.events} S3 events"
        return None


def audit(
    stack: LocalStack,
    plans: dict[str, KeyPlan],
    analyses: Counter[str],
    *,
    serial: bool,
    expected_dead_letters: int = 0,
) -> Audit:
    """Compare what the stack holds with what the plan implies."""
    result = Audit()
    api = ApiClient(stack.api_url)
    checks = _Checks(api, _table_items(stack), analyses, stack.articles_prefix)
    groups: dict[str, list[KeyPlan]] = {"live": [], "deleted": [], "bad": []}
    for plan in plans.values():
        kind = plan.final.kind
        groups["deleted" if kind == "delete" else "bad" if kind == "bad" else "live"].append(plan)

    def check(label: str, members: list[KeyPlan], verify: Callable[[KeyPlan], str | None]) -> None:
        # The API answers in parallel (one container per concurrent invocation).
        with ThreadPoolExecutor(max_workers=AUDIT_THREADS) as pool:
            problems = list(pool.map(verify, members))
        failed = 0
        for plan, problem in zip(members, problems, strict=True):
            if problem:
                failed += 1
                result.problems.append(f"{plan.article_id}: {problem}")
        result.row(label, len(members), failed, RULES[label])

    check("live: last content", groups["live"], checks.live)
    check("deleted: 404", groups["deleted"], checks.deleted)
    check("bad: FAILED + code", groups["bad"], checks.bad)
    check("writes <= events", list(plans.values()), checks.written_once)
    if serial:
        check("no re-analysis", groups["live"] + groups["deleted"], checks.analyzed_once)
    else:
        # Two uploads of the same bytes handled at the same moment by two invocations may
        # both analyze (as on AWS); what must hold is at most one analysis per event.
        check(
            "analyses <= events",
            groups["live"] + groups["deleted"],
            checks.analyzed_at_most_per_event,
        )
    api.close()

    depth = stack.queue_depth(stack.queue_url)
    dead = stack.queue_depth(stack.dead_letter_queue_url)
    result.row("queue empty", 1, int(depth != 0), f"{depth} messages left")
    result.row(
        "dead-letter queue",
        1,
        int(dead != expected_dead_letters),
        f"{dead} messages, expected {expected_dead_letters}",
    )
    if depth:
        result.problems.append(f"queue still holds {depth} messages")
    if dead != expected_dead_letters:
        result.problems.append(f"dead-letter queue holds {dead}, expected {expected_dead_letters}")
    return result


RULES = {
    "live: last content": "200 COMPLETED, title and summary sentences of the last upload",
    "deleted: 404": "404 and a tombstone item",
    "bad: FAILED + code": "200 FAILED with the code of its kind (EMPTY, UNSUPPORTED_TYPE, ...)",
    "writes <= events": "record revision (writes) between 1 and its S3 events",
    "no re-analysis": "analyses <= distinct contents (duplicates reuse the summary)",
    "analyses <= events": "at most one analysis per S3 event (duplicates may race)",
}


@dataclass
class LoadResult:
    uploads: int
    threads: int
    upload_seconds: float
    settle_seconds: float
    audit: Audit
    errors: list[str]
    writes: int
    events: int
    analyses: int

    @property
    def throughput(self) -> float:
        return self.uploads / self.settle_seconds if self.settle_seconds else 0.0

    @property
    def ok(self) -> bool:
        return self.audit.ok and not self.errors

    def report(self) -> str:
        lines = [
            f"Load: {self.uploads} uploads from {self.threads} threads",
            f"  uploaded in {self.upload_seconds:.1f} s "
            f"({self.uploads / max(self.upload_seconds, 1e-9):.0f}/s); everything settled in "
            f"{self.settle_seconds:.1f} s: {self.throughput:.1f} uploads/s end to end",
            f"  S3 events {self.events}, record writes {self.writes}, analyses {self.analyses}",
        ]
        return "\n".join(lines + self.audit.verdict(self.errors, ok=self.ok))


def apply_op(s3: Any, bucket: str, key: str, op: Op) -> None:
    """Carry out one planned upload or delete of `key`."""
    if op.kind == "delete":
        s3.delete_object(Bucket=bucket, Key=key)
        return
    assert op.content is not None
    s3.put_object(Bucket=bucket, Key=key, Body=op.content.data, ContentType=op.content.content_type)


def run_load(
    uploads: int = 2000,
    *,
    threads: int = 8,
    seed: int = 7,
    burst: int = 25,
    pause_s: float = 0.02,
    timeout_s: float = 600.0,
    concurrency: int = 3,
) -> LoadResult:
    """Start a local stack, run the plan through it, audit; the result (never raises on
    a discrepancy, only on a stack that cannot start)."""
    run = f"r{seed}"
    schedules = make_plan(uploads, threads=threads, seed=seed, run=run)
    plans = key_plans(schedules)
    config = StackConfig(
        aws_port=0,
        http_port=0,
        stack_name="precis-load",
        retry_delay_s=1,
        concurrency=concurrency,
        environment={"POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "ERROR"},
    )
    warnings.filterwarnings("ignore", module="aws_lambda_powertools")
    with LocalStack(config) as stack, counting_analyses() as analyses:
        started = time.monotonic()
        errors = upload_all(stack, schedules, burst=burst, pause_s=pause_s)
        uploaded = time.monotonic() - started
        try:
            stack.wait_until_idle(timeout=timeout_s, interval=0.1)
        except TimeoutError as error:
            errors.append(error)
        settled = time.monotonic() - started
        result_audit = audit(stack, plans, analyses, serial=concurrency == 1)
        items = _table_items(stack)
    writes = sum(int(item.get("revision", 0)) for item in items.values())
    return LoadResult(
        uploads=sum(len(s) for s in schedules),
        threads=threads,
        upload_seconds=uploaded,
        settle_seconds=settled,
        audit=result_audit,
        errors=[f"{type(e).__name__}: {e}" for e in errors],
        writes=writes,
        events=sum(plan.events for plan in plans.values()),
        analyses=sum(analyses.values()),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--uploads", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--burst", type=int, default=25, help="uploads per burst and thread")
    parser.add_argument(
        "--concurrency", type=int, default=3, help="summarize invocations in parallel (3)"
    )
    args = parser.parse_args(argv)
    result = run_load(
        args.uploads,
        threads=args.threads,
        seed=args.seed,
        burst=args.burst,
        concurrency=args.concurrency,
    )
    print(result.report())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
