"""Invariants of the extractive engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from precis.errors import EmptyDocument
from precis.models import MAX_SUMMARY_SENTENCES, Document, Sentence
from precis.summarize import extractive
from precis.summarize.engine import default_summarizer
from precis.summarize.extractive import ExtractiveSummarizer, RankerModel, load_model
from precis.summarize.features import FEATURE_NAMES
from precis.summarize.protocol import Summarizer
from precis.summarize.sentences import MAX_SENTENCE_CHARS, split_document


def test_engine_implements_the_summarizer_protocol() -> None:
    engine: Summarizer = default_summarizer()
    assert engine.name == "extractive"
    assert engine.version
    assert default_summarizer() is engine


def test_shipped_weights_cover_every_feature() -> None:
    path = Path(extractive.__file__).with_name("weights.json")
    shipped = json.loads(path.read_text(encoding="utf-8"))
    assert list(shipped["weights"]) == list(FEATURE_NAMES)  # retrain when features change
    model = load_model()
    assert len(model.weights) == len(FEATURE_NAMES)
    assert any(model.weights)
    assert 0.0 <= model.redundancy <= 1.0


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_summary_has_n_sentences_from_the_text_in_original_order(
    article: Document, engine: ExtractiveSummarizer, count: int
) -> None:
    sentences = split_document(article)
    ranking = engine.rank(article, sentences)

    chosen = ranking.select(count)

    assert len(chosen) == count
    texts = {s.text for s in sentences}
    assert all(c.text in texts for c in chosen)
    positions = [c.position for c in chosen]
    assert positions == sorted(positions)
    assert all(sentences[c.position].text == c.text for c in chosen)


def test_ranking_is_capped_and_reports_counts(
    article: Document, engine: ExtractiveSummarizer
) -> None:
    sentences = split_document(article)
    ranking = engine.rank(article, sentences)
    assert ranking.sentence_count == len(sentences)
    assert len(ranking.ranked) == min(len(sentences), MAX_SUMMARY_SENTENCES)
    assert ranking.engine.name == "extractive"
    assert ranking.single is not None


def test_ranking_is_deterministic(article: Document) -> None:
    sentences = split_document(article)
    first = ExtractiveSummarizer().rank(article, sentences)
    second = ExtractiveSummarizer().rank(article, sentences)
    assert first == second


def test_news_lead_is_in_a_three_sentence_summary(
    article: Document, engine: ExtractiveSummarizer
) -> None:
    ranking = engine.rank(article, split_document(article))
    assert ranking.select(3)[0].position == 0
    off_topic = {"In other news, a local bakery won a regional prize for its rye bread."}
    assert not off_topic & {s.text for s in ranking.select(3)}


def test_no_sentences_is_an_empty_document(engine: ExtractiveSummarizer) -> None:
    with pytest.raises(EmptyDocument):
        engine.rank(Document(title=None, paragraphs=()), ())


@pytest.mark.parametrize(
    "paragraphs",
    [("Only one sentence here.",), ("First of two sentences.", "Second of two sentences.")],
)
def test_one_or_two_sentences_are_returned_as_they_are(
    engine: ExtractiveSummarizer, paragraphs: tuple[str, ...]
) -> None:
    document = Document(title=None, paragraphs=paragraphs)
    sentences = split_document(document)
    ranking = engine.rank(document, sentences)
    assert [s.text for s in ranking.select(3)] == list(paragraphs)
    assert ranking.single is not None and ranking.single.text in paragraphs


def test_duplicate_sentences_are_not_picked_twice(engine: ExtractiveSummarizer) -> None:
    paragraph = "The bridge will close for repairs in May. Traffic will be diverted."
    document = Document(title=None, paragraphs=(paragraph,) * 6)
    ranking = engine.rank(document, split_document(document))
    texts = [s.text for s in ranking.ranked]
    assert len(texts) == len(set(texts)) == 2


def test_sentences_of_stop_words_only_are_still_deduplicated(
    engine: ExtractiveSummarizer,
) -> None:
    document = Document(title=None, paragraphs=("It is what it is. " * 4 + "And so on.",))
    ranking = engine.rank(document, split_document(document))
    texts = [s.text for s in ranking.ranked]
    assert sorted(texts) == ["And so on.", "It is what it is."]


def test_one_huge_sentence_is_ranked_in_bounded_units(engine: ExtractiveSummarizer) -> None:
    text = " ".join(f"word{i % 997}" for i in range(20_000))
    assert len(text) > 100_000
    document = Document(title=None, paragraphs=(text,))
    ranking = engine.rank(document, split_document(document))
    chosen = [s.text for s in ranking.select(3)]
    assert len(chosen) == 3
    assert all(len(unit) <= MAX_SENTENCE_CHARS and unit in text for unit in chosen)


def test_text_without_letters_is_ranked(engine: ExtractiveSummarizer) -> None:
    document = Document(title=None, paragraphs=("2024: 15 % / 3.5 / 7. 42 + 8 = 50. 1 2 3",))
    ranking = engine.rank(document, split_document(document))
    assert ranking.sentence_count == 3
    assert len(ranking.select(2)) == 2


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("东京今天下雨。大阪明天晴天。名古屋后天有雪。",),
        ("Москва готовится к зиме. Город закупил новую технику. Жители довольны.",),
        ("الطقس جميل اليوم. سيكون الجو ممطرا غدا. الناس سعداء.",),
    ],
)
def test_any_script_is_ranked(engine: ExtractiveSummarizer, paragraphs: tuple[str, ...]) -> None:
    document = Document(title=None, paragraphs=paragraphs)
    sentences = split_document(document)
    ranking = engine.rank(document, sentences)
    assert ranking.sentence_count == 3
    assert len(ranking.select(2)) == 2


def test_single_pick_prefers_the_most_central_sentence(engine: ExtractiveSummarizer) -> None:
    document = Document(
        title=None,
        paragraphs=(
            "A short opening remark about the weather.",
            "Scientists found that the river flood defences failed because the river rose fast. "
            "The river rose fast after storms. Flood defences along the river were old. "
            "Scientists want new flood defences.",
        ),
    )
    ranking = engine.rank(document, split_document(document))
    assert ranking.single is not None
    assert ranking.single.position == 1


def test_sentence_positions_from_the_caller_are_kept(engine: ExtractiveSummarizer) -> None:
    sentences = (Sentence(10, 0, "Alpha beta gamma."), Sentence(11, 0, "Delta alpha beta."))
    ranking = engine.rank(Document(title=None, paragraphs=("x",)), sentences)
    assert {s.position for s in ranking.ranked} == {10, 11}


def test_custom_model_changes_the_pick(article: Document) -> None:
    weights = tuple(1.0 if name == "log_position" else 0.0 for name in FEATURE_NAMES)
    engine = ExtractiveSummarizer(RankerModel(weights=weights, redundancy=0.0))
    ranking = engine.rank(article, split_document(article))
    assert ranking.ranked[0].position == ranking.sentence_count - 1


def test_a_text_repeating_itself_still_yields_distinct_sentences(
    engine: ExtractiveSummarizer,
) -> None:
    paragraph = " ".join(f"Alpha{i} beta{i} gamma{i} meets common{i % 3}." for i in range(12))
    document = Document(title=None, paragraphs=(paragraph,) * 16)
    ranking = engine.rank(document, split_document(document))
    texts = [s.text for s in ranking.ranked]
    assert len(texts) == len(set(texts)) == MAX_SUMMARY_SENTENCES
