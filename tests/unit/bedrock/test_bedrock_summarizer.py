"""The Bedrock engine: the Converse request it sends and the Ranking it makes of the reply."""

from __future__ import annotations

import dataclasses

import pytest

from precis.errors import EmptyDocument
from precis.summarize.bedrock import (
    MALFORMED_RESPONSE,
    TRUNCATION_MARK,
    BedrockSummarizer,
    EngineError,
    summary_sentences,
)
from precis.summarize.sentences import split_document

from .conftest import ARTICLE, MODEL_ID, StubbedBedrock, converse_response


def test_converse_request_asks_for_n_sentences_in_the_articles_language(
    bedrock: StubbedBedrock,
) -> None:
    # Given an article tagged British English and an engine asked for two sentences
    article = dataclasses.replace(ARTICLE, language_hint="en-GB")
    engine = BedrockSummarizer(
        MODEL_ID, client=bedrock.client, summary_sentences=2, max_output_tokens=400
    )
    bedrock.reply("The harbour reopened on Monday. Ferries resume on Friday.")

    # When it ranks the article
    engine.rank(article, split_document(article))

    # Then one Converse call went out with the model, the instructions and deterministic output
    (request,) = bedrock.requests
    assert request["modelId"] == MODEL_ID
    (system,) = request["system"]
    assert "exactly 2 sentences" in system["text"]
    assert "in English, the language of the article" in system["text"]
    assert "faithful" in system["text"]
    assert request["inferenceConfig"] == {"maxTokens": 400, "temperature": 0.0}
    (message,) = request["messages"]
    assert message["role"] == "user"
    (content,) = message["content"]
    assert content["text"].startswith("<article>\nTitle: Harbour reopens after storm repairs\n\n")
    assert "\n\nThe harbour of Port Elling reopened on Monday" in content["text"]
    assert content["text"].endswith("a third more than planned.\n</article>")
    assert TRUNCATION_MARK not in content["text"]


def test_without_a_hint_the_language_is_detected(bedrock: StubbedBedrock) -> None:
    article = dataclasses.replace(
        ARTICLE,
        title="Hafen wieder offen",
        paragraphs=(
            "Der Hafen von Port Elling ist nach sechs Wochen Reparatur wieder offen. "
            "Die Fähren fahren ab Freitag wieder, und die Fischer sind schon zurück.",
        ),
    )
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)
    bedrock.reply("Der Hafen ist wieder offen.")

    engine.rank(article, split_document(article))

    system = bedrock.requests[0]["system"][0]["text"]
    assert "exactly 3 sentences" in system
    assert "in German, the language of the article" in system


def test_an_undetermined_language_asks_for_the_articles_own(bedrock: StubbedBedrock) -> None:
    article = dataclasses.replace(ARTICLE, title=None, paragraphs=("Xq zv 42 kplm wrt.",))
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)
    bedrock.reply("Xq zv 42.")

    engine.rank(article, split_document(article))

    system = bedrock.requests[0]["system"][0]["text"]
    assert "in the same language as the article" in system


def test_reply_becomes_a_ranking_in_the_models_order(bedrock: StubbedBedrock) -> None:
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)
    bedrock.reply(
        "Port Elling's harbour reopened on Monday after storm repairs. "
        "Ferries resume on Friday. The repairs cost 4.2 million euros."
    )
    sentences = split_document(ARTICLE)

    ranking = engine.rank(ARTICLE, sentences)

    assert [s.position for s in ranking.ranked] == [0, 1, 2]
    assert [s.text for s in ranking.ranked] == [
        "Port Elling's harbour reopened on Monday after storm repairs.",
        "Ferries resume on Friday.",
        "The repairs cost 4.2 million euros.",
    ]
    scores = [s.score for s in ranking.ranked]
    assert scores == sorted(scores, reverse=True)
    assert ranking.engine.name == "bedrock"
    assert ranking.engine.version == MODEL_ID
    assert ranking.engine.fallback_reason is None
    assert ranking.sentence_count == len(sentences)
    assert [s.text for s in ranking.select(1)] == [ranking.ranked[0].text]
    assert [s.text for s in ranking.select(10)] == [s.text for s in ranking.ranked]


def test_input_is_cut_at_a_sentence_boundary_to_the_token_budget(bedrock: StubbedBedrock) -> None:
    # Given an engine whose budget (35 tokens, about 140 characters) holds two sentences
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client, max_input_tokens=35)
    bedrock.reply("The harbour reopened.")

    engine.rank(ARTICLE, split_document(ARTICLE))

    text = bedrock.requests[0]["messages"][0]["content"][0]["text"]
    article = text.split("\n\n", 1)[1].removesuffix("\n</article>")
    assert article.endswith(TRUNCATION_MARK)
    kept = article.removesuffix(TRUNCATION_MARK).strip()
    assert len(kept) <= 140
    assert kept.endswith("in October.")  # whole sentences only
    assert "Ferries" not in kept


