"""The OpenAPI document as tools meet it: valid, with valid examples that work, and auth declared.

- the document passes openapi-spec-validator (OpenAPI 3.1);
- every request body and every response with a body has an example, each valid against its
  schema, and each request example succeeds as it stands (Swagger UI's "Execute" unchanged);
- each operation's `security` is the one the template gives that route for every
  ReadAuth x WriteAuth combination, so a generated client knows which calls need a key;
- descriptions speak to people: no environment variable names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from local.template import load_template, resolve
from precis.api.security import security_schemes
from precis.config import ENVIRONMENT

from .conftest import ROOT, Client, load_api_app

COMMITTED = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
AUTH_COMBINATIONS = [(r, w) for r in ("NONE", "API_KEY", "IAM") for w in ("API_KEY", "IAM")]


def _media_types(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {})
            for media_type, content in body.items():
                yield f"{method.upper()} {path} request {media_type}", content
            for status, response in operation["responses"].items():
                for media_type, content in response.get("content", {}).items():
                    yield f"{method.upper()} {path} {status} {media_type}", content


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> OAS31Validator:
    # `$ref: #/components/schemas/X` resolves against the root: carry the components along.
    return OAS31Validator({**schema, "components": document["components"]})


def test_the_document_is_valid_openapi() -> None:
    validate(COMMITTED)  # raises OpenAPIValidationError with the offending path


@pytest.mark.parametrize("where", [where for where, _ in _media_types(COMMITTED)])
def test_every_body_has_examples_valid_against_its_schema(where: str) -> None:
    content = dict(_media_types(COMMITTED))[where]
    examples = content.get("examples") or {}

    assert examples, f"{where} has no example"
    validator = _validator(COMMITTED, content["schema"])
    for name, example in examples.items():
        errors = [e.message for e in validator.iter_errors(example["value"])]
        assert not errors, f"{where} example {name!r}: {errors}"


def _post_operation() -> dict[str, Any]:
    operation: dict[str, Any] = COMMITTED["paths"]["/summaries"]["post"]
    return operation


@pytest.mark.parametrize(
    "name", list(_post_operation()["requestBody"]["content"]["application/json"]["examples"])
)
def test_each_request_example_is_answered_200_with_a_body_valid_against_the_200_schema(
    client: Client, name: str
) -> None:
    operation = _post_operation()
    example = operation["requestBody"]["content"]["application/json"]["examples"][name]["value"]

    reply = client.post("/summaries", example)

    assert reply.status == 200, reply.text
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    errors = [e.message for e in _validator(COMMITTED, schema).iter_errors(reply.json)]
    assert not errors


def test_the_documented_summary_is_the_answer_to_the_text_example(client: Client) -> None:
    operation = _post_operation()
    request = operation["requestBody"]["content"]["application/json"]["examples"]["text"]["value"]
    documented = operation["responses"]["200"]["content"]["application/json"]["examples"]

    reply = client.post("/summaries", request)

    answer = dict(reply.json)
    (example,) = documented.values()
    expected = dict(example["value"])
    # The engine version and the content hash are the build's; the rest is what callers get.
    for volatile in ("engine", "content_sha256"):
        answer.pop(volatile)
        expected.pop(volatile)
    assert answer == expected


def _template_security(params: dict[str, str]) -> dict[tuple[str, str], Any]:
    template = load_template()
    api = resolve(template["Resources"]["PrecisApi"]["Properties"], template, params)
    return {
        (path.replace("+}", "}"), method): operation.get("security")
        for path, operations in api["DefinitionBody"]["paths"].items()
        for method, operation in operations.items()
        if method != "options" and path != "/openapi.json"
    }


def _function_environment(params: dict[str, str]) -> dict[str, str]:
    template = load_template()
    function = resolve(template["Resources"]["ApiFunction"]["Properties"], template, params)
    variables: dict[str, str] = function["Environment"]["Variables"]
    return variables


@pytest.mark.parametrize(("read", "write"), AUTH_COMBINATIONS)
def test_each_operations_security_is_the_templates(
    api_env: None, monkeypatch: pytest.MonkeyPatch, read: str, write: str
) -> None:
    params = {"ReadAuth": read, "WriteAuth": write}
    environment = _function_environment(params)
    for name in ("READ_AUTH", "WRITE_AUTH"):
        monkeypatch.setenv(name, environment[name])

    document = load_api_app(f"api_app_auth_{read}_{write}").api_document()

    served = {
        (path, method): operation.get("security")
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }
    assert served == _template_security(params)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            # API Gateway's own answers: 403 for a missing or wrong key or signature, 429.
            assert ("403" in operation["responses"]) == bool(operation.get("security"))
            assert "429" in operation["responses"], (method, path)
    validate(document)


def test_security_schemes_are_the_templates() -> None:
    template = load_template()
    declared = template["Resources"]["PrecisApi"]["Properties"]["DefinitionBody"]["components"]
    schemes = COMMITTED["components"]["securitySchemes"]

    assert set(schemes) == set(security_schemes()) == set(declared["securitySchemes"])
    for name, scheme in declared["securitySchemes"].items():
        assert {k: v for k, v in schemes[name].items() if k != "description"} == scheme


def test_by_default_only_posting_needs_a_key() -> None:
    secured = {
        (path, method): operation.get("security")
        for path, operations in COMMITTED["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    }

    assert secured == {("/summaries", "post"): [{"api_key": []}]}


def test_descriptions_name_no_environment_variable() -> None:
    text = json.dumps(COMMITTED)

    assert not [name for name in ENVIRONMENT if name in text]
