"""Regex sentence splitting: fast enough for every article, careful with the usual traps.

A statistical splitter (pysbd, punkt) costs tens of milliseconds an article; this one costs
well under one. It looks at each candidate terminator once and decides from a bounded
window around it, so a 100k-character line is split in linear time.

Rules, in order of the checks below:
- a line break ends a sentence (lists without final punctuation), unless the next line
  plainly continues the sentence (starts lower-case) in a cased text;
- `.`, `!`, `?`, `…` followed by closing quotes or brackets and whitespace is a candidate;
  closing quotes detached by a space (`said. ' Next`) stay with the sentence they close;
- abbreviations (Mr., Dr., e.g., Jan., No. 5, a.m., U.S.), initials (J. R. R. Tolkien) and
  list enumerators (`1. `, `a) `, kept with their item) do not end a sentence, except where a
  typical sentence opener follows an abbreviation that often ends one (`in the U.S. The ...`)
  and the sentence so far is more than a few words (`At 5 a.m. Mr. Smith ...` is one);
- a lower-case continuation does not start a new sentence in cased text, so ellipses inside
  a sentence (`...`, `. . .`) keep it whole;
- CJK, Devanagari, Arabic and other scripts' terminators end a sentence without a space;
  Greek's question mark is `;`; Thai and Lao, which have no full stop, end one at a space
  between two words of their script.

Two repairs for scraped news: page chrome inside the text ("Scroll down for video",
"Click here to ...", photo credits) is removed, and a long run without terminal punctuation
that restarts with a capitalized sentence opener (a photo caption glued to the sentence after
it) becomes two units. No unit is longer than MAX_SENTENCE_CHARS: longer runs are cut at
spaces, so one unbroken 2 MB "word" costs what its length says and stores a bounded amount.
"""

from __future__ import annotations

import re

from precis.models import Document, Sentence
from precis.summarize.heading import HEAD_UNITS, head_chrome_count, might_open_with_chrome


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Titles and other abbreviations that are (nearly) never the last word of a sentence.
_NEVER_FINAL = _word_set(
    """
    mr mrs ms mssrs messrs dr prof rev hon gen col capt cpt lt sgt maj cmdr adm gov sen rep
    pres supt insp det cpl pte pvt fr sr jr st mt ft e.g i.e cf viz vs v approx est dept
    univ assn bros fig figs vol vols pp op no nos art ch sec para tel ext ref
    """
)
# Abbreviations that end a sentence often enough: split only before a typical opener.
_SOMETIMES_FINAL = _word_set(
    """
    a.m p.m etc inc ltd co corp plc llc bros u.s u.k u.n u.s.a e.u jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun am pm al
    """
)
# Abbreviations only protected before a number (`No. 5`, `p. 12`, `Art. 3`).
_BEFORE_NUMBER = _word_set("no nos p pp art vol ch sec fig para op")
# Words that start sentences; after an ambiguous abbreviation they signal a boundary.
_OPENERS = _word_set(
    """
    the a an he she it they we i you his her its their our this that these those there here
    but and so yet however meanwhile in on at for if when while after before as since
    then now also still although though because what who why how where which one some many
    most all no not mr mrs ms dr police officials critics last next earlier later today
    yesterday tomorrow despite according several both each every another such other more
    """
)
# Month names after a day number with a period (German `am 3. Oktober`): not a boundary.
_MONTHS = _word_set(
    """
    januar jänner februar märz april mai juni juli august september oktober november dezember
    january february march june july october december
    """
)

