"""local.template: loading, the offline transform and reading values for given parameters."""

from __future__ import annotations

import pytest

from local.template import (
    CODE_BUCKET,
    TemplateError,
    code_locations,
    evaluate_conditions,
    load_template,
    parameter_values,
    resolve,
    stack_parameters,
    transformed_template,
    with_placeholder_code,
)

SMALL = {
    "Parameters": {
        "Mode": {"Type": "String", "Default": "a", "AllowedValues": ["a", "b"]},
        "Size": {"Type": "Number", "Default": 3},
        "Name": {"Type": "String"},
    },
    "Conditions": {
        "IsB": {"Fn::Equals": [{"Ref": "Mode"}, "b"]},
        "NotB": {"Fn::Not": [{"Condition": "IsB"}]},
        "BigB": {"Fn::And": [{"Condition": "IsB"}, {"Fn::Equals": [{"Ref": "Size"}, "9"]}]},
    },
    "Mappings": {"Sizes": {"3": {"Label": "small"}, "9": {"Label": "large"}}},
    "Resources": {},
}


def test_parameters_take_given_values_then_defaults():
    values = parameter_values(SMALL, {"Name": "n", "Size": 9})

    assert values == {"Mode": "a", "Size": "9", "Name": "n"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Name has no default"),
        ({"Name": "n", "Mode": "c"}, "not one of"),
        ({"Name": "n", "Colour": "red"}, "unknown parameters: Colour"),
    ],
)
def test_bad_parameters_are_refused(params, message):
    with pytest.raises(TemplateError, match=message):
        parameter_values(SMALL, params)


def test_conditions_follow_parameters():
    assert evaluate_conditions(SMALL, {"Name": "n"}) == {"IsB": False, "NotB": True, "BigB": False}
    assert evaluate_conditions(SMALL, {"Name": "n", "Mode": "b", "Size": 9}) == {
        "IsB": True,
        "NotB": False,
        "BigB": True,
    }


def test_resolve_picks_branches_maps_and_drops_no_value():
    value = {
        "Label": {"Fn::FindInMap": ["Sizes", {"Ref": "Size"}, "Label"]},
        "Extra": {"Fn::If": ["IsB", "yes", {"Ref": "AWS::NoValue"}]},
        "List": ["x", {"Fn::If": ["IsB", "y", {"Ref": "AWS::NoValue"}]}],
        "Region": {"Ref": "AWS::Region"},
        "Other": {"Fn::GetAtt": ["Thing", "Arn"]},
    }

    plain = resolve(value, SMALL, {"Name": "n"})
    with_b = resolve(value, SMALL, {"Name": "n", "Mode": "b", "Size": 9})

    assert plain == {
        "Label": "small",
        "List": ["x"],
        "Region": "us-east-1",
        "Other": {"Fn::GetAtt": ["Thing", "Arn"]},
    }
    assert with_b["Label"] == "large"
    assert with_b["Extra"] == "yes"
    assert with_b["List"] == ["x", "y"]


def test_local_code_folders_become_placeholder_s3_locations():
    source = load_template()

    replaced = with_placeholder_code(source)

    assert code_locations(source) == {
        "PrecisLayer": "PrecisLayer.zip",
        "SummarizeFunction": "SummarizeFunction.zip",
        "ApiFunction": "ApiFunction.zip",
    }
    assert replaced["Resources"]["ApiFunction"]["Properties"]["CodeUri"] == (
        f"s3://{CODE_BUCKET}/ApiFunction.zip"
    )
    assert source["Resources"]["ApiFunction"]["Properties"]["CodeUri"] == "functions/api"
    assert code_locations(replaced) == {}


def test_transform_keeps_stack_name_and_account_for_cloudformation(transformed):
    bucket = transformed["Resources"]["ArticlesBucket"]["Properties"]["BucketName"]

    assert bucket == {"Fn::Sub": "${AWS::StackName}-articles-${AWS::AccountId}-${AWS::Region}"}
    assert "Transform" not in transformed
    assert not any(
        r["Type"].startswith("AWS::Serverless::") for r in transformed["Resources"].values()
    )


def test_transform_reports_sam_errors_as_template_errors(source):
    broken = {**source, "Resources": dict(source["Resources"])}
    broken["Resources"]["Extra"] = {
        "Type": "AWS::Serverless::Function",
        "Properties": {"Handler": "app.handler", "Runtime": "python3.12"},
    }

    with pytest.raises(TemplateError, match="SAM transform failed"):
        transformed_template(template=broken)


def test_load_template_refuses_a_file_without_resources(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("AWSTemplateFormatVersion: '2010-09-09'\n", encoding="utf-8")

    with pytest.raises(TemplateError, match="no Resources"):
        load_template(path)
    with pytest.raises(TemplateError, match="cannot read"):
        load_template(tmp_path / "missing.yaml")


def test_stack_parameters_are_in_create_stack_shape():
    assert stack_parameters({"ReadAuth": "IAM", "BatchSize": 5}) == [
        {"ParameterKey": "ReadAuth", "ParameterValue": "IAM"},
        {"ParameterKey": "BatchSize", "ParameterValue": "5"},
    ]
