"""cfn-lint, sam validate and checkov on the template, and the checks of `make validate`."""

from __future__ import annotations

import io
import json

import pytest

from local import validate_template
from local.template import load_template, transformed_template
from local.validate_template import (
    CheckResult,
    cfn_lint,
    checkov,
    least_privilege_findings,
    main,
    print_summary,
    sam_validate,
    unjustified_suppressions,
    with_inherited_suppressions,
)


def test_template_passes_cfn_lint():
    assert cfn_lint() == []


@pytest.mark.parametrize("name", list(validate_template.PARAMETER_SETS))
def test_transformed_template_passes_cfn_lint(transform, name):
    params = validate_template.PARAMETER_SETS[name]

    assert cfn_lint(transform(params)) == []


def test_cfn_lint_reports_a_broken_template(source):
    broken = transformed_template(template=source)
    broken = json.loads(json.dumps(broken))
    broken["Resources"]["ArticlesQueue"]["Properties"]["VisibilityTimeout"] = "soon"

    findings = cfn_lint(broken)

    assert findings
    assert any("VisibilityTimeout" in finding for finding in findings)


def test_sam_validate_accepts_the_template(sam_cli):
    assert sam_validate(sam_cli) == []


def test_sam_validate_rejects_a_template_sam_cannot_transform(sam_cli, tmp_path):
    broken = tmp_path / "template.yaml"
    broken.write_text(
        "Transform: AWS::Serverless-2016-10-31\n"
        "Resources:\n"
        "  Fn:\n"
        "    Type: AWS::Serverless::Function\n"
        "    Properties:\n"
        "      Runtime: python3.12\n"
        "      Events:\n"
        "        Q: {Type: SQS, Properties: {}}\n",
        encoding="utf-8",
    )

    findings = sam_validate(sam_cli, path=broken)

    assert findings
    assert findings[0].startswith("sam validate exited")


@pytest.mark.slow
def test_checkov_finds_nothing_unsuppressed(checkov_cli, source):
    findings, skipped = checkov(checkov_cli, validate_template.TEMPLATE_PATH)

    assert findings == []
    assert skipped > 0  # the justified suppressions are what keeps it clean


def test_every_checkov_suppression_is_justified(source):
    assert unjustified_suppressions(source) == []


def test_a_suppression_without_a_reason_is_reported():
    template = {
        "Resources": {
            "Queue": {
                "Type": "AWS::SQS::Queue",
                "Metadata": {
                    "checkov": {
                        "skip": [
                            {"id": "CKV_AWS_27"},
                            {"id": "CKV_AWS_1", "comment": "ok"},
                            {"id": "CKV_AWS_2", "comment": "a reason that explains the choice"},
                        ]
                    }
                },
            }
        }
    }

    findings = unjustified_suppressions(template)

    assert len(findings) == 2
    assert any("CKV_AWS_27" in finding for finding in findings)
    assert any("CKV_AWS_1 " in finding for finding in findings)


def test_sam_generated_resources_inherit_their_sam_resource_suppressions(source, transformed):
    with_skips = with_inherited_suppressions(transformed, source)
    stages = [
        resource
        for resource in with_skips["Resources"].values()
        if resource["Type"] == "AWS::ApiGateway::Stage"
    ]

    (stage,) = stages
    assert stage["Metadata"]["checkov"] == source["Resources"]["PrecisApi"]["Metadata"]["checkov"]
    # Resources written in template.yaml keep their own (PrecisApiKey is not PrecisApi's child).
    assert "checkov" not in (with_skips["Resources"]["PrecisApiKey"].get("Metadata") or {})
    original_stage = transformed["Resources"]["PrecisApiv1Stage"]
    assert "checkov" not in (original_stage.get("Metadata") or {})


def test_least_privilege_holds_for_every_validated_parameter_set(transform):
    for params in validate_template.PARAMETER_SETS.values():
        assert least_privilege_findings(transform(params), params) == []


def test_summary_lists_failures_and_main_exits_non_zero(monkeypatch, capsys):
    results = [
        CheckResult("cfn-lint template.yaml", [], 0.5),
        CheckResult("checkov template.yaml", ["CKV_AWS_1 AWS::S3::Bucket.B: something"], 1.0),
    ]
    monkeypatch.setattr(validate_template, "run_checks", lambda **_: results)

    assert main([]) == 1

    out = capsys.readouterr().out
    assert "checkov template.yaml" in out
    assert "FAIL" in out
    assert "CKV_AWS_1 AWS::S3::Bucket.B: something" in out
    assert "1 check(s) failed" in out


def test_main_exits_zero_when_every_check_passes(monkeypatch, capsys):
    monkeypatch.setattr(
        validate_template, "run_checks", lambda **_: [CheckResult("cfn-lint template.yaml")]
    )

    assert main([]) == 0
    assert "template OK" in capsys.readouterr().out


def test_a_missing_tool_is_a_failure_that_names_its_make_target(tmp_path, monkeypatch):
    monkeypatch.setattr(validate_template, "PARAMETER_SETS", {"defaults": {}})
    results = validate_template.run_checks(
        sam=tmp_path / "no-sam",
        checkov_bin=tmp_path / "no-checkov",
        template_path=validate_template.TEMPLATE_PATH,
    )
    by_name = {result.name.split(" (")[0]: result for result in results}
    out = io.StringIO()
    print_summary(results, out=out)

    assert by_name["sam validate"].findings == [f"{tmp_path / 'no-sam'} not found: run `make sam`"]
    assert "run `make checkov`" in by_name["checkov template.yaml"].findings[0]
    assert by_name["cfn-lint template.yaml"].ok
    assert "check(s) failed" in out.getvalue()


def test_load_template_reads_short_form_tags(source):
    assert source == load_template()
    assert source["Resources"]["ArticlesQueue"]["Properties"]["RedrivePolicy"][
        "deadLetterTargetArn"
    ] == {"Fn::GetAtt": ["ArticlesDeadLetterQueue", "Arn"]}
