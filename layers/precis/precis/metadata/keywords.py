"""Keywords: the words and short phrases an article keeps coming back to.

RAKE-like candidates (runs of content words between stopwords and punctuation, and their
sub-phrases of up to three words) scored YAKE-like: how often they occur, how early they first
appear, whether the title or proper-noun casing singles them out. Chinese and Japanese have no
spaces, so their candidates are built from characters instead.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from precis.metadata.stopwords import ELISIONS, stopwords_for

MAX_KEYWORDS = 10
MIN_KEYWORDS = 5
_SHORTLIST = 40
# Longer phrases say more, but a word repeated in many of them should not win by repetition.
_LENGTH_WEIGHT = (0.0, 1.0, 2.0, 2.4)

# Letters, digits and the combining marks of scripts that write vowels as marks (Devanagari
# matras, Arabic and Hebrew points): str.isalnum() is False for those marks.
_WORD_CHAR = r"[\w\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u097f]"
# Words, holding together over inner apostrophes and hyphens, or one punctuation mark.
_TOKEN = re.compile(rf"{_WORD_CHAR}+(?:['’\-]{_WORD_CHAR}+)*|[^\w\s]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30a0-\u30ffー]{2,}")
_HAN_SEGMENT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Chinese function characters: particles, pronouns, prepositions; a segment breaks at them.
_ZH_STOP = re.compile(
    "[的了是在和有我你他她它们这那个也就都而及与着或被从对把等为以于之其将并但所已又很要会]"
)
_KO_PARTICLES = (
    "에서는", "에게서", "으로는", "에서", "에게", "으로", "까지", "부터", "처럼", "보다", "하는",
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만",
)  # fmt: skip

Candidate = tuple[str, ...]
# (ends the run before it, (key, surface form) when it is a content word)
_Token = tuple[bool, tuple[str, str] | None]
_PUNCTUATION: _Token = (True, None)
# Token classifications are kept per language across articles (the vocabulary of news recurs),
# up to this many tokens each.
_CACHE_WORDS = 50_000


def extract_keywords(
    sentences: Sequence[str], *, language: str, title: str | None = None
) -> tuple[str, ...]:
    """Up to ten keywords of the text, best first (five or more when the text has them).

    Candidates never start or end with a stopword of `language` and are never numbers only.
    A word is shown in lower case unless the text capitalizes it mid-sentence (names).
    """
    if language in ("zh", "ja"):
        return _cjk_keywords(sentences, language)
    return _Collector(language).collect(sentences, title).select()


class _Collector:
    """Counts candidate phrases of a word-spaced text.

    Hot path (every article): the per-token work is one dict lookup; n-grams are counted by
    `Counter.update` over `zip`, and first sightings by `dict.update`, both in C.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.stopwords = stopwords_for(language)
        # Without a stopword list, short words are the function words (el, ar, he, hi, ...).
        self.min_length = 2 if self.stopwords or language == "ko" else 4
        self.counts: Counter[Candidate] = Counter()
        self.first_seen: dict[Candidate, int] = {}
        # Surface forms of each word inside sentences, and at their start (where a capital
        # says nothing about the word).
        self.inner_forms: dict[str, list[str]] = {}
        self.initial_forms: dict[str, list[str]] = {}
        self.title_words: set[str] = set()
        self.cache = _classified(language)
        self.phrase_forms: dict[Candidate, str] = {}

    def collect(self, sentences: Iterable[str], title: str | None) -> _Collector:
        if title:
            for keys, _ in self._runs(title, forms=False):
                self.title_words.update(keys)
        sightings: list[list[Candidate]] = []
        phrase_forms = self.phrase_forms
        for sentence in sentences:
            grams: list[Candidate] = []
            for keys, forms in self._runs(sentence, forms=True):
                grams += zip(keys)
                if len(keys) > 1:
                    pairs = list(itertools.pairwise(keys))
                    grams += pairs
                    phrase_forms.update(
                        zip(pairs, map(" ".join, itertools.pairwise(forms)), strict=True)
                    )
                    if len(keys) > 2:
                        triples = list(zip(keys, keys[1:], keys[2:], strict=False))
                        grams += triples
                        surfaces = zip(forms, forms[1:], forms[2:], strict=False)
                        phrase_forms.update(zip(triples, map(" ".join, surfaces), strict=True))
            self.counts.update(grams)
            sightings.append(grams)
        # Latest sentence first, so that the earliest sighting of each candidate is kept.
        for index in range(len(sightings) - 1, -1, -1):
            self.first_seen.update(dict.fromkeys(sightings[index], index))
        return self

    def _runs(self, text: str, *, forms: bool) -> Iterable[tuple[list[str], list[str]]]:
        """Runs of content words as (keys, surface forms); with `forms`, notes each word's form."""
        # In an all-capitals line every word looks like an acronym: judge it afresh.
        shouting = text.isupper()
        cache: dict[str, _Token] = {} if shouting else self.cache
        keys: list[str] = []
        run: list[str] = []
        noted = self.initial_forms
        for token in _TOKEN.findall(text):
            entry = cache.get(token)
            if entry is None:
                entry = self._classify(token, shouting=shouting)
                if len(cache) < _CACHE_WORDS:
                    cache[token] = entry
            breaks_before, word = entry
            if (breaks_before or word is None) and keys:
                yield keys, run
                keys, run = [], []
            if word is not None:
                keys.append(word[0])
                run.append(word[1])
                if forms:
                    noted.setdefault(word[0], []).append(word[1])
            if entry is not _PUNCTUATION:
                noted = self.inner_forms
        if keys:
            yield keys, run

    def _classify(self, token: str, *, shouting: bool) -> _Token:
        """Whether `token` ends the run before it, and its (key, surface) if it is content."""
        if not token[0].isalnum():
            return _PUNCTUATION
        breaks_before = False
        token = token.replace("’", "'")
        if "'" in token:
            head, _, tail = token.partition("'")
            if tail and head.lower() in ELISIONS:
                breaks_before, token = True, tail
            elif tail.lower() in ("s", ""):
                token = head
        lowered = token.lower()
        acronym = token.isupper() and len(token) > 1 and not shouting
        if (
            (lowered in self.stopwords and not acronym)
            or len(token) < self.min_length
            or (len(token) == 2 and token.islower())
            or not any(char.isalpha() for char in token)
        ):
            return True, None
        key = self._key(lowered)
        # Korean glues particles to words: show the word without them.
        return breaks_before, (key, key if self.language == "ko" else token)

    def _key(self, word: str) -> str:
        """The form under which variants of a word are counted together."""
        if self.language == "en":
            if len(word) > 4 and word.endswith("ies"):
                return word[:-3] + "y"
            if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ws")):
                return word[:-1]
        elif self.language == "ko":
            for particle in _KO_PARTICLES:
                if word.endswith(particle) and len(word) - len(particle) >= 2:
                    return word[: -len(particle)]
        return word

    def select(self) -> tuple[str, ...]:
        counts = self.counts
        eligible = [key for key, count in counts.items() if count >= 2 or len(key) == 1]
        if self.title_words:
            eligible += [
                key for key, c in counts.items() if c < 2 and len(key) > 1 and self._in_title(key)
            ]
        base = sorted(
            ((self._score(key), key) for key in eligible),
            # Ties go to the longer phrase, which carries the shorter one's meaning too.
            key=lambda item: (-item[0], -len(item[1]), item[1]),
        )
        # Casing can lift a name a little; judging it for the head of the list is enough.
        shortlist = [(score * self._named(key), key) for score, key in base[:_SHORTLIST]]
        scored = sorted(shortlist, key=lambda item: (-item[0], -len(item[1]), item[1]))
        scored += base[_SHORTLIST:]
        chosen: list[Candidate] = []
        used: set[str] = set()
        for _, key in scored:
            if len(chosen) >= MAX_KEYWORDS:
                break
            # Beyond the minimum, a keyword must recur (or be in the title) to earn its place.
            if len(chosen) >= MIN_KEYWORDS and counts[key] < 2 and not self._in_title(key):
                continue
            # One keyword per word: "White House" makes both "House" and "White House staff"
            # redundant, and the list stays varied.
            if used.intersection(key):
                continue
            chosen.append(key)
            used.update(key)
        return tuple(self._display(key) for key in chosen)

    def _in_title(self, key: Candidate) -> bool:
        return all(word in self.title_words for word in key)

    def _score(self, key: Candidate) -> float:
        # Flat-ish for the lead, then fading: the lead of an article states its subject.
        position = 1.0 + 1.0 / (1.0 + self.first_seen[key] / 3.0)
        length = _LENGTH_WEIGHT[len(key)]
        if self.title_words:
            length *= 1.0 + sum(word in self.title_words for word in key) / len(key)
        return self.counts[key] * position * length

    def _named(self, key: Candidate) -> float:
        """A bonus for names: the text writes them capitalized."""
        return 1.2 if self._display(key)[:1].isupper() else 1.0

    def _display(self, key: Candidate) -> str:
        """The phrase as the text writes it: names capitalized, other words in lower case."""
        if len(key) > 1:
            surface = self.phrase_forms[key]
            # A phrase written with every word capitalized is a name ("Harbor City").
            if all(word[:1].isupper() for word in surface.split(" ")):
                return surface
        return " ".join(self._display_word(word) for word in key)

    def _display_word(self, key: str) -> str:
        inner = self.inner_forms.get(key)
        if inner:
            surface = self._surface(inner)
            lowered = surface.lower()
            # Capitalized only when the text capitalizes the word more often than not.
            if surface != lowered and inner.count(surface) <= inner.count(lowered):
                return lowered
            return surface
        surface = self._surface(self.initial_forms[key])
        # A capital at the start of a sentence says nothing, except for German nouns and
        # acronyms or names with inner capitals ("NASA", "iPhone", "McCain").
        if self.language == "de" or any(char.isupper() for char in surface[1:]):
            return surface
        return surface[:1].lower() + surface[1:]

    @staticmethod
    def _surface(forms: list[str]) -> str:
        return Counter(forms).most_common(1)[0][0]


