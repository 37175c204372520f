"""The analysis pipeline: extraction, splitting, ranking and metadata strung together."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from precis.analyze import analyze_bytes, analyze_document, analyze_text, rank_document
from precis.errors import EmptyDocument, TooLarge, UnsupportedType
from precis.models import Document, EngineInfo, RankedSentence, Ranking, Sentence
from precis.summarize.sentences import split_document

PARAGRAPHS = (
    "The river council voted on Monday to reopen the old ferry line between the two towns. "
    "The ferry stopped running eleven years ago when its last boat was sold.",
    "Council members said a new electric boat would carry up to eighty passengers. "
    "Tickets will cost the same as the bus fare, the council said.",
    "Residents of both towns had collected signatures for the ferry's return for three years.",
)


class LastFirst:
    """A fake engine: ranks the last sentence first, and records what it was given."""

    name = "last-first"
    version = "0.0.1"

    def __init__(self) -> None:
        self.seen: list[Sequence[Sentence]] = []

    def rank(self, document: Document, sentences: Sequence[Sentence]) -> Ranking:
        self.seen.append(sentences)
        ranked = tuple(
            RankedSentence(position=s.position, text=s.text, score=float(s.position))
            for s in reversed(sentences)
        )
        return Ranking(
            ranked=ranked[:10],
            single=ranked[0],
            sentence_count=len(sentences),
            engine=EngineInfo(self.name, self.version),
        )


def test_analysis_ranks_the_split_sentences_and_describes_the_document() -> None:
    document = Document(title="Ferry returns", paragraphs=PARAGRAPHS)

    analysis = analyze_document(document)

    assert analysis.document is document
    assert analysis.sentences == split_document(document)
    assert analysis.metadata.sentence_count == len(analysis.sentences) == 5
    assert analysis.metadata.title == "Ferry returns"
    assert analysis.metadata.language == "en"
    assert analysis.ranking.sentence_count == 5
    texts = {s.text for s in analysis.sentences}
    assert all(sentence in texts for sentence in analysis.summary_sentences(3))


def test_a_given_summarizer_is_used_instead_of_the_default() -> None:
    engine = LastFirst()
    document = Document(title=None, paragraphs=PARAGRAPHS)

    analysis = analyze_document(document, summarizer=engine)

    assert engine.seen == [analysis.sentences]
    assert analysis.ranking.engine == EngineInfo("last-first", "0.0.1")
    assert analysis.summary_sentences(1) == [analysis.sentences[-1].text]


def test_rank_document_skips_metadata_but_ranks_the_same() -> None:
    document = Document(title=None, paragraphs=PARAGRAPHS)

    sentences, ranking = rank_document(document)

    assert sentences == split_document(document)
    assert ranking == analyze_document(document).ranking


def test_document_without_sentences_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        analyze_document(Document(title="Only a title", paragraphs=()))


def test_bytes_are_extracted_by_file_name() -> None:
    html = (
        "<html><head><title>Ferry returns</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    ).encode()

    analysis = analyze_bytes(html, filename="articles/local/ferry.html")

    assert analysis.document.source_format == "html"
    assert analysis.metadata.title == "Ferry returns"
    assert analysis.metadata.sentence_count == 5


def test_explicit_format_wins_over_the_file_name() -> None:
    markdown = ("# Ferry returns\n\n" + "\n\n".join(PARAGRAPHS)).encode()

    analysis = analyze_bytes(markdown, filename="upload.bin", fmt="md")

    assert analysis.metadata.title == "Ferry returns"
    assert "#" not in analysis.document.text


def test_bytes_over_the_cap_are_too_large() -> None:
    with pytest.raises(TooLarge):
        analyze_bytes("\n\n".join(PARAGRAPHS).encode(), filename="a.txt", max_bytes=100)


def test_unknown_file_type_is_unsupported() -> None:
    with pytest.raises(UnsupportedType):
        analyze_bytes(b"%PDF-1.7 binary", filename="paper.pdf")


def test_blank_bytes_are_empty() -> None:
    with pytest.raises(EmptyDocument):
        analyze_bytes(b"  \n\n  ", filename="blank.txt")


def test_text_is_extracted_in_its_format_and_a_given_title_wins() -> None:
    # Given an HTML article held as text, and a title from the caller
    html = (
        "<html><head><title>Page title</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    engine = LastFirst()

    # When it is analyzed as HTML with that title and engine
    analysis = analyze_text(html, fmt="html", title="Ferry returns", summarizer=engine)

    # Then the markup is gone, the caller's title stands and the given engine ranked it
    assert analysis.document.source_format == "html"
    assert analysis.metadata.title == "Ferry returns"
    assert analysis.metadata.sentence_count == 5
    assert "<p>" not in analysis.document.text
    assert analysis.ranking.engine == EngineInfo("last-first", "0.0.1")


def test_text_in_an_unknown_format_is_unsupported() -> None:
    with pytest.raises(UnsupportedType):
        analyze_text("Some text.", fmt="pdf")
