"""Word lists that settle what the statistical identifier leaves open.

Close languages: lid.176 reads Malay as Indonesian, Bosnian as Croatian (or as the
Serbo-Croatian of older Wikipedia) and Afrikaans as Dutch about as often as not. Each pair
differs in a few very common words and spellings (Malay "bahawa", "kerana", "selepas"
against Indonesian "bahwa", "karena", "setelah"; Croatian "tisuća", "tijekom", its own month
names against Bosnian and Serbian "hiljada", "tokom", "januar"; Serbian's ekavian "vreme",
"gde" against the ijekavian "vrijeme", "gdje"), which decide when the text has them.

Function words: the detector Précis had before, votes of the stopwords of seven Latin-script
languages, names the language of some short sentences the model is unsure of.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from precis.metadata.stopwords import LATIN_LANGUAGES, STOPWORDS

_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MALAY = _words(
    """
    bahawa kerana mahu sahaja selepas kerajaan wang iaitu manakala bagaimanapun polis
    universiti kualiti aktiviti ogos julai mac disember boleh sekiranya apabila semasa baharu
    percuma kereta pejabat syarikat akhbar jabatan pelbagai telefon projek beliau
    """
)
_INDONESIAN = _words(
    """
    bahwa karena mau setelah sesudah pemerintah uang yaitu namun polisi universitas kualitas
    aktivitas agustus juli maret desember perusahaan berbagai telepon proyek kantor mobil
    kalau banget nggak gak meskipun
    """
)
_CROATIAN = _words(
    """
    tko nitko netko tisuća tisuće tisuću povijest povijesti tjedan tjedna tjedno tijekom
    siječanj siječnja veljača veljače ožujak ožujka travanj travnja svibanj svibnja lipanj
    lipnja srpanj srpnja kolovoz kolovoza rujan rujna listopad listopada studeni studenoga
    studenog prosinac prosinca zrakoplov glazba glazbe kazalište sveučilište sveučilišta
    znanost znanosti kruh vlak točno točka obitelj obitelji tvrtka tvrtke nogomet izvješće
    ravnatelj priopćenje sudjelovati sudjeluje
    """
)
# Bosnian and Serbian share these against Croatian.
_BOSNIAN_SERBIAN = _words(
    """
    ko niko neko šta hiljada hiljade hiljadu historija historije istorija istorije sedmica
    sedmice januar januara februar februara mart marta maj maja juni juna juli jula august
    augusta avgust avgusta septembar septembra oktobar oktobra novembar novembra decembar
    decembra tokom univerzitet univerziteta nauka nauke pozorište muzika muzike hljeb hleb
    voz porodica porodice tačno tačka fudbal izvještaj izveštaj aerodrom takođe opština
    saopćenje saopštenje uopće uopšte učestvovati
    """
)
# Serbian writes ekavian, Bosnian and Croatian ijekavian.
_EKAVIAN = _words(
    """
    vreme mesto mesta reč reči dete deca lepo lep lepa pesma pesme svet sveta ceo cela
    celo cena cene posle uvek reka deo dela mleko nedelja nedelje vest vesti primer gde pre
    sledeći sledeće videti telo vera hteo reke reku dve mesec meseca meseci leto leta dece
    pesmu severni
    """
)
_IJEKAVIAN = _words(
    """
    vrijeme mjesto mjesta riječ riječi dijete djeca lijepo lijep lijepa pjesma pjesme
    svijet svijeta cijeli cijela cijelo cijena cijene poslije uvijek rijeka dio dijela mlijeko
    primjer gdje prije sljedeći sljedeće vidjeti tijelo vjera htio rijeke rijeku dvije
    mjesec mjeseca mjeseci ljeto ljeta djece pjesmu sjeverni
    """
)
_AFRIKAANS = _words(
    """
    nie n ek jy hulle baie hê gesê sê vir sal sy dié hierdie daardie nou egter julle teen
    wees
    """
)
_DUTCH = _words(
    """
    de een niet zijn ik je jij hij zij ze wij we voor naar zal zou worden wordt geweest nu hun
    deze er kunnen moeten heeft hebben bij zo door tegen
    """
)

# Each group: its members as the identifier may name them, and how to decide among them.
GROUPS: dict[str, str] = {
    "id": "malay",
    "ms": "malay",
    "hr": "serbo-croatian",
    "bs": "serbo-croatian",
    "sh": "serbo-croatian",
    "sr": "serbo-croatian",
    "af": "afrikaans-dutch",
    "nl": "afrikaans-dutch",
}


def words_of(text: str) -> list[str]:
    """The words of `text`, lower-cased (apostrophes split them: Afrikaans "'n" is "n")."""
    return _WORD.findall(text.lower())


def settle(group: str, words: Iterable[str], *, cyrillic: bool) -> str | None:
    """The member of `group` that the words point to, or None when they do not tell."""
    seen = list(words)
    if group == "malay":
        return _larger(_count(seen, _MALAY), "ms", _count(seen, _INDONESIAN), "id")
    if group == "afrikaans-dutch":
        return _larger(_count(seen, _AFRIKAANS), "af", _count(seen, _DUTCH), "nl")
    if cyrillic:
        return "sr"  # Bosnian and Croatian are written in Latin letters
    if _count(seen, _EKAVIAN) > _count(seen, _IJEKAVIAN):
        return "sr"
    return _larger(_count(seen, _CROATIAN), "hr", _count(seen, _BOSNIAN_SERBIAN), "bs")


def _count(words: list[str], markers: frozenset[str]) -> int:
    return sum(word in markers for word in words)


def _larger(first: int, first_code: str, second: int, second_code: str) -> str | None:
    if first > second:
        return first_code
    if second > first:
        return second_code
    return None


# Below this many function-word votes a text is too short to call; the winner must lead the
# runner-up by this share of its votes.
_MIN_VOTES = 3.0
_MIN_MARGIN = 0.25


def function_word_vote(words: Iterable[str]) -> str | None:
    """The one of seven Latin-script languages whose function words the text uses, if clear.

    Each stopword votes for the languages that list it, sharing one vote between them.
    """
    votes = dict.fromkeys(LATIN_LANGUAGES, 0.0)
    ballots = _ballots()
    for word in words:
        for language, weight in ballots.get(word, ()):
            votes[language] += weight
    ranked = sorted(votes, key=votes.__getitem__, reverse=True)
    best, runner_up = votes[ranked[0]], votes[ranked[1]]
    if best < _MIN_VOTES or best - runner_up < _MIN_MARGIN * best:
        return None
    return ranked[0]


@functools.cache
def _ballots() -> dict[str, tuple[tuple[str, float], ...]]:
    speakers: dict[str, list[str]] = {}
    for language in LATIN_LANGUAGES:
        for word in STOPWORDS[language]:
            speakers.setdefault(word, []).append(language)
    return {
        word: tuple((language, 1.0 / len(languages)) for language in languages)
        for word, languages in speakers.items()
    }
