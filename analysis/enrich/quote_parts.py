"""What quote finding shares: a quote found, an article's mentions, and who a speaker is."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

import pandas as pd

from analysis.enrich.discovery import ORG_HEADS, TITLES
from analysis.enrich.quote_patterns import VERBS
from analysis.schema import ACTOR, ACTOR_TYPE, ARTICLE_ID, END, START

PRONOUNS = {"he", "she"}
# a speech verb right after a name ("… Lord Rennard said. He said it was "nothing personal"")
_SAID_AFTER = re.compile(rf"(?:,[^,\n]{{1,60}},)?\s+(?:has\s+|had\s+)?(?:{VERBS})\b")
# a description with an article between a name and its speech verb ("Helena Kennedy, a Labour
# peer and a human rights lawyer, said"): the name is a person's, whatever the tagger took it for
_DESCRIBED_SAYS = re.compile(rf",\s+(?:a|an|the)\s+[^,\n]{{1,60}},\s+(?:has\s+|had\s+)?"
                             rf"(?:{VERBS})\b")
# a sentence's start, then at most three words (a title, "Reds manager", "His creator,") before
# a name
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?][\"”]?\s+|\n)(?:[\w.'’-]+,?\s+){0,3}$")


@dataclass(frozen=True)
class Quote:
    """One quote of a text: who said it (canonical, and as written), the verb, the words and
    their offsets; `indirect` for words reported by a source, not quoted."""

    speaker: str | None
    surface: str
    verb: str
    quote: str
    start: int
    end: int
    indirect: bool = False


class Named(NamedTuple):
    """One mention of an article, as the speaker search reads it."""

    start: int
    end: int
    actor: str
    actor_type: str


_START = attrgetter("start")


class Mentions(list[Named]):
    """An article's mentions sorted by start, with what the speaker search looks up by actor,
    found once per article: a scan of every mention for each quote made finding quotes
    quadratic in an article's length."""

    @cached_property
    def kinds(self) -> dict[str, set[str]]:
        """Each actor's kinds (person, organisation, place…) as the mentions give them."""
        kinds: dict[str, set[str]] = {}
        for m in self:
            kinds.setdefault(m.actor, set()).add(m.actor_type)
        return kinds

    @cached_property
    def first(self) -> dict[tuple[str, str], int]:
        """Where each actor is first mentioned as each kind."""
        first: dict[tuple[str, str], int] = {}
        for m in self:
            first.setdefault((m.actor, m.actor_type), m.start)
        return first

    @cached_property
    def bodies(self) -> list[str]:
        """The organisations mentioned, sorted (to find those whose name begins with words)."""
        return sorted({m.actor for m in self if m.actor_type == "organisation"})

    @cached_property
    def surnames(self) -> dict[str, set[str]]:
        """The people named in full (two words or more), by the last word of their name."""
        found: dict[str, set[str]] = {}
        for m in self:
            if m.actor_type == "person" and " " in m.actor:
                found.setdefault(m.actor.split()[-1], set()).add(m.actor)
        return found

    def before(self, actor: str, actor_type: str, at: int) -> bool:
        """Whether `actor` is mentioned as `actor_type` before the offset `at`."""
        return self.first.get((actor, actor_type), at) < at

    def bodies_beginning(self, words: str) -> Iterator[str]:
        """The organisations whose name begins with `words`."""
        for body in self.bodies[bisect_left(self.bodies, words):]:
            if not body.startswith(words):
                return
            yield body

    def speaking(self, text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]],
                                           list[tuple[int, str]]]:
        """For `speaking_body`, in order of offset: the bodies named as they speak ("Merrill
        Lynch said"), the others brought in as a firm ("Video game firm Bioware"), and the
        names brought in so that the tagger missed ("copy protection firm Macrovision"), each
        with where it starts (the last two where they end)."""
        cached = self.__dict__.get("_speaking")
        if cached is None or cached[0] is not text:
            says, brought = [], []
            for m in self:
                if m.actor_type == "organisation" and _BODY_SAYS.match(text, m.end):
                    says.append((m.start, m.actor))
                elif m.actor_type == "organisation" and _FIRM_BEFORE.search(
                        text, max(0, m.start - 20), m.start):
                    brought.append((m.start, m.actor))
            untagged = [(found.end(), found["name"]) for found in _FIRM_NAMED.finditer(text)]
            cached = (text, (says, brought, untagged))
            self.__dict__["_speaking"] = cached
        return cached[1]


