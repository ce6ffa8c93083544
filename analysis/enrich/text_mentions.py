"""Mentions in one text: alias hits, acting capitals, discovered people and organisations.

`text_mentions` is the per-text step of `analysis.enrich.actors.find_mentions`: it finds the
actor table's aliases (dropping those that are a word of a longer name, like "Jersey" in
"Jersey Central Power and Light Co" or "Colombo" in "Emilio Colombo"), turns a seat of
government that acts into its country, takes the people, organisations and places the name
tagger (`analysis.enrich.names`) finds where the table found nothing, discovers more from
proper-noun phrases with a title or speech cue in what is left, and resolves surnames to the
full names given before, and a body's bare head ("the Commission said") to the body named in
full before it.

The table comes first: a tagged name that overlaps an alias hit is the table's actor (its
canonical name, type and country). The tagger comes before the cue rules: on the dev sets it
found more people and organisations than the rules at a higher precision, and where the two
disagree (a share price's "Santa Fe added 1/4", "Prime Minister John Major") the tagger was
more often right (docs/names.md, "In actor finding"). The tagger's places the table lacks are
place mentions without a country code (so the countries an article is about stay the table's),
and a place or country of the table that is a word of a longer tagged person or organisation
("Bank of Thailand") gives way to it: on the dev sets the table's places alone lost the
tagger's ("Glenview") and cut its organisations ("University of Pennsylvania"). The same goes
for a body's short alias inside a longer company or person name ("Shell Canada Ltd", "Robert
Salomon"). A party's alias is no mention after a name word ("Social Democratic Party"), before
a title or common word when it is a portfolio too ("Labour Minister"), or right after another
country ("Norway's minority Labour government"); a tagged person loses a leading demonym and a
trailing "of" + owner, and a relative named by first name takes the family name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import pandas as pd

from analysis.enrich.acronyms import LEGAL_FORMS, defined_acronyms
from analysis.enrich.actor_table import slug
from analysis.enrich.alias_match import AliasHit, AliasMatcher, DatelineReader
from analysis.enrich.discovery import (
    COMPANY_HEADS,
    CONNECTORS,
    GENERIC,
    ORG_HEADS,
    STOP,
    TITLES,
    Discovery,
    Token,
    capitalised_runs,
    classify,
    pieces,
    surname_key,
)
from analysis.enrich.metonymy import stands_for_government
from analysis.enrich.name_rules import TICKER
from analysis.enrich.names import NameSpan
from analysis.enrich.spans import Spans

TAGGED_KINDS = ("person", "organisation", "place")  # the tagger's kinds that become mentions
_AND = re.compile(r"\s+and\s+")

# credit lines left in a body by a sloppy source: "(Additional reporting by X in Tehran)",
# "Reporting by X; Editing by Y", "By Ross Colvin" on its own line; they never yield mentions
_CREDITS = re.compile(
    r"\((?:[^()]{0,40}?\b(?:reporting|writing|editing|compiled|contributed)\b[^()]*)\)"
    r"|(?im:^[ \t]*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.*$)"
    r"|(?m:^[ \t]*by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}[ \t]*$)",
    re.IGNORECASE)
# what every credit line holds, in small letters: one of these words, or "by" opening a line;
# an ASCII text with none has no credit line, found without the pattern ignoring case (which
# tries each of its branches at every character)
_CREDIT_WORDS = ("reporting", "writing", "editing", "compiled", "contributed")
_BY_OPENING_THE_TEXT = re.compile(r"[ \t]*by\s")
_BY_OPENING_A_LINE = re.compile(r"\n[ \t]*by\s")  # (re skips from line break to line break)


@dataclass(frozen=True)
class Mention:
    """One mention before it becomes a row."""

    actor_id: str
    actor: str
    actor_type: str
    country_code: str | None
    surface: str
    start: int
    end: int
    where: str = "text"  # text, title or dateline


class ActorIndex:
    """What matching needs from an actor table, built once per `find_mentions` call."""

    def __init__(self, actors: pd.DataFrame) -> None:
        self.actors = actors.reset_index(drop=True)
        self.matcher = AliasMatcher(self.actors)
        self.datelines = DatelineReader(self.actors)
        self.ids = list(self.actors["id"])
        self.names = list(self.actors["name"])
        self.types = list(self.actors["type"])
        self.codes = list(self.actors["country_code"])
        self.stands_for = list(self.actors["stands_for"])
        # each actor's names of more than one word: what a text may spell out an acronym as
        self.long_names = [[name, *(alias for alias in aliases if " " in alias)]
                           for name, aliases in zip(self.names, self.actors["aliases"],
                                                    strict=True)]
        self.row_of = {actor_id: row for row, actor_id in enumerate(self.ids)}
        countries = self.actors[self.actors["type"] == "country"]
        self.formerly = {row["id"]: sorted(row["formerly"].items(), key=lambda kv: kv[1])
                         for row in countries.to_dict("records") if row["formerly"]}

    def mention(self, row: int, surface: str, start: int, end: int) -> Mention:
        return Mention(self.ids[row], self.names[row], self.types[row], self.codes[row], surface,
                       start, end)

    def in_period(self, mention: Mention, published: pd.Timestamp | None) -> Mention:
        """The mention as of the article's date: a successor state before it existed is its
        predecessor (RUS in 1987 is SUN), for the country code and for a country mention."""
        code = mention.country_code
        if code not in self.formerly or published is None or pd.isna(published):
            return mention
        day = published.strftime("%Y-%m-%d")
        old = next((former for former, until in self.formerly[code] if day < until), None)
        if old is None:
            return mention
        if mention.actor_type == "country" and old in self.row_of:
            row = self.row_of[old]
            return replace(mention, actor_id=old, actor=self.names[row], country_code=old)
        return replace(mention, country_code=old)


def text_mentions(text: str, *, index: ActorIndex, people: People | None = None,
                  names: list[NameSpan] | None = None) -> tuple[list[Mention], People]:
    """The mentions of a text in order, and the people it names in full (by surname key).

    `people` from another text of the article (its body, for its title) resolves surnames too.
    `names` are the tagger's names of the text (`analysis.enrich.names.tag_names`); None or
    empty leaves the cue rules alone to discover people and organisations.
    """
    masked = [(m.start(), m.end()) for m in _CREDITS.finditer(text)] if _may_credit(text) else []
    if "<" in text:  # a stock ticker ("General Motors Corp <GM>", "<UN.A>") names no one again
        masked += [(m.start(), m.end()) for m in TICKER.finditer(text)]
    credits = Spans(masked)
    runs = capitalised_runs(text)
    hits = _hits_outside_names(
        [hit for hit in index.matcher.find(text) if not credits.covers(hit.start, hit.end)],
        runs, index)
    # the acronyms the text defines ("(" opens each), read once for both rules that use them
    defined = defined_acronyms(text) if "(" in text else {}
    hits = _bodies_not_portfolios(_acronyms_of_others(hits, text, index, defined), text, index)
    names = _trimmed_people(names or [], hits, index, text)
    hits = _bodies_of_other_countries(_places_outside_tagged(hits, names, index), text, index)
    known = [_known_mention(hit, text, index) for hit in hits]
    taken = [(hit.start, hit.end) for hit in hits] + masked
    discoveries = _tagged(names, taken)
    taken += [(d.start, d.end) for d in discoveries]
    free = Spans(taken)
    discoveries += [found for run in runs for piece in pieces(run, free)
                    for found in classify(piece, text)]
    discoveries.sort(key=lambda d: d.start)
    people = {**(people or {}), **_people_registry(known, discoveries)}
    discovered = [_with_family_name(_discovered_mention(named, people), text)
                  for d in discoveries for named in _people_named_before(d, people)]
    taken += [(d.start, d.end) for d in discoveries if d.cue != "tagger"]
    heads = list(_heads_named_before(names, known + discovered, Spans(taken), text))
    taken += [(m.start, m.end) for m in heads]
    surnames = list(_surname_mentions(runs, taken, text, people))
    found = _acronyms_joined(known + discovered + heads + surnames, defined, index)
    return sorted(found, key=lambda m: (m.start, m.end)), people


def _may_credit(text: str) -> bool:
    """Whether `text` may hold a credit line (`_CREDITS`); outside ASCII, always (re folds
    case beyond `lower`)."""
    if not text.isascii():
        return True
    lower = text.lower()
    return (any(word in lower for word in _CREDIT_WORDS) or bool(
        _BY_OPENING_THE_TEXT.match(lower) or _BY_OPENING_A_LINE.search(lower)))


def _tagged(names: list[NameSpan], taken: list[tuple[int, int]]) -> list[Discovery]:
    """The tagger's people, organisations and places that no alias hit or credit line
    overlaps, less those that name no one (`names_no_one`)."""
    spans = Spans(taken)
    return [Discovery(span.kind, span.text, span.start, span.end, "tagger")
            for span in names if span.kind in TAGGED_KINDS and not names_no_one(span)
            and not spans.overlaps(span.start, span.end)]


# words a tagged name of one word can be without naming anyone: a pronoun opening a quote
# ("We remain optimistic"), a bare title ("the Prime Minister's Department" gave "Minister"),
# the head of an organisation named in full before ("the Bank said", "the Commission": a
# mention of that organisation, `_heads_named_before`, not an actor of its own)
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "us", "our", "ours", "them",
                       "their", "this", "that", "these", "those", "his", "her", "its", "my",
                       "me", "who"})
_BARE_HEADS = ORG_HEADS - {"parliament", "congress", "senate"}  # each a body in its own right
# a faith or people as an adjective ("supporting Shi'ite militias"): no one, of any kind
_GROUP_WORDS = frozenset({"shi'ite", "shi’ite", "shiite", "shia", "sunni", "kurdish", "islamic",
                          "muslim", "christian", "catholic", "protestant", "jewish", "arab",
                          "hindu", "sikh"})


def names_no_one(span: NameSpan) -> bool:
    """Whether a tagged name is one word that names no one: a pronoun, a faith or people as an
    adjective ("Shi'ite"), a bare title as a person, a bare organisation head ("Bank",
    "Commission", "Ministry") as an organisation."""
    words = span.text.split()
    if len(words) != 1:
        return False
    key = words[0].casefold().rstrip(".")
    return (key in _PRONOUNS or key in _GROUP_WORDS or (span.kind == "person" and key in TITLES)
            or (span.kind == "organisation" and key in _BARE_HEADS))


def _heads_named_before(names: list[NameSpan], found: list[Mention], taken: Spans,
                        text: str) -> Iterator[Mention]:
    """A body's bare head the tagger found ("the Commission said", "the Bank's") is a mention
    of the nearest organisation named before it in the text with that head as a word or a
    word's end ("European Commission", "Bundesbank"): its actor, the bare word as surface.
    With no such name before it, or right after a name's word ("Workers' Union": a name cut
    short), it names no one (`names_no_one`)."""
    bodies = sorted((m for m in found if m.actor_type in _BODY_TYPES and m.start >= 0),
                    key=lambda m: m.start, reverse=True)
    if not bodies:
        return
    for span in names:
        head = span.text.casefold()
        if span.kind != "organisation" or head not in _BODY_HEADS \
                or taken.overlaps(span.start, span.end):
            continue
        before = _WORD_BEFORE.search(text, max(0, span.start - 40), span.start)
        word = before["word"] if before is not None else ""
        if (word[:1].isupper() and word[-1] not in _ENDS and word.casefold() not in STOP) \
                or word[-1:] in ("'", "’"):
            continue
        named = next((m for m in bodies if m.end <= span.start and _has_head(m, head)), None)
        if named is not None:
            yield replace(named, surface=span.text, start=span.start, end=span.end)


_BODY_TYPES = frozenset({"organisation", "group"})
# the heads of bodies a story names in full and then by the head alone ("the Bank said"); not
# a company's legal form ("<Rolls-Royce Ltd>" cut at a line) or trade ("Mines, Power and Steel
# Minister", "Systems said")
_BODY_HEADS = frozenset({
    "bank", "commission", "committee", "council", "agency", "association", "federation",
    "union", "fund", "institute", "board", "authority", "court", "exchange", "department",
    "ministry", "office", "party", "front", "movement", "service", "university", "assembly",
    "corporation", "organisation", "organization"}) & _BARE_HEADS
_WORD_BEFORE = re.compile(r"(?P<word>\S+)[ \t]+\Z")
_ENDS = frozenset('.!?:;")')  # a capitalised word before these ends a sentence or a part


def _has_head(mention: Mention, head: str) -> bool:
    """Whether an organisation's name (as written or the table's) holds `head` as a word, or
    ends a longer word with it ("Bundesbank"; heads of four letters or more)."""
    words = {w.casefold().rstrip(".,") for name in (mention.surface, mention.actor)
             for w in name.split()}
    return head in words or (len(head) >= 4 and any(
        len(w) > len(head) and w.endswith(head) for w in words))


def _trimmed_people(names: list[NameSpan], hits: list[AliasHit], index: ActorIndex,
                    text: str) -> list[NameSpan]:
    """The tagger's names with each person cut to the person: without a demonym before the
    name ("Spaniard Guillermo Garcia-Lopez", "Australian Lleyton Hewitt": the country stays a
    mention of its own), and without a body after "of" that owns what follows ("Gerard Rijk of
    Inbev's strong performance")."""
    demonyms = {hit.start: hit for hit in hits if index.types[hit.row] == "country"
                and hit.surface != index.names[hit.row] and _DEMONYM.fullmatch(hit.surface)}
    trimmed = []
    for span in names:
        if span.kind == "person":
            hit = demonyms.get(span.start)
            if hit is not None and hit.end + 1 < span.end and text[hit.end] == " ":
                span = replace(span, start=hit.end + 1, text=text[hit.end + 1:span.end])
            owner = span.text.rfind(" of ")
            if owner > 0 and text[span.end:span.end + 2] in {"'s", "’s"}:
                span = replace(span, end=span.start + owner, text=span.text[:owner])
        trimmed.append(span)
    return trimmed


_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ian|ese|ish|ard|man|on|i|ch)")


