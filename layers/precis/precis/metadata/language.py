"""Language identification: the right ISO 639 code, or "und", never a confident wrong one.

fastText's lid.176 model reads the opening of the text (176 languages). Its answer stands when
it is confident; otherwise the text is "und" (undetermined): too short, mixed, in a language
the model does not know (those spread their probability thin), or of numbers and links only.
Word lists settle what the model leaves open between close languages (Malay and Indonesian,
Bosnian, Croatian and Serbian, Afrikaans and Dutch) and, on short Latin-script texts, between
the seven languages Précis knew before.
"""

from __future__ import annotations

import re

from precis.metadata import identifier, scripts, tiebreak
from precis.metadata.language_codes import HINT_ALIASES, code_of_label

UNDETERMINED = "und"

# Characters of the opening that are read: some 80 words decide any article, and the model
# costs about 1 µs a character.
_SAMPLE_CHARS = 500
# Letters (a Han, kana or Hangul character counts three) below which a text is not read.
_MIN_LETTERS = 15
# The model's probability (of a language, or of a group of close ones) to be confident.
_CONFIDENT = 0.40
# From this many characters the text is read in two halves: two confident halves in two
# different languages make a mixed text.
_HALVES_FROM = 260
_HALF_CONFIDENT = 0.5
# A language within this share of the best one's probability is a candidate for a hint.
_NEAR_TIE = 0.5
_CANDIDATE_MIN = 0.05
# Latin-script languages whose longer texts always show some of their own letters: without
# any, the model has mistaken another language for them (Maori for Latvian, by its macrons).
_OWN_LETTERS = {
    "lv": "čģķļņšž",
    "lt": "ąčęėįšųūž",
    "pl": "ąćęłńóśźż",
    "cs": "čďěňřšťůž",
}
_OWN_LETTERS_FROM = 200

_LINKS = r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+"
# Digits of any script: the model reads words.
_DIGITS = re.compile(r"[\d_]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")


class _Reading:
    """What the text says of its language: the best code, whether to trust it, and the
    codes a hint may choose among. (A plain class: a dataclass costs the cold start more.)"""

    __slots__ = ("candidates", "code", "confident")

    def __init__(self, code: str, confident: bool, candidates: frozenset[str]) -> None:
        self.code = code
        self.confident = confident
        self.candidates = candidates


def detect_language(text: str, *, hint: str | None = None) -> str:
    """The ISO 639-1 code of `text`'s language (ISO 639-3 without one), or "und" when unsure.

    A `hint` (such as "en-GB" from the document) wins when detection agrees with it or keeps
    it among near-tied candidates, and when the text gives nothing to read; a confident
    detection overrides a contradicting hint. Never raises.
    """
    preferred = normalize_language(hint)
    reading = _read(text)
    if reading is None:
        return preferred or UNDETERMINED
    if preferred is not None and preferred in reading.candidates:
        return preferred
    return reading.code if reading.confident else UNDETERMINED


def normalize_language(tag: str | None) -> str | None:
    """The primary subtag of a language tag ("pt-BR" -> "pt"), or None when it is not one.

    Legacy codes become today's ("iw" -> "he", "no" -> "nb").
    """
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha() and primary != "und":
        return HINT_ALIASES.get(primary, primary)
    return None


