"""Cold start: importing each handler module vs a bare `import boto3`, side by side in one run.

Goal (issue 14): in a fresh interpreter, loading a handler module (layer on sys.path,
environment as the template sets it) takes at most 1.3x the wall-clock time of a fresh
interpreter running `import boto3`. Every round starts one fresh interpreter per candidate, in
a rotating order, so machine noise falls on all of them alike; the medians are compared. The
primary figure is the wall-clock median of the import itself (what the function's init phase
waits for); its CPU time and the whole process are shown beside.

Below the handlers, component rows (not part of the goal) show where the API's import time
goes: Powertools' event handler alone, the resolver with request validation on (pydantic and
Powertools' validation middleware), and the same plus our models.

    python -m bench.coldstart [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LAYER = REPO / "layers" / "precis"
GOAL_RATIO = 1.3

# The functions' environment as template.yaml sets it (values are placeholders of the same kind).
TEMPLATE_ENVIRONMENT = {
    "TABLE_NAME": "precis-summaries",
    "BUCKET_NAME": "precis-articles-123456789012-eu-west-1",
    "EVENT_BUS_NAME": "default",
    "MAX_ARTICLE_BYTES": "2097152",
    "MAX_REQUEST_BYTES": "262144",
    "SUMMARY_ENGINE": "extractive",
    "DEFAULT_SUMMARY_SENTENCES": "3",
    "ARTICLES_PREFIX": "articles/",
    "CURSOR_SECRET": "0123456789abcdef0123456789abcdef",
    "CORS_ORIGINS": "*",
    "POWERTOOLS_SERVICE_NAME": "precis",
    "POWERTOOLS_METRICS_NAMESPACE": "Precis",
    "POWERTOOLS_LOG_LEVEL": "INFO",
    "PYDANTIC_DISABLE_PLUGINS": "__all__",
    "AWS_DEFAULT_REGION": "eu-west-1",
    "AWS_REGION": "eu-west-1",
}

_PROBE = """
import sys, time
sys.path.insert(0, {layer!r})
started, cpu_started = time.perf_counter(), time.process_time()
{work}
print(time.process_time() - cpu_started, time.perf_counter() - started)
"""

_LOAD_HANDLER = """
import importlib.util
spec = importlib.util.spec_from_file_location({name!r}, {path!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
assert callable(module.handler)
"""


_RESOLVER = "from aws_lambda_powertools.event_handler import APIGatewayRestResolver\n"
# Where the API's import time goes (informative rows; the goal is on the handlers).
COMPONENTS = (
    ("component: Powertools resolver, no validation", _RESOLVER + "APIGatewayRestResolver()"),
    (
        "component: resolver with validation (pydantic, middleware)",
        _RESOLVER + "APIGatewayRestResolver(enable_validation=True)\n"
        "import aws_lambda_powertools.event_handler.openapi.params",
    ),
    (
        "component: + precis record and API models",
        _RESOLVER + "APIGatewayRestResolver(enable_validation=True)\n"
        "import aws_lambda_powertools.event_handler.openapi.params\n"
        "import precis.api.models",
    ),
)


@dataclass(frozen=True, slots=True)
class Candidate:
    label: str
    work: str
    handler: bool = True


@dataclass(frozen=True, slots=True)
class Measurement:
    label: str
    cpu_ms: float
    wall_ms: float
    process_ms: float
    ratio: float
    wall_ratio: float
    process_ratio: float
    handler: bool = True


def candidates(*, components: bool = False) -> list[Candidate]:
    """The baseline (`import boto3`) first, then one entry per handler module (then the
    component rows, when asked for)."""
    found = [Candidate("import boto3 (baseline)", "import boto3", handler=False)]
    for app in sorted((REPO / "functions").glob("*/app.py")):
        name = f"{app.parent.name}_app"
        found.append(
            Candidate(
                f"functions/{app.parent.name}/app.py",
                _LOAD_HANDLER.format(name=name, path=str(app)),
            )
        )
    if components:
        found += [Candidate(label, work, handler=False) for label, work in COMPONENTS]
    return found


def _run_once(candidate: Candidate) -> tuple[float, float, float]:
    """(import CPU seconds, import wall seconds, whole-process seconds) in a fresh interpreter."""
    code = _PROBE.format(layer=str(LAYER), work=candidate.work)
    env = {**os.environ, **TEMPLATE_ENVIRONMENT, "PYTHONDONTWRITEBYTECODE": "0"}
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - fixed interpreter and generated code
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    elapsed = time.perf_counter() - started
    cpu, wall = (float(x) for x in result.stdout.strip().splitlines()[-1].split())
    return cpu, wall, elapsed


def measure(rounds: int = 15, *, components: bool = True) -> list[Measurement]:
    """Median import and process times of every candidate, with ratios to the baseline."""
    entries = candidates(components=components)
    for candidate in entries:  # warm-up: compile bytecode, fill the OS cache
        _run_once(candidate)
    samples: dict[str, list[tuple[float, float, float]]] = {c.label: [] for c in entries}
    for round_index in range(rounds):
        shift = round_index % len(entries)
        for candidate in entries[shift:] + entries[:shift]:
            samples[candidate.label].append(_run_once(candidate))

    def median(label: str, index: int) -> float:
        return statistics.median(sample[index] for sample in samples[label])

    base = entries[0].label
    return [
        Measurement(
            label=c.label,
            cpu_ms=1000 * median(c.label, 0),
            wall_ms=1000 * median(c.label, 1),
            process_ms=1000 * median(c.label, 2),
            ratio=median(c.label, 0) / median(base, 0),
            wall_ratio=median(c.label, 1) / median(base, 1),
            process_ratio=median(c.label, 2) / median(base, 2),
            handler=c.handler,
        )
        for c in entries
    ]


def table(results: list[Measurement], rounds: int) -> str:
    """A Markdown table of the measurements."""
    lines = [
        f"Cold start ({rounds} rounds, fresh interpreters, medians; goal: import wall time <= "
        f"{GOAL_RATIO}x "
        "`import boto3`)",
        "",
        "| module | import wall ms | x boto3 | import CPU ms | x boto3 | process ms | x boto3 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {m.label} | {m.wall_ms:.1f} | **{m.wall_ratio:.2f}** | {m.cpu_ms:.1f} | "
        f"{m.ratio:.2f} | {m.process_ms:.1f} | {m.process_ratio:.2f} |"
        for m in results
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.coldstart", description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    results = measure(args.rounds)
    print(table(results, args.rounds))
    handlers = [m.wall_ratio for m in results if m.handler]
    worst = max(handlers) if handlers else 0.0
    ok = worst <= GOAL_RATIO
    print(f"\nworst handler: {worst:.2f}x import boto3 -> {'OK' if ok else 'OVER GOAL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