def _places_outside_tagged(hits: list[AliasHit], names: list[NameSpan],
                           index: ActorIndex) -> list[AliasHit]:
    """The hits less the places and countries that are a word of a longer person or
    organisation the tagger found ("Bank of Thailand", "University of Pennsylvania",
    "Washington Post", "Iraqi Islamic Party"), when no other hit overlaps that name: the
    tagged name then stands, as the table knows nothing longer there."""
    dropped: set[int] = set()
    starts = [hit.start for hit in hits]  # in order (the matcher's)
    longest = max((hit.end - hit.start for hit in hits), default=0)
    for span in names:
        if span.kind not in ("person", "organisation"):
            continue
        near = range(bisect.bisect_left(starts, span.start - longest),
                     bisect.bisect_left(starts, span.end))
        over = [i for i in near if span.start < hits[i].end]
        if over and all(_gives_way(hits[i], span, index) for i in over):
            dropped.update(over)
    return [hit for i, hit in enumerate(hits) if i not in dropped]


def _gives_way(hit: AliasHit, span: NameSpan, index: ActorIndex) -> bool:
    """Whether an alias hit is a word of a longer tagged name that stands instead: a place or
    country; or a body's short name in a company's longer name ("Shell Canada Ltd", "Salomon
    Brothers Asia Ltd"), or a one-word body in a person's name ("Robert Salomon")."""
    if not (span.start <= hit.start and hit.end <= span.end
            and hit.end - hit.start < span.end - span.start):
        return False
    kind = index.types[hit.row]
    if kind in ("place", "country"):
        return True
    if kind != "organisation":
        return False
    if span.kind == "person":
        return " " not in hit.surface
    offset = hit.start - span.start
    rest = (span.text[:offset] + " " + span.text[offset + hit.end - hit.start:]).split()
    # a name word beside the body's name, not a company head alone ("Standard and Poor's Corp.")
    return span.text.split()[-1].casefold() in COMPANY_HEADS and not _BREAK.search(span.text) \
        and any(w[:1].isupper() and w.casefold() not in COMPANY_HEADS for w in rest)


