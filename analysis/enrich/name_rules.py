"""What the name tagger's raw spans become: trimmed as news annotation has them, and of one kind
per name within a text.

`traded` makes a name whose share price moves right after it an organisation, `institutions`
one that opens with an institution's word and "of" ("University of Pennsylvania"); `common_words`
drops a person of one word that is mostly a lower-case word ("Sterling", the currency).
`trim` leaves out a leading "The" or connector and cuts a person's span after its last title
("U.S. Treasury Secretary James Baker" -> "James Baker"). `consistent` makes a text call a name
the same throughout, from its strongest evidence: a company name with its suffix ("Noranda
Inc") makes "Noranda" an organisation, and so does a share price move ("Santa Fe added 1/4":
a later "Santa Fe said" is the company), a full name ("James Baker") makes "Baker" a person; a
capitalised run the tagger left out is added when such evidence names it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from analysis.enrich.discovery import COMPANY_HEADS, TITLES
from analysis.enrich.spans import Spans

# a share price move right after a name: "Santa Fe added 1/4 to 15-1/8", "Texaco fell 1/2"
PRICE_MOVE = re.compile(
    r"\s+(?:rose|fell|added|gained|lost|dropped|slipped|climbed|eased|jumped|surged|slid|"
    r"firmed|declined|advanced|was\s+(?:up|down|off)|closed\s+(?:up|down))"
    r"\s+(?:\d+-)?\d+/\d+\b")
# a stock ticker right after a name: "Courtaulds Plc <CPS>", "PIEZO <PEPI>", "AB <PHAB ST>"
TICKER = re.compile(r"\s?<[A-Z0-9][A-Z0-9.&/-]*(?: [A-Z0-9.]+)?>")
# a news agency named by its name: "the official Tanjug news agency", "news agency Tass"
AGENCY_AFTER = re.compile(r"\s+news\s+agency\b", re.IGNORECASE)
AGENCY_BEFORE = re.compile(r"\bnews\s+agency\s+$", re.IGNORECASE)
# a word capitalised less often than this away from a sentence's start is a common word
COMMON_SHARE = 0.3
# a name opening with one of these and "of" is an organisation, whatever place ends it:
# "University of Pennsylvania", "Bank of Thailand", "Ministry of Finance"
INSTITUTIONS = frozenset({
    "university", "college", "school", "academy", "institute", "bank", "ministry", "department",
    "office", "bureau", "agency", "council", "commission", "committee", "board", "authority",
    "court", "association", "federation", "society", "league", "party", "church", "chamber"})
LEADING = frozenset({"the", "and", "of", "&", "for", "on", "'s", "’s"})
# the words that end a company's name, for the short forms a text calls it by: discovery's
# heads and a few more ("Williams Cos", "Asiavest Pty Ltd")
HEADS = COMPANY_HEADS | frozenset({"cos", "cos.", "cie", "pty", "llc", "lp", "kk", "k.k."})
# a first word of a company's name shorter than this, or capitalised in less than this share
# of its uses away from a sentence's start, is no short form of it ("First", "New", "General")
SHORT_LENGTH = 3
SHORT_SHARE = 0.5
# initials before a company's first word: "E.F. Hutton Group Inc", "G H Shintoh (Australia) Ltd"
INITIALS = re.compile(r"(?:[A-Z]\.?){1,3}")
# a first word shaped like a demonym is no short form ("American" of "American Express Co")
DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ian|ese|ish|ard|man|ch|i)")
SHORT_WORD = re.compile(r"[A-Z][a-z][A-Za-z'’-]*")
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
CAPITAL_WORD = re.compile(r"(?<![\w&'’.-])[A-Z][a-z][A-Za-z'’-]*(?![\w&-])")  # one, in text
# a capitalised word right before or after a short form, or a number after it: it is part of a
# longer name or a product ("Rover 75")
LONGER_BEFORE = re.compile(r"[A-Z][\w&'’.-]*\s+$")
LONGER_AFTER = re.compile(r"(?:'s|’s)?\s+[A-Z0-9]")
# a capitalised word or two in parentheses and a company's head after a name: "(Asia) Ltd"
PARENTHESISED = re.compile(r" \((?:[A-Z][\w.&'’-]*)(?: [A-Z][\w.&'’-]*)?\) ([A-Za-z.]+)(?![\w-])")
# an acronym: two to six capitals (or digits after the first), a word of its own, no ticker
ACRONYM = re.compile(r"(?<![\w&'’.<-])[A-Z][A-Z0-9]{1,5}(?![\w&>-])")
_WORD_BREAK = re.compile(r"[\s-]+")  # the words of a name, for its initials

# a noun saying that the name next to it is a firm: "record giant BMG", "his label Zomba",
# "The world's largest retailer, Wal-Mart," (before it) and "Gazprom, the biggest gas company
# in the world" (an apposition after it, a word or more before the noun: not "..., the
# company said"); not "the company's", "company spokesman Smith"
FIRM_NOUNS = (r"company|firm|giant|retailer|label|maker|manufacturer|carrier|airline|insurer|"
              r"conglomerate|broadcaster|publisher|subsidiary")
FIRM_SCREEN = re.compile(rf"\b(?:{FIRM_NOUNS})\b")
_FIRM_NOUN_WORDS = tuple(FIRM_NOUNS.split("|"))  # FIRM_SCREEN's nouns, for `_has_firm_noun`
FIRM_BEFORE = re.compile(rf"\b(?:{FIRM_NOUNS}),?\s+$")
FIRM_AFTER = re.compile(
    rf",\s+(?:the|a|an)\s+(?:(?!(?:the|a|an|that|which|who)\s)[\w.'’-]+,?\s+){{1,4}}?"
    rf"(?:{FIRM_NOUNS})\b(?!['’-])"
    r"(?!\s+(?:spokes|chairman|president|official|executive|director|chief|source|said|says|"
    r"reported|added|announced|told|stated|noted))")
# a capitalised run after a firm noun that is no name of a firm: a title ("company President")
RUN_WORD = re.compile(r"[A-Z][\w&'’.-]*")

# a body's word right after an organisation's name, that the name ends with: "U.S. Federal
# Reserve Board", "Swiss Bankers' Association", "Aeronautical Systems Division"
BODY_AFTER = re.compile(
    r"(?:['’]s?)? (?:Board|Association|Division|Committee|Commission|Council|Authority|Agency|"
    r"Institute|Bureau|Federation|Society)(?![\w&'’-])")

# a company's first word and a Romance particle the tagger left out before its name:
# "<Compagnie des >Machines Bull", "<Cie de >Saint-Gobain", "<Cassa di >Risparmio"
PARTICLE_BEFORE = re.compile(r"(?<![\w&'’.-])[A-Z][\w'’-]+ (?:de|des|du|di|della|del|da|do)"
                             r" $")

Span = tuple[int, int, str]  # (start, end, kind): token indexes or character offsets


# a company's legal form written with a stop that ends a sentence: "Corp." then a capital, a
# quote, a line's end or the text's end (Reuters writes "Corp" without one inside a sentence)
SUFFIX_WORDS = r"(?:Corp|Inc|Co|Ltd|Cos|Bros|Plc|PLC|Cie|Pty|Llc|LLC)"
SUFFIX_END = re.compile(r"\.(?=[ \t]*(?:\n|$)|\s+[A-Z\"“'‘(]|[\"”'’)])")
SUFFIX_BEFORE = re.compile(rf"(?<![\w.&-]){SUFFIX_WORDS}\.\Z")
SUFFIX_AFTER = re.compile(rf" {SUFFIX_WORDS}\.(?=[ \t]*(?:\n|$)|\s+[A-Z\"“'‘(]|[\"”'’)])")


def trim(spans: list[Span], word: Callable[[int], str]) -> list[Span]:
    """The token spans without leading "The"/connectors, a person's without titles before the
    name; `word(i)` is the i-th token. A span keeps at least its last token, and a span of
    connectors only (a quote's opening "The" tagged as a place) is no name."""
    out = []
    for first, last, kind in spans:
        while first < last and word(first).lower() in LEADING:
            first += 1
        if first == last and word(first).lower() in LEADING:
            continue
        if kind == "person":
            titles = [i for i in range(first, last) if _title(word(i))]
            first = titles[-1] + 1 if titles else first
        out.append((first, last, kind))
    return out


def _title(word: str) -> bool:
    return word.lower().rstrip(".") in TITLES


def traded(text: str, spans: list[Span], runs: Iterable[tuple[int, int]] = ()) -> list[Span]:
    """The spans, a name whose share price moves ("Santa Fe added 1/4") or that a stock ticker
    follows ("Dow <DOW>") an organisation; and each of the capitalised `runs` the spans left out
    that a ticker follows, as an organisation."""
    out = [(start, end, "organisation" if _traded(text, end) else kind)
           for start, end, kind in spans]
    listed = [(start, end, "organisation") for start, end in runs if TICKER.match(text, end)]
    return sorted(out + listed) if listed else out


def _traded(text: str, end: int) -> bool:
    return bool(PRICE_MOVE.match(text, end) or TICKER.match(text, end))


def institutions(text: str, spans: list[Span]) -> list[Span]:
    """The spans, a name opening with an institution's word and "of" an organisation."""
    out = []
    for start, end, kind in spans:
        words = text[start:end].split(maxsplit=2)
        if len(words) == 3 and words[0].lower() in INSTITUTIONS and words[1] == "of":
            kind = "organisation"
        out.append((start, end, kind))
    return out


def consistent(text: str, spans: list[Span], runs: list[tuple[int, int]], *,
               share: Callable[[str], float | None] | None = None) -> list[Span]:
    """`spans` (character offsets into `text`) relabelled where strong evidence in the text
    names the same words as another kind, plus the capitalised `runs` it names that no span
    covers. The first word of a company's name ("Mack" of "Mack Trucks Inc") is weaker
    evidence: it makes a person or place of that one word an organisation (not one with a
    personal title, "Mr Mack", nor a surname of a full name in the text), and each use that no
    span covers one, unless a capitalised word or a number is next to it (part of a longer
    name or a product; "Caltex and Shell will" is one, "Rover 75" not); with `share` (see
    `common_words`) not a word mostly written in lower case ("First" of "First Chicago Corp").
    So is each such use of a one-word organisation the text names ("to pay Photon" after
    "Photon said"; "Heck's" after "Heck's Inc"), if no span calls it another kind."""
    evidence = _evidence(text, spans)
    short = _short_names(text, spans, share)
    # one-word organisations the text names: each use no span covers is one too
    named = ({text[s:e] for s, e, k in spans if k == "organisation"}
             - {text[s:e] for s, e, k in spans if k != "organisation"}
             | {n for n, kinds in evidence.items() if kinds == {"organisation"}})
    named = {n for n in named if SHORT_WORD.fullmatch(n) and not _common(n, share)}
    if not evidence and not short and not named:
        return spans
    out = []
    for start, end, kind in spans:
        kinds = evidence.get(_key(text[start:end]))
        if kinds and len(kinds) == 1 and kind not in kinds:
            kind = next(iter(kinds))
        elif (not kinds and kind in ("person", "place") and text[start:end] in short
              and not _titled(text, start)):
            kind = "organisation"
        out.append((start, end, kind))
    tagged = None  # the spans' Spans, made when a run is named
    for start, end in runs:
        kinds = evidence.get(_key(text[start:end]))
        if kinds and len(kinds) == 1:
            if tagged is None:
                tagged = Spans((s, e) for s, e, _ in spans)
            if not tagged.overlaps(start, end):
                out.append((start, end, next(iter(kinds))))
    names = (short - evidence.keys()) | named
    before, taken = len(out), None  # the spans so far, made when a use of a name is met
    for start in _name_starts(text, names):
        match = CAPITAL_WORD.match(text, start)
        if match is None:
            continue
        word = match.group()
        if word not in names and ("'" in word or "’" in word):
            word = POSSESSIVE.sub("", word)  # "Mack's", "Synergetics'"
        end = start + len(word)
        if word not in names:
            continue
        if taken is None:
            taken = Spans((s, e) for s, e, _ in out[:before])
        if (not taken.overlaps(start, end)
                and not LONGER_BEFORE.search(text, max(0, start - 30), start)
                and not LONGER_AFTER.match(text, end)):
            out.append((start, end, "organisation"))
    return sorted(out)


def _name_starts(text: str, names: set[str]) -> list[int]:
    """Where one of `names` begins in `text`, in order: the only places a `CAPITAL_WORD` match
    that is one of them, or one of them with a possessive, can begin (such a match never
    begins inside another, so these matches are those `CAPITAL_WORD.finditer` finds)."""
    starts = set()
    for name in names:
        at = text.find(name)
        while at >= 0:
            starts.add(at)
            at = text.find(name, at + 1)
    return sorted(starts)


def parenthesised(text: str, spans: list[Span]) -> list[Span]:
    """`spans` (character offsets into `text`) with a company whose name holds a place or a
    word in parentheses before its head made one organisation: "Texaco Petroleum
    Maatschaapij (Netherlands) BV", "Morgan Grenfell (Asia) Ltd" (the tagger cut it in two or
    three: a company, a place, nothing for the head)."""
    out = list(spans)
    for start, end, _ in spans:
        match = PARENTHESISED.match(text, end)
        if match and match.group(1).lower() in HEADS:
            out = [(s, e, k) for s, e, k in out if not start <= s < match.end()]
            out.append((start, match.end(), "organisation"))
    return sorted(out)


def bodies(text: str, spans: list[Span]) -> list[Span]:
    """`spans` (character offsets into `text`) with an organisation's name that a body's word
    follows ("Board", "Association") made to end with it ("U.S. Federal Reserve Board",
    "Swiss Bankers' Association"), and an organisation's name right before it, one space
    apart, joined to it ("U.S. Air Force Aeronautical Systems Division")."""
    out: list[Span] = []
    for start, end, kind in spans:
        if out and start < out[-1][1]:  # the body's word, tagged a name of its own
            continue
        match = BODY_AFTER.match(text, end) if kind == "organisation" else None
        if match:
            end = match.end()
            if out and out[-1][2] == "organisation" and out[-1][1] + 1 == start \
                    and text[out[-1][1]] == " ":
                start = out.pop()[0]
        out.append((start, end, kind))
    return out


def suffixes(text: str, spans: list[Span]) -> list[Span]:
    """`spans` (character offsets into `text`) with a company's legal form that ends a sentence
    ("to acquire BankAmerica Corp.", "its unit, Dana Credit Corp.") made the name's end, without
    the full stop: the tagger often left such a "Corp." out (the marked news had it both ways),
    so the company was "BankAmerica" there and "BankAmerica Corp" elsewhere. A name the tagger
    ended with it keeps the stop only inside a sentence ("Alfa Corp. said")."""
    out: list[Span] = []
    for i, (start, end, kind) in enumerate(spans):
        if SUFFIX_END.match(text, end - 1) and SUFFIX_BEFORE.search(text, max(0, end - 8), end):
            end, kind = end - 1, "organisation"  # the stop that ends the sentence
        else:
            match = SUFFIX_AFTER.match(text, end)
            if match and (i + 1 == len(spans) or spans[i + 1][0] >= match.end()):
                end, kind = match.end() - 1, "organisation"
        out.append((start, end, kind))
    return out


def partners(text: str, spans: list[Span]) -> list[Span]:
    """`spans` (character offsets into `text`) with two people of one word joined by "and"
    made one organisation where they follow an organisation in a list: "Liggett Group and
    Brown and Williamson", "Altria Group, Brown and Williamson" (a firm named after its
    founders). Not a surname of a full name in the text, nor one with a title before it."""
    surnames = {text[s:e].split()[-1] for s, e, k in spans
                if k == "person" and " " in text[s:e].strip()}
    out: list[Span] = []
    skip = False
    for i, (start, end, kind) in enumerate(spans):
        if skip:
            skip = False
            continue
        if (kind == "person" and i + 1 < len(spans) and out and out[-1][2] == "organisation"
                and text[out[-1][1]:start] in (", ", " and ", ", and ")
                and text[end:spans[i + 1][0]] == " and " and spans[i + 1][2] == "person"
                and not _titled(text, start)
                and all(" " not in text[a:b].strip() and text[a:b] not in surnames
                        for a, b, _ in (spans[i], spans[i + 1]))):
            out.append((start, spans[i + 1][1], "organisation"))
            skip = True
            continue
        out.append((start, end, kind))
    return out


def particles(text: str, spans: list[Span]) -> list[Span]:
    """`spans` (character offsets into `text`) with an organisation that a capitalised word
    and a Romance particle come right before made to start with them: "Compagnie des Machines
    Bull" (the tagger found "Machines Bull"); not after a title ("Minister de ...")."""
    out = []
    for start, end, kind in spans:
        match = (PARTICLE_BEFORE.search(text, max(0, start - 30), start)
                 if kind == "organisation" else None)
        if (match and not _title(match.group().split()[0])
                and not any(s < start and match.start() < e for s, e, _ in spans)):
            start = match.start()
        out.append((start, end, kind))
    return out


def described(text: str, spans: list[Span], runs: Iterable[tuple[int, int]] = (), *,
              share: Callable[[str], float | None] | None = None) -> list[Span]:
    """`spans` (character offsets into `text`) with a name that a firm noun describes made an
    organisation, and each of the capitalised `runs` the spans left out that one describes
    added as one: "his label Zomba", "record giant BMG", "the world's largest retailer,
    Wal-Mart, has", "Gazprom, the biggest gas company in the world". A person of two words
    or more, and one with a title before it, keeps its kind ("company President John Smith"),
    and so does a place after "of" ("Wyrough and Loser Inc of Trenton, a maker of"); a name
    after a firm noun and a comma must have a comma after it too (an apposition). A run
    opening a sentence with a word mostly written in lower case ("Separately", "In
    September", with `share`, see `common_words`) is no name."""
    if not _has_firm_noun(text):
        return spans
    out = []
    for start, end, kind in spans:
        if (kind != "organisation" and _firm(text, start, end)
                and not (kind == "person" and (" " in text[start:end].strip()
                                               or _titled(text, start)))
                and not (kind == "place" and text[max(0, start - 3):start] == "of ")):
            kind = "organisation"
        out.append((start, end, kind))
    added = [(start, end, "organisation") for start, end in runs
             if len(text[start:end].split()) <= 3 and not _title(text[start:end].split()[0])
             and not (_opens(text, start) and _common(text[start:end].split()[0], share))
             and _firm(text, start, end)]
    return sorted(out + added) if added else out


def _has_firm_noun(text: str) -> bool:
    """Whether `FIRM_SCREEN` finds a firm noun in `text`: each noun looked for with `str.find`
    and its ends checked as `\\b` checks them (no word character, as re has it, either side)."""
    for noun in _FIRM_NOUN_WORDS:
        at = text.find(noun)
        while at >= 0:
            end = at + len(noun)
            if not (at and _word_character(text[at - 1])) and not (
                    end < len(text) and _word_character(text[end])):
                return True
            at = text.find(noun, at + 1)
    return False


def _word_character(char: str) -> bool:
    """Whether re's `\\w` matches `char` (a letter, digit or numeric character, or "_")."""
    return char.isalnum() or char == "_"


def _opens(text: str, start: int) -> bool:
    """Whether `start` opens the text, a line or a sentence."""
    before = text[max(0, start - 3):start].rstrip(" ")
    return not before or before[-1] in ".!?\n\"“"


def _firm(text: str, start: int, end: int) -> bool:
    """Whether a firm noun describes the name at start..end (`described`)."""
    before = FIRM_BEFORE.search(text, max(0, start - 40), start)
    if before and (not before.group().rstrip().endswith(",") or text[end:end + 1] == ","):
        return True
    return bool(FIRM_AFTER.match(text, end))


def acronyms(text: str, spans: list[Span], *,
             share: Callable[[str], float | None] | None = None) -> list[Span]:
    """`spans` (character offsets into `text`) plus the acronyms of the text's organisations
    and places of two words or more, each use the kind of the name whose initials it is:
    "Centre of Indian Trade Unions (CITU)", "the Sydney Futures Exchange, SFE", "Disasters
    Emergency Committee" ... "DEC" (an adjective before the name may be left out: "the
    Victorian Corporate Affairs Commission, CAC"). A span of the acronym of another kind
    takes it; a use next to a capitalised word (part of a longer name) and a word mostly
    written in lower case ("IT", with `share`, see `common_words`) are left alone."""
    initials: dict[str, set[str]] = {}
    for start, end, kind in spans:
        if kind == "person":
            continue
        words = [w for w in _WORD_BREAK.split(text[start:end]) if w[:1].isupper()]
        if len(words) < 2:
            continue
        for part in (words, words[1:]):
            if len(part) >= 2:
                initials.setdefault("".join(w[0] for w in part), set()).add(kind)
    # the text's acronyms, looked for only where it holds one of the initials at all
    used = set(ACRONYM.findall(text)) if any(a in text for a in initials) else set()
    found = {a: kinds for a, kinds in initials.items()
             if a in used and len(kinds) == 1 and not _common(a, share)}
    if not found:
        return spans
    out = []
    for start, end, kind in spans:
        kinds = found.get(text[start:end])
        out.append((start, end, next(iter(kinds)) if kinds else kind))
    taken = Spans((s, e) for s, e, _ in out)
    for match in ACRONYM.finditer(text):
        start, end = match.span()
        kinds = found.get(match.group())
        if (kinds and not taken.overlaps(start, end)
                and not LONGER_BEFORE.search(text, max(0, start - 30), start)
                and not LONGER_AFTER.match(text, end)):
            out.append((start, end, next(iter(kinds))))
    return sorted(out)


def _common(word: str, share: Callable[[str], float | None] | None) -> bool:
    """Whether news mostly writes `word` in lower case (unknown: no)."""
    capital = share(word.lower()) if share else None
    return capital is not None and capital < COMMON_SHARE


def _short_names(text: str, spans: list[Span],
                 share: Callable[[str], float | None] | None) -> set[str]:
    """The first words of the text's companies of three words or more with their heads
    ("Mack" of "Mack Trucks Inc", "Sanivan" of "Sanivan Group Inc", initials aside: "Hutton" of
    "E.F. Hutton Group Inc"): a word of a capital and
    lower-case letters, no demonym, not mostly written in lower case."""
    found = set()
    for start, end, kind in spans:
        words = text[start:end].split()
        if kind != "organisation" or len(words) < 3 or words[-1].lower() not in HEADS:
            continue
        first = next((w for w in words if not INITIALS.fullmatch(w)), "")
        capital = share(first.lower()) if share else None
        if (len(first) >= SHORT_LENGTH and SHORT_WORD.fullmatch(first)
                and not DEMONYM.fullmatch(first) and (capital is None or capital >= SHORT_SHARE)):
            found.add(first)
    if not found:
        return found
    return found - {text[s:e].split()[-1] for s, e, kind in spans
                    if kind == "person" and " " in text[s:e].strip()}


def _titled(text: str, start: int) -> bool:
    """Whether a personal title ("Mr", "Lord") is the word right before `start`."""
    before = text[max(0, start - 20):start].split()
    return bool(before) and _title(before[-1])


def common_words(text: str, spans: list[Span], share: Callable[[str], float | None],
                 *, below: float = COMMON_SHARE) -> list[Span]:
    """The spans less a person of one word that news mostly writes in lower case ("Sterling
    was briefly depressed": the currency), unless the text names a person in full with it as
    surname ("John Major" ... "Major said"). `share(word)` is how often the lower-case word
    is written with a capital away from a sentence's start (None: unknown)."""
    surnames = {text[start:end].split()[-1] for start, end, kind in spans
                if kind == "person" and " " in text[start:end].strip()}
    out = []
    for start, end, kind in spans:
        word = text[start:end]
        if kind == "person" and " " not in word and word not in surnames:
            capital = share(word.lower())
            if capital is not None and capital < below:
                continue
        out.append((start, end, kind))
    return out


def _key(surface: str) -> str:
    return " ".join(surface.split())


def _may_name_agency(text: str) -> bool:
    """Whether `AGENCY_AFTER` or `AGENCY_BEFORE` may match in `text`: an ASCII text without
    "agency" in any case cannot; outside ASCII, always (re folds case beyond `lower`)."""
    return not text.isascii() or "agency" in text.lower()


def _evidence(text: str, spans: list[Span]) -> dict[str, set[str]]:
    """Names a text gives strong evidence for, with their kinds: the name part of a company
    ("Noranda" of "Noranda Inc"), a name whose share price moves ("Santa Fe added 1/4"), a
    news agency ("the official Tanjug news agency") and the surname of a full name ("Baker" of
    "James Baker")."""
    evidence: dict[str, set[str]] = {}
    agency = _may_name_agency(text)
    for start, end, kind in spans:
        words = text[start:end].split()
        if agency and (AGENCY_AFTER.match(text, end)
                       or AGENCY_BEFORE.search(text, max(0, start - 20), start)):
            evidence.setdefault(_key(text[start:end]), set()).add("organisation")
        elif kind == "organisation" and len(words) > 1 and words[-1].lower() in HEADS:
            name = words[:-1]  # and its leading parts: "Santa Fe" of "Santa Fe Pacific Corp"
            while len(name) > 1 and name[-1].lower() in HEADS:  # "Moore" of "Moore Corp Ltd"
                name = name[:-1]
            for size in range(min(2, len(name)), len(name) + 1):
                evidence.setdefault(" ".join(name[:size]), set()).add(kind)
        elif kind == "organisation" and _traded(text, end):
            evidence.setdefault(_key(text[start:end]), set()).add(kind)
        elif kind == "person" and len(words) > 1 and not words[-1].endswith("."):
            evidence.setdefault(words[-1], set()).add(kind)
    return evidence
