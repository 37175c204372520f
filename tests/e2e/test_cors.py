"""CORS through the local stack with a list of origins: the function's answers and the gateway's.

(allowed, other, no origin) x (200, 304, 404, 400, 403 unknown route, 413 over the function's
cap, 413 over the gateway's limit, preflight). The function echoes only a listed origin; API
Gateway's own errors echo any origin (a gateway response cannot hold a condition); both say
`Vary: Origin` and carry X-Request-Id. 429 is not produced by the local stack (no throttling):
tests/unit/local/test_gateway_responses.py renders the template's answer to it.
"""

from __future__ import annotations

import http.client
import json
import warnings
from collections.abc import Callable, Iterator

import pytest

from local.api_client import ApiClient, Response
from local.stack import LocalStack, StackConfig, wait_for

ALLOWED = "https://b.example"
OTHER = "https://evil.example"
ARTICLE = "cors/harbour"
TEXT = (
    b"The harbour board approved a new budget on Monday. The plan funds repairs to the old pier. "
    b"Work starts in the spring and should end before the summer festival. Traders welcomed it."
)


@pytest.fixture(scope="module")
def cors_stack() -> Iterator[LocalStack]:
    warnings.filterwarnings("ignore", module="aws_lambda_powertools")
    config = StackConfig(
        aws_port=0,
        http_port=0,
        stack_name="precis-cors",
        retry_delay_s=0,
        parameter_overrides={"CorsOrigins": f"https://a.example,{ALLOWED}"},
        environment={"POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "WARNING"},
    )
    with LocalStack(config) as stack:
        stack.client("s3").put_object(
            Bucket=stack.bucket_name, Key=f"{stack.articles_prefix}{ARTICLE}.txt", Body=TEXT
        )
        api = ApiClient(stack.api_url)
        wait_for(
            lambda: api.summary(ARTICLE).status == 200,
            timeout=60,
            what="the summary of the CORS test article",
        )
        yield stack


def _raw(stack: LocalStack, method: str, path: str, headers: dict[str, str]) -> Response:
    host, port = stack.api_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.putrequest(method, path)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        raw = connection.getresponse()
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
    finally:
        connection.close()


SUMMARY = f"/summaries/{ARTICLE}"
Send = Callable[[LocalStack, ApiClient, dict[str, str]], Response]


def _not_modified(stack: LocalStack, api: ApiClient, origin: dict[str, str]) -> Response:
    etag = api.get(SUMMARY).headers["etag"]
    return api.get(SUMMARY, headers={**origin, "If-None-Match": etag})


def _over_the_function_cap(stack: LocalStack, api: ApiClient, origin: dict[str, str]) -> Response:
    body = json.dumps({"text": "word " * 60_000}).encode()
    headers = {**origin, "Content-Type": "application/json"}
    return api.request("POST", "/summaries", body=body, headers=headers)


def _over_the_gateway_limit(stack: LocalStack, api: ApiClient, origin: dict[str, str]) -> Response:
    # Only the announced length matters: the front answers before reading a body.
    return _raw(stack, "POST", "/summaries", {**origin, "Content-Length": str(11 << 20)})


ANSWERS: dict[str, tuple[int, Send]] = {
    "200": (200, lambda s, api, o: api.get(SUMMARY, headers=o)),
    "304": (304, _not_modified),
    "404": (404, lambda s, api, o: api.get("/summaries/nobody", headers=o)),
    "400": (400, lambda s, api, o: api.get(f"{SUMMARY}?sentences=99", headers=o)),
    "403-route": (403, lambda s, api, o: api.get("/nowhere", headers=o)),
    "413-function": (413, _over_the_function_cap),
    "413-gateway": (413, _over_the_gateway_limit),
    "preflight": (
        204,
        lambda s, api, o: api.request(
            "OPTIONS", "/summaries", headers={**o, "Access-Control-Request-Method": "POST"}
        ),
    ),
}
GATEWAY_ANSWERS = {"403-route", "413-gateway"}


@pytest.mark.parametrize("origin", [ALLOWED, OTHER, None], ids=["allowed", "other", "none"])
@pytest.mark.parametrize("answer", list(ANSWERS))
def test_cors_vary_and_request_id_on_every_answer(
    cors_stack: LocalStack, answer: str, origin: str | None
) -> None:
    status, send = ANSWERS[answer]

    response = send(cors_stack, ApiClient(cors_stack.api_url), {"Origin": origin} if origin else {})

    assert response.status == status, response.body[:300]
    # The gateway cannot tell a listed origin from another: it echoes any.
    listed = origin if origin == ALLOWED else None
    expected = origin if answer in GATEWAY_ANSWERS else listed
    assert response.headers.get("access-control-allow-origin") == expected
    assert "Origin" in [v.strip() for v in response.headers.get("vary", "").split(",")]
    assert response.headers.get("x-request-id")
    if expected:
        assert "X-Request-Id" in response.headers["access-control-expose-headers"]
    if response.status >= 400:
        assert response.json()["error"]["request_id"] == response.headers["x-request-id"]