_BREAK = re.compile(r"\.\s+[A-Z]|\n")  # a tagged name run on over a sentence's end


# a country's possessive and at most two lower-case words, or its demonym, right before a
# body ("Norway's minority Labour government", "Finland's Conservatives", "Israeli Labour")
_SAME_PHRASE = re.compile(r"(?:['’]s(?:\s+[a-z][\w-]*){0,2})?\s+")


SAME_NAME = 0.85  # how alike a text's name for an acronym and the actor's must be


def _acronyms_of_others(hits: list[AliasHit], text: str, index: ActorIndex,
                        defined: dict[str, str]) -> list[AliasHit]:
    """The hits less a table's acronym that stands for something else here: a stock ticker
    ("Allied-Lyons Plc <ALLD.L>", "<CPS>") or an acronym the text gives to another name
    ("Singapore National Printers Ltd (SNP)" is no Scottish National Party); `defined` is
    `defined_acronyms(text)`."""
    if "<" not in text and "(" not in text:
        return hits
    kept = []
    for hit in hits:
        surface = hit.surface
        if surface.isupper() and " " not in surface and len(surface) <= 6:
            if text[hit.start - 1:hit.start] == "<" and text[hit.end:hit.end + 1] == ">":
                continue  # a ticker, after the company's name
            name = defined.get(surface)
            if name and not (any(_same_name(name, own) for own in index.long_names[hit.row])
                             or any(other.row == hit.row
                                    and other.surface.casefold() in name.casefold()
                                    for other in hits if other is not hit)):
                continue  # (its own name, or an alias of it, given before the bracket stays)
        kept.append(hit)
    return kept


