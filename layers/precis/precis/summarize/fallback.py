"""An engine that never leaves an article without a summary: a primary, and a fallback.

A model can be throttled, denied, slow or simply wrong; the article is not at fault and must
still be summarized. The fallback's Ranking carries `fallback_reason`, so the stored record
says which engine produced it and why the primary did not.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from precis.errors import InvalidInput
from precis.models import Document, EngineInfo, Ranking, Sentence
from precis.summarize.bedrock import failure_reason
from precis.summarize.protocol import Summarizer

logger = logging.getLogger(__name__)


class FallbackSummarizer:
    """Ranks with `primary`; on any engine failure, with `fallback` (reason recorded)."""

    def __init__(self, primary: Summarizer, fallback: Summarizer) -> None:
        self.primary = primary
        self.fallback = fallback

    @property
    def name(self) -> str:
        return self.primary.name

    @property
    def version(self) -> str:
        # The primary's: a record the fallback produced then differs from what this engine
        # would produce, so the next delivery of the same content tries the primary again.
        return self.primary.version

    def rank(self, document: Document, sentences: Sequence[Sentence]) -> Ranking:
        """The primary's Ranking, else the fallback's with `engine.fallback_reason` set.

        Raises what the fallback raises (EmptyDocument), and the article's own errors
        (InvalidInput) from the primary, which no other engine would fix.
        """
        try:
            return self.primary.rank(document, sentences)
        except InvalidInput:
            raise
        except Exception as exc:  # any engine failure: the article still gets its summary
            reason = f"{self.primary.name}: {failure_reason(exc)}"
            logger.warning(
                "summarizer fell back",
                extra={
                    "engine": self.primary.name,
                    "fallback_engine": self.fallback.name,
                    "fallback_reason": reason,
                    "error_type": type(exc).__name__,
                },
            )
        ranking = self.fallback.rank(document, sentences)
        engine = ranking.engine
        return Ranking(
            ranked=ranking.ranked,
            single=ranking.single,
            sentence_count=ranking.sentence_count,
            engine=EngineInfo(name=engine.name, version=engine.version, fallback_reason=reason),
        )
