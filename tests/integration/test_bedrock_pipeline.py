"""SUMMARY_ENGINE=bedrock through the real pipeline: the record and its event say which engine
wrote the summary, and why the extractive engine did when Bedrock failed.

Bedrock is a stubbed bedrock-runtime client (moto has no Converse); everything else is moto,
through the stack and pipeline fixtures of tests/integration/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from aws_fixtures import lambda_context
from botocore.stub import Stubber
from samples import HARBOUR

from precis.aws import bedrock as bedrock_client

REGION = "us-east-1"
MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0"


@pytest.fixture
def stubbed_bedrock(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stubber]:
    """The pipeline with SUMMARY_ENGINE=bedrock and Bedrock behind a Stubber."""
    client = boto3.client("bedrock-runtime", region_name=REGION)
    stubber = Stubber(client)
    monkeypatch.setattr(bedrock_client, "make_bedrock_client", lambda: client)
    monkeypatch.setenv("SUMMARY_ENGINE", "bedrock")
    monkeypatch.setenv("BEDROCK_MODEL_ID", MODEL_ID)
    # The function's composition root, rebuilt for this environment (the stack fixture
    # puts a fresh one back afterwards).
    pipeline.app.collaborators = pipeline.app.Collaborators()
    with stubber:
        yield stubber


def test_bedrock_writes_the_summary_and_the_record_names_the_model(
    pipeline: Any, stubbed_bedrock: Stubber
) -> None:
    queue_url = pipeline.subscribe()
    stubbed_bedrock.add_response(
        "converse",
        {
            "output": {
                "message": {
                    "role": "assistant",
                    "content": [{"text": "The city harbour reopened. Fishing crews returned."}],
                }
            },
            "stopReason": "end_turn",
            "usage": {"inputTokens": 100, "outputTokens": 20, "totalTokens": 120},
            "metrics": {"latencyMs": 800},
        },
    )

    pipeline.put("articles/world/harbour-reopens.txt", HARBOUR)
    pipeline.drain()

    record = pipeline.record("world/harbour-reopens")
    assert record.status == "COMPLETED"
    assert record.summary == "The city harbour reopened. Fishing crews returned."
    assert (record.engine.name, record.engine.version) == ("bedrock", MODEL_ID)
    assert record.engine.fallback_reason is None
    (event,) = pipeline.announced(queue_url)
    detail = event["detail"]
    assert detail["engine"] == {"name": "bedrock", "version": MODEL_ID, "fallback_reason": None}


def test_when_bedrock_is_throttled_the_record_says_extractive_and_why(
    pipeline: Any, stubbed_bedrock: Stubber
) -> None:
    queue_url = pipeline.subscribe()
    stubbed_bedrock.add_client_error("converse", "ThrottlingException", http_status_code=429)

    pipeline.put("articles/world/harbour-reopens.txt", HARBOUR)
    pipeline.drain()

    record = pipeline.record("world/harbour-reopens")
    assert record.status == "COMPLETED"
    assert record.summary
    assert record.engine.name == "extractive"
    assert record.engine.fallback_reason == "bedrock: throttled"
    (event,) = pipeline.announced(queue_url)
    detail = event["detail"]
    assert detail["engine"]["fallback_reason"] == "bedrock: throttled"
    assert detail["summary"] == record.summary


def test_direct_invocation_uses_the_configured_engine(
    pipeline: Any, stubbed_bedrock: Stubber
) -> None:
    # Given SUMMARY_ENGINE=bedrock
    stubbed_bedrock.add_response(
        "converse",
        {
            "output": {
                "message": {"role": "assistant", "content": [{"text": "The library opens later."}]}
            },
            "stopReason": "end_turn",
            "usage": {"inputTokens": 80, "outputTokens": 8, "totalTokens": 88},
            "metrics": {"latencyMs": 500},
        },
    )

    # When a state machine invokes the function with text
    summary = pipeline.app.handler({"text": HARBOUR, "sentences": 1}, lambda_context())

    # Then Bedrock wrote it, as for uploaded articles
    assert summary["summary"] == "The library opens later."
    assert summary["engine"] == {"name": "bedrock", "version": MODEL_ID, "fallback_reason": None}
