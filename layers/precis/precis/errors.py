"""Typed errors of the service.

Every failure a caller can see is a `PrecisError` with a stable machine-readable `code`.
The HTTP status and whether a retry can help live here, so that handlers map errors in
exactly one place and never build error bodies by hand.
"""

from __future__ import annotations


class PrecisError(Exception):
    """Base of every error the service raises on purpose."""

    code: str = "INTERNAL"
    http_status: int = 500
    retryable: bool = False

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class InvalidInput(PrecisError):
    """The request or the article cannot be processed as given (never retried)."""

    code = "INVALID_INPUT"
    http_status = 400


class UnsupportedType(InvalidInput):
    code = "UNSUPPORTED_TYPE"
    http_status = 415


class EmptyDocument(InvalidInput):
    code = "EMPTY"
    http_status = 422


class Undecodable(InvalidInput):
    code = "UNDECODABLE"
    http_status = 422


class MalformedDocument(InvalidInput):
    code = "MALFORMED"
    http_status = 422


class TooLarge(InvalidInput):
    code = "TOO_LARGE"
    http_status = 413


class NotFound(PrecisError):
    code = "NOT_FOUND"
    http_status = 404


class TransientError(PrecisError):
    """A dependency failed in a way that a later attempt may not (throttling, timeouts)."""

    code = "TRANSIENT"
    http_status = 503
    retryable = True


class BackfillError(PrecisError):
    """The backfill cannot go on: a checkpoint of another run, or a queue that refuses."""

    code = "BACKFILL"


def loggable_fields(exc: BaseException) -> dict[str, str]:
    """The type of `exc` and where it was raised, for a log line.

    Never its message or traceback: either may quote the article or the request.
    """
    trace = exc.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    where = f"{trace.tb_frame.f_code.co_filename}:{trace.tb_lineno}" if trace else "?"
    return {"error_type": type(exc).__name__, "where": where}
