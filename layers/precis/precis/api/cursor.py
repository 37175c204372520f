"""Opaque, signed page cursors for the listing API.

A cursor is the store's position (DynamoDB's LastEvaluatedKey) as compact JSON, base64url
encoded and signed with HMAC-SHA256. The signature covers the scope the cursor was issued for
(the listed status), so a caller can neither forge a position nor replay a cursor of one
listing in another. Anything that does not verify is an `InvalidInput` with code
INVALID_CURSOR, never a decoding error from deeper down.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from functools import cache
from typing import Any

from precis.errors import InvalidInput

CURSOR_VERSION = 1
# Far above any real position (a few short key attributes); refuses absurd input before any work.
MAX_CURSOR_CHARS = 2048
_SIGNATURE_BYTES = 32


def encode_cursor(position: dict[str, Any], *, secret: bytes, scope: str) -> str:
    """The opaque cursor for `position` within `scope` (e.g. the listed status)."""
    payload = json.dumps(
        {"v": CURSOR_VERSION, "s": scope, "p": position},
        separators=(",", ":"),
        sort_keys=True,
        ensure_ascii=True,
    ).encode()
    return _b64encode(payload) + "." + _b64encode(_sign(payload, secret))


def decode_cursor(cursor: str, *, secret: bytes, scope: str) -> dict[str, Any]:
    """The position a cursor made by `encode_cursor` with the same secret and scope holds.

    Raises InvalidInput(INVALID_CURSOR) when the cursor is garbled, forged, or of another scope.
    """
    if not cursor or len(cursor) > MAX_CURSOR_CHARS or cursor.count(".") != 1:
        raise _invalid()
    encoded_payload, encoded_signature = cursor.split(".")
    payload = _b64decode(encoded_payload)
    signature = _b64decode(encoded_signature)
    if len(signature) != _SIGNATURE_BYTES or not hmac.compare_digest(
        signature, _sign(payload, secret)
    ):
        raise _invalid()
    try:
        document = json.loads(payload)
    except ValueError:  # signed by us, so only a secret shared with other code gets here
        raise _invalid() from None
    if (
        not isinstance(document, dict)
        or document.get("v") != CURSOR_VERSION
        or document.get("s") != scope
        or not isinstance(document.get("p"), dict)
    ):
        raise _invalid()
    position: dict[str, Any] = document["p"]
    return position


def _sign(payload: bytes, secret: bytes) -> bytes:
    return hmac.new(secret, payload, hashlib.sha256).digest()


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    try:
        raw = text.encode("ascii")
        data = base64.urlsafe_b64decode(raw + b"=" * (-len(raw) % 4))
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise _invalid() from None
    # Only the canonical spelling: base64 ignores stray characters and unused trailing bits.
    if _b64encode(data) != text:
        raise _invalid()
    return data


def _invalid() -> InvalidInput:
    return InvalidInput("The cursor is not valid; start again without one.", code="INVALID_CURSOR")


@cache
def _process_secret() -> bytes:
    import secrets  # noqa: PLC0415 - only without a configured secret; `random` costs cold start

    return secrets.token_bytes(32)


def cursor_secret(configured: str | None) -> bytes:
    """The HMAC key: CURSOR_SECRET, else a per-process random key.

    Without a configured secret, cursors still cannot be forged, but they only work on the
    instance that issued them; the template always sets one.
    """
    return configured.encode("utf-8") if configured else _process_secret()
