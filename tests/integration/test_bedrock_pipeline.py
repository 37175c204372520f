"""SUMMARY_ENGINE=bedrock through the real pipeline: the record and its event say which engine
wrote the summary, and why the extractive engine did when Bedrock failed.

Bedrock is a stubbed bedrock-runtime client (moto has no Converse); everything else is moto,
through the stack and pipeline fixtures of tests/integration/conftest.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from precis import bedrock_client
from precis.config import get_settings
from precis.summarize import bedrock

REGION = "us-east-1"
MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0"
ARTICLE = (
    "Harbour reopens after storm repairs\n\n"
    "The harbour of Port Elling reopened on Monday after six weeks of repairs. "
    "Storm waves had broken the northern breakwater in October. "
    "Ferries to the islands resume on Friday, the port authority said. "
    "Fishing boats returned to their berths over the weekend. "
    "Repairs cost 4.2 million euros, a third more than planned.\n"
)


@pytest.fixture
def stubbed_bedrock(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stubber]:
    """The pipeline with SUMMARY_ENGINE=bedrock and Bedrock behind a Stubber."""
    client = boto3.client("bedrock-runtime", region_name=REGION)
    stubber = Stubber(client)
    monkeypatch.setattr(bedrock_client, "make_bedrock_client", lambda: client)
    monkeypatch.setenv("SUMMARY_ENGINE", "bedrock")
    monkeypatch.setenv("BEDROCK_MODEL_ID", MODEL_ID)
    get_settings.cache_clear()
    pipeline.app.get_ingestor.cache_clear()
    bedrock._default_client.cache_clear()
    with stubber:
        yield stubber
    bedrock._default_client.cache_clear()
    pipeline.app.get_summarizer.cache_clear()
    get_settings.cache_clear()
    pipeline.app.get_ingestor.cache_clear()


def event_queue() -> tuple[Any, str]:
    sqs = boto3.client("sqs", region_name=REGION)
    events = boto3.client("events", region_name=REGION)
    url: str = sqs.create_queue(QueueName="engine-events")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    events.put_rule(Name="engine", EventPattern=json.dumps({"source": ["precis"]}))
    events.put_targets(Rule="engine", Targets=[{"Id": "q", "Arn": arn}])
    return sqs, url


def only_event(sqs: Any, url: str) -> dict[str, Any]:
    (message,) = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    event: dict[str, Any] = json.loads(message["Body"])
    return event


def test_bedrock_writes_the_summary_and_the_record_names_the_model(
    pipeline: Any, stubbed_bedrock: Stubber
) -> None:
    sqs, url = event_queue()
    stubbed_bedrock.add_response(
        "converse",
        {
            "output": {
                "message": {
                    "role": "assistant",
                    "content": [{"text": "Port Elling's harbour reopened. Ferries resume Friday."}],
                }
            },
            "stopReason": "end_turn",
            "usage": {"inputTokens": 100, "outputTokens": 20, "totalTokens": 120},
            "metrics": {"latencyMs": 800},
        },
    )

    pipeline.put("articles/world/harbour-reopens.txt", ARTICLE)
    pipeline.drain()

    record = pipeline.record("world/harbour-reopens")
    assert record.status == "COMPLETED"
    assert record.summary == "Port Elling's harbour reopened. Ferries resume Friday."
    assert (record.engine.name, record.engine.version) == ("bedrock", MODEL_ID)
    assert record.engine.fallback_reason is None
    detail = only_event(sqs, url)["detail"]
    assert detail["engine"] == {"name": "bedrock", "version": MODEL_ID, "fallback_reason": None}


def test_when_bedrock_is_throttled_the_record_says_extractive_and_why(
    pipeline: Any, stubbed_bedrock: Stubber
) -> None:
    sqs, url = event_queue()
    stubbed_bedrock.add_client_error("converse", "ThrottlingException", http_status_code=429)

    pipeline.put("articles/world/harbour-reopens.txt", ARTICLE)
    pipeline.drain()

    record = pipeline.record("world/harbour-reopens")
    assert record.status == "COMPLETED"
    assert record.summary
    assert record.engine.name == "extractive"
    assert record.engine.fallback_reason == "bedrock: throttled"
    detail = only_event(sqs, url)["detail"]
    assert detail["engine"]["fallback_reason"] == "bedrock: throttled"
    assert detail["summary"] == record.summary


def test_direct_invocation_uses_the_configured_engine(
    pipeline: Any, stubbed_bedrock: Stubber
) -> None:
    # Given SUMMARY_ENGINE=bedrock (the function's cached engine rebuilt for it)
    pipeline.app.get_summarizer.cache_clear()
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
    context = SimpleNamespace(
        function_name="precis-summarize",
        memory_limit_in_mb=512,
        invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:precis-summarize",
        aws_request_id="direct-1",
    )
    summary = pipeline.app.handler({"text": ARTICLE, "sentences": 1}, context)
    pipeline.app.get_summarizer.cache_clear()

    # Then Bedrock wrote it, as for uploaded articles
    assert summary["summary"] == "The library opens later."
    assert summary["engine"] == {"name": "bedrock", "version": MODEL_ID, "fallback_reason": None}
