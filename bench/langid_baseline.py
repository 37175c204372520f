"""The language detector Précis had before lid.176 (its layer code, kept unchanged for the
benchmark's same-run baseline): Unicode scripts first, then function-word votes for seven
Latin-script languages.
"""

from __future__ import annotations

import functools
import re

from precis.metadata import scripts
from precis.metadata.stopwords import LATIN_LANGUAGES, STOPWORDS

UNDETERMINED = "und"

# Detection reads the opening of the text: some 250 words decide any article.
_SAMPLE_CHARS = 1500

_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("han", scripts.HAN),
    ("kana", scripts.KANA),
    ("hangul", scripts.HANGUL),
    ("cyrillic", scripts.CYRILLIC),
    ("arabic", scripts.ARABIC),
    ("devanagari", scripts.DEVANAGARI),
    ("greek", scripts.GREEK),
    ("hebrew", scripts.HEBREW),
)

# The language a script stands for by default, then others written in it that a hint may name.
_SCRIPT_FAMILIES: dict[str, tuple[str, ...]] = {
    "hangul": ("ko",),
    "cyrillic": ("ru", "uk", "bg", "sr", "mk", "be", "kk"),
    "arabic": ("ar", "fa", "ur", "ps"),
    "devanagari": ("hi", "mr", "ne"),
    "greek": ("el",),
    "hebrew": ("he", "yi"),
}

_WORD = re.compile(r"[^\W\d_]+")

# Letters that only some Latin-script languages use; each is a cheap vote.
_MARK = re.compile("[ñ¿¡ãõßäöüèêëîœçìò]")
_MARK_LANGUAGE = {
    **dict.fromkeys("ñ¿¡", "es"),
    **dict.fromkeys("ãõ", "pt"),
    **dict.fromkeys("ßäöü", "de"),
    **dict.fromkeys("èêëîœç", "fr"),
    **dict.fromkeys("ìò", "it"),
}

# Below this many function-word votes a Latin-script text is too short to call.
_MIN_VOTES = 2.0
# The winner must lead the runner-up by this share of its own votes to be confident.
_MIN_MARGIN = 0.25


def detect_language(text: str, *, hint: str | None = None) -> str:
    """The ISO 639-1 code of `text`'s language, or "und" when unsure.

    A `hint` (such as "en-GB" from the document) wins when detection agrees with it or keeps
    it among near-tied candidates (or among the languages of the text's script), and when the
    text gives nothing to detect; a confident detection overrides a contradicting hint.
    """
    preferred = normalize_language(hint)
    guess, confident, candidates = _detect(text[:_SAMPLE_CHARS])
    if preferred is not None and preferred in candidates:
        return preferred
    if confident:
        return guess
    if preferred is not None:
        return UNDETERMINED if candidates else preferred
    return guess if len(candidates) == 1 else UNDETERMINED


def normalize_language(tag: str | None) -> str | None:
    """The primary subtag of a language tag ("pt-BR" -> "pt"), or None when it is not one."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha() and primary != "und":
        return primary
    return None


def _detect(sample: str) -> tuple[str, bool, tuple[str, ...]]:
    """(guess, confident, plausible candidates) for a short sample of text."""
    others = "".join(scripts.BEYOND_LATIN.findall(sample))
    if len(others) * 4 < len(sample) and _LATIN.search(sample):
        # Mostly Latin letters (with a few quotes or dashes): the usual case, decided cheaply.
        return _detect_latin(sample)
    counts = {name: len(scripts.compiled(chars).findall(others)) for name, chars in _SCRIPTS}
    counts["latin"] = len(_LATIN.findall(sample))
    letters = sum(counts.values())
    if letters == 0:
        return UNDETERMINED, False, ()
    script = max(counts, key=counts.__getitem__)
    if script == "latin":
        return _detect_latin(sample)
    if script in ("han", "kana"):
        cjk = counts["han"] + counts["kana"]
        # Japanese mixes kana into kanji; Chinese has none. A short kanji-only text may be either.
        if counts["kana"] >= 0.05 * cjk:
            family: tuple[str, ...] = ("ja",)
        else:
            family = ("zh", "ja") if cjk < 20 else ("zh",)
        return family[0], cjk >= 4 and cjk >= 0.5 * letters, family
    family = _SCRIPT_FAMILIES[script]
    return family[0], counts[script] >= 10 and counts[script] >= 0.5 * letters, family


def _detect_latin(sample: str) -> tuple[str, bool, tuple[str, ...]]:
    votes = dict.fromkeys(LATIN_LANGUAGES, 0.0)
    ballots = _ballots()
    lowered = sample.lower()
    for word in _WORD.findall(lowered):
        ballot = ballots.get(word)
        if ballot is not None:
            for lang, weight in ballot:
                votes[lang] += weight
    marks = dict.fromkeys(LATIN_LANGUAGES, 0)
    for mark in _MARK.findall(lowered):
        marks[_MARK_LANGUAGE[mark]] += 1
    for lang, count in marks.items():
        # Marks refine a profile; capped so a few accented names cannot outvote the prose.
        votes[lang] += min(count, 1 + votes[lang]) * 0.5
    ranked = sorted(votes, key=votes.__getitem__, reverse=True)
    best, runner_up = votes[ranked[0]], votes[ranked[1]]
    if best < _MIN_VOTES:
        return UNDETERMINED, False, ()
    candidates = tuple(lang for lang in ranked if votes[lang] >= best * (1 - _MIN_MARGIN))
    confident = best - runner_up >= _MIN_MARGIN * best and best >= 3.0
    return ranked[0], confident, candidates


@functools.cache
def _ballots() -> dict[str, tuple[tuple[str, float], ...]]:
    """Each stopword's vote: the languages that use it, sharing one vote between them."""
    speakers: dict[str, list[str]] = {}
    for lang in LATIN_LANGUAGES:
        for word in STOPWORDS[lang]:
            speakers.setdefault(word, []).append(lang)
    return {
        word: tuple((lang, 1.0 / len(langs)) for lang in langs) for word, langs in speakers.items()
    }
