"""The `precis` command line: `precis summarize`, `precis redrive`, ...

Each subcommand is a pair of functions, `add_arguments(parser)` and `run(args) -> int`, named
in COMMANDS as "module:function" strings and imported only when that subcommand runs, so that
`precis summarize` never loads boto3 and `precis --help` loads nothing. Adding a subcommand is
one line in COMMANDS.

Errors never end in a traceback: one line on stderr, `precis: error: <CODE>: <message>`, and
exit status 2 for usage errors, 1 for bad input or a failed command (PRECIS_DEBUG=1 re-raises).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, NoReturn

from precis import __version__
from precis.errors import InvalidInput, MalformedDocument, PrecisError

if TYPE_CHECKING:
    from precis.models import Analysis, RankedSentence, Ranking

PROG = "precis"
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
FORMATS = ("txt", "md", "html", "json")
STDIN = "-"


class Command(NamedTuple):
    """A subcommand: its name, one-line help, and where its two functions live."""

    name: str
    help: str
    add_arguments: str  # "module:function" taking the subcommand's ArgumentParser
    run: str  # "module:function" taking the parsed Namespace, returning the exit status


COMMANDS: tuple[Command, ...] = (
    Command(
        "summarize",
        "print the summary of an article, or summarize a JSON-lines batch",
        "precis.cli:add_summarize_arguments",
        "precis.cli:run_summarize",
    ),
    Command(
        "redrive",
        "move dead-lettered messages back to the articles queue",
        "precis.redrive:add_arguments",
        "precis.redrive:run",
    ),
)


class CommandFailed(Exception):
    """A command cannot go on; `main` prints it as one line and exits with `status`."""

    def __init__(self, code: str, message: str, *, status: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as one `precis: error: USAGE: ...` line (status 2)."""

    def error(self, message: str) -> NoReturn:
        raise CommandFailed("USAGE", f"{message} (see '{self.prog} --help')", status=EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `precis` with `argv` (default: the process arguments); returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser(arguments).parse_args(arguments)
        run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
        if run is None:
            raise CommandFailed("USAGE", f"a command is required (see '{PROG} --help')", status=2)
        return run(args)
    except CommandFailed as failure:
        return _fail(failure.code, failure.message, failure.status)
    except PrecisError as error:
        return _fail(error.code, error.message, EXIT_FAILED)
    except KeyboardInterrupt:
        return _fail("INTERRUPTED", "interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`precis ... | head`): not an error worth a message.
        _silence_stdout()
        return EXIT_FAILED
    except Exception as error:
        if os.environ.get("PRECIS_DEBUG"):
            raise
        return _fail("INTERNAL", f"{type(error).__name__}: {error}", EXIT_FAILED)


def build_parser(arguments: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The `precis` parser; only the subcommand named in `arguments` gets its options loaded."""
    parser = _Parser(prog=PROG, description="Précis: article summarization.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    chosen = next((arg for arg in arguments if not arg.startswith("-")), None)
    for command in COMMANDS:
        subparser = subparsers.add_parser(command.name, help=command.help, description=command.help)
        if command.name == chosen:
            _load(command.add_arguments)(subparser)
            subparser.set_defaults(run=_load(command.run))
    return parser


def _load(target: str) -> Callable[..., Any]:
    module, _, function = target.partition(":")
    loaded: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return loaded


def _fail(code: str, message: str, status: int) -> int:
    print(f"{PROG}: error: {code}: {_one_line(message)}", file=sys.stderr)
    return status


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _silence_stdout() -> None:
    # Python would complain about the broken pipe again while flushing stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


# ----------------------------------------------------------------------------- summarize


def add_summarize_arguments(parser: argparse.ArgumentParser) -> None:
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
        help="text: title and summary; json: summary, sentences and metadata (default text)",
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


def run_summarize(args: argparse.Namespace) -> int:
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
    chosen = _select(analysis.ranking, args)
    if args.format == "json":
        json.dump(summary_json(analysis, chosen), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary_text(analysis, chosen))
    return EXIT_OK


def summary_text(analysis: Analysis, chosen: Sequence[RankedSentence]) -> str:
    """The title line (when there is a title), a blank line, then the summary."""
    summary = " ".join(sentence.text for sentence in chosen)
    title = analysis.metadata.title
    return f"{title}\n\n{summary}\n" if title else f"{summary}\n"


def summary_json(analysis: Analysis, chosen: Sequence[RankedSentence]) -> dict[str, Any]:
    """The `--format json` document: summary, its sentences, and the article's metadata."""
    metadata = analysis.metadata
    engine = analysis.ranking.engine
    engine_json = {"name": engine.name, "version": engine.version}
    if engine.fallback_reason:
        engine_json["fallback_reason"] = engine.fallback_reason
    sentences = [sentence.text for sentence in chosen]
    return {
        "title": metadata.title,
        "summary": " ".join(sentences),
        "summary_sentences": sentences,
        "metadata": {
            "title": metadata.title,
            "language": metadata.language,
            "word_count": metadata.word_count,
            "sentence_count": metadata.sentence_count,
            "reading_time_minutes": metadata.reading_time_minutes,
            "keywords": list(metadata.keywords),
            "content_sha256": metadata.content_sha256,
            "engine": engine_json,
        },
    }


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


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1. Raises argparse.ArgumentTypeError."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


if __name__ == "__main__":
    sys.exit(main())