def _same_name(given: str, actor: str) -> bool:
    """Whether the name a text gives an acronym is the actor's (its name or a long alias),
    allowing for the spellings of news ("Food and Agricultural Organisation", "International
    Coffee Organistion", "General Agreement on Trade and Tariffs") but not another body's
    ("Islamic Development Bank" is not the Inter-American one): one holds the other, or the
    given name's last words are 85 % alike or the same words in another order."""
    given, actor = given.casefold(), actor.casefold()
    if actor in given or given in actor:
        return True
    words = actor.split()
    tail = given.split()[-len(words):]
    return sorted(tail) == sorted(words) or \
        SequenceMatcher(None, " ".join(tail), actor).ratio() >= SAME_NAME


def _acronyms_joined(found: list[Mention], defined: dict[str, str],
                     index: ActorIndex) -> list[Mention]:
    """The mentions with a body the text names in full and by the acronym it defines
    ("General Agreement of Tariffs and Trade (GATT)", "Singapore National Printers Ltd (SNP)")
    made one actor: the table's when one of the two is in it (the spelling the table lacks
    joins it), else the full name's. Two different actors of the table are left apart.
    `defined` is `defined_acronyms` of the text."""
    if not defined:
        return found
    found = list(found)
    for acronym, name in defined.items():
        short = [i for i, m in enumerate(found) if m.surface == acronym]
        full = [i for i, m in enumerate(found) if m.surface == name or (
            m.surface.startswith(name + " ")
            and m.surface[len(name) + 1:].rstrip(".").casefold() in LEGAL_FORMS)]
        if not short or not full:
            continue
        known = {found[i].actor_id for i in short + full if found[i].actor_id in index.row_of}
        if len(known) > 1:
            continue
        source = next((found[i] for i in short + full if found[i].actor_id in known),
                      found[full[0]])
        for i in short + full:
            mention = found[i]
            if mention.actor_id != source.actor_id and mention.actor_id not in index.row_of \
                    and mention.actor_type == "organisation":
                found[i] = replace(source, surface=mention.surface, start=mention.start,
                                   end=mention.end, where=mention.where)
    return found


