"""Keywords: the words and short phrases an article keeps coming back to.

RAKE-like candidates (runs of content words between stopwords and punctuation, and their
sub-phrases of up to three words) scored YAKE-like: how often they occur, how early they first
appear, whether the title or proper-noun casing singles them out. Chinese and Japanese have no
spaces, so their candidates are built from characters instead.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from precis.metadata import scripts
from precis.metadata.stopwords import ELISIONS, generic_words_for, stopwords_for

MAX_KEYWORDS = 10
MIN_KEYWORDS = 5
_SHORTLIST = 25
# Longer phrases say more, but a word repeated in many of them should not win by repetition.
_LENGTH_WEIGHT = (0.0, 1.0, 2.0, 2.4)

# Words, holding together over inner apostrophes and hyphens, or one punctuation mark.
_TOKEN = re.compile(r"\w+(?:['\-]\w+)*|[^\w\s]")
# Vowel signs and points of Devanagari, Hebrew and Arabic are not \w: where a sentence has any,
# words are matched with them included (slower, so only then).
_MARK = r"\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u097f"
_HAS_MARKS = re.compile(f"[{_MARK}]")
_MARKED_TOKEN = rf"[\w{_MARK}]+(?:['\-][\w{_MARK}]+)*|[^\w\s{_MARK}]"
_CJK_RUN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30a0-\u30ffー]{2,}"
_HAN_SEGMENT = scripts.HAN + "+"
# Chinese function characters: particles, pronouns, prepositions; a segment breaks at them.
_ZH_STOP = "[的了是在和有我你他她它们这那个也就都而及与着或被从对把等为以于之其将并但所已又很要会]"
_KO_PARTICLES = (
    "에서는", "에게서", "으로는", "에서", "에게", "으로", "까지", "부터", "처럼", "보다", "하는",
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만",
)  # fmt: skip

Candidate = tuple[str, ...]
# How a token reads in a run: its key (a content word), "|" (a break: stopword, punctuation,
# number) or "|\tkey" (an elided article glued to a content word: a break, then the word).
# Sentences become sequences by joining readings with tabs and splitting on whitespace.
_BREAK = "|"
# Token readings are kept per language across articles (the vocabulary of news recurs), up to
# this many tokens each (a few MB).
_CACHE_WORDS = 50_000
# Keywords come from the opening of very long texts: bounded time and memory, same subject.
_MAX_TEXT_CHARS = 100_000
# English word shapes that rarely name a subject (see _Collector._shape).
_EN_PARTICIPLES = frozenset(
    {"given", "taken", "made", "seen", "done", "known", "shown", "told", "held", "left"}
    | {"found", "brought", "got", "gone"}
)
_EN_QUALITY_SUFFIXES = ("ing", "al", "ous", "ive", "ful", "less", "able", "ible", "ic")
# The lead, in tokens (about three sentences), over which the position prior halves.
_LEAD_TOKENS = 60
# Languages that put spaces between syllables rather than words.
_SYLLABLE_SPACED = frozenset({"vi"})
# The first word of a sentence (its surface form, as the tokenizer reads it).
_OPENING_WORD = re.compile(r"\W*(\w+(?:['\-]\w+)*)")


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

    Hot path (every article): the whole text is tokenized by one regex; Python touches each
    token once, in list comprehensions reading a per-language cache; n-grams are counted by
    Counter.update and their first sightings kept by dict(), both in C.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.stopwords = stopwords_for(language)
        self.generic = generic_words_for(language)
        # Without a stopword list, short words are the function words (el, ar, he, hi, ...).
        self.min_length = 2 if self.stopwords or language == "ko" else 4
        self.keys, self.surfaces = _vocabulary(language)
        self.counts: Counter[Candidate] = Counter()
        # Where each candidate first occurs, as an index into `sequence` and `forms`.
        self.first_seen: dict[Candidate, int] = {}
        # The text as word keys and as surface forms, with _BREAK between runs.
        self.sequence: list[str] = []
        self.forms: list[str] = []
        # How often each surface form occurs, and how often it opens a sentence (where a
        # capital says nothing about the word).
        self.form_counts: Counter[str] = Counter()
        self.initial_forms: Counter[str] = Counter()
        self.title_words: set[str] = set()
        self.shown: dict[Candidate, str] = {}

    def collect(self, sentences: Iterable[str], title: str | None) -> _Collector:
        if title:
            self.title_words.update(self._read_text(title)[0])
            self.title_words.discard(_BREAK)
        chosen: list[str] = []
        budget = _MAX_TEXT_CHARS
        for sentence in sentences:
            budget -= len(sentence)
            if budget < 0 and chosen:
                break
            # An all-capitals sentence makes every word look like an acronym.
            shouting = sentence.isupper() and sentence.count(" ") >= 3
            chosen.append(sentence.lower() if shouting else sentence)
        if not chosen:
            return self
        # A sentence end is a break: "\x00" is punctuation to the tokenizer.
        keys, forms = self._read_text(" \x00 ".join(chosen))
        for sentence in chosen:
            opening = _OPENING_WORD.match(sentence.replace("’", "'"))
            surface = self.surfaces.get(opening.group(1), _BREAK) if opening else _BREAK
            if not surface.startswith(_BREAK):
                self.initial_forms[surface] += 1
        self.sequence, self.forms = keys, forms
        grams: list[tuple[Candidate, int]] = [
            ((key,), index) for index, key in enumerate(keys) if key != _BREAK
        ]
        grams += [
            (pair, index)
            for index, pair in enumerate(itertools.pairwise(keys))
            if _BREAK not in pair
        ]
        grams += [
            (triple, index)
            for index, triple in enumerate(zip(keys, keys[1:], keys[2:], strict=False))
            if _BREAK not in triple
        ]
        self.counts.update(map(operator.itemgetter(0), grams))
        # Latest first into the dict, so that the earliest sighting of each candidate stays.
        self.first_seen = dict(reversed(grams))
        self.form_counts.update(forms)
        return self

    def _read_text(self, text: str) -> tuple[list[str], list[str]]:
        """The text's words as keys and as surface forms, with _BREAK between runs."""
        text = text.replace("’", "'")
        marked = _HAS_MARKS.search(text)
        tokens = (scripts.compiled(_MARKED_TOKEN) if marked else _TOKEN).findall(text)
        if not tokens:
            return [], []
        keys, surfaces = self._read(tokens)
        # "|\tkey" (an elision) splits into a break and a word; tokens hold no whitespace.
        # Runs of breaks (mostly) collapse (in both sequences alike: they break at the same
        # places), which leaves fewer n-grams to look at.
        key_text = _collapse_breaks("\t".join(map(keys.__getitem__, tokens)))
        form_text = _collapse_breaks("\t".join(map(surfaces.__getitem__, tokens)))
        return key_text.split(), form_text.split()

    def _read(self, tokens: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        """Token readings holding every token of `tokens`: the language's cache while it has
        room, else private copies (the cache is never cleared, so readers never miss)."""
        keys, surfaces = self.keys, self.surfaces
        unread = set(tokens).difference(keys)
        if len(keys) + len(unread) > _CACHE_WORDS:
            known = set(tokens).intersection(keys)
            keys = {token: keys[token] for token in known}
            surfaces = {token: surfaces[token] for token in known}
        for token in unread:
            keys[token], surfaces[token] = self._classify(token)
        return keys, surfaces

    def _classify(self, token: str) -> tuple[str, str]:
        """How `token` reads in a run, as a key and as a surface form (see _BREAK)."""
        if not token[0].isalnum():
            return _BREAK, _BREAK
        prefix = ""
        if "'" in token:
            head, _, tail = token.partition("'")
            if tail and head.lower() in ELISIONS:
                prefix, token = _BREAK + "\t", tail
            elif tail.lower() in ("s", ""):
                token = head
        lowered = token.lower()
        acronym = token.isupper() and len(token) > 1
        if (
            (lowered in self.stopwords and not acronym)
            or len(token) < self.min_length
            or (len(token) == 2 and token.islower())
            or not any(char.isalpha() for char in token)
        ):
            return _BREAK, _BREAK
        key = self._key(lowered)
        # Korean glues particles to words: show the word without them.
        return prefix + key, prefix + (key if self.language == "ko" else token)

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
        counts, first_seen, title_words = self.counts, self.first_seen, self.title_words
        # (-score, -length, key): ascending order is best first, ties to the longer phrase,
        # which carries the shorter one's meaning too. The position prior is flat-ish for the
        # lead, then fades: the lead of an article states its subject.
        ranked = [
            (
                -count
                * (1.0 + _LEAD_TOKENS / (_LEAD_TOKENS + first_seen[key]))
                * _LENGTH_WEIGHT[len(key)],
                -len(key),
                key,
            )
            for key, count in counts.items()
            if self._candidate(key, count)
        ]
        if title_words:
            ranked = [
                (score * (1.0 + sum(word in title_words for word in key) / len(key)), size, key)
                for score, size, key in ranked
            ]
        head = heapq.nsmallest(_SHORTLIST, ranked)
        # Casing and word shape can move a candidate a little; judging them for the head of
        # the list is enough.
        shortlist = sorted((score * self._shape(key), size, key) for score, size, key in head)
        chosen = self._choose(item[2] for item in shortlist)
        if len(chosen) < MAX_KEYWORDS and len(ranked) > _SHORTLIST:
            # Rarely needed: the head held too many overlapping phrases to fill the list.
            rest = (item[2] for item in heapq.nsmallest(_SHORTLIST * 4, ranked)[_SHORTLIST:])
            chosen = self._choose(itertools.chain((item[2] for item in shortlist), rest))
        return tuple(self._display(key) for key in chosen)

    def _candidate(self, key: Candidate, count: int) -> bool:
        if self.language in _SYLLABLE_SPACED:
            # A word of these languages is mostly two or three syllables written apart: a
            # syllable alone ("hội", "đồng") means little.
            return len(key) > 1
        return count >= 2 or len(key) == 1 or bool(self.title_words and self._in_title(key))

    def _choose(self, keys: Iterable[Candidate]) -> list[Candidate]:
        chosen: list[Candidate] = []
        used: set[str] = set()
        counts = self.counts
        for key in keys:
            if len(chosen) >= MAX_KEYWORDS:
                break
            # Beyond the minimum, a keyword must recur (or be in the title) to earn its place.
            if len(chosen) >= MIN_KEYWORDS and counts[key] < 2 and not self._in_title(key):
                continue
            # One keyword per word: "White House" makes both "House" and "White House staff"
            # redundant, and the list stays varied. Generic words ("new") may recur.
            if used.intersection(key):
                continue
            if len(key) == 1:
                if key[0] in self.generic:
                    continue
                # "Andros" after "Townsend": the name they form together says it once.
                merged = self._merge(key[0], chosen)
                if merged is not None:
                    used.update(key)
                    continue
            chosen.append(key)
            used.update(word for word in key if word not in self.generic)
        return chosen

    def _merge(self, word: str, chosen: list[Candidate]) -> Candidate | None:
        """Replace a chosen single word by the recurring name it forms with `word`, if any."""
        counts = self.counts
        for index, other in enumerate(chosen):
            if len(other) != 1:
                continue
            for phrase in ((word, other[0]), (other[0], word)):
                if counts.get(phrase, 0) >= 2 and self._is_name(phrase):
                    chosen[index] = phrase
                    return phrase
        return None

    def _in_title(self, key: Candidate) -> bool:
        return bool(self.title_words) and all(word in self.title_words for word in key)

    def _is_name(self, key: Candidate) -> bool:
        return all(word[:1].isupper() for word in self._display(key).split(" "))

    def _shape(self, key: Candidate) -> float:
        """A bonus for names (the text writes them capitalized) and, in English, a malus for
        what reads as an adverb, adjective or verb rather than a thing ("reportedly",
        "political", "platform described")."""
        shown = self._display(key)
        if shown[:1].isupper():
            return 1.2
        if self.language != "en":
            return 1.0
        last = shown.rsplit(" ", 1)[-1]
        if last.endswith("ly"):
            return 0.3
        if last.endswith("ed") or last in _EN_PARTICIPLES:
            return 0.5
        if len(key) == 1 and last.endswith(_EN_QUALITY_SUFFIXES):
            return 0.6
        return 1.0

    def _display(self, key: Candidate) -> str:
        """The phrase as the text writes it: names capitalized, other words in lower case."""
        shown = self.shown.get(key)
        if shown is None:
            shown = self.shown[key] = self._compose(key)
        return shown

    def _compose(self, key: Candidate) -> str:
        if len(key) > 1:
            surface = self._phrase_surface(key)
            # A phrase written with every word capitalized is a name ("Harbor City").
            if all(word[:1].isupper() for word in surface.split(" ")):
                return surface
        return " ".join(self._display_word(word) for word in key)

    def _phrase_surface(self, key: Candidate) -> str:
        """How the text first writes the phrase (or word) `key`."""
        start = self.first_seen[key]
        return " ".join(self.forms[start : start + len(key)])

    def _display_word(self, key: str) -> str:
        first = self._phrase_surface((key,))
        variants = dict.fromkeys((first, first.lower(), first[:1].upper() + first[1:]))
        inner = {form: self.form_counts[form] - self.initial_forms[form] for form in variants}
        surface = max(inner, key=inner.__getitem__)
        if inner[surface] > 0:
            lowered = surface.lower()
            # Capitalized only when the text capitalizes the word more often than not.
            if surface != lowered and inner[surface] <= inner[lowered]:
                return lowered
            return surface
        # A capital at the start of a sentence says nothing, except for German nouns and
        # acronyms or names with inner capitals ("NASA", "iPhone", "McCain").
        if self.language == "de" or any(char.isupper() for char in first[1:]):
            return first
        return first[:1].lower() + first[1:]


def _collapse_breaks(sequence: str) -> str:
    # str.replace beats a regex here; a break left over now and then costs nothing.
    return sequence.replace("|\t|\t|", _BREAK).replace("|\t|", _BREAK)


@functools.cache
def _vocabulary(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """The per-language cache of token readings: token -> key, token -> surface form."""
    return {}, {}


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
        runs = scripts.compiled(_CJK_RUN).findall(sentence)
        yield from (run for run in runs if len(run) <= 10)
        return
    stops = scripts.compiled(_ZH_STOP)
    for segment in scripts.compiled(_HAN_SEGMENT).findall(sentence):
        for piece in stops.split(segment):
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
