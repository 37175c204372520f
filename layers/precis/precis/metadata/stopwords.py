"""Stopword lists per language, for keyword extraction and language detection.

Our own lists for eight languages are kept as space-separated strings turned into frozensets
at import: a few thousand short words cost well under a millisecond to load and need no data
file. Besides function words, each holds the reporting verbs and fillers of news prose
("said", "according"), which are never keywords. Words with apostrophes are listed in their
ASCII-apostrophe form. Some fifty other languages take the lists of stopwords-iso (the
`stopwordsiso` package), loaded on first use.
"""

from __future__ import annotations

import functools

_EN = """
a about above across after afterwards again against ago all almost alone along already also
although always am among amongst an and another any anybody anyone anything anyway anywhere
are aren't around as at away back be became because become becomes been before beforehand
behind being below beside besides between beyond both but by can can't cannot could couldn't
did didn't do does doesn't doing don't done down during each either else elsewhere enough
even ever every everybody everyone everything everywhere except few for former formerly from
further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
herself him himself his how however i i'd i'll i'm i've if in indeed instead into is isn't it
it's its itself just last later latter least less let let's like likely made make makes many
may maybe me meanwhile might mine more moreover most mostly much must mustn't my myself near
nearly neither never nevertheless next no nobody none nor not nothing now nowhere of off often
on once one only onto or other others otherwise our ours ourselves out over own per perhaps
quite rather really same several shall shan't she she'd she'll she's should shouldn't since so
some somebody someone something sometimes somewhat somewhere still such than that that's the
their theirs them themselves then there there's thereby therefore these they they'd they'll
they're they've this those though through throughout thus to together too toward towards
under unless until up upon us very via was wasn't we we'd we'll we're we've well were weren't
what what's whatever when whenever where where's whereas wherever whether which while who
who's whoever whole whom whose why will with within without won't would wouldn't yet you
you'd you'll you're you've your yours yourself yourselves
said says say saying told tell tells according added adds asked reported reportedly
claimed stated explained noted announced get gets got getting go goes going gone went
come comes came take takes took taken want wanted know known think thought see seen saw
including include includes also two three among around yes mr mrs ms dr
image images photo photos video caption copyright getty
"""

_ES = """
a al algo alguna algunas alguno algunos ante antes aquel aquella aquellas aquellos aqui aquí
así asi aun aún bajo bien cada casi como cómo con contra cual cuál cuales cuando cuándo cuanto
de del desde donde dónde dos durante e el él ella ellas ello ellos en entre era eran eres es
esa esas ese eso esos esta está estaba estaban estado estamos están estar estas este esto
estos estoy fue fueron fui ha había habían han has hasta hay haya he hemos hace hacen hacer
hizo la las le les lo los más mas me mi mí mis mucho muchos muy nada ni ningún ninguna no nos
nosotros o os otra otras otro otros para pero poco por porque pues que qué quien quién quienes
se sea según ser será si sí sido siempre sin sino sobre solo sólo son su sus también tan tanto
te tenemos tener tengo tiene tienen todo todos toda todas tu tú tus un una unas uno unos usted
ustedes y ya yo dijo dice afirmó aseguró señaló explicó según además luego ahora mientras
entonces tras vez veces cual cuyo cuya donde año
"""

_FR = """
à a afin ai aie aient ainsi alors après as au aucun aucune auprès aussi autre autres aux avaient
avais avait avant avec avez avoir avons ayant c ça car ce ceci cela celle celles celui cependant
certains ces cet cette ceux chaque chez comme comment d dans de des depuis donc dont du elle
elles en encore entre es est et étaient était été être eu eux fait faire fois font hors il ils
j je jusqu jusque l la là le les leur leurs lors lorsque lui m ma mais me même mêmes mes moi
moins mon n ne ni non nos notre nous on ont ou où par parce pas pendant peu peut peuvent plus
plusieurs pour pourquoi pourrait qu quand que quel quelle quelles quels qui quoi s sa sans se
selon ses seulement si sien son sont sous sur t ta tandis te tes toi ton tous tout toute toutes
très tu un une unes uns vers via vos votre vous y déjà aujourd hui ainsi alors dit déclaré
affirmé souligné expliqué indiqué selon également toujours entre
"""

_DE = """
aber alle allem allen aller alles als also am an andere anderen anderer anderes auch auf aus
bei beim bereits bin bis bist bleibt da dabei dadurch dafür damit dann darauf darum das dass
daß dem den denen denn der deren des dessen deshalb dich die dies diese diesem diesen dieser
dieses dir doch dort du durch ein eine einem einen einer eines einige einigen er es etwa etwas
euch euer für gab gegen gewesen gibt hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr
ihre ihrem ihren ihrer im immer in ins ist ja jede jedem jeden jeder jedes jedoch jetzt kann
kein keine keinem keinen keiner können könnte man mehr mein meine mich mir mit muss müssen nach
nachdem nicht nichts noch nun nur ob oder ohne schon sehr sei seien sein seine seinem seinen
seiner seit sich sie sind so soll sollen sollte sowie über um und uns unser unter viel vom von
vor wann war waren warum was weil weiter welche welchem welchen welcher welches wenn wer werden
wie wieder will wir wird wo wurde wurden zu zum zur zwar zwischen sagte sagt erklärte laut
heißt hieß worden habe haben hätte wäre mal
"""

