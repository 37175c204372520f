"""`make demo`: the whole pipeline on this machine, with the project's own sample articles.

Starts the local stack on free ports, uploads every file of local/samples/ to the bucket,
waits until each one is summarized (or failed), reads every summary back over HTTP and
prints a report with the URL of each article's demo page (the article as a news page, with
the summary widget). Exits 0 when every article came out as expected (the PDF must fail);
run from a terminal, it keeps the stack up for those pages until Enter or Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import mimetypes
import os
import sys
import tempfile
import textwrap
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from local.api_client import ApiClient
from local.demo_page import PAGE_PREFIX
from local.stack import LocalStack, StackConfig, wait_for

SAMPLES = Path(__file__).resolve().parent / "samples"
PREFIX = "demo/"
# The sample that must be refused, and with which code.
EXPECTED_FAILURES = {"scanned-notice": "UNSUPPORTED_TYPE"}
# The sample whose demo page the report points to (the README's example article).
WIDGET_SAMPLE = "harbour-council-vote"
FINAL = ("COMPLETED", "FAILED")
WIDTH = 96


class _MainThreadOnly(io.TextIOBase):
    """stdout for the report; what the functions print from other threads goes to a log."""

    def __init__(self, console: TextIO, log: TextIO) -> None:
        self._console = console
        self._log = log

    def write(self, text: str) -> int:
        target = (
            self._console if threading.current_thread() is threading.main_thread() else self._log
        )
        return target.write(text)

    def flush(self) -> None:
        self._console.flush()
        self._log.flush()


@dataclass
class Outcome:
    sample: Path
    article_id: str
    status_code: int
    record: dict[str, Any]
    seconds: float


def _article_id(sample: Path) -> str:
    return PREFIX + sample.stem


def upload_samples(stack: LocalStack, samples: list[Path]) -> None:
    s3 = stack.client("s3")
    for sample in samples:
        content_type = mimetypes.guess_type(sample.name)[0] or "application/octet-stream"
        s3.put_object(
            Bucket=stack.bucket_name,
            Key=f"{stack.articles_prefix}{PREFIX}{sample.name}",
            Body=sample.read_bytes(),
            ContentType=content_type,
        )


def wait_for_summaries(
    api: ApiClient, samples: list[Path], started: float, timeout: float
) -> list[Outcome]:
    outcomes: dict[str, Outcome] = {}

    def all_final() -> bool:
        for sample in samples:
            article_id = _article_id(sample)
            if article_id in outcomes:
                continue
            response = api.summary(article_id)
            record = response.json() if response.body else {}
            if response.status == 200 and record.get("status") in FINAL:
                outcomes[article_id] = Outcome(
                    sample, article_id, response.status, record, time.monotonic() - started
                )
        return len(outcomes) == len(samples)

    wait_for(all_final, timeout=timeout, interval=0.1, what="the samples to be summarized")
    return [outcomes[_article_id(sample)] for sample in samples]


def _wrap(label: str, text: str) -> str:
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=f"  {label:<11}",
        subsequent_indent=" " * 13,
        break_on_hyphens=False,  # keep versions and hyphenated words whole
    )


def render(outcome: Outcome) -> str:
    record = outcome.record
    status = record.get("status", "?")
    head = f"── {outcome.article_id}  ({outcome.sample.name}) "
    lines = [head + "─" * max(3, WIDTH - len(head) - len(status) - 1) + " " + status]
    if status == "FAILED":
        error = record.get("error") or {}
        lines.append(_wrap("error", f"{error.get('code')}: {error.get('message')}"))
        return "\n".join(lines)
    engine = record.get("engine") or {}
    facts = [
        f"language {record.get('language')}",
        f"{record.get('word_count')} words",
        f"{record.get('sentence_count')} sentences",
        f"{record.get('reading_time_minutes')} min read",
        f"engine {engine.get('name')} {engine.get('version')}",
    ]
    lines.append(_wrap("title", str(record.get("title"))))
    lines.append(_wrap("facts", " · ".join(facts)))
    lines.append(_wrap("keywords", ", ".join(record.get("keywords") or [])))
    lines.append(_wrap("summary", str(record.get("summary"))))
    return "\n".join(lines)


def check(outcomes: list[Outcome]) -> list[str]:
    """What did not come out as expected (empty when the demo succeeded)."""
    problems = []
    for outcome in outcomes:
        record = outcome.record
        expected_code = EXPECTED_FAILURES.get(outcome.sample.stem)
        code = (record.get("error") or {}).get("code")
        if expected_code and (record.get("status") != "FAILED" or code != expected_code):
            problems.append(
                f"{outcome.article_id}: expected FAILED/{expected_code}, "
                f"got {record.get('status')}/{code}"
            )
        if not expected_code and (record.get("status") != "COMPLETED" or not record.get("summary")):
            problems.append(f"{outcome.article_id}: expected a summary, got {record.get('status')}")
    return problems


def demo_page_url(api_url: str, sample: Path) -> str:
    """The demo page of `sample` on the local stack at `api_url`."""
    return f"{api_url}{PAGE_PREFIX}{_article_id(sample)}"


def _wait_for_reader() -> None:
    with contextlib.suppress(EOFError, KeyboardInterrupt):
        input()


def run(timeout: float, log: TextIO, *, keep: bool = False) -> int:
    samples = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    config = StackConfig(
        aws_port=0,
        http_port=0,
        stack_name="precis-demo",
        retry_delay_s=1,
        environment={"POWERTOOLS_LOG_LEVEL": "WARNING", "POWERTOOLS_METRICS_DISABLED": "true"},
    )
    began = time.monotonic()
    with LocalStack(config) as stack:
        ready = time.monotonic() - began
        print(f"Précis demo: local stack ready in {ready:.1f} s")
        print(f"  AWS endpoint {stack.endpoint_url}   API {stack.api_url}")
        started = time.monotonic()
        upload_samples(stack, samples)
        print(
            f"  uploaded {len(samples)} files to "
            f"s3://{stack.bucket_name}/{stack.articles_prefix}{PREFIX}"
        )
        api = ApiClient(stack.api_url)
        outcomes = wait_for_summaries(api, samples, started, timeout)
        elapsed = time.monotonic() - started
        print(f"  all {len(outcomes)} read back over HTTP in {elapsed:.1f} s\n")
        for outcome in outcomes:
            print(render(outcome))
            print()
        api.close()
        problems = check(outcomes)
        shown = next((s for s in samples if s.stem == WIDGET_SAMPLE), samples[0])
        print(f"The widget on a news page: {demo_page_url(stack.api_url, shown)}")
        print(f"  every article: {stack.api_url}{PAGE_PREFIX}")
        if keep and not problems:
            print("  The stack stays up for these pages: press Enter (or Ctrl-C) to stop it.")
            _wait_for_reader()
        print()
    if problems:
        print("Demo FAILED:")
        for problem in problems:
            print(f"  - {problem}")
        print(f"  (function logs: {log.name})")
        return 1
    print(f"Demo OK in {time.monotonic() - began:.1f} s (function logs: {log.name}).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.demo", description=__doc__)
    parser.add_argument("--timeout", type=float, default=45.0, help="seconds to wait (45)")
    parser.add_argument(
        "--keep",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="keep the stack up for the demo pages until Enter (default: when run from a terminal)",
    )
    args = parser.parse_args(argv)
    keep = sys.stdin.isatty() if args.keep is None else args.keep
    warnings.filterwarnings("ignore", module="aws_lambda_powertools")
    console = sys.stdout
    descriptor, name = tempfile.mkstemp(prefix="precis-demo-", suffix=".log")
    os.close(descriptor)
    with Path(name).open("w", encoding="utf-8") as log:
        sys.stdout = _MainThreadOnly(console, log)
        try:
            return run(args.timeout, log, keep=keep)
        except TimeoutError as error:
            print(f"Demo FAILED: {error} (function logs: {log.name})")
            return 1
        finally:
            sys.stdout = console


if __name__ == "__main__":
    sys.exit(main())