def indexed(mentions: list[Named]) -> Mentions:
    """`mentions` (sorted by start) as `Mentions`, built once where they are not already."""
    return mentions if isinstance(mentions, Mentions) else Mentions(mentions)


def first_from(mentions: list[Named], at: int) -> int:
    """The index of the first of the mentions (sorted by start) that starts at `at` or after."""
    return bisect_left(mentions, at, key=_START)


def between(mentions: list[Named], start: int, end: int) -> list[Named]:
    """The mentions (sorted by start) that start at `start` or after and before `end`."""
    low = bisect_left(mentions, start, key=_START)
    return mentions[low:bisect_left(mentions, end, lo=low, key=_START)]


def _last_before(found: list[tuple[int, str]], at: int) -> str | None:
    """The name of the last of `found` ((offset, name), sorted) whose offset is before `at`."""
    index = bisect_left(found, at, key=lambda item: item[0])
    return found[index - 1][1] if index else None


def named_by_article(mentions: pd.DataFrame) -> dict[str, list[Named]]:
    """Each article's mentions in its text, sorted by start, as the speaker search reads them;
    a pronoun the name tagger took for a person ("He" opening a sentence) is none. (One sort
    and one conversion for all articles: a frame per article cost more than the quote rules.)"""
    if not len(mentions):
        return {}
    in_text = mentions[mentions[START] >= 0]
    in_text = in_text.sort_values([ARTICLE_ID, START], kind="stable")
    found: dict[str, list[Named]] = {}
    columns = (in_text[c].tolist() for c in (ARTICLE_ID, START, END, ACTOR, ACTOR_TYPE))
    for article_id, *row in zip(*columns, strict=True):
        if str(row[2]).casefold() not in _NOT_NAMES:
            of_article = found.get(article_id)
            if of_article is None:  # (not setdefault: one index made per article, not per row)
                of_article = found[article_id] = Mentions()
            of_article.append(Named(*row))
    return found


_NOT_NAMES = {"he", "she", "it", "they", "we", "i", "his", "her", "their", "its"}


def subject(text: str, since: int, quote_start: int, mentions: list[Named], *,
            last: bool = False) -> str | None:
    """The person who opens a sentence with a speech verb between the last attribution and a
    quote ("James Humphreys, ex-head of communications, says…"), else the first person named as
    a sentence opens there ("Gerrard had said before the game…. “…,” he said": he is Gerrard,
    not the last speaker); with no attribution before (`last`), the last one speaking or
    opening a sentence."""
    first = found = speaking = None
    for m in between(mentions, since, quote_start):
        if not (_names_one(text[m.start:m.end])
                and (m.actor_type == "person" or m.actor_type == "place"
                     and _DESCRIBED_SAYS.match(text, m.end))):
            continue  # (a "place" described as someone, who speaks, is a person)
        if text[m.end:m.end + 2] in {"'s", "’s"}:
            continue  # an owner is not the subject ("The book, Brown's Britain by…")
        opens = bool(_OPENS_SENTENCE.search(text, max(0, m.start - 40), m.start))
        if _SAID_AFTER.match(text, m.end) and (last or opens):
            speaking = m.actor
        if opens:
            first = first or m.actor
            found = m.actor
    return speaking or (found if last else first)


