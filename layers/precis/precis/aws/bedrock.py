"""The Bedrock Runtime client: created on first use, with timeouts the function can afford.

Kept apart from `precis.summarize.bedrock` so the domain package never imports boto3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_bedrock_runtime import BedrockRuntimeClient

# A three-sentence summary takes a few seconds; a stuck call (two attempts, 20 s at most)
# must leave time to fall back within the default 30 s function timeout, so one retry at most
# (botocore backs off on throttling by itself).
DEFAULT_READ_TIMEOUT = 10
DEFAULT_CONNECT_TIMEOUT = 3
DEFAULT_MAX_ATTEMPTS = 2


def make_bedrock_client(
    *,
    read_timeout: float = DEFAULT_READ_TIMEOUT,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    region_name: str | None = None,
) -> BedrockRuntimeClient:
    """A `bedrock-runtime` client with bounded timeouts and retries."""
    import boto3  # noqa: PLC0415 - boto3 loads on first use, not at cold start
    from botocore.config import Config  # noqa: PLC0415

    config = Config(
        read_timeout=read_timeout,
        connect_timeout=connect_timeout,
        retries={"total_max_attempts": max_attempts, "mode": "standard"},
    )
    return boto3.client("bedrock-runtime", region_name=region_name, config=config)
