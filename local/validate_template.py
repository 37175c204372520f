"""Validate template.yaml offline: cfn-lint, the SAM transform, `sam validate` and checkov.

    python -m local.validate_template --sam .tools/sam/bin/sam --checkov .tools/checkov/bin/checkov

Runs, in order:
1. cfn-lint on template.yaml;
2. the SAM transform (aws-sam-translator, in-process, no credentials) for every parameter
   set in PARAMETER_SETS, cfn-lint on each result, and least privilege on its policies (no
   wildcard action, no "*" resource, only the managed policies AWS leaves no alternative to);
3. `sam validate` and `sam validate --lint` (region us-east-1, dummy credentials; neither
   needs the network for this template);
4. every checkov suppression in template.yaml carries a written justification;
5. checkov on template.yaml, and on the transformed template (suppressions of a SAM resource
   apply to the resources it expands to, e.g. PrecisApi's to its generated Stage).

Prints one line per check and the findings, and exits 1 when anything failed or could not
run (a missing tool is a failure, with the make target that installs it).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from cfnlint.api import lint, lint_file
from cfnlint.config import ManualArgs

from local.template import (
    DEFAULT_REGION,
    ROOT,
    TEMPLATE_PATH,
    TemplateError,
    evaluate_conditions,
    load_template,
    policy_documents,
    resolve,
    statements,
    transformed_template,
)

# The transform resolves a few parameters itself (Tracing), and conditions switch resources
# on and off: lint the defaults and a set with every optional feature switched on.
PARAMETER_SETS: dict[str, dict[str, str]] = {
    "defaults": {},
    "all-features": {
        "ReadAuth": "IAM",
        "WriteAuth": "IAM",
        "SummaryEngine": "bedrock",
        "TracingMode": "Active",
        "ApiAccessLogs": "Enabled",
        "ReservedConcurrency": "5",
        "CursorSecret": "x" * 40,
        "AlarmTopicArn": "arn:aws:sns:us-east-1:123456789012:ops-pager",
        "AlarmEmail": "ops@example.com",
    },
    "api-keys": {"ReadAuth": "API_KEY", "WriteAuth": "API_KEY"},
    "alarms-own-topic": {"AlarmEmail": "ops@example.com"},
}
# AWS managed policies SAM attaches to the roles it creates. Their actions are narrow but their
# resources are "*" because AWS offers nothing narrower: X-Ray's PutTraceSegments has no
# resource-level permissions, and the basic execution role's logs actions are what SAM always
# attaches (our functions log to their own log groups, see LoggingConfig).
ALLOWED_MANAGED_POLICIES = frozenset({"AWSLambdaBasicExecutionRole", "AWSXrayWriteOnlyAccess"})
MIN_JUSTIFICATION = 20  # characters: "ok" or "not needed" is not a reason
TOOL_TIMEOUT_SECONDS = 600


@dataclass
class CheckResult:
    """One validation step: its name, what it found and how long it took."""

    name: str
    findings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.findings


# ------------------------------------------------------------------------------ cfn-lint


def cfn_lint(template: Mapping[str, Any] | None = None, *, path: Path = TEMPLATE_PATH) -> list[str]:
    """cfn-lint findings (errors and warnings) for `template`, or for the file at `path`."""
    config = ManualArgs(regions=[DEFAULT_REGION])
    if template is None:
        matches = lint_file(path, config=config)
    else:
        matches = lint(json.dumps(template), config=config)
    return [_describe_match(match) for match in matches]


def _describe_match(match: Any) -> str:
    return (
        f"{match.rule.id} {match.message} ({Path(match.filename or '-').name}:{match.linenumber})"
    )


# -------------------------------------------------------------------------- least privilege


def least_privilege_findings(
    transformed: Mapping[str, Any], params: Mapping[str, str] | None = None
) -> list[str]:
    """Every Allow with a wildcard action or resource, and every unexpected managed policy.

    Deny statements may use wildcards (the TLS-only policies deny `s3:*` and `sqs:*`).
    """
    findings = []
    for owner, document in policy_documents(transformed, params):
        for statement in statements(document):
            if statement.get("Effect") == "Allow":
                findings.extend(_allow_findings(owner, statement))
    conditions = evaluate_conditions(transformed, params)
    for logical_id, resource in transformed.get("Resources", {}).items():
        if resource.get("Type") != "AWS::IAM::Role":
            continue
        if "Condition" in resource and not conditions[resource["Condition"]]:
            continue
        props = resolve(resource["Properties"], transformed, params)
        names = [_policy_name(arn) for arn in props.get("ManagedPolicyArns", [])]
        findings.extend(
            f"{logical_id}: managed policy {name} is not an allowed exception"
            for name in names
            if name not in ALLOWED_MANAGED_POLICIES
        )
    return findings


def _allow_findings(owner: str, statement: Mapping[str, Any]) -> list[str]:
    where = f"{owner} [{statement.get('Sid', '?')}]"
    findings = [
        f"{where}: Allow with {key}" for key in ("NotAction", "NotResource") if key in statement
    ]
    findings.extend(
        f"{where}: wildcard action {action!r}"
        for action in _as_list(statement.get("Action", []))
        if not isinstance(action, str) or action == "*" or action.endswith(":*")
    )
    # A resource policy (with a Principal) is attached to one resource; "*" there means "this".
    if "Principal" not in statement and "*" in _as_list(statement.get("Resource", [])):
        findings.append(f"{where}: resource '*'")
    return findings


def _policy_name(arn: Any) -> str:
    if isinstance(arn, dict) and isinstance(arn.get("Fn::Sub"), str):
        arn = arn["Fn::Sub"]  # arn:${AWS::Partition}:iam::aws:policy/Name
    return arn.rsplit("/", 1)[-1] if isinstance(arn, str) else repr(arn)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# ---------------------------------------------------------------------------- sam validate


def sam_validate(sam: Path, *, path: Path = TEMPLATE_PATH, lint: bool = False) -> list[str]:
    """Findings of `sam validate [--lint]`: empty when the SAM CLI accepts the template."""
    command = [str(sam), "validate", "--region", DEFAULT_REGION, "--template-file", str(path)]
    if lint:
        command.append("--lint")
    completed = _run(command, env=offline_aws_env())
    if completed.returncode == 0:
        return []
    output = (completed.stdout + completed.stderr).strip().splitlines()
    return [f"sam validate{' --lint' if lint else ''} exited {completed.returncode}", *output[-20:]]


def offline_aws_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """An environment for AWS tools that must not reach AWS: dummy keys, no metadata lookups."""
    env = dict(os.environ if base is None else base)
    env.setdefault("AWS_ACCESS_KEY_ID", "testing")
    env.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    env.setdefault("AWS_DEFAULT_REGION", DEFAULT_REGION)
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    env["SAM_CLI_TELEMETRY"] = "0"
    env.pop("AWS_PROFILE", None)
    return env


# --------------------------------------------------------------------------------- checkov


def unjustified_suppressions(template: Mapping[str, Any]) -> list[str]:
    """Every checkov skip in `template` without a written reason (a `comment`)."""
    findings = []
    for logical_id, resource in template.get("Resources", {}).items():
        skips = (resource.get("Metadata") or {}).get("checkov", {}).get("skip", [])
        for skip in skips:
            comment = str(skip.get("comment") or "").strip()
            if len(comment) < MIN_JUSTIFICATION:
                findings.append(f"{logical_id}: skip of {skip.get('id')} needs a justification")
    return findings


def with_inherited_suppressions(
    transformed: Mapping[str, Any], source: Mapping[str, Any]
) -> dict[str, Any]:
    """`transformed`, each SAM-generated resource carrying its SAM resource's checkov skips.

    SAM names what it generates after the resource it came from (PrecisApi -> PrecisApiv1Stage,
    SummarizeFunction -> SummarizeFunctionRole), so a generated logical id starting with a SAM
    resource's id (and absent from the source template) inherits that resource's skips.
    """
    result = copy.deepcopy(dict(transformed))
    source_resources = source.get("Resources", {})
    owners = {
        logical_id: resource["Metadata"]["checkov"]
        for logical_id, resource in source_resources.items()
        if str(resource.get("Type", "")).startswith("AWS::Serverless::")
        and "checkov" in (resource.get("Metadata") or {})
    }
    for logical_id, resource in result.get("Resources", {}).items():
        if logical_id in source_resources:
            continue
        owner = max((o for o in owners if logical_id.startswith(o)), key=len, default=None)
        if owner is not None:
            resource.setdefault("Metadata", {}).setdefault("checkov", copy.deepcopy(owners[owner]))
    return result


def checkov(checkov_bin: Path, path: Path) -> tuple[list[str], int]:
    """checkov's failed checks on the CloudFormation file at `path`, and how many it skipped."""
    command = [
        str(checkov_bin),
        "--file",
        str(path),
        "--framework",
        "cloudformation",
        "--skip-download",  # no Prisma Cloud lookups: offline and reproducible
        "--output",
        "json",
    ]
    completed = _run(command, env={**os.environ, "BC_SKIP_MAPPING": "TRUE"})
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        tail = (completed.stdout + completed.stderr).strip().splitlines()[-20:]
        return [f"checkov exited {completed.returncode} without a JSON report", *tail], 0
    reports = report if isinstance(report, list) else [report]
    findings: list[str] = []
    skipped = 0
    for item in reports:
        results = item.get("results", {})
        skipped += len(results.get("skipped_checks", []))
        for failed in results.get("failed_checks", []):
            findings.append(
                f"{failed['check_id']} {failed['resource']}: {failed['check_name']}"
                f" ({Path(failed.get('file_path', path.name)).name}"
                f":{(failed.get('file_line_range') or ['?'])[0]})"
            )
        findings.extend(f"parsing error: {error}" for error in results.get("parsing_errors", []))
    if completed.returncode not in (0, 1):
        findings.append(f"checkov exited {completed.returncode}: {completed.stderr.strip()[-500:]}")
    return findings, skipped


