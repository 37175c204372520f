"""How callers authenticate, as the OpenAPI document declares it: what ReadAuth / WriteAuth choose.

The template's `ReadAuth` (NONE, API_KEY or IAM: GET /summaries and GET /summaries/{id}) and
`WriteAuth` (API_KEY or IAM: POST /summaries) reach the function as READ_AUTH / WRITE_AUTH, so
the document it serves names the same security schemes as the API Gateway definition
(`api_key`: the `x-api-key` header; `sigv4`: requests signed with AWS Signature Version 4) on
the same operations, and a generated client knows which calls need a key or a signature.
/health and /openapi.json are always public.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler.openapi.models import APIKey

Auth = Literal["NONE", "API_KEY", "IAM"]
Security = list[dict[str, list[str]]]

API_KEY_SCHEME = "api_key"
SIGV4_SCHEME = "sigv4"


@cache
def security_schemes() -> dict[str, APIKey]:
    """The document's `components.securitySchemes` (built when a document is, not at import:
    Powertools' OpenAPI models cost the API function's cold start ~70 ms)."""
    from aws_lambda_powertools.event_handler.openapi.models import (  # noqa: PLC0415
        APIKey,
        APIKeyIn,
    )

    return {
        API_KEY_SCHEME: APIKey.model_validate(
            {
                "type": "apiKey",
                "in": APIKeyIn.header,
                "name": "x-api-key",
                "description": "The stack's API key (output ApiKeyId; read its value with "
                "`aws apigateway get-api-key --include-value`).",
            }
        ),
        SIGV4_SCHEME: APIKey.model_validate(
            {
                "type": "apiKey",
                "in": APIKeyIn.header,
                "name": "Authorization",
                "description": "AWS Signature Version 4 (IAM): sign the request with credentials "
                "allowed to call execute-api:Invoke on this API.",
                "x-amazon-apigateway-authtype": "awsSigv4",
            }
        ),
    }


def security_for(auth: Auth) -> Security | None:
    """The OpenAPI `security` of an operation behind `auth` (None: public)."""
    if auth == "API_KEY":
        return [{API_KEY_SCHEME: []}]
    if auth == "IAM":
        return [{SIGV4_SCHEME: []}]
    return None
