"""The local stack, started in-process on free ports, for the end-to-end tests."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from local.api_client import ApiClient, Response
from local.stack import LocalStack, StackConfig, wait_for

FINAL = ("COMPLETED", "FAILED")


@pytest.fixture(scope="module")
def e2e_stack() -> Iterator[LocalStack]:
    warnings.filterwarnings("ignore", module="aws_lambda_powertools")
    config = StackConfig(
        aws_port=0,
        http_port=0,
        stack_name="precis-e2e",
        retry_delay_s=0,
        environment={"POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "WARNING"},
    )
    with LocalStack(config) as stack:
        yield stack


@pytest.fixture(scope="module")
def api(e2e_stack: LocalStack) -> Iterator[ApiClient]:
    client = ApiClient(e2e_stack.api_url)
    yield client
    client.close()


@pytest.fixture
def upload(e2e_stack: LocalStack) -> Callable[[str, bytes], None]:
    """Put `body` at `articles/<name>` over real HTTP (boto3 against the moto server)."""
    s3 = e2e_stack.client("s3")

    def _upload(name: str, body: bytes, content_type: str | None = None) -> None:
        extra: dict[str, Any] = {"ContentType": content_type} if content_type else {}
        s3.put_object(
            Bucket=e2e_stack.bucket_name,
            Key=f"{e2e_stack.articles_prefix}{name}",
            Body=body,
            **extra,
        )

    return _upload


@pytest.fixture
def await_summary(api: ApiClient) -> Callable[..., Response]:
    """GET the summary of `article_id` until `condition(response)` holds (60 s at most).

    The bound only matters when something is wrong: a summary takes well under a second, but
    on a loaded 2-core CI machine the in-process stack can fall far behind."""

    def _await(
        article_id: str,
        condition: Callable[[Response], bool] | None = None,
        timeout: float = 60.0,
    ) -> Response:
        def final(response: Response) -> bool:
            return response.status == 200 and response.json().get("status") in FINAL

        check = condition or final
        seen: list[Response] = []

        def ready() -> bool:
            seen.append(api.summary(article_id))
            return check(seen[-1])

        wait_for(ready, timeout=timeout, interval=0.05, what=f"the summary of {article_id}")
        return seen[-1]

    return _await
