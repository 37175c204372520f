"""Keep-alive vs new connection on the local stack's HTTP front, side by side in one run.

Goal (issue 16): the median latency of a request on a kept-alive connection is at most 1.5x
that of a request on a new connection. Both kinds of request are `GET /health` through the
whole local stack (front, proxy event, API function); rounds alternate between them so that
machine noise falls on both alike. A response written in pieces on a socket with Nagle's
algorithm on is held back until the client acknowledges the first piece, which a client
delays (~40 ms): kept-alive requests then cost ~20x a new connection's.

    python -m bench.keepalive [--requests 200]
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from urllib.parse import urlsplit

GOAL_RATIO = 1.5
PATH = "/health"


def _timed(call: Callable[[], None]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def measure(base_url: str, requests: int) -> tuple[list[float], list[float]]:
    """Milliseconds per request on new connections and on one kept-alive connection."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80

    def fresh() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=10)
        try:
            connection.request("GET", PATH)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"GET {PATH} answered {response.status}")
        finally:
            connection.close()

    kept = http.client.HTTPConnection(host, port, timeout=10)

    def reused() -> None:
        kept.request("GET", PATH)
        response = kept.getresponse()
        response.read()
        if response.status != 200 or response.will_close:
            raise RuntimeError(f"GET {PATH} answered {response.status} or closed the connection")

    reused()  # opens the connection: every timed call below reuses it
    fresh_ms: list[float] = []
    kept_ms: list[float] = []
    for _ in range(requests):
        fresh_ms.append(_timed(fresh))
        kept_ms.append(_timed(reused))
    kept.close()
    return fresh_ms, kept_ms


def _row(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"| {label} | {statistics.median(values):.2f} | {p90:.2f} | {max(values):.2f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.keepalive", description=__doc__)
    parser.add_argument("--requests", type=int, default=200, help="requests of each kind")
    args = parser.parse_args(argv)

    from local.stack import LocalStack, StackConfig  # moto loads slowly: only when run

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    config = StackConfig(
        aws_port=0,
        http_port=0,
        start_pollers=False,
        environment={"POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "ERROR"},
    )
    with LocalStack(config) as stack:
        fresh_ms, kept_ms = measure(stack.api_url, args.requests)
    ratio = statistics.median(kept_ms) / statistics.median(fresh_ms)
    ok = ratio <= GOAL_RATIO
    print(
        f"GET {PATH} through the local stack, {args.requests} requests of each kind, "
        "alternating; milliseconds.\n\n"
        "| connection | median | p90 | max |\n|---|---|---|---|\n"
        f"{_row('new per request (baseline)', fresh_ms)}\n{_row('kept alive', kept_ms)}\n\n"
        f"kept-alive median / new-connection median: {ratio:.2f}x "
        f"(goal <= {GOAL_RATIO}x: {'PASS' if ok else 'FAIL'})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
