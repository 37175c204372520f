"""boto3 clients for the commands that talk to a stack: AWS, or the local stack (`make serve`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

LOCAL_STACK_NAME = "precis-local"
LOCAL_REGION = "us-east-1"


def client_factory(
    endpoint_url: str | None, region: str | None, *, local: bool
) -> Callable[[str], Any]:
    """`client(service)` for AWS, or for the local stack's endpoint with `local`."""
    import boto3  # noqa: PLC0415 - the commands are the only users; `import precis` stays cheap

    kwargs: dict[str, Any] = {}
    if region:
        kwargs["region_name"] = region
    if endpoint_url:
        kwargs["endpoint_url"] = endpoint_url
    if local:
        port = os.environ.get("PRECIS_LOCAL_AWS_PORT", "4566")
        kwargs.setdefault(
            "endpoint_url", os.environ.get("AWS_ENDPOINT_URL") or f"http://127.0.0.1:{port}"
        )
        kwargs.setdefault("region_name", os.environ.get("AWS_DEFAULT_REGION") or LOCAL_REGION)
        if not os.environ.get("AWS_ACCESS_KEY_ID"):
            # The local stack accepts any credentials; do not make people configure some.
            kwargs |= {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

    def client(service: str) -> Any:
        return boto3.client(service, **kwargs)  # type: ignore[call-overload]

    return client
