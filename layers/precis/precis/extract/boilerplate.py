"""Site chrome that is not the article: a small table of line patterns, applied to every format.

A rule matches a *whole* short line (after lower-casing and trimming decoration), never a
word inside a sentence: "Next Article" goes, "The next article of the treaty ..." stays.
Some rules also drop the headline-like lines that follow them ("Next Article" is followed
by the next article's headline, "Related" by a list of them). English first, with the
cheap Spanish, French, German, Italian and Portuguese equivalents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

# Lines longer than this are article text, whatever they contain.
_MAX_CHECKED_CHARS = 400
_HEADLINE_MAX_WORDS = 20
_HEADLINE_MAX_CHARS = 160


@dataclass(frozen=True, slots=True)
class Rule:
    """Lines that fully match one of `phrases` (regular expressions over the lower-cased,
    trimmed line) and have at most `max_words` words are chrome; so are up to `followers`
    headline-like lines after them."""

    name: str
    phrases: tuple[str, ...]
    max_words: int = 12
    followers: int = 0
    # A line of six or more words ending like a sentence is prose, not this kind of chrome.
    prose_guard: bool = True

    @property
    def pattern(self) -> str:
        return "|".join(self.phrases)


_SEP = r"( ?[:\-–—|»›>/] ?.*)?"  # an optional "Label: rest" tail
_SOCIAL = (
    r"(facebook|twitter|x|linkedin|whatsapp|reddit|telegram|messenger|flipboard|pinterest"
    r"|bluesky|threads|mastodon|instagram|tiktok|youtube|email|e-mail|mail|sms|print|copy link"
    r"|copy url|link|tweet|share|pin|save|bookmark|comment|comments)"
)

RULES: tuple[Rule, ...] = (
    # Summary-widget and audio-player text (the "No time to read? Get a summary" button).
    Rule(
        "summary-button",
        (
            # Its two halves on one line (one <p>) or on two (split across elements).
            r"no time to read[?!.:,]*( get (a|the|an ai) summary)?",
            r"get (a|the|an ai) summary",
            r"summari[sz]e (this|the) (article|story|page)",
            r"(listen|listen to) (this|the) (article|story)( \d+ min.*)?",
            r"listen",
            r"audio",
            r"\d+ ?(min|mins|minutes?) (read|listen)",
            r"reading time ?:? .*",
            r"(lesezeit|tiempo de lectura|temps de lecture|tempo di lettura) ?:? .*",
        ),
    ),
    # Previous/next navigation, followed by the headline of the other article.
    Rule(
        "prev-next",
        (
            r"(previous|prev|next|older|newer) (article|post|story|page|item|entry)s?" + _SEP,
            r"art[ií]culo (anterior|siguiente)",
            r"article (pr[ée]c[ée]dent|suivant)",
            r"(vorheriger|n[äa]chster) (artikel|beitrag)",
            r"articolo (precedente|successivo)",
            r"(artigo|mat[ée]ria|not[ií]cia) (anterior|seguinte)",
        ),
        max_words=25,
        followers=1,
    ),
    # Lists of other articles: a header line, then their headlines.
    Rule(
        "related",
        (
            r"(related|similar)( (articles?|stories|story|posts?|content|coverage|topics|news|"
            r"links|reading|videos?|items))?",
            r"(see|read) also",
            r"also read",
            r"more (stories|news|articles|headlines|on this (story|topic))",
            r"more from .{1,40}",
            r"recommended( for you| stories| articles| reading| videos?)?",
            r"(the )?most (read|popular|viewed|shared|commented|watched)( (stories|articles|news|"
            r"now|today|this week))?",
            r"trending( now| stories| topics)?",
            r"(you|we think you) (may|might|could|will) (also )?(like|enjoy|be interested in)",
            r"top (stories|news|headlines)",
            r"editors?'?s?'? (picks|choice)",
            r"further reading",
            r"(don't|do not) miss",
            r"latest (news|stories|articles|headlines|posts)",
            r"what to read next",
            r"up next",
            r"popular (now|today|stories)",
            r"(noticias|art[ií]culos) relacionad[oa]s",
            r"(lee|lea) tambi[ée]n",
            r"te puede interesar",
            r"m[áa]s noticias",
            r"(à )?lire aussi",
            r"articles? similaires",
            r"sur le m[êe]me sujet",
            r"(lesen sie|lies) auch",
            r"mehr zum thema",
            r"weitere artikel",
            r"verwandte artikel",
            r"das k[öo]nnte sie (auch )?interessieren",
            r"leggi anche",
            r"articoli correlati",
            r"potrebbe interessarti",
            r"(leia|veja) tamb[ée]m",
            r"not[ií]cias relacionadas",
        ),
        followers=10,
    ),
    Rule(
        "read-more",
        (
            r"(read|see|view) (more|the full (story|article|report))" + _SEP,
            r"continue reading.*",
            r"keep reading",
            r"read on",
            r"(leer|leia|lire|leggi) (m[áa]s|mais|la suite|tutto|di pi[ùu])",
            r"seguir leyendo",
            r"continuer (à|la) lecture",
            r"weiterlesen",
            r"mehr lesen",
            r"(zum|ganzen) artikel",
            r"continua a leggere",
            r"continue lendo",
        ),
        max_words=20,
        followers=5,
    ),
    # Sharing and social buttons, alone or in a row ("Facebook Twitter Email").
    Rule(
        "share",
        (
            r"share( this| the)?( (article|story|page|post|video))?( (on|via|with|to) .*)?",
            r"shares?",
            r"sharing",
            r"gift (this )?article",
            _SOCIAL + r"([ ,|/•·]+" + _SOCIAL + r"){0,9}",
            r"compartir( en .*)?",
            r"compart[ei]lh?[ae]( no .*)?",
            r"partager( sur .*)?",
            r"teilen",
            r"auf \w+ teilen",
            r"condividi( su .*)?",
            r"diesen artikel teilen",
            r"partager cet article",
        ),
        max_words=14,
    ),
    Rule(
        "follow",
        (
            r"follow (us|me)( on .*)?",
            r"follow (\w+ ){0,3}on (twitter|facebook|instagram|x|linkedin|tiktok|youtube|threads|"
            r"bluesky|mastodon|google news).*",
            r"(like|find|join) us on .*",
            r"s[íi]guenos( en .*)?",
            r"suivez-nous( sur .*)?",
            r"folgen sie uns( auf .*)?",
            r"seguici( su .*)?",
            r"siga-nos( no .*)?",
        ),
        max_words=16,
        prose_guard=False,
    ),
    Rule(
        "subscribe",
        (
            r"subscribe( .*)?",
            r"(sign up|signup|register)( now| here| today| free)?(( for| to) (our |the |a |free |"
            r"your )?(\w+ ){0,3}(newsletters?|emails?|updates|alerts|briefings?|digest|"
            r"notifications|account|trial|membership|access)\b.*)?",
            r"get (our|the) (\w+ ){0,3}newsletters?.*",
            r"(our|the|free|daily|weekly) (\w+ )?newsletters?" + _SEP,
            r"newsletters?( sign ?up)?" + _SEP,
            r"(already )?a (subscriber|member)\??.*",
            r"become a (member|subscriber|supporter).*",
            r"support (our|independent|quality) journalism.*",
            r"(log|sign) in to (continue|read|keep reading).*",
            r"suscr[ií]b(e|ete|irse|ase)( .*)?",
            r"abonnez-vous( .*)?",
            r"s'abonner( .*)?",
            r"inscrivez-vous( .*)?",
            r"(jetzt )?abonnieren( .*)?",
            r"iscriviti( .*)?",
            r"abbonati( .*)?",
            r"assine( .*)?",
            r"inscreva-se( .*)?",
        ),
        max_words=16,
        prose_guard=False,
    ),
    Rule(
        "cookies",
        (
            r"((we|this (web)?site|our (web)?site|this page) (use|uses) cookies|.*\b(accept|"
            r"allow|reject|manage|customi[sz]e|use of)( all| our)? cookies\b|cookie (policy|"
            r"settings|preferences|notice|consent|banner)|by (continuing|using) (to (use|"
            r"browse) )?(this|our) (web)?site).*",
            r"cookies?",
            r"(accept|reject|decline|got it|allow all|accept all)( cookies)?",
        ),
        max_words=60,
        prose_guard=False,
    ),
    Rule(
        "advertisement",
        (
            r"(advertisement|advertising|ad|ads|sponsored|promoted|paid (content|post|"
            r"partnership)|anzeige|werbung|publicidad|anuncio|publicit[ée]|pubblicit[àa]|"
            r"publicidade)( ?[:\-–—|»›>] ?.*| feature| content| partner| by .*)?",
            r"(story|article|content|text) continues (below|after)( the)? (advertisement|ad)",
            r"scroll (down )?to continue( reading| with content)?",
        ),
        max_words=8,
    ),
    Rule(
        "click-here",
        (
            r"(click|tap) here( .*)?",
            r"(haga|haz) clic aqu[íi].*",
            r"cliquez ici.*",
            r"hier klicken.*",
            r"clicca qui.*",
            r"clique aqui.*",
        ),
        max_words=20,
        prose_guard=False,
    ),
    Rule(
        "copyright",
        (
            r"(.* )?(©|\(c\) ?\d{4}).*",
            r"copyright:? (©|\(c\) )?\d{4}( ?- ?\d{4})?( .*)?",
            r".*\b(all rights reserved|todos los derechos reservados|tous droits r[ée]serv[ée]s|"
            r"alle rechte vorbehalten|tutti i diritti riservati|todos os direitos reservados)\b.*",
        ),
        max_words=30,
        prose_guard=False,
    ),
    Rule(
        "comments",
        (
            r"(\d+ )?(comments?|replies|responses)",
            r"(leave|add|post|write|show|view|hide|read|see|load|open) (a |all |the |"
            r"more )?(\d+ )?(comments?|replies|reply)",
            r"join the (conversation|discussion|debate)",
            r"comments (are|have been) (closed|disabled|turned off)",
            r"(log|sign) in to (comment|reply|join the conversation).*",
            r"be the first to comment.*",
            r"reply",
            r"report( abuse)?",
            r"(\d+ )?likes?",
            r"comentarios?",
            r"deja un comentario",
            r"commentaires?",
            r"laisser un commentaire",
            r"r[ée]agir",
            r"kommentare?",
            r"kommentieren",
            r"commenti",
            r"coment[áa]rios",
        ),
        max_words=10,
    ),
    # Photo captions and credits.
    Rule(
        "caption",
        (
            r"(image|photo|picture|media|video|graphic) (caption|credit|source|copyright|"
            r"courtesy)s?([:,]? .*)?",
            r"(photo(graph)?|picture|image|credits?|foto|caption|illustration|pictured)s?( by|"
            r" credit| courtesy( of)?)? ?: ?.*",
            r"(photo(graph)?s?|pictures?|images?|video) (by|courtesy( of)?|via) .*",
            r"photographed by .*",
            r"([\w .'-]+ ?/ ?)?(getty images|shutterstock|reuters|ap|afp|epa|alamy|istock|"
            r"bloomberg|dpa|ansa|efe)( via .*)?",
            r"(ap|afp|reuters|getty|epa)( photo| images?)( by .*| ?/ ?.*)?",
        ),
        max_words=25,
        prose_guard=False,
    ),
    # Wire-service sign-offs and editorial notes at the foot of an article.
    Rule(
        "credits",
        (r"(additional )?(reporting|writing|editing|research) by .*",),
        max_words=30,
    ),
    Rule(
        "editor-note",
        (
            r".*\bcontributed (reporting )?(to )?(this|the) (report|story|article)",
            r"our standards ?: .*",
            r"this (article|story|piece) (was|has been) (originally )?(published|updated|amended|"
            r"corrected|first published).*",
            r"(corrections?|clarifications?) ?:.*",
        ),
        max_words=30,
        prose_guard=False,
    ),
    Rule(
        "dateline",
        (
            r"(published|updated|posted|last (updated|modified)|modified)( on| at)?:? (.*\d.*|"
            r"\w+ ago|yesterday|today|just now)",
            r"\d+ (seconds?|minutes?|mins?|hours?|hrs?|days?) ago",
            r"(publicado|actualizado|publi[ée]|mis [àa] jour|ver[öo]ffentlicht|aktualisiert|"
            r"pubblicato|aggiornato|atualizado)( (el|le|am|il|em|a las?|à))?:? .*\d.*",
        ),
        max_words=16,
    ),
    # A bare address on a line of its own: a link or contact, not a sentence.
    Rule(
        "address",
        (r"(https?://|www\.)\S+", r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
        max_words=1,
    ),
    Rule(
        "navigation",
        (
            r"skip to (main )?(content|navigation|main|search)",
            r"back to (top|home)",
            r"jump to .{1,30}",
            r"toggle (navigation|menu)",
            r"(main |open |close )?menu",
            r"search( site| website| archive| news)?",
            r"home( ?page)?",
            r"(log|sign) ?(in|out|up)",
            r"register",
            r"my account",
            r"account",
            r"close",
            r"loading",
            r"(print|save|email|download) (this )?(article|story|page)",
            r"watch( now| live| video| the video)?",
            r"(watch|video|listen|audio|live) ?: .*",
            r"tags?( ?:.*)?",
            r"topics ?:.*",
            r"filed under( ?:.*)?",
            r"categor(y|ies)( ?:.*)?",
            r"etiquetas( ?:.*)?",
            r"mots-cl[ée]s( ?:.*)?",
            r"themen( ?:.*)?",
            r"(zur|zum) (startseite|navigation|inhalt)",
            r"ir al contenido",
            r"aller au contenu",
        ),
        max_words=20,
    ),
)

_RULE_BY_GROUP = {f"r{index}": rule for index, rule in enumerate(RULES)}


@cache
def _combined(*, prose: bool) -> re.Pattern[str]:
    """One alternation of every rule (only the unguarded ones for prose lines).

    Compiled on first use: it costs ~20 ms, which imports should not pay.
    """
    return re.compile(
        "|".join(
            f"(?P<{group}>{rule.pattern})"
            for group, rule in _RULE_BY_GROUP.items()
            if not (prose and rule.prose_guard)
        )
    )


_TRIM = " \t-–—•·*»«›‹>|:#….,;!?\"“”„'‘’()[]{}=_~+"
_BYLINE = re.compile(
    r"(By|BY|Von|Por|Par) ([A-ZÀ-Þ][\w'’.-]*)( [A-ZÀ-Þ][\w'’.-]*){0,3}"
    r"((,| and| und| y| et| e| &) ([A-ZÀ-Þ][\w'’.-]*)( [A-ZÀ-Þ][\w'’.-]*){0,3})*"
    r"( ?[|•·—-] ?.*)?"
)
_MENU_SEPARATORS = re.compile(r"\s*[|•·]\s*")
_MENU_MARKS = re.compile("[|•·]")
_BYLINE_STARTS = ("By ", "BY ", "Von ", "Por ", "Par ")
_BULLET = re.compile(r"^\s*(?:[-*+•·–—]|\d{1,3}[.)])\s+")
_TERMINAL = frozenset(".,;:。，；：।")
_PROSE_END = frozenset(".!?。！？।")
_PROSE_MIN_WORDS = 6
_RUN_BREAKERS = _TERMINAL | _PROSE_END
_MAX_RULE_WORDS = max(rule.max_words for rule in RULES)
_RUN_MAX_WORDS = 5
_MIN_LINK_RUN = 4


def normalize_line(line: str) -> str:
    """The form rules match against: lower case, straight apostrophes, no decoration."""
    folded = line.casefold()
    # str.translate looks up every character in a dict; three replace calls are C loops.
    folded = folded.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    return " ".join(folded.split()).strip(_TRIM)


def match_rule(line: str) -> Rule | None:
    """The rule that says `line` is chrome, or None when it may be article text."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_CHECKED_CHARS:
        return None
    return _rule_for(stripped)


