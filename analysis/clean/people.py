"""Bylines that hold people: agency and desk names set apart, words glued to a name cut off.

Loaders take bylines as their formats give them (an HTML page's author, a feed's, a table's
column), and these hold more than names: "Reuters", "Staff Reports", "Admin", "CNN Business",
"Phil Helsel is a reporter for NBC News", "Malcolm Owen Monday", "Analysis by Chris Cillizza".
Each entry is split at commas, "and", "&", "|" and ";"; a lead-in ending in "by" is dropped; a
part keeps its leading name words (capitalised words, initials, particles such as "de" or
"van") and is cut at the first other word, at a weekday or month after two name words that
no name word follows ("Roger May" stays whole), or at a desk word ("Staff", "Business",
...). A part that keeps two to five name words is a person; a wire agency goes to `source` (or
to `credits` as the agency when the article has a source); anything else goes to `credits`
with the role "byline" (dates and times such as "Updated 3 hours ago" are dropped), so that
`byline` holds people only. A single word ("Admin", "Madonna") is not taken for a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.clean.story import WIRE_AGENCIES
from analysis.text import clean_line

_LEAD_IN = re.compile(r"^(?:[\w-]+\s+){0,2}?by\s*:?\s+|^by\s*:\s*", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|\||&|\s\band\b\s|\s[-–—/]\s)\s*", re.IGNORECASE)
_PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "den", "du", "dos", "das", "van",
                        "von", "bin", "ibn", "al", "el", "la", "le", "y", "ter", "ten"})
_DATE_LIKE = re.compile(r"\d|^(?:updated|published|posted)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z]{2,5}$")  # CNN, BBC, AP: an outlet, not a name
_TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "updated", "published", "posted",
})
# words of a desk, a team or a job, never of a name ("Staff Reports", "CNN Business")
DESK_WORDS = frozenset({
    "staff", "reports", "report", "desk", "team", "bureau", "newsroom", "editorial", "editor",
    "editors", "admin", "administrator", "webmaster", "business", "news", "wire", "wires",
    "service", "services", "press", "media", "digital", "online", "agency", "agencies",
    "correspondent", "correspondents", "writer", "writers", "reporter", "reporters",
    "contributor", "contributors", "columnist", "guest", "sponsored", "partner", "content",
    "opinion", "analysis", "review", "photos", "video", "newswire", "times", "post", "herald",
    "journal", "tribune", "daily", "weekly", "magazine",
})
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 5
_CAPS_SHARE = 0.8  # a part this much in capitals is a caps byline, its words title-cased


def sort_byline(entries: Iterable[str], *, source: str | None,
                ) -> tuple[list[str], str | None, list[dict[str, str | None]]]:
    """The people of a byline's `entries`, the source (a wire agency named there when `source`
    is missing, else `source`), and the credits of what was not a person."""
    people: list[str] = []
    credits: list[dict[str, str | None]] = []
    for entry in entries:
        for part in _parts(entry):
            name, agency = person(part), wire_agency(part)
            if name is not None:
                people.append(name)
            elif agency is not None and not source:
                source = agency
            elif not _DATE_LIKE.search(part):  # "Updated 3 hours ago" is no credit
                role = "agency" if agency is not None else "byline"
                credits.append({"role": role, "name": part, "place": None})
    return list(dict.fromkeys(people)), source, credits


def wire_agency(part: str) -> str | None:
    """The wire agency `part` names ("Reuters", "Reuters Staff", "AP Business Writer"), or
    None: an agency's name, alone or followed by desk words only."""
    words = part.split()
    for size in range(min(len(words), 4), 0, -1):
        head = " ".join(words[:size])
        rest = [word.casefold() for word in words[size:]]
        if head.casefold() in WIRE_AGENCIES and all(word in DESK_WORDS for word in rest):
            return head
    return None


def _parts(entry: str) -> list[str]:
    line = _LEAD_IN.sub("", clean_line(entry))
    return [part.strip(" .:") for part in _SPLIT.split(line) if part.strip(" .:")]


def person(part: str) -> str | None:
    """The person's name that `part` opens with ("Phil Helsel is a reporter" → "Phil Helsel"),
    or None when it does not open with two to five name words."""
    words = part.split()
    letters = [ch for ch in part if ch.isalpha()]
    if (sum(ch.isupper() for ch in letters) >= _CAPS_SHARE * len(letters)
            and not _ACRONYM.fullmatch(part.replace(" ", ""))):
        words = [word.title() for word in words]  # "TED d'AFFLISIO" as caps bylines write
    kept: list[str] = []
    for at, word in enumerate(words):
        folded = word.casefold().strip(".,")
        # "Malcolm Owen Monday" ends at Monday; "Anna May Wong" goes on past May
        glued_time = (folded in _TIME_WORDS and len(kept) >= MIN_NAME_WORDS
                      and (at + 1 == len(words) or not _is_name_word(words[at + 1])))
        if folded in DESK_WORDS or _ACRONYM.fullmatch(word) or glued_time:
            break
        if not (_is_name_word(word) or (kept and folded in _PARTICLES)):
            break
        kept.append(word)
    while kept and kept[-1].casefold() in _PARTICLES:
        kept.pop()
    if not MIN_NAME_WORDS <= len(kept) <= MAX_NAME_WORDS:
        return None
    return " ".join(kept)


def _is_name_word(word: str) -> bool:
    """A capitalised word ("Helsel", "O'Neil", "Jean-Luc", "Ólafur") or an initial ("J.")."""
    letters = word.replace("'", "").replace("’", "").replace("-", "").replace(".", "")
    return bool(letters) and letters.isalpha() and word[0].isupper()
