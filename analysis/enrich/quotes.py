"""Direct quotes and who said them: “…” or "…" with an attribution before or after it.

A quote is attributed by the words next to it in its paragraph: after (“…,” Crocker told
reporters / “…,” said Crocker) or before (Crocker said: “…” / according to Crocker, “…”). The
speaker is canonicalised through the article's mentions ("Crocker" is the "Ryan Crocker"
mentioned before); "he" or "she" is the last person named as a speaker, else the last person
mentioned before the quote. Quotes of fewer than three words (scare quotes) are left out.
Offsets are those of the quoted words, without the quotation marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis.enrich.discovery import TITLES
from analysis.schema import (
    ACTOR,
    ACTOR_TYPE,
    ARTICLE_ID,
    END,
    QUOTE_COLUMNS,
    START,
    TEXT,
    conform,
)

VERBS = ("said|says|say|told|tells|added|adds|warned|warns|stated|declared|noted|argued"
         "|explained|insisted|continued|asked|replied|wrote|commented|stressed|emphasised"
         "|emphasized|acknowledged|admitted|conceded|claimed|maintained|cautioned|complained"
         "|recalled|observed|remarked|concluded|announced|urged|predicted|added")
_NAME = (r"[A-ZÀ-Þ][\w.'’-]*"
         r"(?:\s+(?:(?:al|el|de|la|van|von|bin|ibn|da|du)\s+)?[A-ZÀ-Þ][\w.'’-]*){0,5}")
_SPEAKER = (rf"(?P<who>(?i:he|she|they)|(?:(?:the|a|an)\s+)?(?:[a-z-]+\s+){{0,2}}?(?:{_NAME})"
            r"|(?:the|a|an)\s+[a-z-]+(?:\s+[a-z-]+)?)")
_AFTER = re.compile(
    rf"^[\s,]*(?:{_SPEAKER}\s+(?P<verb>{VERBS})\b|(?P<verb2>{VERBS})\s+(?P<who2>{_NAME}"
    r"|(?:the|a|an)\s+[a-z-]+(?:\s+[a-z-]+)?))")
_BEFORE = re.compile(
    rf"(?:{_SPEAKER}\s+(?P<verb>{VERBS})(?:\s+[\w.'’-]+){{0,3}}?|(?P<verb2>[Aa]ccording\s+to)\s+"
    rf"(?P<who2>{_NAME}))\s*[:,]?\s*$")
_QUOTES = re.compile(r"“(?P<curly>[^“”]+)”|\"(?P<straight>[^\"\n]+)\"")
_PRONOUNS = {"he", "she"}
_MIN_WORDS = 3


@dataclass(frozen=True)
class _Quote:
    speaker: str | None
    surface: str
    verb: str
    quote: str
    start: int
    end: int


def find_quotes(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per attributed direct quote in each article's text (QUOTE_COLUMNS)."""
    in_text = mentions[mentions[START] >= 0] if len(mentions) else mentions
    positions = in_text.groupby(ARTICLE_ID).indices if len(in_text) else {}
    empty = mentions.iloc[0:0] if len(mentions.columns) else pd.DataFrame(
        columns=[ARTICLE_ID, ACTOR, ACTOR_TYPE, START, END])
    rows = []
    for article_id, text in zip(articles[ARTICLE_ID], articles[TEXT], strict=True):
        if not text or ("“" not in text and '"' not in text):
            continue  # no quotation marks, no quotes (and no mentions to sort for them)
        at = positions.get(article_id)
        named = _named(empty if at is None else in_text.iloc[at].sort_values(START))
        for quote in article_quotes(text, named):
            rows.append((article_id, quote.speaker, quote.surface, quote.verb, quote.quote,
                         quote.start, quote.end))
    frame = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    return conform(frame, QUOTE_COLUMNS, name="quotes")


class _Named(NamedTuple):
    """One mention of an article, as the speaker search reads it."""

    start: int
    end: int
    actor: str
    actor_type: str


def _named(mentions: pd.DataFrame) -> list[_Named]:
    columns = (mentions[column].tolist() for column in (START, END, ACTOR, ACTOR_TYPE))
    return [_Named(*row) for row in zip(*columns, strict=True)]


def article_quotes(text: str, mentions: list[_Named]) -> Iterator[_Quote]:
    """The attributed quotes of one text, given its mentions sorted by start."""
    last_speaker: str | None = None
    for match in _QUOTES.finditer(text):
        group = "curly" if match.group("curly") is not None else "straight"
        if len(match.group(group).split()) < _MIN_WORDS:
            continue
        found = _attribution(text, match.start(), match.end())
        if found is None:
            continue
        who, who_start, verb = found
        speaker = _speaker(who, who_start, match.start(), mentions, last_speaker)
        if speaker is not None and who.casefold() not in _PRONOUNS | {"they"}:
            last_speaker = speaker if _is_person(speaker, mentions) else last_speaker
        quoted = match.group(group)
        start = match.start(group) + len(quoted) - len(quoted.lstrip())
        end = match.start(group) + len(quoted.rstrip().rstrip(",").rstrip())
        yield _Quote(speaker, who, verb, text[start:end], start, end)


def _attribution(text: str, start: int, end: int) -> tuple[str, int, str] | None:
    """(speaker words, their offset, verb) from the words after the quote, else before it."""
    after_limit = text.find("\n", end)
    after = text[end:after_limit if after_limit >= 0 else len(text)][:120]
    match = _AFTER.match(after)
    if match:
        who_group = "who" if match.group("who") else "who2"
        verb = match.group("verb") or match.group("verb2")
        return match.group(who_group), end + match.start(who_group), verb.casefold()
    line_start = text.rfind("\n", 0, start) + 1
    before_start = max(line_start, start - 150)
    before = text[before_start:start]
    match = _BEFORE.search(before)
    if match:
        who_group = "who" if match.group("who") else "who2"
        verb = re.sub(r"\s+", " ", match.group("verb") or match.group("verb2"))
        return match.group(who_group), before_start + match.start(who_group), verb.casefold()
    return None


def _speaker(who: str, who_start: int, quote_start: int, mentions: list[_Named],
             last_speaker: str | None) -> str | None:
    """The canonical speaker: the actor named at the speaker's words, or a pronoun's referent."""
    if who.casefold() in _PRONOUNS:
        if last_speaker is not None:
            return last_speaker
        before = [m for m in mentions if m.start < quote_start and m.actor_type == "person"]
        return before[-1].actor if before else None
    who_end = who_start + len(who)
    inside = [m for m in mentions if m.start >= who_start and m.end <= who_end]
    if inside:
        people = [m for m in inside if m.actor_type == "person"]
        return (people or inside)[-1].actor
    if who[:1].islower():
        return None  # "a spokesman": no one named
    words = [w for w in who.split() if w.casefold().rstrip(".") not in TITLES]
    return " ".join(words) or None


def _is_person(speaker: str, mentions: list[_Named]) -> bool:
    """Whether the speaker is a person (or unknown to the mentions, so most likely one)."""
    kinds = [m.actor_type for m in mentions if m.actor == speaker]
    return not kinds or "person" in kinds
