"""Bytes to clean text: encoding detection, binary sniffing and Unicode normalization.

Decoding never fails on bytes. The order is: byte-order marks (UTF-8, UTF-16, UTF-32),
BOM-less UTF-16 recognised by its NUL pattern, strict UTF-8, a declared charset (the
content type's ``charset=`` or an HTML/XML declaration in the first bytes), UTF-8 with a
few damaged bytes, and finally cp1252 (bytes it leaves undefined are dropped, as latin-1
would read them as C1 controls that cleaning removes anyway).

Binary content is refused with ``UnsupportedType(code="BINARY")``: known magic numbers
(PNG, JPEG, GIF, PDF, zip, gzip, ...) or decoded text that is mostly control characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from precis.errors import UnsupportedType

BINARY_CODE = "BINARY"

# Magic numbers of the binary formats people upload by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"PK\x07\x08", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
    (b"\xca\xfe\xba\xbe", "class file"),
    (b"\x00asm", "wasm module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"wOFF", "font"),
    (b"wOF2", "font"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Declared charsets we honour; anything else (idna, punycode, *_escape, ...) is ignored.
_SAFE_CODEC = re.compile(
    r"(utf-8|utf-16(-le|-be)?|utf-32(-le|-be)?|ascii|iso8859-\d{1,2}|cp\d{3,5}|mac-[a-z]+"
    r"|koi8-[a-z]|kz1048|ptcp154|shift_jis(_2004|x0213)?|euc_[a-z0-9_]+|iso2022_[a-z0-9_]+"
    r"|gb2312|gbk|gb18030|big5(hkscs)?|johab|tis-620)"
)
_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""")
_SNIFF_BYTES = 4096
_SNIFF_CHARS = 4096
_MAX_BAD_RATIO = 0.05
_MAX_NUL_RATIO = 0.3
# Controls (not NUL, tab, newlines, form feed), surrogates, private use, replacement and
# non-characters: what decoded binary is made of.
_NOT_TEXT = re.compile(
    "[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffd-\uffff"
    "\U000f0000-\U0010ffff]"
)

# Characters that carry no text: C0/C1 controls (not tab/newline), soft hyphen, zero-width
# space, word joiner and invisible operators, bidi embedding controls, BOM, replacement and
# non-characters, lone surrogates (they come from JSON escapes and break UTF-8 encoding).
# ZWJ/ZWNJ are kept: they matter in Indic and Persian scripts and in emoji sequences.
# One class finds every character cleaning changes; a table says what each becomes.
# Tabs are not in it: a page indented with tabs would call the replacement once per tab;
# `tidy_spaces` expands them with one str.replace.
_SPECIAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\xa0\u00ad\u1680\u180e\u2000-\u200b\u200e\u200f"
    "\u2028-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufb00-\ufb06\ufeff\ufff9-\ufffb"
    "\ufffd-\uffff\ud800-\udfff]"
)
_REPLACEMENTS: dict[str, str] = {
    "\x0b": "\n",
    "\x0c": "\n",
    "\x1c": "\n",
    "\x1d": "\n",
    "\x1e": "\n",
    "\x85": "\n",
    "\u2028": "\n",
    "\u2029": "\n\n",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
} | dict.fromkeys(
    "\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u202f\u205f\u3000",
    " ",
)
# The same for pure-ASCII text, as a byte table (a C loop instead of a regex scan).
_ASCII_TABLE = bytes.maketrans(b"\x0b\x0c\x1c\x1d\x1e", b"\n\n\n\n\n")
_ASCII_DELETE = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F])
_RUN_OF_SPACES = re.compile("  +")
_LETTER = re.compile(r"[^\W\d_]")


def sniff_binary(data: bytes) -> str | None:
    """The name of the binary format `data` starts with, or None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media"
    if data[4:8] == b"ftyp":
        return "MP4 media"
    return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode article bytes to text, whatever they hold.

    Raises UnsupportedType (code BINARY) when the bytes are an image, archive or other
    binary data rather than text.
    """
    kind = sniff_binary(data)
    if kind is not None:
        raise UnsupportedType(f"content is binary ({kind}), not text", code=BINARY_CODE)
    text = _decode(data, declared)
    if _looks_binary(text):
        raise UnsupportedType("content is binary data, not text", code=BINARY_CODE)
    return text


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for name in (declared, _declared_in_content(data)):
        codec = _safe_codec(name)
        if codec is None or codec == "utf-8":
            continue
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    # Extra UTF-8 bytes beyond one per character come from valid multi-byte sequences
    # (each replacement character accounts for two of them).
    multibyte = len(lenient.encode("utf-8", errors="replace")) - len(lenient) - 2 * damaged
    if multibyte > 0 and damaged * 4 <= multibyte:
        return lenient
    return data.decode("cp1252", errors="replace")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte for Latin text."""
    sample = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= 0.4 * pairs and even_nuls <= 0.05 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.4 * pairs and odd_nuls <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _declared_in_content(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _safe_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return codec if _SAFE_CODEC.fullmatch(codec) else None


def _looks_binary(text: str) -> bool:
    """Binary data read as text is full of controls, surrogates and private-use characters;
    stray NULs in real text are only removed, so they have a threshold of their own."""
    sample = text[:_SNIFF_CHARS]
    if not sample:
        return False
    nuls = sample.count("\x00")
    bad = len(_NOT_TEXT.findall(sample))
    return bad > _MAX_BAD_RATIO * len(sample) or nuls > _MAX_NUL_RATIO * len(sample)


def clean_text(text: str) -> str:
    """Normalize text while keeping its lines: NFC, one kind of space and newline, no
    invisible or control characters, ligatures spelled out, no trailing spaces."""
    return tidy_spaces(clean_characters(text))


def clean_characters(text: str) -> str:
    """`clean_text` without its work on spaces (tabs, runs, trailing spaces): enough for
    HTML, where the parser and every extractor fold whitespace anyway."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_TABLE, _ASCII_DELETE).decode("ascii")
    text = _SPECIAL.sub(_replace_special, text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def tidy_spaces(text: str) -> str:
    """Tabs as four spaces, runs of spaces as one (indentation kept), no trailing spaces."""
    if "\t" in text:
        text = text.replace("\t", "    ")
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "  " in line:
            # Runs of spaces collapse; indentation (markdown code, list nesting) stays.
            body = line.lstrip(" ")
            lines[index] = line[: len(line) - len(body)] + _RUN_OF_SPACES.sub(" ", body).rstrip()
        elif line.endswith(" "):
            lines[index] = line.rstrip(" ")
    return "\n".join(lines)


def _replace_special(match: re.Match[str]) -> str:
    return _REPLACEMENTS.get(match.group(0), "")


def clean_inline(text: str) -> str:
    """Clean text and fold it to one line (for titles and HTML paragraphs)."""
    cleaned = clean_text(text)
    # Printable means no whitespace but the plain space: text already folded (as every
    # plain-text paragraph is) skips the split into words and the join.
    if (
        cleaned.isprintable()
        and "  " not in cleaned
        and not cleaned.startswith(" ")
        and not cleaned.endswith(" ")
    ):
        return cleaned
    return " ".join(cleaned.split())


def has_letters(text: str) -> bool:
    """Whether `text` holds at least one letter of any script."""
    # The class also admits a few "No" characters (superscripts, fractions); isalpha decides.
    return any(match.group().isalpha() for match in _LETTER.finditer(text))