def test_a_single_overlong_sentence_is_hard_cut(bedrock: StubbedBedrock) -> None:
    line = "word " * 50_000  # a 250k-character line with no sentence end
    article = dataclasses.replace(ARTICLE, title=None, paragraphs=(line,))
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client, max_input_tokens=1000)
    bedrock.reply("A very repetitive text.")

    engine.rank(article, split_document(article))

    text = bedrock.requests[0]["messages"][0]["content"][0]["text"]
    assert "Title:" not in text
    assert len(text) < 4000 + 100
    assert TRUNCATION_MARK in text


def test_model_preambles_and_list_markers_are_removed(bedrock: StubbedBedrock) -> None:
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)
    bedrock.reply(
        "Here is a summary of the article:\n- The harbour reopened.\n2. Ferries resume Friday."
    )

    ranking = engine.rank(ARTICLE, split_document(ARTICLE))

    assert [s.text for s in ranking.ranked] == ["The harbour reopened.", "Ferries resume Friday."]


def test_a_sentence_cut_off_by_max_tokens_is_dropped(bedrock: StubbedBedrock) -> None:
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)
    bedrock.reply("The harbour reopened on Monday. Ferries resume on", stop_reason="max_tokens")

    ranking = engine.rank(ARTICLE, split_document(ARTICLE))

    assert [s.text for s in ranking.ranked] == ["The harbour reopened on Monday."]


@pytest.mark.parametrize(
    "content",
    [[], [{"text": "   "}], [{"toolUse": {"toolUseId": "t1", "name": "x", "input": {}}}]],
    ids=["no-blocks", "blank-text", "tool-use-only"],
)
def test_a_reply_without_text_is_a_malformed_response(
    bedrock: StubbedBedrock, content: list[dict[str, object]]
) -> None:
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)
    bedrock.stubber.add_response("converse", converse_response(content))

    with pytest.raises(EngineError) as raised:
        engine.rank(ARTICLE, split_document(ARTICLE))

    assert raised.value.reason == MALFORMED_RESPONSE


def test_an_empty_article_is_not_sent(bedrock: StubbedBedrock) -> None:
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)

    with pytest.raises(EmptyDocument):
        engine.rank(ARTICLE, ())

    assert bedrock.requests == []


def test_the_client_is_created_on_first_use_only() -> None:
    made: list[str] = []

    def factory() -> object:
        made.append("client")
        raise RuntimeError("no AWS in unit tests")

    engine = BedrockSummarizer(MODEL_ID, client_factory=factory)  # type: ignore[arg-type]
    assert made == []

    with pytest.raises(EngineError):
        engine.rank(ARTICLE, split_document(ARTICLE))
    assert made == ["client"]


def test_a_model_id_is_required() -> None:
    with pytest.raises(ValueError, match="model id"):
        BedrockSummarizer("")


def test_summary_sentences_strips_quotes_and_blank_lines() -> None:
    assert summary_sentences('\n\n"The harbour reopened."\n\n') == ["The harbour reopened."]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Summary: The harbour reopened.", ["The harbour reopened."]),
        (
            "Here's the summary in two sentences:\nIt reopened. Ferries run.",
            ["It reopened.", "Ferries run."],
        ),
        (
            "Summary judgment was granted: the port won.",
            ["Summary judgment was granted: the port won."],
        ),
    ],
)
def test_only_real_preambles_are_removed(reply: str, expected: list[str]) -> None:
    assert summary_sentences(reply) == expected


def test_a_model_without_system_prompts_gets_the_instructions_in_the_message(
    bedrock: StubbedBedrock,
) -> None:
    # Given a model that refuses system prompts
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)
    bedrock.stubber.add_client_error(
        "converse",
        service_error_code="ValidationException",
        service_message="This model doesn't support system messages.",
        http_status_code=400,
    )
    bedrock.reply("The harbour reopened on Monday.")
    bedrock.reply("Ferries resume on Friday.")

    # When two articles are ranked
    first = engine.rank(ARTICLE, split_document(ARTICLE))
    second = engine.rank(ARTICLE, split_document(ARTICLE))

    # Then the refused request was sent again with the instructions inline, and so on after
    assert [s.text for s in first.ranked] == ["The harbour reopened on Monday."]
    assert [s.text for s in second.ranked] == ["Ferries resume on Friday."]
    refused, retried, later = bedrock.requests
    assert "system" in refused
    for request in (retried, later):
        assert "system" not in request
        text = request["messages"][0]["content"][0]["text"]
        assert text.startswith(refused["system"][0]["text"])
        assert "<article>" in text


def test_other_validation_errors_are_not_retried(bedrock: StubbedBedrock) -> None:
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)
    bedrock.stubber.add_client_error(
        "converse",
        service_error_code="ValidationException",
        service_message="Input is too long for requested model.",
        http_status_code=400,
    )

    with pytest.raises(EngineError) as raised:
        engine.rank(ARTICLE, split_document(ARTICLE))

    assert raised.value.reason == "validation"
    assert len(bedrock.requests) == 1
