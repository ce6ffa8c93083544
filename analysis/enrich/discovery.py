"""Discover people and organisations missing from the actor table from proper-noun phrases.

A run of capitalised words ("Iraq Ambassador Hassan Kazemi-Qomi") is cut at the actors already
found in it, stripped of titles, and kept as a person when something says it is one: a title
("Prime Minister", "Mr", "spokesman"), a speech verb after a two-word name ("John Smith said"),
or an apposition ("John Smith, chairman of ..."). A run ending in an organisation word ("Corp",
"Ministry", "Bank") is an organisation. Surnames then resolve within the article: "Crocker" is
the "Ryan Crocker" named before. Regular expressions do this rather than a tagger: the rules
need only capitalisation, and they run at wire-archive speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.enrich.spans import Spans


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a word list written as a block of text."""
    return text.split()


_UPPER = "A-ZÀ-ÖØ-Þ"
ABBREVIATIONS = frozenset(_words("""mr mrs ms dr gen col sen rep corp inc co ltd st jr sr lt capt
maj adm sgt gov prof rev messrs bros cmdr brig"""))
TOKEN = re.compile(
    rf"(?<![\w'’.-])(?:(?:al|el|ul|ad|as|ash|at|az|ed)-)?[{_UPPER}](?:\w|['’-](?=\w))*")
# TOKEN in a text where no capital follows a hyphen (most texts): no match can open with a
# prefix such as "al-", so each starts at a capital, which re then finds by skipping to one
# (the look-behind, after the capital, reads the character before it)
_CAPITAL_FIRST = re.compile(rf"[{_UPPER}](?<![\w'’.-].)(?:\w|['’-](?=\w))*")
_HYPHEN_CAPITAL = re.compile(rf"-[{_UPPER}]")
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# lower-case words that may join two capitalised ones inside a name
PARTICLES = frozenset({"de", "la", "van", "von", "der", "den", "bin", "ibn", "da", "di", "du",
                       "dos", "del", "le", "y", "al", "el", "ben"})
CONNECTORS = frozenset({"of", "for", "and", "&"})

TITLES = frozenset(_words("""
president vice prime minister premier chancellor secretary ambassador envoy king queen prince
princess crown sheikh sheik emir amir sultan ayatollah grand hojatoleslam imam cleric pope
general gen gen. lieutenant lt lt. colonel col col. major maj maj. captain capt capt. admiral
adm adm. sergeant sgt sgt. brigadier marshal mr mr. mrs mrs. ms ms. miss dr dr. prof prof.
professor sen sen. senator rep rep. representative congressman congresswoman governor gov gov.
mayor judge justice chairman chairwoman chief executive director spokesman spokeswoman
commander deputy speaker cardinal archbishop bishop rev rev. reverend lord lady sir dame head
commissioner counsellor adviser advisor undersecretary assistant attorney foreign finance
defence defense interior oil energy trade treasury agriculture commerce economy economics state
labour labor health industry transport information planning petroleum development affairs
home exchequer president-elect managing secretary-general director-general vice-president
vice-chairman co-chairman analyst economist strategist official diplomat negotiator leader
"""))
# a minister's portfolio: a title only as part of one ("Oil Minister", "Minister of Trade and
# Industry"), not alone ("Monthly Oil Market Report", "World Production and Trade Report")
PORTFOLIOS = frozenset(_words("""
foreign finance defence defense interior oil energy trade agriculture commerce economy economics
labour labor health industry transport information planning petroleum development home
"""))
# a lower-case word just before a name that makes it a person ("spokesman Ali Hosseini")
PERSON_CUES = frozenset(_words("""
president chairman chairwoman minister secretary ambassador envoy king queen prince sheikh
ayatollah cleric general colonel mr mr. mrs mrs. ms ms. dr dr. senator governor mayor judge
director commander deputy speaker leader official diplomat negotiator premier chancellor emir
sultan pope lawyer attorney trader dealer professor counsellor adviser advisor executive
officer manager partner founder editor spokesman spokeswoman analyst economist strategist
"""))
ORG_HEADS = frozenset(_words("""
corp corp. corporation inc inc. co co. ltd ltd. plc ag sa nv spa bv gmbh group holdings bank
bancorp bankshares ministry council commission committee agency association federation union
party organisation organization fund institute university board authority service court
parliament assembly front movement brigades exchange department office company industries
airlines airways petroleum oil motors steel chemical chemicals electric systems securities
partners trust insurance financial international investments capital communications
technologies resources foods mines mining railways
"""))
# the last word of a company's name: a place or country inside such a run is part of the name
COMPANY_HEADS = frozenset(_words("""
corp corp. corporation inc inc. co co. ltd ltd. plc ag sa nv spa bv gmbh group holdings bancorp
bankshares industries works airlines airways hotels partners trust
"""))
SPEECH_VERBS = frozenset(_words("""
said says say told tells added adds warned warns stated declared noted argued explained
insisted announced asked replied estimated predicted urged wrote commented stressed
emphasised emphasized acknowledged admitted conceded claimed maintained cautioned complained
recalled observed remarked concluded reported quoted
"""))
_APPOSITION = re.compile(
    r"^,\s+(?:\d{2},\s+)?(?:the\s+|a\s+|an\s+|who\s+|its\s+|their\s+)?(?:[\w.&'’-]+\s+){0,4}?"
    r"(?:chairman|chairwoman|president|director|minister|secretary|spokesman|spokeswoman|chief"
    r"|head|governor|analyst|economist|official|executive|manager|leader|ambassador|general"
    r"|commander|editor|professor|founder|owner|partner|treasurer|vice|senior|deputy|aide"
    r"|adviser|advisor|envoy|negotiator|strategist|trader|dealer|lawyer|attorney|member|mayor)\b",
    re.IGNORECASE)
