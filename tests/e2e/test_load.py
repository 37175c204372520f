"""The load test, small: 200 uploads in bursts through the local stack, then the exact audit."""

from __future__ import annotations

import pytest

from bench.load import make_plan, run_load

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_plan_mixes_operations_in_the_agreed_shares() -> None:
    schedules = make_plan(200, threads=4, seed=3, run="t")
    kinds = [op.kind for schedule in schedules for op in schedule]

    assert len(kinds) == 200
    assert kinds.count("duplicate") == 20
    assert kinds.count("overwrite") == 10
    assert kinds.count("delete") == 10
    assert kinds.count("bad") == 10
    owners: dict[str, int] = {}
    for thread, schedule in enumerate(schedules):
        for op in schedule:
            assert owners.setdefault(op.key, thread) == thread  # one thread per key


def test_200_uploads_pass_the_exact_audit() -> None:
    result = run_load(200, threads=4, seed=11, timeout_s=240)

    print(result.report())
    assert result.ok, result.report()
    assert result.events == 200
    assert result.writes <= result.events
