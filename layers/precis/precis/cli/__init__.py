"""The `precis` command line: the dispatcher; each subcommand lives in its own module.

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
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, NoReturn

from precis import __version__
from precis.errors import PrecisError

__all__ = [
    "COMMANDS",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "STDIN",
    "Command",
    "CommandFailed",
    "build_parser",
    "main",
    "positive_int",
]

PROG = "precis"
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
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
        "precis.cli.summarize:add_arguments",
        "precis.cli.summarize:run",
    ),
    Command(
        "redrive",
        "move dead-lettered messages back to the articles queue",
        "precis.cli.redrive:add_arguments",
        "precis.cli.redrive:run",
    ),
    Command(
        "backfill",
        "enqueue the objects already in the bucket for summarizing (resumable)",
        "precis.cli.backfill:add_arguments",
        "precis.cli.backfill:run",
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


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1. Raises argparse.ArgumentTypeError."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number