_SAID_BEFORE = re.compile(r"(?:\b(?:said|says|told|added)|according\s+to)\s+$", re.IGNORECASE)

MONTHS_AND_DAYS = frozenset(_words("""
january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
"""))
MONTHS = frozenset(_words("""january february march april may june july august september
october november december jan feb mar apr jun jul aug sep sept oct nov dec"""))
STOP = frozenset(ENGLISH_STOP_WORDS) | MONTHS_AND_DAYS | frozenset(_words("""
reuters reuter ap afp upi dpa yesterday today tomorrow earlier later meanwhile however despite
asked according analysts officials traders dealers sources shares prices sales profit revenue
net shr qtr year years last next new old one two three four five six seven eight nine ten
first second third fourth total including under while although though after before since
during following such both mln billion pct dlrs cts vs avg revs oper note notes year-ago
god allah christmas easter ramadan islam islamic christian muslim muslims jewish arab arabs
shi'ite shi’ite shiite shi'ites shi’ites shiites sunni sunnis kurd kurds kurdish communist
communists socialist socialists democrat democrats republican republicans conservative
conservatives labour liberal liberals north south east west northern southern eastern western
central national federal international world global royal imperial english french german
internet web online tv radio press news times post herald journal daily weekly
"""))
# words that name a kind of thing, not one organisation: a run made only of these and of
# organisation heads ("Foreign Ministry", "Central Bank") is no discovery
GENERIC = STOP | TITLES | ORG_HEADS | frozenset(_words("""
ministry government cabinet army navy military police forces force security people national
public private state states united general supreme high higher joint economic monetary
"""))


@dataclass(slots=True)
class Token:
    """One capitalised word (or particle) of the text, with its offsets."""

    text: str
    start: int
    end: int
    key: str = field(init=False, repr=False, compare=False)  # read many times per token

    def __init__(self, text: str, start: int, end: int) -> None:
        # written out (the dataclass keeps it): one call per token, not two with __post_init__
        self.text, self.start, self.end = text, start, end
        self.key = text.casefold()


@dataclass
class Discovery:
    """A person or organisation found in a text: its name as written there, and what said so."""

    kind: str  # "person" or "organisation"
    name: str
    start: int
    end: int
    cue: str  # "title", "speech", "apposition", "known" or "org-word"
    tokens: list[Token] = field(default_factory=list, repr=False)