# ---------------------------------------------------------------------------------- runner


def _run(command: Sequence[str], *, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own tool paths, no shell
        list(command),
        cwd=ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=TOOL_TIMEOUT_SECONDS,
        check=False,
    )


def _timed(name: str, step: Callable[[], list[str]]) -> CheckResult:
    started = time.perf_counter()
    try:
        findings = step()
    except Exception as exc:  # one broken step must not hide the others' results
        findings = [f"could not run: {type(exc).__name__}: {exc}"]
    return CheckResult(name, findings, time.perf_counter() - started)


def _missing_tool(tool: Path, target: str) -> list[str]:
    return [] if tool.exists() else [f"{tool} not found: run `make {target}`"]


def run_checks(*, sam: Path, checkov_bin: Path, template_path: Path) -> list[CheckResult]:
    """Every validation step, in order; a failing step does not stop the next ones.

    The external tools (sam, checkov) run in parallel threads while cfn-lint runs here.
    """
    source: dict[str, Any] = {}
    load_problem: list[str] = []
    try:
        source = load_template(template_path)
        transformed = transformed_template(template=source)
    except TemplateError as exc:
        load_problem, transformed = [str(exc)], {}

    with tempfile.TemporaryDirectory(prefix="precis-validate-") as tmp:
        transformed_path = Path(tmp) / "transformed.json"
        transformed_path.write_text(
            json.dumps(with_inherited_suppressions(transformed, source), indent=1)
        )
        skipped: dict[str, int] = {}

        def scan(path: Path, label: str) -> list[str]:
            if missing := _missing_tool(checkov_bin, "checkov"):
                return missing
            findings, skipped[label] = checkov(checkov_bin, path)
            return findings

        def validate(lint: bool) -> list[str]:
            missing = _missing_tool(sam, "sam")
            return missing or sam_validate(sam, path=template_path, lint=lint)

        tools: dict[str, Callable[[], list[str]]] = {
            "sam validate": lambda: validate(False),
            "sam validate --lint": lambda: validate(True),
            "checkov template.yaml": lambda: scan(template_path, "source"),
        }
        if transformed:
            tools["checkov transformed template"] = lambda: scan(transformed_path, "transformed")
        with ThreadPoolExecutor(max_workers=len(tools)) as pool:
            running = {name: pool.submit(_timed, name, step) for name, step in tools.items()}
            results = [_timed("cfn-lint template.yaml", lambda: cfn_lint(path=template_path))]
            if load_problem:
                results.append(CheckResult("load and transform template", load_problem))
            for set_name, params in PARAMETER_SETS.items():
                if source:
                    name = f"SAM transform, cfn-lint, least privilege ({set_name})"
                    results.append(_timed(name, partial(_transform_and_lint, source, params)))
            results.append(
                _timed("checkov suppressions justified", lambda: unjustified_suppressions(source))
            )
            results.extend(future.result() for future in running.values())
    for result in results:
        if result.name == "checkov template.yaml" and "source" in skipped:
            result.name += f" ({skipped['source']} justified skips)"
        if result.name == "checkov transformed template" and "transformed" in skipped:
            result.name += f" ({skipped['transformed']} justified skips)"
    return results


