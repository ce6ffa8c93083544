"""Aho-Corasick search for the actor table's aliases (word-bounded, longest first); datelines."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick
import pandas as pd

# an alias this long or longer also matches written in capitals ("IRAN" for "Iran"); shorter
# ones ("US", "UN", "Fed") match only as written, so "us" and "fed" never do
CAPS_MIN_LETTERS = 4


@dataclass(frozen=True)
class AliasHit:
    """One alias found in a text: offsets (end exclusive), the actor's row, the words as written."""

    start: int
    end: int
    row: int
    surface: str


class AliasMatcher:
    """All aliases of an actor table in one automaton; `find` lists the hits in a text."""

    def __init__(self, actors: pd.DataFrame) -> None:
        self.automaton = ahocorasick.Automaton()
        for row, aliases in enumerate(actors["aliases"]):
            for alias in aliases:
                for key in _variants(alias):
                    # a later row wins a shared alias: the analyst's file is merged last
                    self.automaton.add_word(key, (len(key), row))
        if len(self.automaton) == 0:
            self.automaton.add_word("\x00", (1, -1))
        self.automaton.make_automaton()

    def find(self, text: str) -> list[AliasHit]:
        """Word-bounded alias hits in `text`, leftmost-longest and never overlapping."""
        candidates = []
        for last, (length, row) in self.automaton.iter(text):
            start, end = last - length + 1, last + 1
            if row >= 0 and _bounded(text, start, end):
                candidates.append((start, -end, row))
        hits: list[AliasHit] = []
        reached = 0
        for start, negative_end, row in sorted(candidates):
            if start >= reached:
                hits.append(AliasHit(start, -negative_end, row, text[start:-negative_end]))
                reached = -negative_end
        return hits


def _variants(alias: str) -> set[str]:
    """The forms an alias is matched in: as written, and in capitals when it is long enough."""
    forms = {alias}
    if sum(ch.isalpha() for ch in alias) >= CAPS_MIN_LETTERS:
        forms.add(alias.upper())
    return forms


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as whole words (hyphens and apostrophes are boundaries)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


# a dateline's trailing date, as wire copy leaves it: ", March 3 -" or " - "
_DATELINE_DATE = re.compile(
    r"(?:[,\s]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d{0,2})?\s*[-–—]*\s*$",
    re.IGNORECASE)
_DATELINE_AGENCY = re.compile(r"\s*\((?:reuters?|ap|afp|upi|dpa)\)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DatelinePlace:
    """What a dateline names: the actor row of its place (or None) and the country it lies in."""

    surface: str
    row: int | None
    country_code: str | None


class DatelineReader:
    """Read "STAMFORD, Conn." or "BAGHDAD" against the actor table's place and country names."""

    def __init__(self, actors: pd.DataFrame) -> None:
        self.codes = list(actors["country_code"])
        self.names: dict[str, int] = {}
        self.regions: dict[str, int] = {}
        geographic = actors.index[actors["type"].isin(["place", "country"])]
        for row in geographic:
            position = actors.index.get_loc(row)
            for alias in actors.at[row, "aliases"]:
                self.names.setdefault(alias.casefold(), position)
            for alias in actors.at[row, "dateline_aliases"]:
                self.regions[alias.casefold()] = position
        for key, position in self.names.items():
            self.regions.setdefault(key, position)

    def read(self, dateline: str | None) -> DatelinePlace | None:
        """The place a dateline names, or None when it names nothing known."""
        if not dateline or not dateline.strip():
            return None
        cleaned = _DATELINE_AGENCY.sub(" ", _DATELINE_DATE.sub("", dateline.strip())).strip(" ,")
        if not cleaned:
            return None
        city, _, region = (part.strip() for part in cleaned.partition(","))
        region_row = self.regions.get(region.casefold()) if region else None
        city_row = self.names.get(city.casefold())
        code = self.codes[region_row] if region_row is not None else None
        if city_row is not None and (code is None or self.codes[city_row] == code):
            return DatelinePlace(city, city_row, self.codes[city_row])
        if code is not None:
            return DatelinePlace(city, None, code)
        return None
