"""Domain values passed between extraction, summarization and metadata.

Plain frozen dataclasses rather than pydantic models: they sit on the hot path of every
article and importing them must stay cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_SUMMARY_SENTENCES = 10
DEFAULT_SUMMARY_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Document:
    """An article reduced to its title and body paragraphs, boilerplate removed."""

    title: str | None
    paragraphs: tuple[str, ...]
    source_format: str = "txt"
    language_hint: str | None = None
    url: str | None = None
    published: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document, with where it stands."""

    position: int
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class RankedSentence:
    position: int
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class EngineInfo:
    name: str
    version: str
    fallback_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Ranking:
    """An article scored once; any summary length is served from it without recomputing.

    `ranked` is in pick order (best first, redundancy already controlled), at most
    MAX_SUMMARY_SENTENCES long. `single` is the best one-sentence summary, which may be
    picked by a different rule than the head of `ranked`.
    """

    ranked: tuple[RankedSentence, ...]
    single: RankedSentence | None
    sentence_count: int
    engine: EngineInfo

    def select(self, sentences: int = DEFAULT_SUMMARY_SENTENCES) -> list[RankedSentence]:
        """The best `sentences` sentences, in their original order."""
        if sentences <= 0 or not self.ranked:
            return []
        if sentences == 1 and self.single is not None:
            return [self.single]
        chosen = self.ranked[: min(sentences, MAX_SUMMARY_SENTENCES)]
        return sorted(chosen, key=lambda s: s.position)

    def select_words(self, max_words: int) -> list[RankedSentence]:
        """As many top sentences as fit in `max_words` (at least one), in original order."""
        chosen: list[RankedSentence] = []
        used = 0
        for candidate in self.ranked:
            words = len(candidate.text.split())
            if chosen and used + words > max_words:
                break
            chosen.append(candidate)
            used += words
        return sorted(chosen, key=lambda s: s.position)


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    language: str
    word_count: int
    sentence_count: int
    reading_time_minutes: int
    keywords: tuple[str, ...]
    content_sha256: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the service derives from one article."""

    document: Document
    ranking: Ranking
    metadata: Metadata
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)

    def summary_sentences(self, sentences: int = DEFAULT_SUMMARY_SENTENCES) -> list[str]:
        """The texts of a `sentences`-long summary, in article order."""
        return [s.text for s in self.ranking.select(sentences)]

    def summary(self, sentences: int = DEFAULT_SUMMARY_SENTENCES) -> str:
        """A `sentences`-long summary as one string."""
        return " ".join(self.summary_sentences(sentences))
