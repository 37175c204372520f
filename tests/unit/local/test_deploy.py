"""The local copy of template.yaml: data resources for moto, every needed value as an Output."""

from __future__ import annotations

from pathlib import Path

from local.deploy import LOCAL_RESOURCE_TYPES, build_local_template, transform_template
from local.moto_patches import enrich_record, next_sequencer

TEMPLATE = Path(__file__).resolve().parents[3] / "template.yaml"


def test_local_template_keeps_only_resources_moto_creates_and_resolves_every_value() -> None:
    transformed = transform_template(TEMPLATE, {"CursorSecret": "x" * 40})

    local = build_local_template(transformed)

    resources = local.body["Resources"]
    assert {"ArticlesBucket", "ArticlesQueue", "ArticlesDeadLetterQueue", "SummariesTable"} <= set(
        resources
    )
    assert {r["Type"] for r in resources.values()} <= LOCAL_RESOURCE_TYPES
    assert "NotificationConfiguration" not in resources["ArticlesBucket"]["Properties"]
    functions = {
        logical_id
        for logical_id, resource in transformed["Resources"].items()
        if resource["Type"] == "AWS::Lambda::Function"
    }
    assert functions <= set(local.env_outputs)
    for logical_id in functions:
        variables = transformed["Resources"][logical_id]["Properties"]["Environment"]["Variables"]
        assert set(local.env_outputs[logical_id]) == set(variables)
    outputs = local.body["Outputs"]
    for output_name in local.value_outputs.values():
        assert output_name in outputs
    assert any(key.startswith("notify:ArticlesBucket:") for key in local.value_outputs)


def test_removed_records_lose_size_and_etag_and_get_a_later_sequencer() -> None:
    class Key:
        version_id = "v2"

    created = {"eventName": "ObjectCreated:Put", "s3": {"object": {"size": 3, "eTag": "e"}}}
    removed = {"eventName": "ObjectRemoved:Delete", "s3": {"object": {"size": 3, "eTag": "e"}}}

    enrich_record(created, Key())
    enrich_record(removed, Key())

    assert created["s3"]["object"]["size"] == 3
    assert "size" not in removed["s3"]["object"]
    assert "eTag" not in removed["s3"]["object"]
    assert removed["s3"]["object"]["versionId"] == "v2"
    assert removed["s3"]["object"]["sequencer"] > created["s3"]["object"]["sequencer"]
    assert len(next_sequencer()) == 16
