"""Fixtures for the summarization tests: small hand-written articles."""

from __future__ import annotations

import pytest

from precis.models import Document
from precis.summarize.extractive import ExtractiveSummarizer

ARTICLE = (
    "The city council approved a new budget for public libraries on Tuesday night.",
    "The plan adds 2.5 million dollars for longer opening hours and new books. "
    "Council members voted nine to two in favour of the library budget. "
    "Supporters said libraries are among the last free public spaces in the city.",
    "Opponents argued the money should go to road repairs instead. "
    "The mayor is expected to sign the budget next week. "
    "Library staff welcomed the vote and promised to extend evening hours by March.",
    "In other news, a local bakery won a regional prize for its rye bread. "
    "The weather will stay mild through the weekend.",
)


@pytest.fixture
def article() -> Document:
    return Document(title="Council backs library budget", paragraphs=ARTICLE)


@pytest.fixture
def engine() -> ExtractiveSummarizer:
    return ExtractiveSummarizer()