# A spaced ellipsis (`. . .`) is one terminator, not three.
_TERMINAL = r"(?:\.(?: \.){2,}|[.!?]+|…+)"
_CLOSERS = "\"'”’»)\\]}›"
_OPENERS_PUNCT = "\"'“‘«(\\[{‹¿¡"
# A candidate boundary: terminal run, closers glued to it, optionally closers set off by a
# space (detokenized news text: `anybody. ' Paul`), then whitespace.
# Terminators of scripts that put no space after them: CJK, the Devanagari and Bengali dandas,
# Arabic's question mark and Urdu's full stop, Ethiopic, Armenian, Burmese and Khmer; ‼ ⁇ ⁈ ⁉.
_UNSPACED = "。！？｡।॥؟۔።፧։՜՞။។៕‼⁇⁈⁉"
# Letters of Thai and Lao, which end a sentence with a space rather than a mark.
_SPACE_ENDED = "\u0e01-\u0e4e\u0e81-\u0ecd"
_CANDIDATE_BODY = (
    rf"{_TERMINAL}[{_CLOSERS}]*(?:[ \t]+[{_CLOSERS}]+(?=\s))?(?=\s)"
    rf"|[{_UNSPACED}]+[」』”’\"')）】》〉]*"
    # Greek's question mark is the semicolon.
    r"|(?<=[\u0370-\u03ff\u1f00-\u1fff]);(?=\s)"
)
# The lookahead lets the regex engine skip to terminators quickly.
_CANDIDATE = re.compile(rf"(?=[.!?…;{_UNSPACED}])(?:{_CANDIDATE_BODY})")
_SPACE_ENDED_LETTER = re.compile(f"[{_SPACE_ENDED}]")
# ... except after Thai's abbreviation mark ฯ (U+0E2F).
_CANDIDATE_SPACE_ENDED = re.compile(
    rf"{_CANDIDATE_BODY}|(?<=[{_SPACE_ENDED}])(?<!ฯ)[ \t]+(?=[{_SPACE_ENDED}])"
)
_WORD_BEFORE = re.compile(r"([^\W\d_](?:[^\W\d_]|\.(?=[^\W\d_]))*|\d+)[.]*$")
_NEXT_WORD = re.compile(rf"\s*(?:[{_OPENERS_PUNCT}]+\s*)?(\S*)")
_INITIAL = re.compile(r"[^\W\d_]\.")
_WORD_CHARS = re.compile(r"[^\W_]")
# Bullet glyphs carry no text and go; enumerators (`1.`, `2)`, `(3)`, `a.`) stay with their item.
_BULLET = re.compile(r"^\s*[-*•·▪◦‣–—]\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪◦‣–—]|\(?(?:\d{1,3}|[a-z])[.)])\s+")
_ENUMERATOR = re.compile(r"\(?(?:\d{1,3}|[a-z])[.)]")
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n|\u2028|\u2029)\s*")
_LOOKBACK = 40
_OPENER_TRIM = _CLOSERS + ".,;:!?"
_AFTER_TERMINAL = re.compile(r"[.!?]\s+[\"'“‘(\[]*([^\W\d_])")
MAX_SENTENCE_CHARS = 1000
# Glued captions: only runs this long are looked at, and each part keeps this many words.
_GLUED_MIN_WORDS = 30
_GLUED_MIN_PART = 6
_CAPITALIZED_OPENERS = _word_set(
    """
    The A An He She It They We His Her Its Their Our This These Those There But Yet However
    Meanwhile After Before When While Since Now Also Although Though Because Police Officials
    Mr Mrs Ms Dr Pictured
    """
)
# A bare lower-case word, a capitalized word, then either a lower-case word (an opener's
# sentence goes on) or a title of lower-case words, a name and a reporting verb.
_RESTART = re.compile(
    r"(?<![^ ])([a-z]+) ([A-Z][a-z]*)"
    r"(?:((?: [a-z]+){1,2})((?: [A-Z][a-z]+){1,3}) "
    r"(said|says|told|added|admitted|claimed|insisted|explained|revealed|wrote)\b"
    r"|(?= [a-z]))"
)
_REPORTING = _word_set(
    "said says told added admitted claimed insisted explained revealed wrote commented tweeted"
    " posted"
)
# A caption's label after the bare end of the one before it (`... the final Big reveal: The
# couple ...`): one or two words, capitalized, a colon, a capitalized word (not a quote,
# which a colon also introduces in running text).
_LABEL_RESTART = re.compile(
    r"(?<![^ ])([a-z]+) ([\"'‘“]?[A-Z][a-z'’-]+(?: [A-Za-z][a-z'’-]+)?[\"'’”]?) ?: (?=[A-Z][a-z]* )"
)
# Dates and days head running text before a colon too ("on Tuesday: the court ...").
_NOT_LABELS = _word_set(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Today Yesterday Tonight
    """
)
# `... in an hour The Briton finished ...`: an article or pronoun, one capitalized word, then
# lower case; a title ("told The Sun", "The Isley Brothers") does not go on in lower case.
_TITLE_RESTART = re.compile(
    r"(?<![^ ])([a-z]+) ((?:The|A|An|He|She|They|We|His|Her|Their|Its|Our|These|Those)"
    r" [A-Z][a-z]+ [a-z])"
)
# Words after which a capitalized word is a name or title in running text, not a restart.
_LEADS_INTO_NAMES = _word_set(
    """
    the a an of to in on at by for with from as and or nor but that than said says told
    called named dubbed titled film book show series album song novel magazine newspaper
    paper star starring hit new old former late dear mr mrs ms dr st via vs versus into onto
    about like near during including between against under over because if when while where
    whether although though unless until who whom whose which network channel station outlet
    category
    """
)
# Before an opener, an ambiguous abbreviation ends a sentence only after this many words.
_MIN_WORDS_BEFORE_ABBREVIATION = 4

# Page chrome that scrapers leave inside sentences. Credits need a capitalized name after the
# colon so that running text ("a picture: the ...") is left alone.
_CHROME = re.compile(
    r"(?i:\bscroll\s+down\s+(?:for|to\s+(?:see|watch))\s+(?:the\s+)?(?:videos?|more)\b[.:]?"
    r"|\b(?:click|tap)\s+here\b(?:\s+(?:to|for)\b[^.!?\n]{0,100}[.!?]?)?"
    r"|\bmedia\s+playback\s+is\s+(?:not\s+|un)supported\s+on\s+(?:this|your)\s+device\b"
    r"|\((?:pictured|picture|photo|file\s+photo|left|right|centre|center|above|below|inset)\))"
    r"|(?<![^\s(])(?i:(?:photo|picture|image)s?(?:\s+credit)?:)"
    r"\s*[A-Z][\w.&'/-]*(?:\s+[A-Z][\w.&'/-]*)?"
)
_CHROME_HINTS = (
    "scroll down",
    "click here",
    "tap here",
    "pictured)",
    "photo)",
    "picture)",
    "(left)",
    "(right)",
    "(cent",
    "(above)",
    "(below)",
    "(inset)",
    "photo:",
    "photos:",
    "picture:",
    "pictures:",
    "image:",
    "images:",
    "credit:",
    "playback",
)


def split_sentences(text: str) -> list[str]:
    """Split `text` into whitespace-normalized sentences; fragments without letters or digits go."""
    if not text or not _WORD_CHARS.search(text):
        return []
    cased = _is_cased(text)
    text = _strip_chrome(text)
    sentences: list[str] = []
    for line in _join_lines(text, cased=cased):
        _split_line(line, cased, sentences)
    return sentences


def _strip_chrome(text: str) -> str:
    # The regex is slow next to substring tests; most texts have none of its anchors.
    # Every hint holds a bracket or a colon, or is one of the here/scroll/playback phrases: a
    # text with none of those (checked at C speed) is returned without scanning for each hint.
    lowered = text.lower()
    if (
        "(" in lowered
        or ")" in lowered
        or ":" in lowered
        or "here" in lowered
        or "scroll" in lowered
        or "playback" in lowered
    ) and any(hint in lowered for hint in _CHROME_HINTS):
        return _CHROME.sub(" ", text)
    return text


def split_document(document: Document) -> tuple[Sentence, ...]:
    """Split every paragraph of `document`; positions count across the whole document."""
    result: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(document.paragraphs):
        for text in split_sentences(paragraph):
            result.append(Sentence(len(result), paragraph_index, text))
    if result and might_open_with_chrome(result[0].text):
        head = [sentence.text for sentence in result[:HEAD_UNITS]]
        skipped = head_chrome_count(head, cased=_is_cased(" ".join(head)))
        if skipped:
            # Positions count from the story's first sentence.
            return tuple(
                Sentence(position, sentence.paragraph, sentence.text)
                for position, sentence in enumerate(result[skipped:])
            )
    return tuple(result)


def _is_cased(text: str) -> bool:
    """False for lower-cased text, where a lower-case word may well start a sentence."""
    sample = text[:5000]
    starts = _AFTER_TERMINAL.findall(sample)
    if not starts:
        return sample != sample.lower()
    return sum(1 for ch in starts if ch.isupper()) * 5 >= len(starts)


def _join_lines(text: str, *, cased: bool) -> list[str]:
    """Lines of `text`, with soft-wrapped continuation lines joined back to their sentence."""
    if not _has_line_break(text):
        return [text]
    lines = [line for line in _LINE_BREAK.split(text.strip()) if line]
    if len(lines) <= 1:
        return lines
    joined: list[str] = []
    for line in lines:
        if joined and cased and not _LIST_ITEM.match(line) and _continues(joined[-1], line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _has_line_break(text: str) -> bool:
    return "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text


def _continues(previous: str, line: str) -> bool:
    first = line.lstrip()[:1]
    if not first.islower():
        return False
    last = previous.rstrip()[-1:]
    return last not in ".!?…:;" and not _LIST_ITEM.match(previous)


def _split_line(line: str, cased: bool, out: list[str]) -> None:
    line = _BULLET.sub("", line, count=1)
    start = 0
    candidates = _CANDIDATE_SPACE_ENDED if _SPACE_ENDED_LETTER.search(line) else _CANDIDATE
    for match in candidates.finditer(line):
        end = match.end()
        if line[match.start()] in ".!?…;" and not _is_boundary(
            line, start, match.start(), end, cased
        ):
            continue
        _emit(line[start:end], cased, out)
        start = end
    _emit(line[start:], cased, out)


def _emit(fragment: str, cased: bool, out: list[str]) -> None:
    fragment = fragment.strip()
    if not fragment or not _WORD_CHARS.search(fragment):
        return
    if (
        len(fragment) <= MAX_SENTENCE_CHARS
        and fragment.count(" ") < _GLUED_MIN_WORDS - 1
        # Printable means no whitespace but the plain space (no tabs, breaks or NBSP).
        and "  " not in fragment
        and fragment.isprintable()
    ):
        out.append(fragment)  # the common case: already one short, single-spaced unit
        return
    words = fragment.split()
    long = len(fragment) > MAX_SENTENCE_CHARS
    if long:
        words = _cap_words(words)
    if cased and len(words) >= _GLUED_MIN_WORDS:
        units = _unglue(words)
    elif long:
        units = _bounded(words)
    else:
        out.append(" ".join(words))
        return
    out.extend(unit for unit in units if _WORD_CHARS.search(unit))


def _cap_words(words: list[str]) -> list[str]:
    """Words no longer than MAX_SENTENCE_CHARS each (an unbroken run is cut into pieces)."""
    if all(len(word) <= MAX_SENTENCE_CHARS for word in words):
        return words
    capped: list[str] = []
    for word in words:
        capped.extend(
            word[at : at + MAX_SENTENCE_CHARS] for at in range(0, len(word), MAX_SENTENCE_CHARS)
        )
    return capped


def _unglue(words: list[str]) -> list[str]:
    """Units of a long run: cut where a caption ends and a sentence restarts, then by length."""
    units: list[str] = []
    start = 0
    text = " ".join(words)
    for at in _restarts(text):
        if at - start >= _GLUED_MIN_PART and len(words) - at >= _GLUED_MIN_PART:
            units.append(" ".join(words[start:at]))
            start = at
    if not start and len(text) <= MAX_SENTENCE_CHARS:
        return [text]
    units.extend(_bounded(words[start:]))
    return units


def _bounded(words: list[str]) -> list[str]:
    """`words` joined into units of at most MAX_SENTENCE_CHARS, cut at spaces."""
    units: list[str] = []
    piece: list[str] = []
    size = -1
    for word in words:
        if piece and size + len(word) + 1 > MAX_SENTENCE_CHARS:
            units.append(" ".join(piece))
            piece, size = [], -1
        piece.append(word)
        size += len(word) + 1
    if piece:
        units.append(" ".join(piece))
    return units


def _restarts(text: str) -> list[int]:
    """Word indexes in `text` where a sentence restarts after a bare lower-case word, in order.

    A glued caption has no terminal punctuation, so the word before the restart ends the
    caption bare: `... at the weekend The team ...` or `... defeat Head coach Tom Reed
    said ...` (a capitalized common noun, a title of lower-case words, a name, a reporting
    verb). Two more shapes: a caption's own label (`... the old mill Hard work: The ...`) and
    an article or pronoun with one capitalized word going on in lower case (`... a cold
    morning The Oxford crew had ...`). Words that lead into a title or a name (`the`, `of`,
    `said`, `film`, `because`) do not end captions, and quotes or brackets left open mean the
    run is still inside one phrase.
    """
    found: list[int] = []
    for match in _RESTART.finditer(text):
        if match.group(1) in _LEADS_INTO_NAMES:
            continue
        if match.group(2) not in _CAPITALIZED_OPENERS and not (
            match.group(3) and match.group(4) and match.group(5)
        ):
            continue
        if match.group(3) and any(
            word in _LEADS_INTO_NAMES or word in _REPORTING for word in match.group(3).split()
        ):
            continue
        _add_restart(text, match.start(2), found)
    if ": " in text:
        for match in _LABEL_RESTART.finditer(text):
            label = match.group(2).strip("\"'‘“’”")
            if (
                match.group(1) not in _LEADS_INTO_NAMES
                and label.split(" ", 1)[0] not in _NOT_LABELS
                and not any(word in _REPORTING for word in label.lower().split())
            ):
                _add_restart(text, match.start(2), found)
    for match in _TITLE_RESTART.finditer(text):
        if match.group(1) not in _LEADS_INTO_NAMES:
            _add_restart(text, match.start(2), found)
    return sorted(set(found))


def _add_restart(text: str, at: int, found: list[int]) -> None:
    """Record the word index of `at`, unless a bracket or a quote is still open before it."""
    prefix = text[:at]
    if prefix.count("(") > prefix.count(")") or (prefix.count('"') + prefix.count("“")) % 2:
        return
    found.append(prefix.count(" "))


def _opens_with_enumerator(line: str, start: int, word_start: int, dot: int) -> bool:
    if line[start:word_start].strip(" \t("):
        return False
    return _ENUMERATOR.fullmatch(line, word_start, dot + 1) is not None


def _is_boundary(  # noqa: PLR0911
    line: str, start: int, dot: int, end: int, cased: bool
) -> bool:
    """Decide whether the terminator at line[dot:end], in a sentence from `start`, ends it."""
    following = _NEXT_WORD.match(line, end)
    next_word = following.group(1) if following else ""
    if not next_word:
        return True
    first = next_word[0]
    if cased and first.islower():
        return False
    if line[dot] != ".":
        return True  # ! ? … followed by a non-lower-case word
    if line[dot : dot + 2] == ".." and not line[dot:end].startswith("..."):
        return True
    # The word cannot span a space: searching from the last one is the same, and much faster
    # than letting the regex try every start in the window.
    space = line.rfind(" ", max(0, dot - _LOOKBACK), dot)
    before = _WORD_BEFORE.search(
        line, space + 1 if space >= 0 else max(0, dot - _LOOKBACK), dot + 1
    )
    if before is None:
        return True
    word = before.group(1)
    key = word.lower()
    word_start = before.start(1)
    if dot - word_start <= 3 and _opens_with_enumerator(line, start, word_start, dot):
        return False  # `1. First item`, `b) Second item`: the enumerator opens its sentence
    if word.isdigit():
        # `3. Oktober` is a date.
        return not (len(word) <= 2 and next_word.rstrip(".,;:").lower() in _MONTHS)
    if key in _BEFORE_NUMBER and first.isdigit():
        return False
    if key in _NEVER_FINAL and key not in _BEFORE_NUMBER:
        return False
    if key in _SOMETIMES_FINAL:
        # `At 5 a.m. Mr. Smith left`: too short a start to be a sentence of its own.
        return _is_opener(next_word) and (
            line.count(" ", start, dot) >= _MIN_WORDS_BEFORE_ABBREVIATION - 1
        )
    if len(word) == 1:
        # An initial (`J. R. R. Tolkien`, `George W. Bush`) unless a sentence plainly follows.
        return _is_opener(next_word) and not _INITIAL.fullmatch(next_word)
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        # Dotted acronyms not listed above (`F.B.I.`, `Ph.D.`): split before an opener only;
        # host names (`example.com.`) end sentences like words.
        return _is_opener(next_word)
    return True


def _is_opener(word: str) -> bool:
    """A typical sentence opener (asked only after an ambiguous word: most boundaries skip it)."""
    return word.strip(_OPENER_TRIM).lower() in _OPENERS
