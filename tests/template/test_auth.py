"""ReadAuth x WriteAuth: which routes need an API key or SigV4, on the transformed template."""

from __future__ import annotations

from typing import Any

import pytest

from local.template import TemplateError, evaluate_conditions, parameter_values, resolve

AUTH_COMBINATIONS = [
    (read, write) for read in ("NONE", "API_KEY", "IAM") for write in ("API_KEY", "IAM")
]
SECURITY = {"NONE": None, "API_KEY": [{"api_key": []}], "IAM": [{"sigv4": []}]}
READ_ROUTES = [("/summaries", "get"), ("/summaries/{article_id+}", "get")]
WRITE_ROUTES = [("/summaries", "post")]
PUBLIC_ROUTES = [
    ("/health", "get"),
    ("/openapi.json", "get"),
    ("/widget.js", "get"),
    ("/summaries", "options"),
    ("/summaries/{article_id+}", "options"),
]
API_KEY_RESOURCES = {
    "PrecisApiKey": "AWS::ApiGateway::ApiKey",
    "PrecisUsagePlan": "AWS::ApiGateway::UsagePlan",
    "PrecisUsagePlanKey": "AWS::ApiGateway::UsagePlanKey",
}


def deployed(template: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
    """The resources CloudFormation would create for `params`, with their values resolved."""
    conditions = evaluate_conditions(template, params)
    return {
        logical_id: {**resource, "Properties": resolve(resource["Properties"], template, params)}
        for logical_id, resource in template["Resources"].items()
        if conditions.get(resource.get("Condition", ""), True)
    }


@pytest.fixture(params=AUTH_COMBINATIONS, ids=[f"read-{r}-write-{w}" for r, w in AUTH_COMBINATIONS])
def combination(request, transform):
    read, write = request.param
    params = {"ReadAuth": read, "WriteAuth": write}
    template = transform(params)
    return read, write, params, template, deployed(template, params)


def security_of(resources: dict[str, Any], path: str, method: str) -> Any:
    operation = resources["PrecisApi"]["Properties"]["Body"]["paths"][path][method]
    assert "x-amazon-apigateway-integration" in operation, f"{method} {path} is not integrated"
    return operation.get("security")


def test_read_routes_follow_read_auth(combination):
    read, _, _, _, resources = combination

    for path, method in READ_ROUTES:
        assert security_of(resources, path, method) == SECURITY[read], (path, method)


def test_post_follows_write_auth(combination):
    _, write, _, _, resources = combination

    for path, method in WRITE_ROUTES:
        assert security_of(resources, path, method) == SECURITY[write]


def test_health_openapi_and_preflight_stay_public(combination):
    _, _, _, _, resources = combination

    for path, method in PUBLIC_ROUTES:
        assert security_of(resources, path, method) is None, (path, method)


def test_api_key_and_usage_plan_exist_exactly_when_a_route_needs_a_key(combination):
    read, write, params, template, resources = combination
    needs_key = "API_KEY" in (read, write)

    for logical_id, resource_type in API_KEY_RESOURCES.items():
        assert (logical_id in resources) is needs_key, logical_id
        if needs_key:
            assert resources[logical_id]["Type"] == resource_type
    output_condition = template["Outputs"]["ApiKeyId"]["Condition"]
    assert evaluate_conditions(template, params)[output_condition] is needs_key


KEYED = [(r, w) for r, w in AUTH_COMBINATIONS if "API_KEY" in (r, w)]


@pytest.mark.parametrize(("read", "write"), KEYED)
def test_usage_plan_binds_the_key_to_the_api_stage_with_throttling(transform, read, write):
    params = {"ReadAuth": read, "WriteAuth": write}
    resources = deployed(transform(params), params)
    plan = resources["PrecisUsagePlan"]["Properties"]
    (stage_id,) = [i for i, r in resources.items() if r["Type"] == "AWS::ApiGateway::Stage"]

    assert plan["ApiStages"] == [{"ApiId": {"Ref": "PrecisApi"}, "Stage": {"Ref": stage_id}}]
    assert plan["Throttle"] == {"RateLimit": "50", "BurstLimit": "100"}
    assert plan["Quota"]["Period"] == "DAY"
    key = resources["PrecisUsagePlanKey"]["Properties"]
    assert key == {
        "KeyId": {"Ref": "PrecisApiKey"},
        "KeyType": "API_KEY",
        "UsagePlanId": {"Ref": "PrecisUsagePlan"},
    }


def test_security_schemes_are_the_ones_api_gateway_understands(combination):
    _, _, _, _, resources = combination
    body = resources["PrecisApi"]["Properties"]["Body"]
    schemes = body["components"]["securitySchemes"]

    assert body["x-amazon-apigateway-api-key-source"] == "HEADER"
    assert schemes["api_key"] == {"type": "apiKey", "name": "x-api-key", "in": "header"}
    assert schemes["sigv4"]["x-amazon-apigateway-authtype"] == "awsSigv4"
    assert schemes["sigv4"]["name"] == "Authorization"


def test_writes_cannot_be_left_open(source):
    assert "NONE" not in source["Parameters"]["WriteAuth"]["AllowedValues"]
    with pytest.raises(TemplateError, match="not one of"):
        parameter_values(source, {"WriteAuth": "NONE"})


def test_defaults_are_public_reads_and_key_protected_writes(source):
    assert source["Parameters"]["ReadAuth"]["Default"] == "NONE"
    assert source["Parameters"]["WriteAuth"]["Default"] == "API_KEY"
