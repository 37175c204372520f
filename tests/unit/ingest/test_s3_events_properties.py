"""Properties of event parsing and ordering over arbitrary input (hypothesis)."""

from __future__ import annotations

import json
from urllib.parse import quote_plus

from hypothesis import given, settings
from hypothesis import strategies as st

from precis.pipeline.notifications import (
    InvalidKey,
    MalformedEvent,
    article_id_for_key,
    order_token,
    parse_message,
)

from .conftest import notification

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), JSON.map(json.dumps)))
def test_any_body_parses_or_raises_malformed_event(body: str) -> None:
    try:
        events = parse_message(body)
    except MalformedEvent:
        return
    assert all(event.kind in {"created", "removed"} for event in events)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=2**120), st.integers(min_value=0, max_value=2**120))
def test_sequencers_order_like_the_numbers_they_encode(a: int, b: int) -> None:
    left, right = order_token(f"{a:X}", None), order_token(f"{b:0{24}X}", None)
    assert (left < right) == (a < b)
    assert (left == right) == (a == b)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=60).filter(lambda s: "/" not in s))
def test_encoded_keys_decode_to_the_uploaded_key(name: str) -> None:
    key = f"articles/{name}.txt"
    [event] = parse_message(json.dumps(notification(quote_plus(key))))
    assert event.key == key
    try:
        article_id = article_id_for_key(event.key)
    except InvalidKey:
        return
    assert article_id is not None
    if not name.startswith("."):  # splitext keeps leading dots: ".txt" alone is no extension
        assert article_id == name
