"""`precis summarize`: one article to standard output, or a JSON-lines batch."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from precis.cli import EXIT_OK, STDIN, CommandFailed, positive_int
from precis.errors import InvalidInput, MalformedDocument, PrecisError

if TYPE_CHECKING:
    from precis.models import Analysis, RankedSentence, Ranking

FORMATS = ("txt", "md", "html", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `precis summarize`."""
    from precis.models import DEFAULT_SUMMARY_SENTENCES, MAX_SUMMARY_SENTENCES  # noqa: PLC0415

    parser.add_argument(
        "source",
        nargs="?",
        default=None,
        metavar="FILE",
        help="the article (.txt, .md, .html, .json); '-' or nothing reads standard input",
    )
    length = parser.add_mutually_exclusive_group()
    length.add_argument(
        "--sentences",
        type=_sentence_count,
        default=DEFAULT_SUMMARY_SENTENCES,
        metavar="N",
        help=f"summary length in sentences, 1-{MAX_SUMMARY_SENTENCES} "
        f"(default {DEFAULT_SUMMARY_SENTENCES})",
    )
    length.add_argument(
        "--words",
        type=positive_int,
        default=None,
        metavar="N",
        help="summary length as a word budget instead (at least one sentence)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: title and summary; json: what POST /summaries answers (default text)",
    )
    parser.add_argument(
        "--type",
        choices=FORMATS,
        default=None,
        help="the article's format (default: from the file name, else from the content)",
    )
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        default=None,
        metavar="N",
        help="refuse articles larger than N bytes (TOO_LARGE)",
    )
    parser.add_argument(
        "--jsonl",
        default=None,
        metavar="IN",
        help='batch: read lines {"id", "article"} from IN (\'-\' for standard input) and '
        'write one line {"id", "summary_sentences"} (or {"id", "error"}) per input line',
    )


def run(args: argparse.Namespace) -> int:
    """`precis summarize`: one article to stdout, or a JSON-lines batch."""
    if args.jsonl is not None:
        if args.source is not None:
            raise CommandFailed("USAGE", "give either FILE or --jsonl IN, not both", status=2)
        return _summarize_batch(args)
    from precis.analyze import analyze_bytes  # noqa: PLC0415  (the domain loads on use)

    source = args.source or STDIN
    analysis = analyze_bytes(
        _read_bytes(source),
        filename=None if source == STDIN else source,
        fmt=args.type,
        max_bytes=args.max_bytes,
    )
    if args.format == "json":
        from precis.views import summary_body  # noqa: PLC0415

        body = summary_body(analysis, sentences=args.sentences, words=args.words)
        json.dump(body, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary_text(analysis, _select(analysis.ranking, args)))
    return EXIT_OK


def summary_text(analysis: Analysis, chosen: Sequence[RankedSentence]) -> str:
    """The title line (when there is a title), a blank line, then the summary."""
    summary = " ".join(sentence.text for sentence in chosen)
    title = analysis.metadata.title
    return f"{title}\n\n{summary}\n" if title else f"{summary}\n"


def _summarize_batch(args: argparse.Namespace) -> int:
    out = sys.stdout
    for number, raw in _read_lines(args.jsonl):
        line = raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw  # a byte-order mark
        if line.strip():
            out.write(json.dumps(summarize_line(line, number, args), ensure_ascii=False) + "\n")
    return EXIT_OK


def summarize_line(line: bytes, number: int, args: argparse.Namespace) -> dict[str, Any]:
    """One batch line `{"id", "article"[, "title"]}` -> `{"id", "summary_sentences"}`, or
    `{"id", "error": {"code", "message"}}` when the line cannot be summarized (never raises)."""
    ident: object = None
    try:
        item = _parse_line(line, number)
        ident = item.get("id")
        article, title = item.get("article"), item.get("title")
        if not isinstance(article, str):
            raise InvalidInput(f"line {number}: 'article' must be a string")
        if title is not None and not isinstance(title, str):
            raise InvalidInput(f"line {number}: 'title' must be a string")
        from precis.analyze import rank_document  # noqa: PLC0415
        from precis.extract import (  # noqa: PLC0415
            extract_text,
        )

        document = extract_text(article, fmt=args.type or "txt", title=title)
        _, ranking = rank_document(document)
        return {"id": ident, "summary_sentences": [s.text for s in _select(ranking, args)]}
    except PrecisError as error:
        return {"id": ident, "error": error.to_dict()}
    except Exception as error:
        # One article that breaks the engine must not stop the batch.
        message = f"line {number}: {type(error).__name__}: {error}"
        return {"id": ident, "error": {"code": "INTERNAL", "message": message}}


def _parse_line(line: bytes, number: int) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except ValueError as error:
        raise MalformedDocument(f"line {number} is not JSON: {error}") from None
    if not isinstance(item, dict):
        raise MalformedDocument(f"line {number} is not a JSON object")
    return item


def _select(ranking: Ranking, args: argparse.Namespace) -> list[RankedSentence]:
    if args.words is not None:
        return ranking.select_words(args.words)
    return ranking.select(args.sentences)


def _read_bytes(source: str) -> bytes:
    if source == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise CommandFailed("UNREADABLE", f"cannot read {source}: {error.strerror}") from error


def _read_lines(source: str) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of `source`, streamed (a batch may not fit in memory)."""
    if source == STDIN:
        yield from enumerate(sys.stdin.buffer, start=1)
        return
    try:
        stream: IO[bytes] = Path(source).open("rb")  # noqa: SIM115  (closed below)
    except OSError as error:
        raise CommandFailed("UNREADABLE", f"cannot read {source}: {error.strerror}") from error
    with stream:
        yield from enumerate(stream, start=1)


def _sentence_count(value: str) -> int:
    from precis.models import MAX_SUMMARY_SENTENCES  # noqa: PLC0415

    count = positive_int(value)
    if count > MAX_SUMMARY_SENTENCES:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_SUMMARY_SENTENCES}")
    return count
