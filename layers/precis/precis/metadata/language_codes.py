"""Language codes: the identifier's labels as ISO 639 codes, and each code's English name.

Codes are ISO 639-1 where the language has one, else ISO 639-3. fastText's labels are
Wikipedia's language codes, which mostly agree; where they do not, the label is mapped:
"als" is Wikipedia's Alemannic (ISO 639-3 "als" is Tosk Albanian), "bh" its Bhojpuri,
"eml" a retired code (Emilian), "no" the Bokmål that Norwegian Wikipedia is written in.
"""

from __future__ import annotations

# Wikipedia-style label -> ISO 639 code, where the two differ.
LABEL_CODES: dict[str, str] = {
    "als": "gsw",
    "bh": "bho",
    "eml": "egl",
    "no": "nb",
}

# Legacy or alias tags a document may carry as its language hint.
HINT_ALIASES: dict[str, str] = {
    "iw": "he",
    "in": "id",
    "ji": "yi",
    "jw": "jv",
    "mo": "ro",
    "no": "nb",
    "fil": "tl",
}

# English names of every code the identifier can return (and of a few common hints).
_NAMES = """
af Afrikaans|am Amharic|an Aragonese|ar Arabic|arz Egyptian Arabic|as Assamese|ast Asturian
av Avaric|az Azerbaijani|azb South Azerbaijani|ba Bashkir|bar Bavarian|bcl Central Bikol
be Belarusian|bg Bulgarian|bho Bhojpuri|bn Bengali|bo Tibetan|bpy Bishnupriya|br Breton
bs Bosnian|bxr Buryat|ca Catalan|cbk Chavacano|ce Chechen|ceb Cebuano|ckb Central Kurdish
co Corsican|cs Czech|cv Chuvash|cy Welsh|da Danish|de German|diq Zazaki|dsb Lower Sorbian
dty Doteli|dv Dhivehi|egl Emilian|el Greek|en English|eo Esperanto|es Spanish|et Estonian
eu Basque|fa Persian|fi Finnish|fr French|frr Northern Frisian|fy Western Frisian|ga Irish
gd Scottish Gaelic|gl Galician|gn Guarani|gom Goan Konkani|gsw Alemannic German|gu Gujarati
gv Manx|he Hebrew|hi Hindi|hif Fiji Hindi|hr Croatian|hsb Upper Sorbian|ht Haitian Creole
hu Hungarian|hy Armenian|ia Interlingua|id Indonesian|ie Interlingue|ilo Iloko|io Ido
is Icelandic|it Italian|ja Japanese|jbo Lojban|jv Javanese|ka Georgian|kk Kazakh|km Khmer
kn Kannada|ko Korean|krc Karachay-Balkar|ku Kurdish|kv Komi|kw Cornish|ky Kyrgyz|la Latin
lb Luxembourgish|lez Lezghian|li Limburgish|lmo Lombard|lo Lao|lrc Northern Luri
lt Lithuanian|lv Latvian|mai Maithili|mg Malagasy|mhr Eastern Mari|min Minangkabau
mk Macedonian|ml Malayalam|mn Mongolian|mr Marathi|mrj Western Mari|ms Malay|mt Maltese
mwl Mirandese|my Burmese|myv Erzya|mzn Mazanderani|nah Nahuatl|nap Neapolitan
nb Norwegian Bokmål|nds Low German|ne Nepali|new Newari|nl Dutch|nn Norwegian Nynorsk
oc Occitan|or Odia|os Ossetic|pa Punjabi|pam Pampanga|pfl Palatine German|pl Polish
pms Piedmontese|pnb Western Punjabi|ps Pashto|pt Portuguese|qu Quechua|rm Romansh
ro Romanian|ru Russian|rue Rusyn|sa Sanskrit|sah Yakut|sc Sardinian|scn Sicilian|sco Scots
sd Sindhi|si Sinhala|sk Slovak|sl Slovenian|so Somali|sq Albanian|sr Serbian|su Sundanese
sv Swedish|sw Swahili|ta Tamil|te Telugu|tg Tajik|th Thai|tk Turkmen|tl Tagalog|tr Turkish
tt Tatar|tyv Tuvinian|ug Uyghur|uk Ukrainian|ur Urdu|uz Uzbek|vec Venetian|vep Veps
vi Vietnamese|vls West Flemish|vo Volapük|wa Walloon|war Waray|wuu Wu Chinese|xal Kalmyk
xmf Mingrelian|yi Yiddish|yo Yoruba|yue Cantonese|zh Chinese
no Norwegian|ha Hausa|ig Igbo|zu Zulu|xh Xhosa|st Southern Sotho|tn Tswana|sn Shona
lg Ganda|mi Maori|ts Tsonga|rw Kinyarwanda|ny Nyanja|fil Filipino|sm Samoan|haw Hawaiian
"""

LANGUAGE_NAMES: dict[str, str] = dict(
    entry.split(" ", 1) for line in _NAMES.strip().splitlines() for entry in line.split("|")
)


def code_of_label(label: str) -> str:
    """The ISO 639 code of one of the identifier's labels."""
    return LABEL_CODES.get(label, label)


def language_name(code: str | None) -> str | None:
    """The English name of a language code or tag ("pt-BR" -> "Portuguese"), or None."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return LANGUAGE_NAMES.get(primary)
