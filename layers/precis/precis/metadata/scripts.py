"""Character classes of Unicode scripts, compiled on first use.

A class spanning thousands of code points (the CJK ideographs) costs milliseconds to compile,
so only the cheap test for "anything beyond Latin" is compiled at import: English text never
pays for the others, and cold starts stay short.
"""

from __future__ import annotations

import functools
import re

# Any character past Latin and the combining diacritics: the gate to the script classes.
BEYOND_LATIN = re.compile(r"[^\x00-\u036f]")

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
KANA = r"[\u3040-\u309f\u30a0-\u30ff]"
CJK_CHAR = r"[\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
HANGUL = r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"
CYRILLIC = r"[\u0400-\u04ff]"
ARABIC = r"[\u0600-\u06ff\u0750-\u077f]"
DEVANAGARI = r"[\u0900-\u097f]"
GREEK = r"[\u0370-\u03ff\u1f00-\u1fff]"
HEBREW = r"[\u0590-\u05ff]"


@functools.cache
def compiled(expression: str) -> re.Pattern[str]:
    """`expression` compiled once per process, when first needed."""
    return re.compile(expression)


# Characters that carry about a word each (Han, kana, Hangul syllables).
CJK_WIDE = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
