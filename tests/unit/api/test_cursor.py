"""precis.api.cursor: opaque, signed, scoped; anything that does not verify is INVALID_CURSOR."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from precis.api.cursor import MAX_CURSOR_CHARS, cursor_secret, decode_cursor, encode_cursor
from precis.errors import InvalidInput

SECRET = b"k" * 32
POSITION = {
    "article_id": "world/peace-talks",
    "status": "COMPLETED",
    "updated_at": "2026-11-26T09:00:01Z",
}

positions = st.dictionaries(
    st.text(max_size=20),
    st.one_of(st.text(max_size=40), st.integers(), st.booleans(), st.none()),
    max_size=4,
)


@given(position=positions, scope=st.text(max_size=12))
def test_round_trip_gives_back_the_position(position: dict[str, Any], scope: str) -> None:
    cursor = encode_cursor(position, secret=SECRET, scope=scope)

    assert decode_cursor(cursor, secret=SECRET, scope=scope) == position


def test_cursor_is_url_safe_and_does_not_show_the_key_in_clear() -> None:
    cursor = encode_cursor(POSITION, secret=SECRET, scope="COMPLETED")

    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
    assert "peace-talks" not in cursor


@given(index=st.integers(min_value=0), replacement=st.sampled_from("AQgw-_0z"))
def test_any_changed_character_is_rejected(index: int, replacement: str) -> None:
    cursor = encode_cursor(POSITION, secret=SECRET, scope="COMPLETED")
    index %= len(cursor)
    forged = cursor[:index] + replacement + cursor[index + 1 :]
    if forged == cursor or cursor[index] == ".":
        return

    with pytest.raises(InvalidInput) as caught:
        decode_cursor(forged, secret=SECRET, scope="COMPLETED")

    assert caught.value.code == "INVALID_CURSOR"


@given(garbage=st.text(max_size=MAX_CURSOR_CHARS + 10))
def test_arbitrary_text_is_rejected_with_invalid_cursor(garbage: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        decode_cursor(garbage, secret=SECRET, scope="COMPLETED")

    assert caught.value.code == "INVALID_CURSOR"


@pytest.mark.parametrize(
    ("secret", "scope"), [(b"another-secret", "COMPLETED"), (SECRET, "FAILED")]
)
def test_other_secret_or_scope_is_rejected(secret: bytes, scope: str) -> None:
    cursor = encode_cursor(POSITION, secret=SECRET, scope="COMPLETED")

    with pytest.raises(InvalidInput):
        decode_cursor(cursor, secret=secret, scope=scope)


def test_overlong_cursor_is_rejected_before_decoding() -> None:
    cursor = encode_cursor({"pad": "x" * MAX_CURSOR_CHARS}, secret=SECRET, scope="s")

    with pytest.raises(InvalidInput):
        decode_cursor(cursor, secret=SECRET, scope="s")


def test_configured_secret_is_used_and_fallback_is_stable_per_process() -> None:
    assert cursor_secret("configured") == b"configured"
    assert cursor_secret(None) == cursor_secret("") == cursor_secret(None)
    assert len(cursor_secret(None)) == 32
