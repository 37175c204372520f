"""An engine that never leaves an article without a summary: a primary, and a fallback.

A model can be throttled, denied, slow or simply wrong; the article is not at fault and must
still be summarized. The fallback's Ranking carries `fallback_reason`, so the stored record
says which engine produced it and why the primary did not.

After a failure that the next call would most likely repeat (throttling, a timeout, missing
access, a model that is not available) the primary rests for `cooldown_s`: a batch of ten
articles then waits for one timeout, not ten, and a throttled account is not hammered.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from precis.errors import InvalidInput
from precis.models import Document, EngineInfo, Ranking, Sentence
from precis.summarize.bedrock import (
    ACCESS_DENIED,
    MODEL_UNAVAILABLE,
    THROTTLED,
    TIMEOUT,
    failure_reason,
)
from precis.summarize.protocol import Summarizer

logger = logging.getLogger(__name__)

DEFAULT_COOLDOWN_S = 30.0
# Failures that say the engine, not the article, is the problem for a while.
LASTING_FAILURES = frozenset({THROTTLED, TIMEOUT, ACCESS_DENIED, MODEL_UNAVAILABLE})
COOLING_DOWN = "cooling down"


class FallbackSummarizer:
    """Ranks with `primary`; on any engine failure, with `fallback` (reason recorded)."""

    def __init__(
        self,
        primary: Summarizer,
        fallback: Summarizer,
        *,
        cooldown_s: float = DEFAULT_COOLDOWN_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.primary = primary
        self.fallback = fallback
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._resting_until = float("-inf")
        self._last_reason: str | None = None

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
        if self._clock() < self._resting_until:
            return self._fall_back(document, sentences, f"{self._last_reason} ({COOLING_DOWN})")
        try:
            return self.primary.rank(document, sentences)
        except InvalidInput:
            raise
        except Exception as exc:  # any engine failure: the article still gets its summary
            failure = failure_reason(exc)
            if failure in LASTING_FAILURES:
                self._resting_until = self._clock() + self.cooldown_s
                self._last_reason = failure
            logger.warning(
                "summarizer fell back",
                extra={
                    "engine": self.primary.name,
                    "fallback_engine": self.fallback.name,
                    "fallback_reason": failure,
                    "error_type": type(exc).__name__,
                },
            )
        return self._fall_back(document, sentences, failure)

    def _fall_back(
        self, document: Document, sentences: Sequence[Sentence], failure: str
    ) -> Ranking:
        ranking = self.fallback.rank(document, sentences)
        engine = ranking.engine
        reason = f"{self.primary.name}: {failure}"
        return Ranking(
            ranked=ranking.ranked,
            single=ranking.single,
            sentence_count=ranking.sentence_count,
            engine=EngineInfo(name=engine.name, version=engine.version, fallback_reason=reason),
        )
