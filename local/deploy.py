"""Deploy the resources of template.yaml to a moto server, so the local stack cannot drift.

The SAM template is transformed to plain CloudFormation, the resources that a laptop needs
(bucket, queues, table, event bus, keys) are created by moto's CloudFormation, and what moto
skips is applied afterwards through the ordinary APIs: bucket versioning and the bucket's
S3 -> SQS notification configuration. Functions, the event source mapping and the API
routes are read from the same template and handed to the poller and the HTTP front.

Intrinsic functions are resolved by moto itself: every value the local runtime needs (a
function's environment variables, a notification's queue ARN, a mapping's source ARN) is
added to the local copy of the template as an extra Output, and read back after creation.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from local import template as template_module
from local.gateway import GatewayResponse, gateway_responses

# Resource types moto can create and the local stack needs; everything else (functions,
# roles, API Gateway, log groups, the alarms with their topic and key) is run or ignored by
# the local stack itself. (moto also lists a conditioned-off resource without its logical id.)
LOCAL_RESOURCE_TYPES = frozenset(
    {
        "AWS::S3::Bucket",
        "AWS::SQS::Queue",
        "AWS::DynamoDB::Table",
        "AWS::Events::EventBus",
    }
)
_PLACEHOLDER = "local-stack-unavailable"
_SUB_VAR = re.compile(r"\$\{([^}!][^}]*)\}")
_ENV_OUTPUT = "LocalEnv{index}"
_VALUE_OUTPUT = "LocalValue{index}"


class DeployError(RuntimeError):
    """The template cannot be deployed to the local stack."""


@dataclass(frozen=True)
class FunctionSpec:
    """One Lambda function of the template, as the local runtime runs it."""

    logical_id: str
    code_dir: Path
    handler: str
    environment: dict[str, str]
    timeout_s: int = 3
    memory_mb: int = 128


@dataclass(frozen=True)
class QueueSource:
    """An SQS event source mapping: which queue feeds which function, and how."""

    function_id: str
    queue_arn: str
    batch_size: int = 10
    window_s: float = 0.0
    report_batch_item_failures: bool = False
    maximum_concurrency: int | None = None
    enabled: bool = True


@dataclass(frozen=True)
class Route:
    """One API Gateway REST route (resource path template and method) and its function."""

    method: str
    resource: str
    function_id: str


@dataclass(frozen=True)
class Deployment:
    """What a deployed local stack holds, in physical names."""

    stack_name: str
    parameters: dict[str, str]
    outputs: dict[str, str]
    physical_ids: dict[str, str]
    resource_types: dict[str, str]
    functions: dict[str, FunctionSpec]
    queue_sources: list[QueueSource]
    routes: list[Route]
    stage_name: str = "Prod"
    buckets: dict[str, str] = field(default_factory=dict)
    # The REST API's gateway responses (API Gateway's own errors), for the stack's parameters.
    gateway_responses: dict[str, GatewayResponse] = field(default_factory=dict)


# ---------------------------------------------------------------------------- template


def load_template(path: Path) -> dict[str, Any]:
    """The SAM template at `path` as plain data (short tags in their long form).

    Raises local.template.TemplateError when it cannot be read.
    """
    loaded: dict[str, Any] = _plain(template_module.load_template(path))
    return loaded


def transform_template(
    template_path: Path, parameter_overrides: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The template at `template_path` after the SAM transform (offline, local.template).

    Raises local.template.TemplateError when SAM rejects it.
    """
    transformed: dict[str, Any] = _plain(
        template_module.transformed_template(
            parameter_overrides or {}, template=load_template(template_path)
        )
    )
    return transformed


def _plain(value: Any) -> Any:
    """Round-trip through JSON so cfn-lint's node types become dicts, lists and strings."""
    return json.loads(json.dumps(value, default=str))


# ------------------------------------------------------------------------ local template


