"""Fixtures for the Bedrock engine: a stubbed bedrock-runtime client and sample articles."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from precis.errors import EmptyDocument
from precis.models import Document, EngineInfo, RankedSentence, Ranking, Sentence

MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0"

ARTICLE = Document(
    title="Harbour reopens after storm repairs",
    paragraphs=(
        "The harbour of Port Elling reopened on Monday after six weeks of repairs. "
        "Storm waves had broken the northern breakwater in October.",
        "Ferries to the islands resume on Friday, the port authority said. "
        "Fishing boats returned to their berths over the weekend.",
        "Repairs cost 4.2 million euros, a third more than planned.",
    ),
)


@dataclass
class StubbedBedrock:
    """A real bedrock-runtime client behind a Stubber, recording the requests it was sent."""

    client: Any
    stubber: Stubber
    requests: list[dict[str, Any]] = field(default_factory=list)

    def reply(self, text: str, *, stop_reason: str = "end_turn") -> None:
        self.stubber.add_response("converse", converse_response([{"text": text}], stop_reason))


def converse_response(
    content: list[dict[str, Any]], stop_reason: str = "end_turn"
) -> dict[str, Any]:
    return {
        "output": {"message": {"role": "assistant", "content": content}},
        "stopReason": stop_reason,
        "usage": {"inputTokens": 120, "outputTokens": 40, "totalTokens": 160},
        "metrics": {"latencyMs": 900},
    }


@pytest.fixture
def bedrock() -> Iterator[StubbedBedrock]:
    client = boto3.client(
        "bedrock-runtime",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    stubbed = StubbedBedrock(client=client, stubber=Stubber(client))
    client.meta.events.register(
        "before-parameter-build.bedrock-runtime.Converse",
        lambda params, **_: stubbed.requests.append(params),
    )
    with stubbed.stubber:
        yield stubbed
        stubbed.stubber.assert_no_pending_responses()


class LeadSummarizer:
    """A stand-in fallback engine: the first sentences, in order."""

    name = "lead"
    version = "1"

    def rank(self, document: Document, sentences: Sequence[Sentence]) -> Ranking:
        if not sentences:
            raise EmptyDocument("nothing to summarize")
        ranked = tuple(
            RankedSentence(position=s.position, text=s.text, score=1.0 / (1 + s.position))
            for s in sentences[:10]
        )
        return Ranking(
            ranked=ranked,
            single=ranked[0],
            sentence_count=len(sentences),
            engine=EngineInfo(name=self.name, version=self.version),
        )