def _bodies_of_other_countries(hits: list[AliasHit], text: str,
                               index: ActorIndex) -> list[AliasHit]:
    """The hits less a national body (a party, a ministry) that a country named just before
    it shows to be another country's namesake: "Norway's minority Labour government" is not
    Britain's Labour Party, "Finland's Conservatives" not its Conservative Party."""
    kept: list[AliasHit] = []
    for hit in hits:
        code = index.codes[hit.row]
        before = kept[-1] if kept else None
        if code is not None and index.types[hit.row] == "organisation" and before is not None \
                and index.types[before.row] == "country" and index.codes[before.row] != code \
                and _SAME_PHRASE.fullmatch(text, before.end, hit.start):
            continue
        kept.append(hit)
    return kept


# a title word, a body's head or a common word after a portfolio ("Labour Minister", "Labour
# Ministry", "Labour Day"): the portfolio, not the party that has its name
_PORTFOLIO_NEXT = re.compile(r" (?P<next>[A-Z][\w.'’-]*)")


def _bodies_not_portfolios(hits: list[AliasHit], text: str,
                           index: ActorIndex) -> list[AliasHit]:
    """The hits less the one-word aliases that are also a portfolio ("Labour", a party) when a
    title, an organisation head or a common word follows them ("Labour Minister Almir
    Pazzionotto", "the Labour Ministry"), and a party's name after a name word of a longer one
    ("Social Democratic Party", "Christian Democratic Party"): they name no party of the table."""
    kept: list[AliasHit] = []
    for hit in hits:
        before = _NAME_BEFORE.search(text, max(0, hit.start - 40), hit.start) \
            if index.names[hit.row].endswith(" Party") else None
        if before is not None and before["word"].casefold() not in _NOT_NAME_WORDS \
                and not (kept and kept[-1].end == before.end("word")):
            continue  # "Social Democratic Party" is not the Democratic Party ("British" is a hit)
        if " " not in hit.surface and hit.surface.casefold() in TITLES:
            after = _PORTFOLIO_NEXT.match(text, hit.end)
            if after is not None and (after["next"].casefold() in GENERIC
                                      or after["next"] in _PORTFOLIO_WORDS):
                continue
        kept.append(hit)
    return kept