def _references(value: Any) -> set[str]:
    """Logical ids that `value` refers to through Ref, Fn::GetAtt or Fn::Sub."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref" and isinstance(inner, str):
                found.add(inner)
            elif key == "Fn::GetAtt":
                target = inner[0] if isinstance(inner, list) else str(inner).split(".")[0]
                found.add(str(target))
            elif key == "Fn::Sub":
                text = inner[0] if isinstance(inner, list) else inner
                if isinstance(text, str):
                    found.update(m.split(".")[0] for m in _SUB_VAR.findall(text))
                found |= _references(inner[1] if isinstance(inner, list) else None)
            else:
                found |= _references(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= _references(inner)
    return found


def _dropped_target(value: dict[str, Any], dropped: set[str]) -> bool:
    """True when `value` is a Ref or Fn::GetAtt of a dropped resource."""
    if len(value) != 1:
        return False
    if "Ref" in value:
        return value["Ref"] in dropped
    inner = value.get("Fn::GetAtt")
    if inner is None:
        return False
    target = inner[0] if isinstance(inner, list) else str(inner).split(".")[0]
    return target in dropped


def _replace_dropped(value: Any, dropped: set[str]) -> Any:
    """`value` with every reference to a dropped resource replaced by a placeholder."""
    if isinstance(value, list):
        return [_replace_dropped(inner, dropped) for inner in value]
    if not isinstance(value, dict):
        return value
    if _dropped_target(value, dropped):
        return _PLACEHOLDER
    if "Fn::Sub" in value and len(value) == 1:
        inner = value["Fn::Sub"]
        text = inner[0] if isinstance(inner, list) else inner

        def _swap(match: re.Match[str]) -> str:
            return _PLACEHOLDER if match.group(1).split(".")[0] in dropped else match.group(0)

        if isinstance(text, str):
            text = _SUB_VAR.sub(_swap, text)
        if isinstance(inner, list):
            return {"Fn::Sub": [text, _replace_dropped(inner[1], dropped)]}
        return {"Fn::Sub": text}
    return {key: _replace_dropped(inner, dropped) for key, inner in value.items()}


def _as_output_value(value: Any) -> Any:
    """An Output value for `value`: strings and intrinsics as they are, numbers as strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return value


@dataclass
class _LocalTemplate:
    body: dict[str, Any]
    env_outputs: dict[str, dict[str, str]]  # function id -> variable -> output name
    value_outputs: dict[str, str] = field(default_factory=dict)  # key -> output name


