"""What quote finding shares: a quote found, an article's mentions, and who a speaker is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis.enrich.discovery import TITLES
from analysis.schema import ACTOR, ACTOR_TYPE, END, START

PRONOUNS = {"he", "she"}
# a sentence's start, then at most three words (a title, "Reds manager") before a name
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?][\"”]?\s+|\n)(?:[\w.'’-]+\s+){0,3}$")


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


def named(mentions: pd.DataFrame) -> list[Named]:
    """An article's mentions (sorted by start) as the speaker search reads them."""
    columns = (mentions[column].tolist() for column in (START, END, ACTOR, ACTOR_TYPE))
    return [Named(*row) for row in zip(*columns, strict=True)]


def subject(text: str, since: int, quote_start: int, mentions: list[Named]) -> str | None:
    """The first person named as a sentence opens between the last attribution and a quote
    ("Gerrard had said before the game…. “…,” he said": he is Gerrard, not the last speaker)."""
    for m in mentions:
        if since <= m.start < quote_start and m.actor_type == "person" \
                and _OPENS_SENTENCE.search(text, max(since, m.start - 40), m.start):
            return m.actor
    return None


def speaker(who: str, who_start: int, quote_start: int, mentions: list[Named],
            last_speaker: str | None) -> str | None:
    """The canonical speaker: the actor named at the speaker's words, or a pronoun's referent."""
    if who.casefold() in PRONOUNS:
        if last_speaker is not None:
            return last_speaker
        before = [m for m in mentions if m.start < quote_start and m.actor_type == "person"]
        return before[-1].actor if before else None
    who_end = who_start + len(who)
    inside = [m for m in mentions if m.start >= who_start and m.end <= who_end]
    people = [m for m in inside if m.actor_type == "person"]
    if people:
        return people[-1].actor
    name, name_start = last_name(who)
    if who[:1].islower() and (name is None or _only_places(inside)):
        return None  # "a spokesman", "the American": no one named ("eighth seed Agassi" is)
    if name and not any(m.end > who_start + name_start for m in inside):
        return name  # "Bank of Japan chief Toshihiko Fukui": the person, not the bank
    return inside[-1].actor if inside else name


def _only_places(inside: list[Named]) -> bool:
    return bool(inside) and all(m.actor_type in {"country", "place"} for m in inside)


def last_name(who: str) -> tuple[str | None, int]:
    """The last run of capitalised words that are not titles in the speaker's words, and where
    it starts: the name after the words that describe the speaker."""
    run: list[re.Match] = []
    for word in re.finditer(r"[^\s,]+", who):
        if re.search(r"['’]s?$", word[0]):
            run = []  # "War on Want's John Hilary": the name after the owner
        elif word[0][:1].isupper() and word[0].casefold().rstrip(".") not in TITLES:
            run.append(word)
        elif run and word[0][:1].islower():
            run = []
    if not run:
        return None, len(who)
    return " ".join(word[0] for word in run), run[0].start()


def is_person(name: str, mentions: list[Named]) -> bool:
    """Whether the speaker is a person (or unknown to the mentions, so most likely one)."""
    kinds = [m.actor_type for m in mentions if m.actor == name]
    return not kinds or "person" in kinds
