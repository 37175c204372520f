"""The reader's widget: its size, and the time from a click to the summary on screen.

Goal (issue 12): widget/precis-summary.js at most 12 KB unminified; the first summary shown at
most 300 ms after the click, against the local stack. Each round opens the demo page in a
fresh browser context (cold HTTP cache), clicks "Get a summary" and reads the widget's own
User Timing marks (click handler to summary rendered). The baseline, measured in the same
rounds in alternating order, is the bare `fetch` of the same GET /summaries/{id} from a fresh
page of the same origin: what any front end would pay. Headless system Chromium (make browser).

    python -m bench.widget [--rounds 20]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
import warnings
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from local.browser import launch
from local.stack import LocalStack, StackConfig, wait_for

REPO = Path(__file__).resolve().parents[1]
WIDGET = REPO / "widget" / "precis-summary.js"
SAMPLE = REPO / "local" / "samples" / "harbour-council-vote.txt"
ARTICLE = "bench/harbour-council-vote"
SIZE_GOAL_BYTES = 12 * 1024
SHOWN_GOAL_MS = 300.0

_BASELINE = """async (url) => {
  const started = performance.now();
  const response = await fetch(url, {credentials: "omit", cache: "no-store"});
  JSON.parse(await response.text());
  return performance.now() - started;
}"""
_WIDGET_MS = """() => performance.measure("precis", "precis-summary-click",
  "precis-summary-shown").duration"""


def _widget_round(browser: Browser, api_url: str) -> tuple[float, float]:
    """In-page click-to-shown ms, and the same seen from outside (Playwright's click to
    the rendered list, automation overhead included)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{api_url}/demo/{ARTICLE}")
        button = page.get_by_role("button", name="Get a summary")
        button.wait_for()
        started = time.perf_counter()
        button.click()
        page.locator("precis-summary li").first.wait_for()
        outside = (time.perf_counter() - started) * 1000
        inside = float(page.evaluate(_WIDGET_MS))
        return inside, outside
    finally:
        context.close()


def _baseline_round(browser: Browser, api_url: str) -> float:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{api_url}/demo/")
        return float(page.evaluate(_BASELINE, f"{api_url}/summaries/{ARTICLE}"))
    finally:
        context.close()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.widget", description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", module="aws_lambda_powertools")

    size = len(WIDGET.read_bytes())
    gzipped = len(gzip.compress(WIDGET.read_bytes(), compresslevel=9))
    config = StackConfig(
        aws_port=0,
        http_port=0,
        stack_name="precis-bench-widget",
        environment={"POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "WARNING"},
    )
    inside: list[float] = []
    outside: list[float] = []
    baseline: list[float] = []
    with LocalStack(config) as stack, sync_playwright() as playwright:
        stack.client("s3").put_object(
            Bucket=stack.bucket_name,
            Key=f"{stack.articles_prefix}{ARTICLE}.txt",
            Body=SAMPLE.read_bytes(),
        )
        stack.wait_until_idle(timeout=60)
        wait_for(lambda: stack.queue_depth(stack.queue_url) == 0, timeout=60)
        browser = launch(playwright)
        try:
            for _ in range(2):  # warm the function, the front and the browser; not counted
                _widget_round(browser, stack.api_url)
                _baseline_round(browser, stack.api_url)
            for round_index in range(args.rounds):
                if round_index % 2:
                    baseline.append(_baseline_round(browser, stack.api_url))
                widget_ms, seen_ms = _widget_round(browser, stack.api_url)
                inside.append(widget_ms)
                outside.append(seen_ms)
                if not round_index % 2:
                    baseline.append(_baseline_round(browser, stack.api_url))
        finally:
            browser.close()

    shown = statistics.median(inside)
    fetch_ms = statistics.median(baseline)
    print(f"{args.rounds} rounds, fresh browser context each, headless Chromium, local stack.\n")
    print("| measure | result | goal |")
    print("|---|---:|---:|")
    print(
        f"| widget/precis-summary.js | {size:,} B ({gzipped:,} B gzipped) "
        f"| ≤ {SIZE_GOAL_BYTES:,} B |"
    )
    print(
        f"| click → summary shown (widget's marks), median (p95) | "
        f"{shown:.1f} ms ({_p95(inside):.1f} ms) | ≤ {SHOWN_GOAL_MS:.0f} ms |"
    )
    print(
        f"| same, seen by the test driver (click to list visible), median | "
        f"{statistics.median(outside):.1f} ms | — |"
    )
    print(
        f"| baseline: bare fetch of the same GET from a fresh page, median (p95) | "
        f"{fetch_ms:.1f} ms ({_p95(baseline):.1f} ms) | — |"
    )
    print(f"| widget time / bare fetch | {shown / fetch_ms:.2f}x | — |")
    ok = size <= SIZE_GOAL_BYTES and shown <= SHOWN_GOAL_MS
    print(f"\nGoals: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
