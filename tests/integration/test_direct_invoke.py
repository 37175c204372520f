"""Direct invocation of the summarize function (Step Functions, other Lambdas): summary JSON
back, nothing stored, typed errors raised by name."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from aws_fixtures import ROOT, lambda_context
from samples import HARBOUR

from precis.errors import EmptyDocument, InvalidInput, NotFound, TooLarge

if TYPE_CHECKING:
    from conftest import Pipeline


def invoke(pipeline: Pipeline, payload: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = pipeline.app.handler(payload, lambda_context())
    return response


def test_text_payload_from_events_returns_the_summary(pipeline: Pipeline) -> None:
    payload = json.loads((ROOT / "events" / "direct_text.json").read_text())

    result = invoke(pipeline, payload)

    assert result["title"] == payload["title"]
    assert len(result["summary_sentences"]) == payload["sentences"]
    assert result["summary"] == " ".join(result["summary_sentences"])
    assert all(s in payload["text"] for s in result["summary_sentences"])
    assert result["language"] == "en" and result["keywords"]
    assert result["engine"]["name"]
    assert pipeline.stack.dynamodb.scan(TableName=pipeline.stack.table)["Count"] == 0


def test_text_payload_answers_with_the_body_post_summaries_documents(pipeline: Pipeline) -> None:
    # Given the response model of POST /summaries (one contract for both ways in)
    from precis.api.models import SummarizeResponse

    # When a text payload is invoked directly
    result = invoke(pipeline, {"text": HARBOUR, "sentences": 2})

    # Then the answer validates as that model, field for field
    assert SummarizeResponse.model_validate(result).model_dump(mode="json") == result
    assert result["sentences"] == 2 and len(result["content_sha256"]) == 64


def test_html_payload_is_extracted_as_html(pipeline: Pipeline) -> None:
    html = (
        "<html><body><nav>Home | News</nav><p>"
        + HARBOUR.replace("\n\n", "</p><p>")
        + "</p></body></html>"
    )

    result = invoke(pipeline, {"html": html, "sentences": 1})

    assert len(result["summary_sentences"]) == 1
    assert "Home | News" not in result["summary"]


def test_bucket_and_key_payload_reads_the_object(pipeline: Pipeline) -> None:
    pipeline.put("articles/local/harbour.txt", HARBOUR, "text/plain")

    result = invoke(
        pipeline, {"bucket": pipeline.stack.bucket, "key": "articles/local/harbour.txt"}
    )

    assert result["article_id"] == "local/harbour"
    assert result["title"] == "Harbour reopens after storm repairs"
    assert len(result["summary_sentences"]) == 3
    assert result["source"]["size"] == len(HARBOUR.encode())
    assert pipeline.record("local/harbour") is None  # nothing stored


@pytest.mark.parametrize(
    ("payload", "error", "code"),
    [
        ({"text": "   "}, EmptyDocument, "EMPTY"),
        ({"text": "Fine text here.", "sentences": 0}, InvalidInput, "INVALID_SENTENCES"),
        ({"text": "Fine text here.", "sentences": "3"}, InvalidInput, "INVALID_SENTENCES"),
        ({"text": 42}, InvalidInput, "INVALID_PAYLOAD"),
        ({"text": "Fine.", "format": "docx"}, InvalidInput, "INVALID_PAYLOAD"),
        ({"text": "word " * 600_000}, TooLarge, "TOO_LARGE"),
        ({"bucket": "", "key": "k"}, InvalidInput, "INVALID_PAYLOAD"),
    ],
)
def test_bad_payloads_raise_typed_errors(
    pipeline: Pipeline, payload: dict[str, Any], error: type[Exception], code: str
) -> None:
    with pytest.raises(error) as caught:
        invoke(pipeline, payload)
    assert getattr(caught.value, "code", None) == code


def test_missing_object_raises_not_found(pipeline: Pipeline) -> None:
    with pytest.raises(NotFound):
        invoke(pipeline, {"bucket": pipeline.stack.bucket, "key": "articles/nothing.txt"})


@pytest.mark.parametrize("payload", [{"hello": "world"}, {"Records": "nope"}, {"key": "k"}])
def test_unknown_payload_shape_is_rejected(pipeline: Pipeline, payload: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as caught:
        invoke(pipeline, payload)
    assert caught.value.code == "INVALID_PAYLOAD"