_IT = """
a ad agli ai al alla alle allo anche ancora altri altro avere aveva avevano c che chi ci come
con contro cosa così cui d da dagli dai dal dalla dalle dallo degli dei del dell della delle
dello dentro di dopo dove e è ed era erano essere fa fare fino fra gli ha hanno ho i il in
infatti inoltre io l la le lei li lo loro lui ma mai me mentre mi molto ne negli nei nel nella
nelle nello no noi non nostro o ogni oltre per perché però più poi poiché prima proprio può
qua quale quali quando quanto quella quelle quelli quello questa queste questi questo qui se
sempre senza si sia siamo sono sopra sotto stata state stati stato su sua sue sugli sui sul
sulla sulle suo suoi tra tutta tutte tutti tutto un una uno vi voi detto dice ha affermato
spiegato secondo stesso quindi circa già ancora tuttavia sull dall nell all dell
"""

_PT = """
a à ao aos apenas após aquela aquelas aquele aqueles aquilo as às até bem cada com como contra
da das de dela delas dele deles depois desde dessa dessas desse desses desta destas deste
destes do dos e é ela elas ele eles em entre era eram essa essas esse esses esta está estão
estas estava estavam este estes eu foi foram há isso isto já la lhe lhes lo mais mas me mesmo
meu minha muito na não nas nem no nos nós nossa nosso num numa o os ou para pela pelas pelo
pelos por porque qual quando que quem se sem ser será seu seus sido só sob sobre sua suas
também tem têm ter todo todos toda todas um uma umas uns você vocês vai vão disse afirmou
segundo explicou ainda onde assim então porém pois ano anos sendo sido tinha tinham
"""

_NL = """
aan al alle alleen als alles altijd andere ben bij bijvoorbeeld daar daarom dan dat de deze
die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het
hier hij hoe hun ik in is ja je jij kan kon kunnen maar me meer men met mij mijn moet na naar
niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw
van veel voor want waren was wat we wel werd wezen wie wij wil worden wordt zal ze zei zelf
zich zij zijn zo zonder zou volgens aldus waarin waarop waarbij zegt zeggen tussen sinds
jaar jaren nieuwe twee drie
"""

_RU = """
а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже
для до его ее её ей ему если есть еще ещё же за здесь и из или им их к как какой когда кто
ли либо мне может мы на над нам нас не него нее неё нет ни них но ну о об однако он она они
оно от по под после при про с со так также такой там те тем то того тоже той только том ты
у уже хотя чего чем что чтобы эта эти это этого этой этом этот я заявил сказал сообщил
говорит году года
"""

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in (
        ("en", _EN),
        ("es", _ES),
        ("fr", _FR),
        ("de", _DE),
        ("it", _IT),
        ("pt", _PT),
        ("nl", _NL),
        ("ru", _RU),
    )
}

# Latin-script languages told apart by their function words.
LATIN_LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "de", "it", "pt", "nl")

# Elided articles and prepositions glued to the next word by an apostrophe (French, Italian).
ELISIONS: frozenset[str] = frozenset(
    {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
    | {"dell", "all", "dall", "nell", "sull", "un"}
)


# Words too general to be a keyword on their own, though a phrase may hold them ("New York",
# "Election Day"). Keys as the keyword extractor counts them (English plurals folded).
_GENERIC = {
    "en": """
    new day time year week month today yesterday tomorrow part way thing lot place number
    people man woman men women moment end kind sort side case point fact percent cent
    monday tuesday wednesday thursday friday saturday sunday cnn reuters afp bbc
    """,
}
GENERIC_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in _GENERIC.items()
}


def generic_words_for(language: str) -> frozenset[str]:
    """Words of `language` never shown as a keyword alone (empty when there is no list)."""
    return GENERIC_WORDS.get(language, frozenset())


# Our codes that stopwords-iso files under another one.
_ISO_LIST_CODES = {"nb": "no", "nn": "no"}


def stopwords_for(language: str) -> frozenset[str]:
    """The stopwords of `language`, or an empty set when there is no list for it."""
    own = STOPWORDS.get(language)
    return own if own is not None else _listed_stopwords(language)


@functools.cache
def _listed_stopwords(language: str) -> frozenset[str]:
    import stopwordsiso  # noqa: PLC0415 - about 2 ms of JSON, for the languages that need it

    words = stopwordsiso.stopwords(_ISO_LIST_CODES.get(language, language))
    # Lower-cased, apostrophes ASCII, as the keyword extractor reads words.
    return frozenset(word.lower().replace("’", "'") for word in words)
