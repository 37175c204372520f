"""template.yaml for tests and the local stack: load it, and apply the SAM transform offline.

`transformed_template()` runs aws-sam-translator in-process, the way CloudFormation's
`AWS::Serverless-2016-10-31` transform would, but without credentials or network: local
CodeUri / ContentUri folders are replaced by placeholder S3 locations first (as `sam validate`
does), and the region comes from an explicit boto3 Session (no lookups).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import boto3
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PATH = ROOT / "template.yaml"

DEFAULT_REGION = "us-east-1"
# Where the placeholder code locations point; tests that create the stack in moto put an
# object at each key returned by `code_locations()`.
CODE_BUCKET = "precis-local-artifacts"

# Properties of the SAM resource types that name a local folder to package.
_CODE_PROPERTIES = {
    "AWS::Serverless::Function": "CodeUri",
    "AWS::Serverless::LayerVersion": "ContentUri",
}


class TemplateError(Exception):
    """The template cannot be read or transformed (the message says why)."""


def load_template(path: Path | str = TEMPLATE_PATH) -> dict[str, Any]:
    """The template as a dict, short-form tags (`!Ref`) turned into their long form.

    Raises TemplateError when the file is missing or is not valid YAML.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"cannot read {path}: {exc}") from exc
    try:
        template = yaml_parse(text)
    except Exception as exc:  # yaml raises a family of errors; all mean "not a template"
        raise TemplateError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(template, dict) or "Resources" not in template:
        raise TemplateError(f"{path} has no Resources section")
    return dict(template)


def code_locations(template: Mapping[str, Any]) -> dict[str, str]:
    """Logical id -> placeholder S3 key for every function and layer with a local folder."""
    locations = {}
    for logical_id, resource in template.get("Resources", {}).items():
        prop = _CODE_PROPERTIES.get(resource.get("Type", ""))
        value = resource.get("Properties", {}).get(prop) if prop else None
        if isinstance(value, str) and not value.startswith("s3://"):
            locations[logical_id] = f"{logical_id}.zip"
    return locations


def with_placeholder_code(
    template: Mapping[str, Any], *, bucket: str = CODE_BUCKET
) -> dict[str, Any]:
    """A copy of `template` whose local code folders point at `s3://bucket/<LogicalId>.zip`."""
    result = copy.deepcopy(dict(template))
    for logical_id, key in code_locations(template).items():
        resource = result["Resources"][logical_id]
        resource["Properties"][_CODE_PROPERTIES[resource["Type"]]] = f"s3://{bucket}/{key}"
    return result


def transformed_template(
    params: Mapping[str, str | int] | None = None,
    *,
    template: Mapping[str, Any] | None = None,
    region: str = DEFAULT_REGION,
    code_bucket: str = CODE_BUCKET,
) -> dict[str, Any]:
    """The CloudFormation template that the SAM transform makes of template.yaml.

    `params` are template parameter values (strings or numbers, as `sam deploy` would pass
    them); they only steer what SAM resolves at transform time (e.g. Tracing), the result
    still holds its Parameters and Conditions. No network, no credentials.
    Raises TemplateError with SAM's message when the template is invalid.
    """
    # The translator logs feature-toggle lookups it cannot make offline; they change nothing.
    logging.getLogger("samtranslator.feature_toggle").setLevel(logging.ERROR)
    # ...and warns, when garbage-collected, that nobody published its metrics: none are wanted.
    logging.getLogger("samtranslator.metrics").setLevel(logging.ERROR)
    source = load_template() if template is None else template
    sam_template = with_placeholder_code(source, bucket=code_bucket)
    # Only what CloudFormation hands the transform: stack name and account stay intrinsics
    # in the result, resolved when the stack is created.
    parameter_values: dict[str, Any] = {"AWS::Region": region, "AWS::Partition": _partition(region)}
    parameter_values.update({key: str(value) for key, value in (params or {}).items()})
    translator = Translator(None, Parser(), boto_session=boto3.session.Session(region_name=region))
    try:
        transformed = translator.translate(
            sam_template, parameter_values=parameter_values, get_managed_policy_map=dict
        )
    except InvalidDocumentException as exc:
        causes = "; ".join(str(cause) for cause in exc.causes)
        raise TemplateError(f"SAM transform failed: {causes}") from exc
    return dict(transformed)


def stack_parameters(params: Mapping[str, str | int] | None = None) -> list[dict[str, str]]:
    """`params` in the shape of CloudFormation's CreateStack `Parameters` argument."""
    return [
        {"ParameterKey": key, "ParameterValue": str(value)} for key, value in (params or {}).items()
    ]


def resources_of_type(template: Mapping[str, Any], resource_type: str) -> dict[str, Any]:
    """Logical id -> resource for every resource of `resource_type` in `template`."""
    return {
        logical_id: resource
        for logical_id, resource in template.get("Resources", {}).items()
        if resource.get("Type") == resource_type
    }


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


# ------------------------------------------------------------------ reading a template's values
# Enough of CloudFormation's intrinsics to answer "what would this be, with these parameters?"
# for tests and the local stack: parameters, pseudo parameters, FindInMap, conditions, If.
# Anything else (GetAtt, Sub, a Ref to a resource) is returned unchanged.

