"""SUMMARY_ENGINE picks the engine; Bedrock always has the extractive engine behind it."""

from __future__ import annotations

import pytest

from precis.summarize.engine import default_summarizer
from precis.summarize.fallback import FallbackSummarizer
from precis.summarize.selection import summarizer_for
from precis.summarize.sentences import split_document

from .conftest import ARTICLE, MODEL_ID, StubbedBedrock


def test_extractive_is_the_default_engine() -> None:
    assert summarizer_for("extractive") is default_summarizer()
    assert summarizer_for(" Extractive ", MODEL_ID) is default_summarizer()


def test_bedrock_is_named_for_the_model_and_falls_back_to_extractive(
    bedrock: StubbedBedrock,
) -> None:
    # Given the bedrock engine, and Bedrock throttling the account
    engine = summarizer_for("bedrock", MODEL_ID, client=bedrock.client)
    bedrock.stubber.add_client_error("converse", "ThrottlingException", http_status_code=429)

    # When an article is ranked
    ranking = engine.rank(ARTICLE, split_document(ARTICLE))

    # Then records name the model when it works, and the extractive engine and why when not
    assert isinstance(engine, FallbackSummarizer)
    assert (engine.name, engine.version) == ("bedrock", MODEL_ID)
    extractive = default_summarizer()
    assert (ranking.engine.name, ranking.engine.version) == (extractive.name, extractive.version)
    assert ranking.engine.fallback_reason == "bedrock: throttled"
    assert ranking.ranked == extractive.rank(ARTICLE, split_document(ARTICLE)).ranked


def test_bedrock_asks_for_the_configured_summary_length(bedrock: StubbedBedrock) -> None:
    engine = summarizer_for("bedrock", MODEL_ID, summary_sentences=5, client=bedrock.client)
    bedrock.reply("One. Two. Three. Four. Five.")

    engine.rank(ARTICLE, split_document(ARTICLE))

    assert "exactly 5 sentences" in bedrock.requests[0]["system"][0]["text"]


def test_bedrock_without_a_model_id_is_refused() -> None:
    with pytest.raises(ValueError, match="BEDROCK_MODEL_ID"):
        summarizer_for("bedrock", None)


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown summary engine 'gpt'"):
        summarizer_for("gpt")