@functools.cache
def _classified(language: str) -> dict[str, _Token]:
    return {}


def _cjk_keywords(sentences: Sequence[str], language: str) -> tuple[str, ...]:
    """Character-based candidates: kanji/katakana runs (ja) or recurring Han n-grams (zh)."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for index, sentence in enumerate(sentences):
        for candidate in _cjk_candidates(sentence, language):
            counts[candidate] += 1
            first_seen.setdefault(candidate, index)
    if language == "zh":
        counts = _drop_fragments(counts)

    def score(gram: str) -> float:
        position = 1.0 + 1.0 / (1.0 + first_seen[gram] / 3.0)
        return counts[gram] * position * min(len(gram), 4)

    chosen: list[str] = []
    for gram in sorted(counts, key=lambda g: (-score(g), g)):
        if len(chosen) >= MAX_KEYWORDS:
            break
        if len(chosen) >= MIN_KEYWORDS and counts[gram] < 2:
            continue
        if any(gram in other or other in gram for other in chosen):
            continue
        chosen.append(gram)
    return tuple(chosen)


def _cjk_candidates(sentence: str, language: str) -> Iterable[str]:
    if language == "ja":
        # Hiragana carries the grammar (particles, endings); kanji and katakana the content.
        yield from (run for run in _CJK_RUN.findall(sentence) if len(run) <= 10)
        return
    for segment in _HAN_SEGMENT.findall(sentence):
        for piece in _ZH_STOP.split(segment):
            for size in range(2, 7):
                for start in range(len(piece) - size + 1):
                    yield piece[start : start + size]


def _drop_fragments(counts: Counter[str]) -> Counter[str]:
    """Recurring n-grams, less those that (nearly) only occur inside a longer recurring one."""
    recurring = {gram: count for gram, count in counts.items() if count >= 2}
    fragments: set[str] = set()
    for gram, count in recurring.items():
        for size in range(2, len(gram)):
            for start in range(len(gram) - size + 1):
                part = gram[start : start + size]
                if count >= recurring.get(part, 0) * 0.8:
                    fragments.add(part)
    return Counter({gram: count for gram, count in recurring.items() if gram not in fragments})