def capitalised_runs(text: str) -> list[list[Token]]:
    """Runs of capitalised words joined by single spaces, particles and connectors."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    pattern = TOKEN if _HYPHEN_CAPITAL.search(text) else _CAPITAL_FIRST
    for match in pattern.finditer(text):
        word = match.group()
        dotted = len(word) == 1 or word.casefold() in ABBREVIATIONS
        if dotted and text.startswith(".", match.end()):
            word += "."  # an initial or an abbreviation ("J.", "Mr.", "Corp.")
        start = match.start()
        if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":  # without its possessive
            token = Token(word[:-2], start, start + len(word) - 2)
        else:
            token = Token(word, start, start + len(word))
        if current and ((between := text[current[-1].end:start]) == " " or _joins(between)):
            gap = between.strip()
            if gap:
                position = text.index(gap, current[-1].end)
                current.append(Token(gap, position, position + len(gap)))
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = [token]
        if token.end < start + len(word):  # a possessive ends the run: "Maliki’s office"
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _joins(gap: str) -> bool:
    """Whether the text between two capitalised words keeps them in one run."""
    if gap == " ":
        return True
    inner = gap.strip(" ")
    return gap.startswith(" ") and gap.endswith(" ") and " " not in inner and (
        inner in PARTICLES or inner in CONNECTORS)


def pieces(run: list[Token], taken: Spans) -> Iterable[list[Token]]:
    """The parts of a run left between spans already taken by known actors."""
    piece: list[Token] = []
    for token in run:
        if taken.overlaps(token.start, token.end):
            if piece:
                yield piece
            piece = []
        else:
            piece.append(token)
    if piece:
        yield piece


def classify(piece: list[Token], text: str) -> list[Discovery]:
    """The people and organisations a piece of a run names, when a cue says so."""
    words = _strip_leading(piece)
    if not words:
        return []
    title_at = max((i for i, t in enumerate(words) if t.key in TITLES), default=-1)
    heads = [i for i, t in enumerate(words) if t.key in ORG_HEADS]
    if heads and heads[-1] > title_at:  # "General Motors Corp", "Bank of Japan"
        organisation = _organisation(words)
        return [organisation] if organisation else []
    if title_at >= 0 and not _title_at(words, title_at):
        return []  # "Monthly Oil Market Report": a portfolio without its minister
    found = []
    if title_at > 0:  # "Exxon Corp Chairman Lee Raymond": the organisation before the title
        organisation = _organisation(words[:title_at])
        found += [organisation] if organisation else []
    name = _name_tokens(words[title_at + 1:])
    if name:
        cue = "title" if title_at >= 0 else _person_cue(name, text)
        if cue is not None and (len(name) > 1 or cue == "title"):
            found.append(Discovery("person", text[name[0].start:name[-1].end], name[0].start,
                                   name[-1].end, cue, name))
    return found


def _title_at(words: list[Token], i: int) -> bool:
    """Whether the i-th word, one of TITLES, is a title: a portfolio only before another title
    ("Oil Minister") or after a title that is no portfolio ("Minister of Trade and Industry")."""
    if words[i].key not in PORTFOLIOS:
        return True
    return ((i + 1 < len(words) and words[i + 1].key in TITLES)
            or any(t.key in TITLES and t.key not in PORTFOLIOS for t in words[:i]))


def _strip_leading(piece: list[Token]) -> list[Token]:
    """The piece without its leading stop words and connectors ("The", "But", "of")."""
    i = 0
    while i < len(piece) and (piece[i].key in STOP or piece[i].key in CONNECTORS
                              or piece[i].key in PARTICLES) and piece[i].key not in TITLES:
        i += 1
    return piece[i:]


def _organisation(words: list[Token]) -> Discovery | None:
    """An organisation when the words end in an organisation head and name something particular."""
    words = [*words]
    while words and (words[0].key in TITLES or words[0].key in CONNECTORS
                     or words[0].key in STOP) and words[0].key not in ORG_HEADS:
        words.pop(0)
    heads = [i for i, t in enumerate(words) if t.key in ORG_HEADS]
    if not heads or heads[-1] == 0:
        return None
    span = words[:heads[-1] + 1]
    if all(t.key in GENERIC or t.key in CONNECTORS or t.key in PARTICLES for t in span):
        return None
    if any(_all_caps(t) and len(t.text) > 4 for t in span):
        return None  # a sub-heading in capitals, not a name
    return Discovery("organisation", _join(span), span[0].start, span[-1].end, "org-word", span)


def _join(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)


def _name_tokens(words: list[Token]) -> list[Token]:
    """The tokens of a person's name: cut at a connector, each one looking like a name word."""
    name: list[Token] = []
    for token in words:
        if token.key in CONNECTORS:
            break
        name.append(token)
    while name and name[-1].key in PARTICLES:
        name.pop()
    if not 1 <= len(name) <= 4 or name[0].key in PARTICLES:
        return []
    if any(not _namey(t) for t in name if t.key not in PARTICLES):
        return []
    if not any(len(t.text.rstrip(".")) > 1 and t.key.rstrip(".") not in SUFFIXES for t in name):
        return []  # only initials and suffixes: "A.", "Jr."
    return name


def _namey(token: Token) -> bool:
    """Whether a token can be part of a person's name."""
    word = token.text
    if (token.key in GENERIC and token.key not in MONTHS) or token.key in ORG_HEADS:
        return False  # months may be names: "Jan Kowalski", "Theresa May"
    if _all_caps(token) and len(word) > 2 and not word.endswith("."):
        return False  # acronyms and headings in capitals
    return any(ch.isalpha() for ch in word)


def _all_caps(token: Token) -> bool:
    letters = [ch for ch in token.text if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _person_cue(name: list[Token], text: str) -> str | None:
    """What says an untitled name is a person: a title word before, a speech verb, an apposition."""
    before = text[max(0, name[0].start - 30):name[0].start]
    previous = before.split()[-1].casefold().strip(",") if before.split() else ""
    if previous in PERSON_CUES and before.endswith(" "):
        return "title"
    if len(name) < 2:
        return None
    after = text[name[-1].end:name[-1].end + 120]
    following = after.split(maxsplit=1)[0].casefold().strip(",.") if after.strip() else ""
    if following in SPEECH_VERBS and after.startswith(" "):
        return "speech"
    if _SAID_BEFORE.search(before):
        return "speech"
    if _APPOSITION.match(after):
        return "apposition"
    return None


def surname_key(name: str) -> str:
    """The key a person's surname is resolved by: last word, without "al-" and case."""
    words = name.split()
    last = words[-1] if words else name
    return _ARTICLE_PREFIX.sub("", last.casefold().rstrip("."))


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ul|ad|as|ash|at|az|ed)-")