def _kept_resources(resources: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """The resources moto creates for the local stack, and the logical ids left out."""
    kept = {
        logical_id: copy.deepcopy(resource)
        for logical_id, resource in resources.items()
        if resource.get("Type") in LOCAL_RESOURCE_TYPES
    }
    dropped = set(resources) - set(kept)
    for resource in kept.values():
        if resource["Type"] == "AWS::S3::Bucket":
            # Applied after creation through the S3 API (moto's CloudFormation skips it).
            (resource.get("Properties") or {}).pop("NotificationConfiguration", None)
        depends = resource.get("DependsOn")
        remaining = [d for d in ([depends] if isinstance(depends, str) else depends or [])]
        remaining = [d for d in remaining if d not in dropped]
        if remaining:
            resource["DependsOn"] = remaining
        else:
            resource.pop("DependsOn", None)
        resource.pop("UpdateReplacePolicy", None)
        resource.pop("DeletionPolicy", None)
    return _replace_dropped(kept, dropped), dropped


def _values_needed(resource_type: str, logical_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """Key -> intrinsic expression of every value the local runtime reads from a resource."""
    values: dict[str, Any] = {}
    if resource_type == "AWS::Lambda::EventSourceMapping":
        values[f"esm:{logical_id}"] = props.get("EventSourceArn", "")
        for name in ("BatchSize", "MaximumBatchingWindowInSeconds", "Enabled"):
            if name in props:
                values[f"esm:{logical_id}:{name}"] = props[name]
        scaling = props.get("ScalingConfig") or {}
        if "MaximumConcurrency" in scaling:
            values[f"esm:{logical_id}:MaximumConcurrency"] = scaling["MaximumConcurrency"]
    elif resource_type == "AWS::Lambda::Function":
        for name in ("Timeout", "MemorySize"):
            if name in props:
                values[f"fn:{logical_id}:{name}"] = props[name]
    elif resource_type == "AWS::S3::Bucket":
        config = props.get("NotificationConfiguration") or {}
        for position, queue in enumerate(config.get("QueueConfigurations") or []):
            values[f"notify:{logical_id}:{position}"] = queue.get("Queue", "")
            rules = ((queue.get("Filter") or {}).get("S3Key") or {}).get("Rules") or []
            for number, rule in enumerate(rules):
                values[f"notify:{logical_id}:{position}:{number}"] = rule.get("Value", "")
    return values


def build_local_template(transformed: dict[str, Any]) -> _LocalTemplate:
    """The subset of `transformed` that moto creates, with Outputs for every needed value."""
    resources: dict[str, Any] = transformed.get("Resources", {})
    kept, dropped = _kept_resources(resources)

    outputs: dict[str, Any] = {}
    for name, output in (transformed.get("Outputs") or {}).items():
        if not (_references(output.get("Value")) & dropped):
            outputs[name] = {"Value": output["Value"]}
            if "Condition" in output:
                outputs[name]["Condition"] = output["Condition"]

    local = _LocalTemplate(body={}, env_outputs={})
    for logical_id, resource in resources.items():
        props = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Lambda::Function":
            variables = (props.get("Environment") or {}).get("Variables") or {}
            names: dict[str, str] = {}
            for variable, value in variables.items():
                output_name = _ENV_OUTPUT.format(index=len(outputs))
                outputs[output_name] = {"Value": _as_output_value(_replace_dropped(value, dropped))}
                names[variable] = output_name
            local.env_outputs[logical_id] = names
        for key, value in _values_needed(str(resource.get("Type")), logical_id, props).items():
            output_name = _VALUE_OUTPUT.format(index=len(outputs))
            outputs[output_name] = {"Value": _as_output_value(_replace_dropped(value, dropped))}
            local.value_outputs[key] = output_name

    body: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": kept}
    for section in ("Parameters", "Conditions", "Mappings"):
        if transformed.get(section):
            body[section] = copy.deepcopy(transformed[section])
    if outputs:
        body["Outputs"] = outputs
    local.body = body
    return local


# ---------------------------------------------------------------------------------- deploy


def _resolved(local: _LocalTemplate, outputs: dict[str, str], key: str, default: str) -> str:
    """The value moto computed for `key` (see build_local_template), or `default`."""
    output_name = local.value_outputs.get(key)
    value = outputs.get(output_name, "") if output_name else ""
    return value if value != "" else default


@dataclass(frozen=True)
class DeploymentPlan:
    """What `deploy` creates, worked out once: reading and transforming the template is most
    of a deployment's time, and tests create the same stack in many fresh moto backends."""

    template_path: Path
    overrides: dict[str, str]
    original: dict[str, Any]
    transformed: dict[str, Any]
    local: _LocalTemplate


def plan_deployment(
    template_path: Path, parameter_overrides: Mapping[str, str] | None = None
) -> DeploymentPlan:
    """The plan for deploying `template_path` with these parameters (no AWS calls).

    Raises local.template.TemplateError when the template cannot be read or transformed.
    """
    overrides = dict(parameter_overrides or {})
    transformed = transform_template(template_path, overrides)
    return DeploymentPlan(
        template_path=template_path,
        overrides=overrides,
        original=load_template(template_path),
        transformed=transformed,
        local=build_local_template(transformed),
    )


def deploy(
    *,
    template_path: Path,
    stack_name: str,
    client_factory: Callable[[str], Any],
    parameter_overrides: Mapping[str, str] | None = None,
    plan: DeploymentPlan | None = None,
) -> Deployment:
    """Create the stack of `template_path` through `client_factory(service)`; the deployment.

    `plan` (from `plan_deployment(template_path, parameter_overrides)`) skips reading and
    transforming the template again; the plan is only read, never changed.
    Raises DeployError when moto cannot create the stack.
    """
    if plan is None:
        plan = plan_deployment(template_path, parameter_overrides)
    overrides, original, transformed, local = (
        plan.overrides,
        plan.original,
        plan.transformed,
        plan.local,
    )
    declared = set((local.body.get("Parameters") or {}).keys())
    parameters = [
        {"ParameterKey": key, "ParameterValue": value}
        for key, value in overrides.items()
        if key in declared
    ]
    cfn = client_factory("cloudformation")
    cfn.create_stack(
        StackName=stack_name,
        TemplateBody=json.dumps(local.body),
        Parameters=parameters,
    )
    stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    if stack["StackStatus"] != "CREATE_COMPLETE":
        raise DeployError(f"stack {stack_name}: {stack['StackStatus']}")
    outputs = {o["OutputKey"]: o.get("OutputValue", "") for o in stack.get("Outputs", [])}
    effective_parameters = {
        p["ParameterKey"]: p.get("ParameterValue", "") for p in stack.get("Parameters", [])
    }
    resources = cfn.describe_stack_resources(StackName=stack_name)["StackResources"]
    physical_ids = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources}
    resource_types = {r["LogicalResourceId"]: r["ResourceType"] for r in resources}

    template_dir = template_path.parent
    functions = _functions(original, transformed, local, outputs, template_dir)
    sources = _queue_sources(transformed, local, outputs)
    _apply_bucket_settings(transformed, local, outputs, physical_ids, client_factory)
    routes, stage = _routes(original)
    public_outputs = {
        key: value
        for key, value in outputs.items()
        if not key.startswith(("LocalEnv", "LocalValue"))
    }
    buckets = {
        logical_id: physical_ids[logical_id]
        for logical_id, kind in resource_types.items()
        if kind == "AWS::S3::Bucket"
    }
    return Deployment(
        stack_name=stack_name,
        parameters=effective_parameters,
        outputs=public_outputs,
        physical_ids=physical_ids,
        resource_types=resource_types,
        functions=functions,
        queue_sources=sources,
        routes=routes,
        stage_name=stage,
        buckets=buckets,
        gateway_responses=gateway_responses(original, _declared(original, overrides)),
    )


def _declared(template: dict[str, Any], values: Mapping[str, str]) -> dict[str, str]:
    """The entries of `values` that are parameters of `template`."""
    declared = template.get("Parameters") or {}
    return {key: value for key, value in values.items() if key in declared}


def _sam_property(original: dict[str, Any], logical_id: str, name: str) -> Any:
    resource = (original.get("Resources") or {}).get(logical_id) or {}
    value = (resource.get("Properties") or {}).get(name)
    if value is None:
        value = ((original.get("Globals") or {}).get("Function") or {}).get(name)
    return value


def _functions(
    original: dict[str, Any],
    transformed: dict[str, Any],
    local: _LocalTemplate,
    outputs: dict[str, str],
    template_dir: Path,
) -> dict[str, FunctionSpec]:
    functions: dict[str, FunctionSpec] = {}
    for logical_id, resource in (transformed.get("Resources") or {}).items():
        if resource.get("Type") != "AWS::Lambda::Function":
            continue
        props = resource.get("Properties") or {}
        code_uri = _sam_property(original, logical_id, "CodeUri")
        if not isinstance(code_uri, str) or code_uri.startswith("s3://"):
            continue  # inline or remote code: nothing the local runtime can load
        environment = {
            variable: outputs.get(output_name, "")
            for variable, output_name in local.env_outputs.get(logical_id, {}).items()
        }
        functions[logical_id] = FunctionSpec(
            logical_id=logical_id,
            code_dir=(template_dir / code_uri).resolve(),
            handler=str(props.get("Handler", "app.handler")),
            environment=environment,
            timeout_s=int(_resolved(local, outputs, f"fn:{logical_id}:Timeout", "3")),
            memory_mb=int(_resolved(local, outputs, f"fn:{logical_id}:MemorySize", "128")),
        )
    return functions


def _queue_sources(
    transformed: dict[str, Any], local: _LocalTemplate, outputs: dict[str, str]
) -> list[QueueSource]:
    sources: list[QueueSource] = []
    for logical_id, resource in (transformed.get("Resources") or {}).items():
        if resource.get("Type") != "AWS::Lambda::EventSourceMapping":
            continue
        props = resource.get("Properties") or {}
        arn = _resolved(local, outputs, f"esm:{logical_id}", "")
        if ":sqs:" not in arn:
            continue
        function = props.get("FunctionName")
        function_id = function.get("Ref") if isinstance(function, dict) else str(function)
        concurrency = _resolved(local, outputs, f"esm:{logical_id}:MaximumConcurrency", "")
        sources.append(
            QueueSource(
                function_id=str(function_id),
                queue_arn=arn,
                batch_size=int(_resolved(local, outputs, f"esm:{logical_id}:BatchSize", "10")),
                window_s=float(
                    _resolved(
                        local, outputs, f"esm:{logical_id}:MaximumBatchingWindowInSeconds", "0"
                    )
                ),
                report_batch_item_failures="ReportBatchItemFailures"
                in (props.get("FunctionResponseTypes") or []),
                maximum_concurrency=int(concurrency) if concurrency else None,
                enabled=_resolved(local, outputs, f"esm:{logical_id}:Enabled", "true").lower()
                != "false",
            )
        )
    return sources


def _apply_bucket_settings(
    transformed: dict[str, Any],
    local: _LocalTemplate,
    outputs: dict[str, str],
    physical_ids: dict[str, str],
    client_factory: Callable[[str], Any],
) -> None:
    s3 = client_factory("s3")
    for logical_id, resource in (transformed.get("Resources") or {}).items():
        if resource.get("Type") != "AWS::S3::Bucket" or logical_id not in physical_ids:
            continue
        bucket = physical_ids[logical_id]
        props = resource.get("Properties") or {}
        versioning = (props.get("VersioningConfiguration") or {}).get("Status")
        if versioning in ("Enabled", "Suspended"):
            s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": versioning})
        config = props.get("NotificationConfiguration") or {}
        queues = []
        for position, queue in enumerate(config.get("QueueConfigurations") or []):
            arn = _resolved(local, outputs, f"notify:{logical_id}:{position}", "")
            entry: dict[str, Any] = {"QueueArn": arn, "Events": list(queue.get("Event", []))}
            if isinstance(queue.get("Event"), str):
                entry["Events"] = [queue["Event"]]
            rules = ((queue.get("Filter") or {}).get("S3Key") or {}).get("Rules") or []
            if rules:
                filter_rules = [
                    {
                        "Name": str(rule["Name"]).lower(),
                        "Value": _resolved(
                            local, outputs, f"notify:{logical_id}:{position}:{number}", ""
                        ),
                    }
                    for number, rule in enumerate(rules)
                ]
                entry["Filter"] = {"Key": {"FilterRules": filter_rules}}
            queues.append(entry)
        if queues:
            s3.put_bucket_notification_configuration(
                Bucket=bucket, NotificationConfiguration={"QueueConfigurations": queues}
            )


def _routes(original: dict[str, Any]) -> tuple[list[Route], str]:
    """API routes from the functions' `Api` events, and the stage name of the REST API."""
    routes: list[Route] = []
    stage = "Prod"
    for logical_id, resource in (original.get("Resources") or {}).items():
        if resource.get("Type") == "AWS::Serverless::Api":
            name = (resource.get("Properties") or {}).get("StageName")
            if isinstance(name, str):
                stage = name
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        events = (resource.get("Properties") or {}).get("Events") or {}
        for event in events.values():
            if event.get("Type") != "Api":
                continue
            props = event.get("Properties") or {}
            routes.append(
                Route(
                    method=str(props.get("Method", "any")).upper(),
                    resource=str(props.get("Path", "/")),
                    function_id=logical_id,
                )
            )
    return routes, stage
