"""Cold start: importing each handler module vs a bare `import boto3`, side by side in one run.

Goal (issue 3): a fresh interpreter loading a handler module (layer on sys.path, environment as
the template sets it) costs at most 1.5x a fresh interpreter running `import boto3`. Every
round starts one fresh interpreter per candidate, in a rotating order, so machine noise falls
on all of them alike; the medians are compared. The primary figure is the import itself (what
the function's init phase adds); whole-process wall time is shown beside it.

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
GOAL_RATIO = 1.5

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
    "AWS_DEFAULT_REGION": "eu-west-1",
    "AWS_REGION": "eu-west-1",
}

_PROBE = """
import sys, time
sys.path.insert(0, {layer!r})
started = time.perf_counter()
{work}
print(time.perf_counter() - started)
"""

_LOAD_HANDLER = """
import importlib.util
spec = importlib.util.spec_from_file_location({name!r}, {path!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
assert callable(module.handler)
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    label: str
    work: str


@dataclass(frozen=True, slots=True)
class Measurement:
    label: str
    import_ms: float
    process_ms: float
    ratio: float
    process_ratio: float


def candidates() -> list[Candidate]:
    """The baseline (`import boto3`) first, then one entry per handler module."""
    found = [Candidate("import boto3 (baseline)", "import boto3")]
    for app in sorted((REPO / "functions").glob("*/app.py")):
        name = f"{app.parent.name}_app"
        found.append(
            Candidate(
                f"functions/{app.parent.name}/app.py",
                _LOAD_HANDLER.format(name=name, path=str(app)),
            )
        )
    return found


def _run_once(candidate: Candidate) -> tuple[float, float]:
    """(import seconds, whole-process seconds) in a fresh interpreter."""
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
    return float(result.stdout.strip().splitlines()[-1]), elapsed


def measure(rounds: int = 15) -> list[Measurement]:
    """Median import and process times of every candidate, with ratios to the baseline."""
    entries = candidates()
    for candidate in entries:  # warm-up: compile bytecode, fill the OS cache
        _run_once(candidate)
    imports: dict[str, list[float]] = {c.label: [] for c in entries}
    processes: dict[str, list[float]] = {c.label: [] for c in entries}
    for round_index in range(rounds):
        shift = round_index % len(entries)
        for candidate in entries[shift:] + entries[:shift]:
            import_s, process_s = _run_once(candidate)
            imports[candidate.label].append(import_s)
            processes[candidate.label].append(process_s)
    base_import = statistics.median(imports[entries[0].label])
    base_process = statistics.median(processes[entries[0].label])
    return [
        Measurement(
            label=c.label,
            import_ms=1000 * statistics.median(imports[c.label]),
            process_ms=1000 * statistics.median(processes[c.label]),
            ratio=statistics.median(imports[c.label]) / base_import,
            process_ratio=statistics.median(processes[c.label]) / base_process,
        )
        for c in entries
    ]


def table(results: list[Measurement], rounds: int) -> str:
    """A Markdown table of the measurements."""
    lines = [
        f"Cold start ({rounds} rounds, fresh interpreters, medians; goal <= {GOAL_RATIO}x "
        "`import boto3`)",
        "",
        "| module | import ms | x boto3 | process ms | x boto3 (process) |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {m.label} | {m.import_ms:.1f} | {m.ratio:.2f} | {m.process_ms:.1f} | "
        f"{m.process_ratio:.2f} |"
        for m in results
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.coldstart", description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    results = measure(args.rounds)
    print(table(results, args.rounds))
    worst = max(m.ratio for m in results[1:]) if len(results) > 1 else 0.0
    ok = worst <= GOAL_RATIO
    print(f"\nworst handler: {worst:.2f}x import boto3 -> {'OK' if ok else 'OVER GOAL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
