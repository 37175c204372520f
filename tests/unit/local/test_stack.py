"""The local stack deploys a SAM template to moto and runs its functions like AWS would."""

from __future__ import annotations

import os
from typing import Any

from local.api_client import ApiClient
from local.stack import LocalStack, wait_for


def _get(stack: LocalStack, path: str) -> tuple[int, dict[str, Any]]:
    response = ApiClient(stack.api_url).get(path)
    return response.status, response.json()


def _stored(stack: LocalStack, key: str) -> dict[str, Any] | None:
    item = (
        stack.client("dynamodb")
        .get_item(TableName=stack.table_name, Key={"article_id": {"S": key}})
        .get("Item")
    )
    return {k: v["S"] for k, v in item.items()} if item else None


def test_function_environment_comes_from_the_template_with_physical_names(
    fixture_stack: LocalStack,
) -> None:
    deployment = fixture_stack.deployment
    assert deployment is not None

    worker = deployment.functions["Worker"]

    assert worker.environment["TABLE_NAME"] == fixture_stack.table_name
    assert worker.environment["GREETING"] == "hello"
    assert worker.environment["QUEUE_ARN"].endswith(fixture_stack.queue_url.rsplit("/", 1)[1])
    assert worker.timeout_s == 10
    assert os.environ["AWS_ENDPOINT_URL"] == fixture_stack.endpoint_url


def test_event_source_mapping_and_routes_come_from_the_template(
    fixture_stack: LocalStack,
) -> None:
    deployment = fixture_stack.deployment
    assert deployment is not None

    (source,) = deployment.queue_sources
    resources = {(r.method, r.resource) for r in deployment.routes}

    assert source.function_id == "Worker"
    assert source.batch_size == 5
    assert source.report_batch_item_failures is True
    assert ("GET", "/items/{item_id+}") in resources


def test_upload_flows_through_queue_and_function_to_the_api(fixture_stack: LocalStack) -> None:
    key = "articles/flow/one two.txt"

    fixture_stack.client("s3").put_object(
        Bucket=fixture_stack.bucket_name, Key=key, Body=b"first body"
    )
    wait_for(lambda: _stored(fixture_stack, key) is not None, timeout=60, what="the worker")
    status, item = _get(fixture_stack, "/items/articles/flow/one%20two.txt")

    assert status == 200
    assert item["body"] == "first body"
    assert item["event"] == "ObjectCreated:Put"
    assert int(item["sequencer"], 16) > 0


def test_objects_outside_the_notification_prefix_are_not_queued(
    fixture_stack: LocalStack,
) -> None:
    fixture_stack.client("s3").put_object(
        Bucket=fixture_stack.bucket_name, Key="elsewhere/x.txt", Body=b"x"
    )
    fixture_stack.wait_until_idle(timeout=60)

    assert _stored(fixture_stack, "elsewhere/x.txt") is None


def test_delete_on_a_versioned_bucket_sends_a_later_removed_event(
    fixture_stack: LocalStack,
) -> None:
    key = "articles/flow/deleted.txt"
    s3 = fixture_stack.client("s3")
    s3.put_object(Bucket=fixture_stack.bucket_name, Key=key, Body=b"soon gone")
    wait_for(lambda: _stored(fixture_stack, key) is not None, timeout=60, what="the create")
    created = _stored(fixture_stack, key)
    assert created is not None

    s3.delete_object(Bucket=fixture_stack.bucket_name, Key=key)
    wait_for(
        lambda: (_stored(fixture_stack, key) or {}).get("event", "").startswith("ObjectRemoved"),
        timeout=60,
        what="the delete",
    )
    removed = _stored(fixture_stack, key)

    assert removed is not None
    assert removed["event"] == "ObjectRemoved:DeleteMarkerCreated"
    assert int(removed["sequencer"], 16) > int(created["sequencer"], 16)


def test_message_that_keeps_failing_lands_in_the_dead_letter_queue(
    fixture_stack: LocalStack,
) -> None:
    fixture_stack.client("s3").put_object(
        Bucket=fixture_stack.bucket_name, Key="articles/poison.txt", Body=b"x"
    )

    wait_for(
        lambda: fixture_stack.queue_depth(fixture_stack.dead_letter_queue_url) == 1,
        timeout=60,
        what="the dead-letter queue",
    )
    fixture_stack.wait_until_idle(timeout=60)

    (parked,) = fixture_stack.client("sqs").receive_message(
        QueueUrl=fixture_stack.dead_letter_queue_url, AttributeNames=["All"]
    )["Messages"]
    assert "poison" in parked["Body"]
    assert int(parked["Attributes"]["ApproximateReceiveCount"]) >= 2
    assert _stored(fixture_stack, "articles/poison.txt") is None