def speaker(who: str, who_start: int, quote_start: int, mentions: list[Named],
            last_speaker: str | None, *, earlier: tuple[str, ...] = (),
            last_body: str | None = None) -> str | None:
    """The canonical speaker: the actor named at the speaker's words, a body for its
    spokesman, or the referent of a pronoun or a description ("the lock forward": the last
    person; "the ministry": the last speaker that is a ministry, of `earlier` speakers; "the
    company" also the `last_body` that spoke)."""
    if who.casefold() in PRONOUNS:
        return last_speaker if last_speaker is not None else _last_person(mentions, quote_start)
    if _FIRST_PERSON.fullmatch(who):
        return None  # "I'd say…": the writer, no one named
    if who.casefold() == "it":  # the last body quoted ("It blamed…" after the ministry, "In a
        # statement, it added:" after Microsoft's words)
        index = indexed(mentions)
        return next((s for s in reversed(earlier) if s.casefold().split()[-1] in ORG_HEADS
                     or index.before(s, "organisation", quote_start)), None)
    who_end = who_start + len(who)
    inside = [m for m in between(mentions, who_start, who_end + 1) if m.end <= who_end
              and _names_one(who[m.start - who_start:m.end - who_start], m.actor_type)]
    body = _SPOKESMAN.match(who)
    if body and body["owner"]:  # "Mr Blair's spokesman": the one he speaks for
        owner = [m for m in inside if m.actor_type not in {"country", "place"}]
        return owner[-1].actor if owner else last_name(body["owner"])[0]
    if body:
        named_body = [m for m in inside if m.actor_type not in {"country", "place", "person"}]
        return named_body[0].actor if named_body else body["body"]
    head = _description(who)
    if who.startswith("The ") and head is not None and _only_places(inside, empty=True) \
            and head not in TITLES | ORG_HEADS | _BODY_HEADS | _FIRM_HEADS | _BODY_TITLES:
        return None  # opening a sentence: "The announcement said", "The Iraqi telex said"
    if head in _BODY_TITLES:
        return who.split(maxsplit=1)[1]  # "The Treasury"
    if head in ORG_HEADS | _BODY_HEADS | _FIRM_HEADS and _only_places(inside, empty=True):
        # ("the Canada-based company": a body, not the place it is based in)
        quoted = next((s for s in reversed(earlier) if s.casefold().split()[-1] == head), None)
        return quoted if quoted is not None or head not in _FIRM_HEADS else last_body
    if (head in _NOT_A_REFERENT or _plural(head)) and not inside:
        return None  # "the spokesman", "the experts": no one named
    # "the lock forward", "the England captain", "the Labour leader": a person described,
    # not the place or body named in the description
    if head is not None and head not in ORG_HEADS | _BODY_HEADS | _FIRM_HEADS | _NOT_A_REFERENT \
            and not any(m.actor_type == "person" for m in inside):
        return last_speaker if last_speaker is not None else _last_person(mentions, quote_start)
    people = [m for m in inside if m.actor_type == "person"
              and who[m.end - who_start:m.end - who_start + 2] not in {"'s", "’s"}]
    if people:  # (not an owner: "Salomon's di Clemente")
        return people[-1].actor
    name, name_start = last_name(who)
    seat = _headquarters_of(who, who_start, inside)
    if seat is not None:
        return seat  # "a spokesman at Airbus headquarters", Airbus tagged as a place
    if (who[:1].islower() or who.split()[0] in {"A", "An"}) \
            and (name is None or _only_places(inside)):
        return None  # "a spokesman", "A Japanese refiner": no one named ("eighth seed Agassi" is)
    name_at = who_start + name_start
    if name and any(m.start == name_at and m.actor_type in {"country", "place"} for m in inside):
        # "spokesman at Airbus headquarters in Toulouse": the body, not the place
        bodies = [m for m in inside if m.actor_type not in {"country", "place"}]
        return bodies[-1].actor if bodies else (None if who[:1].islower() else name)
    if name and not any(m.end > name_at for m in inside if m.actor_type not in {"country", "place"}
                        and not (m.start > name_at and m.end <= name_at + len(name))):
        return name  # "Bank of Japan chief Toshihiko Fukui": the person, not the bank
    return inside[-1].actor if inside else name


