"""Fixtures for the template tests: the source template, its SAM transform, IAM statements."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from local.template import ROOT, load_template, resolve, transformed_template

Template = dict[str, Any]

# Every ReadAuth x WriteAuth the template allows.
AUTH_COMBINATIONS = [
    (read, write) for read in ("NONE", "API_KEY", "IAM") for write in ("API_KEY", "IAM")
]
# Optional features switched on at once, so conditional resources and statements are present.
ALL_FEATURES = {
    "SummaryEngine": "bedrock",
    "TracingMode": "Active",
    "ApiAccessLogs": "Enabled",
    "ReservedConcurrency": "5",
    "ReadAuth": "API_KEY",
}


@cache
def _transformed(params: tuple[tuple[str, str], ...]) -> Template:
    return transformed_template(dict(params))


@pytest.fixture(scope="session")
def source() -> Template:
    """template.yaml as a dict (long-form intrinsics)."""
    return load_template()


@pytest.fixture(scope="session")
def transform() -> Callable[..., Template]:
    """The SAM-transformed template for given parameter values (cached; do not mutate)."""

    def make(params: dict[str, str] | None = None) -> Template:
        return _transformed(tuple(sorted((params or {}).items())))

    return make


@pytest.fixture(scope="session")
def transformed(transform: Callable[..., Template]) -> Template:
    """The SAM-transformed template with default parameters."""
    return transform()


def resources_of(template: Template, resource_type: str) -> dict[str, Any]:
    """Logical id -> resource for each resource of `resource_type`."""
    return {
        logical_id: resource
        for logical_id, resource in template["Resources"].items()
        if resource["Type"] == resource_type
    }


def policy_documents(template: Template, params: dict[str, str]) -> Iterator[tuple[str, Any]]:
    """(owner, policy document) for every IAM, bucket and queue policy, resolved for `params`."""
    for logical_id, resource in template["Resources"].items():
        props = resolve(resource.get("Properties", {}), template, params)
        if resource["Type"] == "AWS::IAM::Role":
            for policy in props.get("Policies", []):
                yield f"{logical_id}/{policy['PolicyName']}", policy["PolicyDocument"]
        elif resource["Type"] in (
            "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy",
            "AWS::S3::BucketPolicy",
            "AWS::SQS::QueuePolicy",
        ):
            yield logical_id, props["PolicyDocument"]


def statements(document: Any) -> list[dict[str, Any]]:
    """The statements of a policy document as a list."""
    found = document["Statement"]
    return found if isinstance(found, list) else [found]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


@pytest.fixture(scope="session")
def sam_cli() -> Path:
    """The SAM CLI from $SAM_CLI or .tools/sam; the test is skipped when neither exists."""
    candidate = os.environ.get("SAM_CLI") or str(ROOT / ".tools/sam/bin/sam")
    path = Path(candidate) if os.sep in candidate else Path(shutil.which(candidate) or candidate)
    if not path.is_absolute():
        path = ROOT / path
    if not path.exists():
        pytest.skip(f"SAM CLI not found at {path}: run `make sam` or set SAM_CLI")
    return path


@pytest.fixture(scope="session")
def checkov_cli() -> Path:
    """checkov from $CHECKOV or .tools/checkov; the test is skipped when neither exists."""
    path = Path(os.environ.get("CHECKOV") or ROOT / ".tools/checkov/bin/checkov")
    if not path.is_absolute():
        path = ROOT / path
    if not path.exists():
        pytest.skip(f"checkov not found at {path}: run `make checkov` or set CHECKOV")
    return path