_NAME_BEFORE = re.compile(r"\b(?P<word>[A-Z][\w-]*) $")  # (not a possessive: "Britain's")
# capitalised words before a party's name that are no part of a longer name
_NOT_NAME_WORDS = frozenset({
    "the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "opposition",
    "ruling", "governing", "main", "rival", "but", "and", "or", "if", "when", "while", "as",
    "after", "before", "since", "yesterday", "today", "now", "meanwhile", "however", "senior",
    "former", "leading", "many", "some", "both", "other", "several", "all", "most", "local",
    "veteran", "prominent"})
_PORTFOLIO_WORDS = {"Day", "Tribunal", "Relations", "Code", "Standards", "Law", "Laws", "Market"}


def _hits_outside_names(hits: list[AliasHit], runs: list[list[Token]],
                        index: ActorIndex) -> list[AliasHit]:
    """The hits that are not a word of a longer name: a company ("Jersey Central Power and
    Light Co"), or a person ("Emilio Colombo", "Stanley Fishman")."""
    if not hits:
        return hits
    starts = [hit.start for hit in hits]
    covered = Spans((hit.start, hit.end) for hit in hits)
    dropped: set[int] = set()
    for run in runs:
        if len(run) < 2:
            continue
        first = bisect.bisect_left(starts, run[0].start)
        last = bisect.bisect_left(starts, run[-1].end)
        inside = [i for i in range(first, last) if hits[i].end <= run[-1].end]
        geographic = [i for i in inside if index.types[hits[i].row] in ("place", "country")]
        if not geographic:
            continue
        if run[-1].key in COMPANY_HEADS:
            dropped.update(geographic)
            continue
        for i in geographic:
            if " " not in hits[i].surface and _next_to_name(hits[i], run, covered, index):
                dropped.add(i)
    return [hit for i, hit in enumerate(hits) if i not in dropped]


def _next_to_name(hit: AliasHit, run: list[Token], covered: Spans,
                  index: ActorIndex) -> bool:
    """Whether a one-word place or country has a name word just before it, or (a city) after."""
    position = next((i for i, t in enumerate(run) if t.start == hit.start), None)
    if position is None:
        return False
    before = run[position - 1] if position > 0 else None
    after = run[position + 1] if position + 1 < len(run) else None
    if before is not None and _name_word(before) and not covered.overlaps(before.start,
                                                                          before.end):
        return True
    return (index.types[hit.row] == "place" and after is not None and _name_word(after)
            and not covered.overlaps(after.start, after.end))


def _name_word(token: Token) -> bool:
    """A capitalised word that can be part of a name (not "The", "Minister", "of", "Mr.")."""
    return (token.key not in GENERIC and token.key not in CONNECTORS
            and not token.text.endswith("."))


def _known_mention(hit: AliasHit, text: str, index: ActorIndex) -> Mention:
    """The mention of an alias hit; a seat of government that acts is its country."""
    capital_of = index.stands_for[hit.row]
    if capital_of in index.row_of and stands_for_government(text, hit.start, hit.end):
        return index.mention(index.row_of[capital_of], hit.surface, hit.start, hit.end)
    return index.mention(hit.row, hit.surface, hit.start, hit.end)


def dateline_mention(dateline: str | None, index: ActorIndex) -> Iterator[Mention]:
    """The place a dateline names, as a mention outside the text (offsets -1)."""
    place = index.datelines.read(dateline)
    if place is None:
        return
    if place.row is not None:
        yield replace(index.mention(place.row, place.surface, -1, -1), where="dateline")
        return
    name = place.surface.title() if place.surface.isupper() else place.surface
    yield Mention(f"place/{slug(name)}", name, "place", place.country_code, place.surface, -1, -1,
                  where="dateline")


@dataclass
class _Person:
    actor_id: str
    name: str
    country_code: str | None


