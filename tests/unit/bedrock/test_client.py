"""The bedrock-runtime client leaves time to fall back within the function's timeout."""

from __future__ import annotations

from typing import Any

import pytest

from precis.aws.bedrock import make_bedrock_client


def test_client_has_bounded_timeouts_and_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")

    client = make_bedrock_client(region_name="eu-west-1")

    config: Any = client.meta.config  # botocore-stubs omits the Config attributes
    assert client.meta.service_model.service_name == "bedrock-runtime"
    assert client.meta.region_name == "eu-west-1"
    worst_case = config.retries["total_max_attempts"] * (
        config.read_timeout + config.connect_timeout
    )
    assert worst_case < 30  # the summarize function's default timeout
    assert config.retries["mode"] == "standard"
