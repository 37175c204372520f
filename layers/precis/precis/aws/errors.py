"""Which AWS failures a retry can fix: botocore exceptions translated into typed errors.

One table for every adapter (S3 reader, DynamoDB store), so "throttled" means the same thing
everywhere: a `TransientError` whose code names the cause, retried through the queue.
"""

from __future__ import annotations

from precis.errors import NotFound, PrecisError, TransientError

# Error codes AWS documents as throttling or server-side trouble: a later attempt may succeed.
THROTTLING_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "SlowDown",
        "LimitExceededException",
    }
)
SERVER_CODES = frozenset(
    {
        "InternalError",
        "InternalServerError",
        "InternalFailure",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "RequestTimeout",
        "RequestTimeoutException",
        "TransactionInProgressException",
        "500",
        "502",
        "503",
        "504",
    }
)
NOT_FOUND_CODES = frozenset({"NoSuchKey", "NoSuchVersion", "NotFound", "404"})
# Without s3:ListBucket, S3 answers a missing key with 403; a permission can also be fixed
# by a redeploy. Both are worth the queue's few retries before the message parks in the DLQ.
ACCESS_CODES = frozenset({"AccessDenied", "AccessDeniedException", "403"})


def error_code(exc: BaseException) -> str | None:
    """The AWS error code of a botocore ClientError, else None."""
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return None
    code = response.get("Error", {}).get("Code")
    return str(code) if code is not None else None


def translate(exc: Exception, *, what: str) -> PrecisError | None:  # noqa: PLR0911
    """A typed error for a botocore failure while doing `what`, or None when it is not AWS's.

    Never raises; the caller decides what to do with the result.
    """
    from botocore.exceptions import (  # noqa: PLC0415 - botocore only once AWS failed
        ClientError,
        ConnectionError,
        HTTPClientError,
        ReadTimeoutError,
    )

    if isinstance(exc, ReadTimeoutError):
        return TransientError(f"{what}: timed out", code="TIMEOUT")
    if isinstance(exc, (ConnectionError, HTTPClientError)):
        # EndpointConnectionError, ConnectTimeoutError, ConnectionClosedError, ...
        return TransientError(f"{what}: {type(exc).__name__}", code="CONNECTION")
    if not isinstance(exc, ClientError):
        return None
    code = error_code(exc) or "Unknown"
    if code in THROTTLING_CODES:
        return TransientError(f"{what}: throttled ({code})", code="THROTTLED")
    if code in SERVER_CODES:
        return TransientError(f"{what}: service error ({code})", code="SERVICE_UNAVAILABLE")
    if code in NOT_FOUND_CODES:
        return NotFound(f"{what}: not found ({code})")
    if code in ACCESS_CODES:
        return TransientError(f"{what}: access denied ({code})", code="ACCESS_DENIED")
    return None
