"""Every way Bedrock can fail ends in an extractive summary whose engine says why."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ReadTimeoutError

from precis.errors import EmptyDocument
from precis.summarize.bedrock import BedrockSummarizer, failure_reason
from precis.summarize.fallback import FallbackSummarizer
from precis.summarize.sentences import split_document

from .conftest import ARTICLE, MODEL_ID, LeadSummarizer, StubbedBedrock, converse_response


def engine_over(client: Any) -> FallbackSummarizer:
    return FallbackSummarizer(BedrockSummarizer(MODEL_ID, client=client), LeadSummarizer())


@pytest.mark.parametrize(
    ("code", "status", "reason"),
    [
        ("ThrottlingException", 429, "bedrock: throttled"),
        ("ServiceQuotaExceededException", 400, "bedrock: throttled"),
        ("AccessDeniedException", 403, "bedrock: access_denied"),
        ("ValidationException", 400, "bedrock: validation"),
        ("ModelTimeoutException", 408, "bedrock: timeout"),
        ("ResourceNotFoundException", 404, "bedrock: model_unavailable"),
        ("ServiceUnavailableException", 503, "bedrock: model_unavailable"),
        ("ModelErrorException", 424, "bedrock: error"),
    ],
)
def test_service_errors_fall_back_to_the_extractive_summary(
    bedrock: StubbedBedrock, code: str, status: int, reason: str
) -> None:
    # Given Bedrock answering the Converse call with an error
    bedrock.stubber.add_client_error(
        "converse", service_error_code=code, service_message=code, http_status_code=status
    )
    sentences = split_document(ARTICLE)

    # When the article is ranked
    ranking = engine_over(bedrock.client).rank(ARTICLE, sentences)

    # Then the fallback engine produced it, and the record will say why
    assert ranking.engine.name == "lead"
    assert ranking.engine.version == "1"
    assert ranking.engine.fallback_reason == reason
    assert ranking.ranked == LeadSummarizer().rank(ARTICLE, sentences).ranked
    assert len(bedrock.requests) == 1


class TimingOutClient:
    def __init__(self) -> None:
        self.calls = 0

    def converse(self, **_: Any) -> dict[str, Any]:
        self.calls += 1
        raise ReadTimeoutError(endpoint_url="https://bedrock-runtime.us-east-1.amazonaws.com")


def test_a_read_timeout_falls_back() -> None:
    client = TimingOutClient()

    ranking = engine_over(client).rank(ARTICLE, split_document(ARTICLE))

    assert client.calls == 1
    assert ranking.engine.name == "lead"
    assert ranking.engine.fallback_reason == "bedrock: timeout"


def test_a_malformed_response_falls_back(bedrock: StubbedBedrock) -> None:
    bedrock.stubber.add_response("converse", converse_response([]))

    ranking = engine_over(bedrock.client).rank(ARTICLE, split_document(ARTICLE))

    assert ranking.engine.name == "lead"
    assert ranking.engine.fallback_reason == "bedrock: malformed_response"
    assert ranking.ranked


def test_a_filtered_reply_falls_back(bedrock: StubbedBedrock) -> None:
    bedrock.stubber.add_response(
        "converse", converse_response([{"text": "I can't help."}], "content_filtered")
    )

    ranking = engine_over(bedrock.client).rank(ARTICLE, split_document(ARTICLE))

    assert ranking.engine.fallback_reason == "bedrock: content_filtered"


def test_a_successful_call_is_returned_untouched(bedrock: StubbedBedrock) -> None:
    bedrock.reply("The harbour reopened on Monday. Ferries resume on Friday.")
    engine = engine_over(bedrock.client)

    ranking = engine.rank(ARTICLE, split_document(ARTICLE))

    assert ranking.engine.name == "bedrock"
    assert ranking.engine.fallback_reason is None
    assert ranking.ranked[0].text == "The harbour reopened on Monday."
    assert (engine.name, engine.version) == ("bedrock", MODEL_ID)


def test_any_unexpected_error_falls_back() -> None:
    class BrokenClient:
        def converse(self, **_: Any) -> dict[str, Any]:
            raise RuntimeError("socket exploded")

    ranking = engine_over(BrokenClient()).rank(ARTICLE, split_document(ARTICLE))

    assert ranking.engine.fallback_reason == "bedrock: error"


def test_an_empty_article_is_the_articles_fault_not_the_engines(bedrock: StubbedBedrock) -> None:
    with pytest.raises(EmptyDocument):
        engine_over(bedrock.client).rank(ARTICLE, ())

    assert bedrock.requests == []


def test_failure_reason_never_raises_on_odd_exceptions() -> None:
    odd = Exception("no response attribute")
    odd.response = "not a mapping"  # type: ignore[attr-defined]

    assert failure_reason(odd) == "error"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_after_throttling_bedrock_rests_then_is_tried_again(bedrock: StubbedBedrock) -> None:
    # Given Bedrock throttling once, then answering
    clock = Clock()
    engine = FallbackSummarizer(
        BedrockSummarizer(MODEL_ID, client=bedrock.client),
        LeadSummarizer(),
        cooldown_s=30,
        clock=clock,
    )
    bedrock.stubber.add_client_error("converse", "ThrottlingException", http_status_code=429)
    bedrock.reply("The harbour reopened on Monday.")
    sentences = split_document(ARTICLE)

    # When three articles arrive: now, within the cooldown, and after it
    first = engine.rank(ARTICLE, sentences)
    clock.now += 29
    second = engine.rank(ARTICLE, sentences)
    clock.now += 2
    third = engine.rank(ARTICLE, sentences)

    # Then the second never reached Bedrock, and the third did
    assert first.engine.fallback_reason == "bedrock: throttled"
    assert second.engine.fallback_reason == "bedrock: throttled (cooling down)"
    assert third.engine.name == "bedrock"
    assert len(bedrock.requests) == 2


def test_a_one_off_bad_reply_does_not_rest_the_engine(bedrock: StubbedBedrock) -> None:
    engine = engine_over(bedrock.client)
    bedrock.stubber.add_response("converse", converse_response([]))
    bedrock.reply("The harbour reopened on Monday.")
    sentences = split_document(ARTICLE)

    first = engine.rank(ARTICLE, sentences)
    second = engine.rank(ARTICLE, sentences)

    assert first.engine.fallback_reason == "bedrock: malformed_response"
    assert second.engine.name == "bedrock"
