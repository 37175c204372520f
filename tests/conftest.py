"""Settings for the whole suite: a hypothesis profile without time limits, and metrics that
start empty in every test."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# Property tests check behaviour, not speed: on a loaded CI machine one slow example must not
# fail them (speed goals are measured by `make bench`). Tests that pass their own settings
# keep these defaults for everything they do not set.
settings.register_profile(
    "precis", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("precis")


@pytest.fixture(autouse=True)
def _empty_metrics() -> Iterator[None]:
    """Powertools keeps the metric set at class level and does not clear it while metrics are
    disabled, so without this values pile up across tests (and at 100 values Powertools
    prints a blob even when disabled)."""
    _clear_metrics()
    yield
    _clear_metrics()


def _clear_metrics() -> None:
    # Only once a test has imported it: importing it here would read the environment early.
    observability = sys.modules.get("precis.observability")
    if observability is not None:
        observability.metrics.clear_metrics()