@lru_cache(maxsize=4096)
def _rule_for(stripped: str) -> Rule | None:
    # Cached: chrome lines repeat within a page and across a batch of articles.
    normalized = normalize_line(stripped)
    if not normalized:
        return _DECORATION  # pure decoration ("* * *", "---", "»") carries no text
    words = normalized.count(" ") + 1
    if words > _MAX_RULE_WORDS:
        return None
    prose = words >= _PROSE_MIN_WORDS and stripped.rstrip("\"”’')")[-1:] in _PROSE_END
    match = _combined(prose=prose).fullmatch(normalized)
    if match is not None and match.lastgroup is not None:
        rule = _RULE_BY_GROUP[match.lastgroup]
        if words <= rule.max_words:
            return rule
    byline = words <= 15 and stripped.startswith(_BYLINE_STARTS) and stripped[-1] != "."
    if byline and _BYLINE.fullmatch(stripped):
        return _BYLINE_RULE
    if _MENU_MARKS.search(stripped) and _is_menu(stripped):
        return _MENU_RULE
    return None


_DECORATION = Rule("decoration", ())
_BYLINE_RULE = Rule("byline", ())
_MENU_RULE = Rule("menu", ())


def _is_menu(line: str) -> bool:
    parts = [part for part in _MENU_SEPARATORS.split(line) if part]
    return len(parts) >= 3 and all(len(part.split()) <= 4 for part in parts)


