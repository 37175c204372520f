"""Bylines and timestamps that open scraped news text: not sentences of the story.

Newsroom pages put the author and the publishing times above the story, and scrapers keep
them as text: "By . Jane Doe for MailOnline . PUBLISHED: . 07:11 EST, 2 May 2013 . |
. UPDATED: . 09:12 EST, 2 May 2013 . The story ...". Split as sentences they become the
article's first units, so a lead-based summary would open with them and a ranker would
learn that the first positions are weak. Only the head of the article is looked at, and
only units that match these shapes exactly are dropped: the story's own sentences never
are.
"""

from __future__ import annotations

import re

# How far into an article a byline or a timestamp may stand.
HEAD_UNITS = 8
# A name unit after "By .": "Jane Doe .", "Daily Mail Reporter .", "Jane Doe for MailOnline ."
_NAME_WORDS = 8
_BY_ALONE = re.compile(r"(?i)by\s*\.?")
_CO_AUTHOR = re.compile(r"(?i)and\s+\S")
_AND = re.compile(r"\s*\.\s+and\s+")
# "By Jane Doe for MailOnline" in one unit, cased: only capitalized words and connectors,
# so "By then it was too late." stays a sentence.
_BY_NAME = re.compile(
    r"By\s+[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’.-]*|for|and|of|de|van|von|the|in))*\s*\.?"
)
_LABEL = r"(?:last\s+)?(?:published|updated)(?:\s+(?:at|on))?\s*:?\s*"
_TIMESTAMP_LABEL = re.compile(rf"(?i){_LABEL}\.?")
# "07:11 EST, 2 May 2013 ." or "5:40 PM on 3rd May 2011 ."
_TIMESTAMP = re.compile(
    rf"(?i)(?:{_LABEL})?"
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:[a-z]{2,4}\s*)?,?\s*(?:on\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+|[a-z]+\s+\d{1,2}(?:st|nd|rd|th)?),?\s+\d{4}\s*\.?"
)
_FOLLOW = re.compile(r"(?i)follow\s+@+\s*[\w.]+\s*\.?")


def head_chrome_count(units: list[str], *, cased: bool) -> int:
    """How many of the first `units` are a byline or a timestamp (0 for nearly every text)."""
    count = 0
    expects_name = named = False
    limit = min(len(units), HEAD_UNITS)
    while count < limit:
        unit = units[count].strip()
        short = unit.count(" ") < _NAME_WORDS
        if expects_name and _is_names(unit):
            expects_name, named = False, True  # the author's name after a lone "By ."
        elif _BY_ALONE.fullmatch(unit):
            expects_name, named = True, False
        elif named and short and _CO_AUTHOR.match(unit):
            pass  # "and Jane Roe for MailOnline ." right after a name
        elif (cased and short and _BY_NAME.fullmatch(unit)) or _FOLLOW.fullmatch(unit):
            named = True
        elif _TIMESTAMP_LABEL.fullmatch(unit) or _TIMESTAMP.fullmatch(unit):
            named = False
        else:
            break
        count += 1
    # A lone "By ." with nothing after it is left alone, and so is a text of nothing else.
    if expects_name:
        count -= 1
    return 0 if count >= len(units) else count


def might_open_with_chrome(first_unit: str) -> bool:
    """Cheap test on the first unit: only then is `head_chrome_count` worth calling."""
    head = first_unit[:12].lower()
    return head.startswith(("by", "published", "updated", "last updated", "follow")) or (
        head[:1].isdigit()
    )


def _is_names(unit: str) -> bool:
    """A name unit ("Jane Doe .", or "Jane Doe for MailOnline . and John Roe ." where cased
    text keeps a co-author in it): short parts without digits."""
    return not any(ch.isdigit() for ch in unit) and all(
        part.count(" ") < _NAME_WORDS for part in _AND.split(unit)
    )
