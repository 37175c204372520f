"""The analysis pipeline: an article in, its ranking and metadata out.

One place strings the domain together (extract -> split -> rank -> metadata), so that the
summarize function, the API and the CLI cannot drift apart. No AWS, no I/O.
"""

from __future__ import annotations

from precis.errors import EmptyDocument
from precis.models import Analysis, Document, Ranking, Sentence
from precis.summarize.engine import default_summarizer
from precis.summarize.protocol import Summarizer
from precis.summarize.sentences import split_document


def analyze_document(document: Document, *, summarizer: Summarizer | None = None) -> Analysis:
    """Split, rank and describe `document`.

    Raises EmptyDocument when the document has no sentence to summarize.
    """
    # Metadata (keywords, language) loads on first use: the batch path never needs it.
    from precis.metadata import build_metadata  # noqa: PLC0415

    sentences, ranking = rank_document(document, summarizer=summarizer)
    return Analysis(
        document=document,
        ranking=ranking,
        metadata=build_metadata(document, sentences),
        sentences=sentences,
    )


def analyze_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    max_bytes: int | None = None,
    summarizer: Summarizer | None = None,
    fmt: str | None = None,
) -> Analysis:
    """Extract an uploaded article and analyze it.

    The format is `fmt` (txt, md, html, json) when given, else taken from `filename`,
    `content_type` or the content itself.

    Raises UnsupportedType, EmptyDocument, MalformedDocument or TooLarge.
    """
    # Extraction (HTML and JSON parsers) loads on first use: callers holding text never pay.
    from precis.extract import (  # noqa: PLC0415
        extract_document,
    )

    document = extract_document(
        data, filename=filename, content_type=content_type, fmt=fmt, max_bytes=max_bytes
    )
    return analyze_document(document, summarizer=summarizer)


def analyze_text(
    text: str,
    *,
    fmt: str = "txt",
    title: str | None = None,
    summarizer: Summarizer | None = None,
) -> Analysis:
    """Extract an article held as text (`fmt`: txt, md, html, json) and analyze it.

    `title` overrides any the text holds. Raises UnsupportedType (unknown `fmt`),
    EmptyDocument or MalformedDocument.
    """
    from precis.extract import extract_text  # noqa: PLC0415

    document = extract_text(text, fmt=fmt, title=title)
    return analyze_document(document, summarizer=summarizer)


def rank_document(
    document: Document, *, summarizer: Summarizer | None = None
) -> tuple[tuple[Sentence, ...], Ranking]:
    """The document's sentences and their ranking, without metadata (for batch summaries).

    Raises EmptyDocument when the document has no sentence to summarize.
    """
    sentences = split_document(document)
    if not sentences:
        raise EmptyDocument("the article has no sentences to summarize")
    engine = summarizer if summarizer is not None else default_summarizer()
    return sentences, engine.rank(document, sentences)
