"""Which engine summarizes: extractive, or Bedrock with the extractive engine behind it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from precis.models import DEFAULT_SUMMARY_SENTENCES
from precis.summarize.protocol import Summarizer

if TYPE_CHECKING:
    from mypy_boto3_bedrock_runtime import BedrockRuntimeClient

ENGINES = ("extractive", "bedrock")


def summarizer_for(
    engine: str,
    model_id: str | None = None,
    *,
    summary_sentences: int = DEFAULT_SUMMARY_SENTENCES,
    client: BedrockRuntimeClient | None = None,
    client_factory: Callable[[], BedrockRuntimeClient] | None = None,
) -> Summarizer:
    """The engine named `engine` (SUMMARY_ENGINE); Bedrock falls back to extractive on error.

    Bedrock needs `client`, or `client_factory` to make one on first use (the caller's
    adapter: `precis.aws.make_bedrock_client`). Raises ValueError for an unknown engine, or
    for bedrock without a model id or a client.
    """
    from precis.summarize.engine import default_summarizer  # noqa: PLC0415 - engines load lazily

    name = engine.strip().lower()
    if name == "extractive":
        return default_summarizer()
    if name == "bedrock":
        if not model_id:
            raise ValueError("SUMMARY_ENGINE=bedrock needs BEDROCK_MODEL_ID")
        from precis.summarize.bedrock import BedrockSummarizer  # noqa: PLC0415
        from precis.summarize.fallback import FallbackSummarizer  # noqa: PLC0415

        primary = BedrockSummarizer(
            model_id,
            client=client,
            client_factory=client_factory,
            summary_sentences=summary_sentences,
        )
        return FallbackSummarizer(primary, default_summarizer())
    raise ValueError(f"unknown summary engine {engine!r}: expected one of {', '.join(ENGINES)}")