_AT_HEADQUARTERS = re.compile(r"\bat\s+$")


def _headquarters_of(who: str, who_start: int, inside: list[Named]) -> str | None:
    """The name in "at NAME headquarters" of a speaker's words: the body whose headquarters
    they are, even where the tagger took it for a place ("at London headquarters" is not said;
    "at the bank's London headquarters" has no "at" before the name)."""
    for m in inside:
        before, after = who[:m.start - who_start], who[m.end - who_start:]
        if _AT_HEADQUARTERS.search(before) and after.startswith(" headquarters"):
            return m.actor
    return None


_SPOKESMAN = re.compile(
    r"(?:(?:[Tt]he|[Aa]n?)\s+(?P<body>[A-Z].*?)|(?P<owner>[A-Z].*?)['’]s?(?:\s+official)?)"
    r"\s+(?:spokes(?:man|woman|person)|official)$")
_FIRST_PERSON = re.compile(r"(?:I|We)(?:['’][a-z]+)?")
_NOT_A_REFERENT = {"spokesman", "spokeswoman", "spokesperson", "official", "source", "sources",
                   "statement", "report", "agency"}


# a body's head that stands for the body named last ("Shell said…. "…," the firm said")
_FIRM_HEADS = {"company", "firm", "group", "bank", "corporation", "insurer", "carrier",
               "airline", "brokerage", "retailer", "utility", "maker"}
_BODY_HEADS = {"station", "broadcaster", "newspaper", "paper", "channel", "network", "firm",
               "government", "club", "band", "team", "league", "watchdog", "regulator", "report"}
# title words that are bodies when they head "the …" ("The Treasury dismissed…")
_BODY_TITLES = {"treasury", "interior", "defence", "defense", "justice", "health", "energy",
                "finance", "commerce", "economy", "agriculture", "industry", "home", "foreign"}
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ard|ish|man)$")  # "the American", "the Spaniard"


def _plural(head: str | None) -> bool:
    """Whether a description's head is a group of people ("the experts", "the analysts")."""
    return head is not None and head.endswith("s") and not head.endswith(("ss", "us", "is")) \
        and head not in ORG_HEADS | _BODY_HEADS


def _description(who: str) -> str | None:
    """The head noun of a definite description that names no one ("the lock forward", "The
    Foreign Secretary", "the England captain", "the American", "the ministry"), else None."""
    words = who.split()
    if len(words) < 2 or words[0].casefold() != "the":
        return None
    head = words[-1]
    if head.islower() or head.casefold() in TITLES or _DEMONYM.fullmatch(head):
        return head.casefold()
    return None


def _names_one(words: str, actor_type: str = "person") -> bool:
    """Whether a mention's words name one actor: not a person of titles only ("Foreign
    Secretary"; "Labour" is a party), nor a body run into a person by a title ("Foreign Policy
    Centre Mr Straw")."""
    titled = [w[:1].isupper() and w.casefold().rstrip(".") in TITLES for w in words.split()]
    return not (all(titled) and actor_type == "person") and not any(titled[1:-1])


def speaking_body(text: str, before: int, mentions: list[Named]) -> str | None:
    """The last body named as it speaks before `before` ("Merrill Lynch said…"), else the last
    one brought in as a firm ("Video game firm Bioware"): the one "the firm" or "the company"
    stands for when no quote was given to a body of that head."""
    says, brought, untagged = indexed(mentions).speaking(text)
    found = _last_before(says, before) or _last_before(brought, before)
    if found:
        return found
    # a name the tagger missed, brought in as a firm ("copy protection firm Macrovision"),
    # ending before `before` (an opening quotation mark, which no name runs over)
    return _last_before(untagged, before + 1)


