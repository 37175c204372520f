"""The prompt names the detected language, for any language the identifier knows."""

from __future__ import annotations

import dataclasses

import pytest

from precis.summarize.bedrock import BedrockSummarizer, language_name
from precis.summarize.sentences import split_document

from .conftest import ARTICLE, MODEL_ID, StubbedBedrock


@pytest.mark.parametrize(
    ("expected", "paragraph"),
    [
        (
            "Ukrainian",
            "Міська рада у вівторок схвалила будівництво нового мосту через річку. Роботи "
            "почнуться навесні й триватимуть два роки, повідомив мер.",
        ),
        (
            "Turkish",
            "Belediye meclisi salı günü nehir üzerine yeni bir köprü yapılmasını onayladı. "
            "Çalışmalar ilkbaharda başlayacak ve iki yıl sürecek.",
        ),
    ],
)
def test_the_prompt_names_the_detected_language(
    bedrock: StubbedBedrock, expected: str, paragraph: str
) -> None:
    article = dataclasses.replace(ARTICLE, title=None, paragraphs=(paragraph,), language_hint=None)
    engine = BedrockSummarizer(MODEL_ID, client=bedrock.client)
    bedrock.reply("Summary.")

    engine.rank(article, split_document(article))

    system = bedrock.requests[0]["system"][0]["text"]
    assert f"in {expected}, the language of the article" in system


def test_language_names_cover_more_than_the_old_table() -> None:
    assert language_name("uk") == "Ukrainian"
    assert language_name("nb") == "Norwegian Bokmål"
    assert language_name("sw") == "Swahili"
    assert language_name("xx") is None
    assert language_name(None) is None