def is_headline_like(line: str) -> bool:
    """A short line that reads as a headline or link text rather than a sentence."""
    text = _BULLET.sub("", line).strip()
    if not text or len(text) > _HEADLINE_MAX_CHARS:
        return False
    if len(text.split()) > _HEADLINE_MAX_WORDS or text[-1] in _TERMINAL:
        return False
    return not text[0].islower()


def remove_boilerplate(lines: Sequence[str], *, structural: bool = True) -> list[str]:
    """Drop chrome lines; empty strings are paragraph separators and are kept.

    Also drops the headlines that follow "Next Article"/"Related"-style lines. With
    `structural` (plain text, where nothing marks links), runs of very short lines (menus,
    link lists) and a run of headlines that ends the text go too.
    """
    keep = [True] * len(lines)
    index = 0
    while index < len(lines):
        rule = match_rule(lines[index]) if lines[index] else None
        if rule is None:
            index += 1
            continue
        keep[index] = False
        index += 1
        dropped = 0
        while index < len(lines) and dropped < rule.followers:
            line = lines[index]
            if line.strip() and not is_headline_like(line) and match_rule(line) is None:
                break
            if line.strip():
                keep[index] = False
                dropped += 1
            index += 1
    if structural:
        _drop_short_runs(lines, keep)
        _drop_trailing_headlines(lines, keep)
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _is_short_line(line: str) -> bool:
    text = line.strip()
    # Splitting at most _RUN_MAX_WORDS times tells a short line from a long one without
    # cutting a whole article into words.
    return (
        bool(text)
        and len(text.split(maxsplit=_RUN_MAX_WORDS)) <= _RUN_MAX_WORDS
        and text[-1] not in _RUN_BREAKERS
    )


def _drop_short_runs(lines: Sequence[str], keep: list[bool]) -> None:
    """Menus and link lists: four or more consecutive very short lines."""
    run: list[int] = []
    for index in range(len(lines) + 1):
        if index < len(lines) and not keep[index]:
            continue  # already dropped lines neither extend nor break a run
        if index < len(lines) and _is_short_line(lines[index]):
            run.append(index)
            continue
        if len(run) >= _MIN_LINK_RUN:
            for member in run:
                keep[member] = False
        run = []


def _drop_trailing_headlines(lines: Sequence[str], keep: list[bool]) -> None:
    """Two or more teaser headlines after the last paragraph of prose."""
    tail: list[int] = []
    for index in range(len(lines) - 1, -1, -1):
        if not keep[index] or not lines[index].strip():
            continue
        if not is_headline_like(lines[index]):
            if len(tail) >= 2:
                for member in tail:
                    keep[member] = False
            return
        tail.append(index)