# the words that bring a body in as a firm ("Video game firm Bioware"): no body having spoken,
# "the company" is the one brought in so
_FIRM_BEFORE = re.compile(r"\b(?:firm|company|group|maker|giant)\s+$")
_FIRM_NAMED = re.compile(r"\b(?:firm|company|group|maker|giant)\s+"
                         r"(?P<name>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})")


def last_match(matches: Iterator[re.Match]) -> re.Match | None:
    """The last of `matches`, or None."""
    found = None
    for found in matches:  # noqa: B007 (the last one is wanted)
        pass
    return found


_BODY_SAYS = re.compile(r"(?:\s+\([^()\n]{1,30}\))?\s+(?:has\s+|had\s+)?(?:said|says|told|added)\b")


def _last_person(mentions: list[Named], before: int) -> str | None:
    for index in range(first_from(mentions, before) - 1, -1, -1):
        if mentions[index].actor_type == "person":
            return mentions[index].actor
    return None


def _only_places(inside: list[Named], *, empty: bool = False) -> bool:
    """Whether the mentions name places only (or none, if `empty`)."""
    return (empty or bool(inside)) and all(m.actor_type in {"country", "place"} for m in inside)


# words that open a sentence before a name ("But Penny Little, who monitored…")
_LEADS = {"The", "A", "An", "But", "And", "Yet", "So", "However", "Meanwhile", "Now", "Then",
          "Also", "Still", "Instead", "Indeed", "Yesterday", "Today", "Tomorrow", "Earlier",
          "Later", "Separately"}
_PARTICLES = {"al", "el", "de", "la", "van", "von", "bin", "ibn", "da", "du", "di", "del",
              "della", "der", "le", "dos", "das"}
_BODY_NAME = re.compile(r"(?!(?:The|A|An)\s)(?P<name>[A-Z][\w&'’-]*(?:\s+(?:(?:of|and|for)\s+)?"
                        r"[A-Z][\w&'’-]*)*)$")


def last_name(who: str) -> tuple[str | None, int]:
    """The last run of capitalised words that are not titles in the speaker's words, and where
    it starts: the name after the words that describe the speaker."""
    body = _BODY_NAME.search(who)
    if body and body["name"].split()[-1].casefold() in ORG_HEADS:
        return body["name"], body.start("name")  # "the Finance and Economy Ministry"
    run: list[re.Match] = []
    words = list(re.finditer(r"[^\s,]+", who))
    for i, word in enumerate(words):
        joins = word[0] in _PARTICLES or bool(run) and word[0] in {"of", "and", "for"}
        joins = joins and i + 1 < len(words) and words[i + 1][0][:1].isupper()
        # ("Bank of England", "Finance and Economy", "di Clemente")
        if re.search(r"['’]s?$", word[0]):
            run = []  # "War on Want's John Hilary": the name after the owner
        elif word[0][:1].isupper() and word[0].casefold().rstrip(".") in TITLES:
            run = []  # "… Centre Mr Straw": the name after the title
        elif not run and (word[0] in _LEADS or word[0].endswith("-based")):
            continue  # ("Montreal-based Alcan")
        elif joins or word[0][:1].isupper():
            run.append(word)
        elif run and word[0][:1].islower():
            run = []
    if not run:
        return None, len(who)
    return " ".join(word[0] for word in run), run[0].start()


def is_person(name: str, mentions: list[Named], who: str = "") -> bool:
    """Whether the speaker is a person: unknown to the mentions (so most likely one), a person
    to them, or described by a title ("Her coach Aston Moore", whom the tagger took for a
    body)."""
    kinds = indexed(mentions).kinds.get(name, set())
    titled = any(w.casefold() in TITLES for w in who.split()[:-1])
    return not kinds or "person" in kinds or titled
