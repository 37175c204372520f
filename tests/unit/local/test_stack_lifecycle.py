"""Starting and stopping the local stack leaves the process as it found it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from local.stack import LocalStack, StackConfig


def in_process_config(template: Path, stack_name: str) -> StackConfig:
    """A stack on free ports with moto in this process and no pollers."""
    return StackConfig(
        template=template,
        aws_port=0,
        http_port=0,
        start_pollers=False,
        moto_in_process=True,
        reset=False,
        stack_name=stack_name,
    )


def test_stopping_the_stack_restores_the_environment(fixture_template: Path) -> None:
    before = os.environ.get("AWS_ENDPOINT_URL")
    config = in_process_config(fixture_template, "restore")

    with LocalStack(config) as stack:
        assert os.environ["AWS_ENDPOINT_URL"] == stack.endpoint_url
        assert os.environ["GREETING"] == "hello"

    assert os.environ.get("AWS_ENDPOINT_URL") == before
    assert "GREETING" not in os.environ


def test_missing_template_fails_to_start_and_cleans_up(tmp_path: Path) -> None:
    before = dict(os.environ)
    config = StackConfig(template=tmp_path / "none.yaml", aws_port=0, http_port=0)

    with pytest.raises(Exception, match=r"none\.yaml"):
        LocalStack(config).start()

    assert dict(os.environ) == before


def test_in_process_moto_is_given_back_unpatched(fixture_template: Path) -> None:
    from moto.s3 import notifications

    original = notifications._get_s3_event
    config = in_process_config(fixture_template, "unpatched")

    with LocalStack(config):
        assert notifications._get_s3_event is not original

    assert notifications._get_s3_event is original