def _transform_and_lint(source: Mapping[str, Any], params: Mapping[str, str]) -> list[str]:
    result = transformed_template(params, template=source)
    return cfn_lint(result) + least_privilege_findings(result, params)


def print_summary(results: Iterable[CheckResult], out: Any = None) -> None:
    """One line per check, then every finding under the check that made it (to `out`)."""
    out = sys.stdout if out is None else out
    results = list(results)
    width = max(len(result.name) for result in results)
    print(f"{'check'.ljust(width)}  result  findings   time", file=out)
    for result in results:
        status = "ok" if result.ok else "FAIL"
        print(
            f"{result.name.ljust(width)}  {status:<6}  {len(result.findings):>8}"
            f"  {result.seconds:5.1f}s",
            file=out,
        )
    for result in results:
        if result.findings:
            print(f"\n{result.name}:", file=out)
            for finding in result.findings:
                print(f"  - {finding}", file=out)
    failed = sum(not result.ok for result in results)
    verdict = "template OK" if not failed else f"{failed} check(s) failed"
    print(f"\n{verdict}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `make validate`; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sam", type=Path, default=ROOT / ".tools/sam/bin/sam")
    parser.add_argument("--checkov", type=Path, default=ROOT / ".tools/checkov/bin/checkov")
    parser.add_argument("--template", type=Path, default=TEMPLATE_PATH)
    args = parser.parse_args(argv)
    results = run_checks(
        sam=_absolute(args.sam), checkov_bin=_absolute(args.checkov), template_path=args.template
    )
    print_summary(results)
    return 0 if all(result.ok for result in results) else 1


def _absolute(path: Path) -> Path:
    return path if path.is_absolute() else (Path.cwd() / path)


if __name__ == "__main__":
    sys.exit(main())