People = dict[str, _Person | None]


def _people_registry(known: list[Mention], discoveries: list[Discovery]) -> People:
    """The people a text names in full, by surname key and by full name (None: ambiguous)."""
    people: People = {}
    full = [(m.actor, _Person(m.actor_id, m.actor, m.country_code))
            for m in known if m.actor_type == "person"]
    full += [(d.name, _Person(f"person/{slug(d.name)}", d.name, None))
             for d in discoveries if d.kind == "person" and len(d.name.split()) > 1]
    for name, person in full:
        for key in {surname_key(name), name.casefold()}:
            other = people.get(key)
            if other is not None and other.actor_id != person.actor_id:
                people[key] = None  # two people share the surname: leave it unresolved
            elif key not in people:
                people[key] = person
    return people


def _people_named_before(found: Discovery, people: People) -> list[Discovery]:
    """A tagged organisation that is a person the text names in full ("Crocker" after the
    table's "Ryan Crocker") is that person, and one made of such people joined by "and"
    ("Crocker and Kazemi-Qomi") is each of them: the article's own evidence outweighs the
    tagger's."""
    if found.kind != "organisation" or found.cue != "tagger" or not people:
        return [found]
    cuts = [(m.start(), m.end()) for m in _AND.finditer(found.name)]
    bounds = [0, *(at for cut in cuts for at in cut), len(found.name)]
    parts = list(zip(bounds[::2], bounds[1::2], strict=True))
    if not all(people.get(_person_key(found.name[a:b])) is not None for a, b in parts):
        return [found]
    return [replace(found, kind="person", name=found.name[a:b], start=found.start + a,
                    end=found.start + b) for a, b in parts]


# "Fletcher's daughter Jill", "Mr Eavis' daughter Emily": a relative named by a first name
_RELATIVE = re.compile(r"(?P<family>[A-Z][\w-]+)(?:['’]s|['’])\s+(?:daughter|son|wife|husband|"
                       r"brother|sister|father|mother|widow|widower|grandson|granddaughter)\s+$")


def _with_family_name(mention: Mention, text: str) -> Mention:
    """A person named by a first name alone as someone's relative is named in full with the
    family name ("Fletcher's daughter Jill" is Jill Fletcher)."""
    if mention.actor_type != "person" or " " in mention.actor or mention.start < 0:
        return mention
    relative = _RELATIVE.search(text, max(0, mention.start - 40), mention.start)
    if relative is None:
        return mention
    name = f"{mention.actor} {relative['family']}"
    return replace(mention, actor_id=f"person/{slug(name)}", actor=name)


def _person_key(name: str) -> str:
    """How a name is looked up among the people a text names: a surname by its key."""
    return surname_key(name) if " " not in name else name.casefold()


def _discovered_mention(found: Discovery, people: People) -> Mention:
    """The mention of a discovery; a titled surname ("President Bush") takes the full name."""
    if found.kind == "person":
        person = people.get(found.name.casefold()) or (
            people.get(surname_key(found.name)) if len(found.name.split()) == 1 else None)
        if person is not None:
            return Mention(person.actor_id, person.name, "person", person.country_code,
                           found.name, found.start, found.end)
    actor_id = f"{found.kind}/{slug(found.name)}"
    return Mention(actor_id, found.name, found.kind, None, found.name, found.start, found.end)


def _surname_mentions(runs: list[list[Token]], taken: list[tuple[int, int]], text: str,
                      people: People) -> Iterator[Mention]:
    """Later mentions by surname alone ("Crocker said"), and full names said again untitled."""
    if not any(people.values()):
        return
    free = Spans(taken)
    for run in runs:
        for piece in pieces(run, free):
            for part in _split_at_connectors(piece):
                words = [t for t in part if t.key not in STOP and t.key not in TITLES]
                if not words:
                    continue
                name = text[words[0].start:words[-1].end]
                key = surname_key(name) if len(words) == 1 else name.casefold()
                person = people.get(key)
                if person is not None:
                    yield Mention(person.actor_id, person.name, "person", person.country_code,
                                  name, words[0].start, words[-1].end)


def _split_at_connectors(piece: list[Token]) -> Iterator[list[Token]]:
    part: list[Token] = []
    for token in piece:
        if token.key in CONNECTORS:
            if part:
                yield part
            part = []
        else:
            part.append(token)
    if part:
        yield part
