"""Fixtures for the extraction tests: hand-written articles with realistic site chrome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

BODY = (
    "The regional water board approved a plan on Tuesday to replace ageing pipes under the "
    "market square, a project expected to take two years. Engineers said leaks there waste "
    "enough water each day to fill a swimming pool."
)


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    """Read a fixture article by file name."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
def body() -> str:
    """A paragraph of plain article prose."""
    return BODY
