"""API Gateway's own answers (unknown route, body too large, failed function), template-shaped.

The REST API's `x-amazon-apigateway-gateway-responses` are read from template.yaml and
resolved for the stack's parameters (so `!If [CorsAnyOrigin, ...]` takes the branch the stack
would), then applied the way API Gateway applies them: the response type's own entry, else
`DEFAULT_4XX` / `DEFAULT_5XX`; the body template by plain `$context` substitution (gateway
response templates are not VTL); each `gatewayresponse.header.*` from a literal (`'value'`), a
request header (`method.request.header.Name`, left out when the request has none) or a
context variable (`context.requestId`). Without a gateway response the body is API
Gateway's default `{"message": ...}`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from local import template as template_module

HEADER_PREFIX = "gatewayresponse.header."
_REQUEST_HEADER = "method.request.header."


class GatewayMappingError(ValueError):
    """A gateway response maps a value the local front cannot produce (the message says which)."""


@dataclass(frozen=True)
class GatewayError:
    """One of API Gateway's own errors: its status, response type and default message."""

    status: int
    response_type: str
    message: str


MISSING_AUTHENTICATION_TOKEN = GatewayError(
    403, "MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token"
)
REQUEST_TOO_LARGE = GatewayError(413, "REQUEST_TOO_LARGE", "Request Too Long")
THROTTLED = GatewayError(429, "THROTTLED", "Too Many Requests")
# What API Gateway answers when the Lambda function fails or returns a malformed response.
INTEGRATION_FAILURE = GatewayError(502, "INTEGRATION_FAILURE", "Internal server error")

# A header's value for one request: (request id, request headers keyed in lower case).
HeaderSource = Callable[[str, Mapping[str, str]], str | None]


@dataclass(frozen=True)
class GatewayResponse:
    """One entry of `x-amazon-apigateway-gateway-responses`, ready to apply."""

    status_code: int | None = None
    headers: dict[str, HeaderSource] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> GatewayResponse:
        """The response described by a resolved template entry.

        Raises GatewayMappingError for a mapping the local front cannot evaluate.
        """
        headers = {
            str(key).removeprefix(HEADER_PREFIX): _source(str(expression))
            for key, expression in (spec.get("responseParameters") or {}).items()
            if str(key).startswith(HEADER_PREFIX)
        }
        templates = {str(k): str(v) for k, v in (spec.get("responseTemplates") or {}).items()}
        status = spec.get("statusCode")
        return cls(
            status_code=int(status) if status is not None else None,
            headers=headers,
            templates=templates,
        )


def _source(expression: str) -> HeaderSource:
    if len(expression) >= 2 and expression.startswith("'") and expression.endswith("'"):
        literal = expression[1:-1]
        return lambda _request_id, _headers: literal
    if expression.startswith(_REQUEST_HEADER):
        name = expression.removeprefix(_REQUEST_HEADER).lower()
        return lambda _request_id, headers: headers.get(name)
    if expression == "context.requestId":
        return lambda request_id, _headers: request_id
    raise GatewayMappingError(f"the local front cannot map {expression!r} in a gateway response")


def gateway_responses(
    template: Mapping[str, Any], params: Mapping[str, str | int] | None = None
) -> dict[str, GatewayResponse]:
    """Response type -> gateway response, from every `AWS::Serverless::Api` definition.

    `template` is template.yaml as data (long-form intrinsics), resolved for `params`.
    Raises local.template.TemplateError for bad parameters, GatewayMappingError as above.
    """
    found: dict[str, GatewayResponse] = {}
    for resource in (template.get("Resources") or {}).values():
        if resource.get("Type") != "AWS::Serverless::Api":
            continue
        body = (resource.get("Properties") or {}).get("DefinitionBody")
        declared = (
            body.get("x-amazon-apigateway-gateway-responses") if isinstance(body, dict) else None
        )
        resolved = template_module.resolve(declared or {}, template, params)
        for response_type, spec in resolved.items():
            found[str(response_type)] = GatewayResponse.from_spec(spec or {})
    return found


@dataclass(frozen=True)
class RenderedResponse:
    status: int
    headers: dict[str, str]
    body: bytes


def render(
    responses: Mapping[str, GatewayResponse],
    error: GatewayError,
    *,
    request_id: str,
    request_headers: Mapping[str, str],
) -> RenderedResponse:
    """The response API Gateway sends for `error` on a request with these headers."""
    response = responses.get(error.response_type) or responses.get(
        "DEFAULT_4XX" if error.status < 500 else "DEFAULT_5XX"
    )
    headers = {"Content-Type": "application/json", "x-amzn-RequestId": request_id}
    if response is None:
        body = json.dumps({"message": error.message}).encode("utf-8")
        return RenderedResponse(error.status, headers, body)
    lowered = {name.lower(): value for name, value in request_headers.items()}
    for name, source in response.headers.items():
        value = source(request_id, lowered)
        if value is not None:
            headers[name] = value
    template = response.templates.get("application/json")
    if template is None:
        text = json.dumps({"message": error.message})
    else:
        text = (
            template.replace("$context.error.responseType", error.response_type)
            .replace("$context.error.messageString", json.dumps(error.message))
            .replace("$context.requestId", request_id)
        )
    return RenderedResponse(response.status_code or error.status, headers, text.encode("utf-8"))