def _read(text: str) -> _Reading | None:
    """The reading of the opening of `text`, or None when it has too few letters."""
    sample = _sample(text)
    if _letter_weight(sample) < _MIN_LETTERS:
        return None
    if len(sample) >= _HALVES_FROM:
        middle = sample.find(" ", len(sample) // 2)
        middle = middle if middle > 0 else len(sample) // 2
        first, second = identifier.predict(sample[:middle]), identifier.predict(sample[middle:])
        if _disagree(first, second):
            return _Reading(UNDETERMINED, False, _codes(first) | _codes(second))
        scores = _merge(first, middle, second, len(sample) - middle)
    else:
        scores = _merge(identifier.predict(sample), 1, [], 0)
    return _judge(scores, sample)


def _sample(text: str) -> str:
    """The opening, without links, handles and digits, on one line."""
    head = text[: _SAMPLE_CHARS + 200]
    if "/" in head or "@" in head or "#" in head or "www." in head:
        head = scripts.compiled(_LINKS).sub(" ", head)
    head = _DIGITS.sub(" ", head)
    # split/join beats a regex on every space.
    return " ".join(head.split())[:_SAMPLE_CHARS]


def _letter_weight(sample: str) -> int:
    """Letters in `sample`, up to about the minimum (a wide CJK character counts three)."""
    weight = sum(map(str.isalpha, sample[: _MIN_LETTERS * 8]))
    if weight >= _MIN_LETTERS:
        return weight
    letters = _NOT_LETTER.sub("", sample)
    weight = len(letters)
    if weight < _MIN_LETTERS and scripts.BEYOND_LATIN.search(letters):
        weight += 2 * len(scripts.compiled(scripts.CJK_WIDE).findall(letters))
    return weight


def _merge(
    first: list[tuple[str, float]], first_weight: int, second: list[tuple[str, float]], weight: int
) -> dict[str, float]:
    """Probabilities per ISO code: the halves' predictions averaged by their lengths."""
    total = first_weight + weight
    scores: dict[str, float] = {}
    for predictions, share in ((first, first_weight / total), (second, weight / total)):
        for label, probability in predictions:
            code = code_of_label(label)
            scores[code] = scores.get(code, 0.0) + probability * share
    return scores


def _disagree(first: list[tuple[str, float]], second: list[tuple[str, float]]) -> bool:
    """Both halves are confident, in languages that are not close to one another."""
    (one, p_one), (other, p_other) = first[0], second[0]
    if min(p_one, p_other) < _HALF_CONFIDENT:
        return False
    one, other = code_of_label(one), code_of_label(other)
    group = tiebreak.GROUPS.get(one)
    return one != other and (group is None or group != tiebreak.GROUPS.get(other))


def _codes(predictions: list[tuple[str, float]]) -> frozenset[str]:
    return frozenset(code_of_label(label) for label, p in predictions if p >= _CANDIDATE_MIN)


def _judge(scores: dict[str, float], sample: str) -> _Reading:
    best = max(scores, key=scores.__getitem__)
    probability = scores[best]
    candidates = {
        code for code, p in scores.items() if p >= max(_CANDIDATE_MIN, probability * _NEAR_TIE)
    }
    group = tiebreak.GROUPS.get(best)
    if group is not None:
        members = {code for code, name in tiebreak.GROUPS.items() if name == group}
        probability = sum(p for code, p in scores.items() if code in members)
        cyrillic = bool(scripts.compiled(scripts.CYRILLIC).search(sample[:200]))
        settled = tiebreak.settle(group, tiebreak.words_of(sample), cyrillic=cyrillic)
        # Words that do not tell leave the model's choice between Afrikaans and Dutch (it is
        # mostly right); between the others it is not.
        code = settled or (best if best in ("af", "nl") else UNDETERMINED)
        candidates |= members - {"sh"}
        confident = code != UNDETERMINED and probability >= _CONFIDENT
        return _Reading(code, confident, frozenset(candidates))
    confident = probability >= _CONFIDENT and _has_own_letters(best, sample)
    if not confident and len(sample) < _HALVES_FROM and not scripts.BEYOND_LATIN.search(sample):
        voted = tiebreak.function_word_vote(tiebreak.words_of(sample))
        if voted is not None and voted in candidates:
            return _Reading(voted, True, frozenset(candidates))
    return _Reading(best, confident, frozenset(candidates))


def _has_own_letters(code: str, sample: str) -> bool:
    own = _OWN_LETTERS.get(code)
    if own is None or len(sample) < _OWN_LETTERS_FROM:
        return True
    lowered = sample.lower()
    return any(letter in lowered for letter in own)