NO_VALUE = object()  # what `Ref: AWS::NoValue` resolves to; resolve() drops it from lists/dicts

PSEUDO_PARAMETERS = {
    "AWS::Region": DEFAULT_REGION,
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
}


def parameter_values(
    template: Mapping[str, Any], params: Mapping[str, str | int] | None = None
) -> dict[str, str]:
    """Every parameter's value: `params` where given, else its Default (as a string).

    Raises TemplateError for an unknown parameter, a missing value or one not allowed.
    """
    declared = template.get("Parameters", {})
    unknown = set(params or {}) - set(declared)
    if unknown:
        raise TemplateError(f"unknown parameters: {', '.join(sorted(unknown))}")
    values = {}
    for name, spec in declared.items():
        if params and name in params:
            value = str(params[name])
        elif "Default" in spec:
            value = str(spec["Default"])
        else:
            raise TemplateError(f"parameter {name} has no default and no value")
        allowed = spec.get("AllowedValues")
        if allowed is not None and value not in {str(v) for v in allowed}:
            raise TemplateError(f"{name}={value!r} is not one of {allowed}")
        values[name] = value
    return values


def evaluate_conditions(
    template: Mapping[str, Any], params: Mapping[str, str | int] | None = None
) -> dict[str, bool]:
    """The truth of every condition in `template` for these parameter values.

    Raises TemplateError for a parameter problem or a condition function it does not know.
    """
    values = parameter_values(template, params)
    declared = template.get("Conditions", {})
    results: dict[str, bool] = {}

    def truth(expression: Any) -> bool:
        if not isinstance(expression, dict) or len(expression) != 1:
            raise TemplateError(f"not a condition: {expression!r}")
        ((function, args),) = expression.items()
        if function == "Condition":
            if args not in results:
                results[args] = truth(declared[args])
            return results[args]
        if function == "Fn::Equals":
            left, right = (_scalar(_walk(arg, template, values, None)) for arg in args)
            return left == right
        if function == "Fn::Not":
            return not truth(args[0])
        if function == "Fn::And":
            return all(truth(arg) for arg in args)
        if function == "Fn::Or":
            return any(truth(arg) for arg in args)
        raise TemplateError(f"unsupported condition function {function}")

    for name in declared:
        truth({"Condition": name})
    return results


def resolve(
    value: Any, template: Mapping[str, Any], params: Mapping[str, str | int] | None = None
) -> Any:
    """`value` with parameters, FindInMap and Fn::If resolved for these parameter values.

    `Ref: AWS::NoValue` removes its list item or key. Raises TemplateError as above.
    """
    values = parameter_values(template, params)
    return _walk(value, template, values, evaluate_conditions(template, values))


def _walk(
    node: Any,
    template: Mapping[str, Any],
    values: Mapping[str, str],
    conditions: Mapping[str, bool] | None,
) -> Any:
    if isinstance(node, list):
        items = (_walk(item, template, values, conditions) for item in node)
        return [item for item in items if item is not NO_VALUE]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        ((key, arg),) = node.items()
        if key == "Ref" and isinstance(arg, str):
            return _ref(arg, values, node)
        if key == "Fn::FindInMap":
            name, top, second = (_scalar(_walk(p, template, values, conditions)) for p in arg)
            return template["Mappings"][name][top][second]
        if key == "Fn::If":
            if conditions is None:
                raise TemplateError("Fn::If inside a condition")
            name, if_true, if_false = arg
            return _walk(if_true if conditions[name] else if_false, template, values, conditions)
    walked = {key: _walk(item, template, values, conditions) for key, item in node.items()}
    return {key: item for key, item in walked.items() if item is not NO_VALUE}


def _ref(name: str, values: Mapping[str, str], node: Any) -> Any:
    if name == "AWS::NoValue":
        return NO_VALUE
    if name in values:
        return values[name]
    return PSEUDO_PARAMETERS.get(name, node)


def _scalar(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise TemplateError(f"cannot compare unresolved value {value!r}")
    return str(value)


# ----------------------------------------------------------------------------------- policies
_POLICY_TYPES = (
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::S3::BucketPolicy",
    "AWS::SQS::QueuePolicy",
    "AWS::SNS::TopicPolicy",
)


def policy_documents(
    template: Mapping[str, Any], params: Mapping[str, str | int] | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """(owner, document) for every IAM, bucket and queue policy, resolved for `params`.

    Resources whose Condition is false for `params` are left out.
    """
    values = parameter_values(template, params)
    conditions = evaluate_conditions(template, values)
    found = []
    for logical_id, resource in template.get("Resources", {}).items():
        if "Condition" in resource and not conditions[resource["Condition"]]:
            continue
        props = _walk(resource.get("Properties", {}), template, values, conditions)
        if resource.get("Type") == "AWS::IAM::Role":
            for policy in props.get("Policies", []):
                found.append((f"{logical_id}/{policy['PolicyName']}", policy["PolicyDocument"]))
        elif resource.get("Type") in _POLICY_TYPES:
            found.append((logical_id, props["PolicyDocument"]))
    return found


def statements(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The statements of a policy document, always as a list."""
    found = document.get("Statement", [])
    return list(found) if isinstance(found, list) else [found]
