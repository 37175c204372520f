"""The sample events in events/ are real-shaped: they parse into what the handler expects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from precis.pipeline.direct import is_sqs_batch
from precis.pipeline.notifications import article_id_for_key, parse_message

EVENTS = Path(__file__).resolve().parents[3] / "events"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return data


def test_sqs_put_sample_wraps_a_put_with_sequencer_and_version() -> None:
    event = load("sqs_s3_put.json")
    [record] = event["Records"]

    [parsed] = parse_message(record["body"])

    assert is_sqs_batch(event) and record["eventSource"] == "aws:sqs"
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
    assert parsed.kind == "created" and parsed.sequencer and parsed.version_id
    assert article_id_for_key(parsed.key) == "world/peace talks resume"
    assert json.loads(record["body"]) == load("s3_put.json")


def test_sqs_delete_sample_is_newer_than_the_put() -> None:
    [put] = parse_message(load("sqs_s3_put.json")["Records"][0]["body"])
    [delete] = parse_message(load("sqs_s3_delete.json")["Records"][0]["body"])

    assert delete.kind == "removed" and delete.key == put.key
    assert delete.order > put.order


def test_sqs_test_event_sample_holds_no_object_event() -> None:
    assert parse_message(load("sqs_s3_test_event.json")["Records"][0]["body"]) == []


def test_direct_samples_are_direct_invocations() -> None:
    text = load("direct_text.json")
    s3 = load("direct_s3.json")
    assert not is_sqs_batch(text) and not is_sqs_batch(s3)
    assert isinstance(text["text"], str) and 1 <= text["sentences"] <= 10
    assert s3["key"].startswith("articles/")
