"""Content terms of a sentence: Unicode words, lower-cased, stop words dropped, lightly stemmed.

Works for any script: words are runs of letters and digits in any alphabet; runs of
CJK characters (written without spaces) become overlapping character pairs.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_CACHE_LIMIT = 100_000
# Stripped from both ends of a whitespace-separated token: ASCII punctuation and symbols, the
# usual typographic quotes, dashes and marks, and other scripts' punctuation.
_PUNCTUATION = (
    "".join(chr(code) for code in range(33, 127) if not chr(code).isalnum())
    + "“”‘’«»‹›„‚–—―…·•¿¡€£¥©®°±×÷§¶†‡″′、。，！？：；（）「」『』【】《》〈〉،؛؟۔।॥"
)

_STOPWORDS_TEXT = """
    a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can can't could couldn't did didn't do does
    doesn't doing don't down during each few for from further get got had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how
    how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's like made
    make many may me might more most much must mustn't my myself new no nor not now of off
    on once one only or other ought our ours ourselves out over own said same say says
    shan't she she'd she'll she's should shouldn't since so some still such than that that's
    the their theirs them themselves then there there's these they they'd they'll they're
    they've this those through to too two under until up upon us very was wasn't we we'd
    we'll we're we've were weren't what what's when when's where where's which while who
    who's whom why why's will with won't would wouldn't yet you you'd you'll you're you've
    your yours yourself yourselves de la le les el los las des du un une et en est y que a o
    e il lo di da do der die das und ist nicht mit den dem ein eine zu von het een van
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_stems: dict[str, str] = {}
_tokens: dict[str, str] = {}


def terms(text: str) -> list[str]:
    """Content terms of `text` in order (repeats kept)."""
    lowered = text.lower()
    if not lowered.isascii() and _CJK.search(lowered):
        return _terms_by_regex(lowered)
    # Hot path: a whitespace split and one cache lookup per raw token (its stem, "" for stop
    # words and bare punctuation), about twice as fast as a Unicode word regex. Hyphens and
    # slashes separate words, as in the regex; `u.s.` and `1.5bn` stay whole.
    result: list[str] = []
    append, known = result.append, _tokens.get
    for token in lowered.replace("-", " ").replace("/", " ").split():
        stem = known(token)
        if stem is None:
            stem = _learn_token(token)
        if stem:
            append(stem)
    return result


def _learn_token(token: str) -> str:
    word = token if token.isalnum() else token.strip(_PUNCTUATION)
    stem = "" if not word or word in STOPWORDS else _stems.get(word) or _learn(word)
    if len(_tokens) >= _CACHE_LIMIT:
        _tokens.clear()
    _tokens[token] = stem
    return stem


def _terms_by_regex(lowered: str) -> list[str]:
    """Words of any script; runs of CJK characters become overlapping pairs."""
    result: list[str] = []
    for word in _WORD.findall(lowered):
        if word in STOPWORDS:
            continue
        if not word.isascii() and _CJK.search(word):
            result.extend(_cjk_pairs(word))
        else:
            result.append(_stems.get(word) or _learn(word))
    return result


def _learn(word: str) -> str:
    """Stem `word` and remember it (a bounded cache)."""
    stem = _stem(word)
    if len(_stems) >= _CACHE_LIMIT:
        _stems.clear()
    _stems[word] = stem
    return stem


def _cjk_pairs(word: str) -> list[str]:
    if len(word) == 1:
        return [word]
    return [word[i : i + 2] for i in range(len(word) - 1)]


def _stem(word: str) -> str:
    """A light English suffix stripper: plurals, possessives, -ing, -ed, -ly."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    size = len(word)
    if size <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and size > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ing") and size > 5:
        word = word[:-3]
    elif (word.endswith("ed") and size > 4) or (word.endswith("ly") and size > 4):
        word = word[:-2]
    return word
