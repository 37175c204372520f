"""Fixtures of the local-stack tests: a small template shaped like the service's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from local.stack import LocalStack, StackConfig

FIXTURE_TEMPLATE = Path(__file__).parent / "stack_fixture" / "template.yaml"


@pytest.fixture
def fixture_template() -> Path:
    return FIXTURE_TEMPLATE


@pytest.fixture(scope="module")
def fixture_stack() -> Iterator[LocalStack]:
    config = StackConfig(
        template=FIXTURE_TEMPLATE,
        aws_port=0,
        http_port=0,
        stack_name="fixture",
        retry_delay_s=0,
    )
    with LocalStack(config) as stack:
        yield stack
