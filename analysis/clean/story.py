"""Story-level cleaning of an isolated body text: byline, wire dateline and credit lines."""

from __future__ import annotations

import re
from typing import Any

from analysis.schema import BYLINE, CREDIT_KEYS, CREDITS, DATELINE, SOURCE, TEXT
from analysis.text import clean_text

# news agencies, whose name may label a teaser ("Reuters: ...") or end a byline ("By X, Reuters")
WIRE_AGENCIES = frozenset({
    "reuters", "ap", "associated press", "the associated press", "afp", "agence france-presse",
    "bloomberg", "dpa", "xinhua", "upi", "ansa", "efe", "kyodo", "yonhap", "tass", "interfax",
    "anadolu", "ians", "pti", "ani", "pa", "pa media", "aap", "cp", "the canadian press",
    "sputnik", "bernama", "antara", "irna", "mena", "wafa", "apa",
})

_DASH = r"(?:--|[-–—])"
_CAPS_WORD = r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?"
_PLACE = rf"{_CAPS_WORD}(?:[ /]{_CAPS_WORD}){{0,4}}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
_REGION = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}"
# PLACE[, Region][, Month Day[, Year]] [(Agency)] DASH rest  -- or just (Agency) DASH rest
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})?(?P<region>(?:,\s*(?!{_DATE}){_REGION})*)(?:,\s*(?P<date>{_DATE}))?"
    rf"\s*(?:\((?P<agency>[^\W\d_][\w&.'’ /-]{{0,38}})\))?\s*{_DASH}(?:\s+|$)(?P<rest>.*)",
    re.DOTALL,
)
_MIN_CAPS_SHARE = 0.8  # "McALLEN" is a dateline place; "Washington" is not

_NAME_WORD = re.compile(
    r"(?:[A-Z][\w'’.-]*|de|da|di|del|der|den|du|dos|das|van|von|bin|ibn|al|el|la|le|y)$"
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\||\s[-–—]\s|\band\b)\s*")
_BYLINE = re.compile(r"(?:By|BY|by)\s+(?P<names>[^\W\d_].{1,150})")
_MAX_BYLINE_WORDS = 16
# last words of a job title or an employer in a byline ("AP Business Writer", "Reuters Staff")
_TITLE_WORDS = frozenset({
    "writer", "writers", "correspondent", "correspondents", "editor", "editors", "reporter",
    "reporters", "staff", "columnist", "contributor", "journalist", "producer", "analyst", "chief",
    "desk", "bureau", "press", "news", "service", "agency", "team", "times", "post", "herald",
    "journal", "tribune", "online",
})

_ROLE = (
    r"(?:(?:additional|further|extra)\s+)?(?:reporting|reported|writing|written|editing|edited|"
    r"compiled|compiling|research|graphics|translation|translated|production|produced|"
    r"photography|photos|video|fact-checking)"
)
_ROLE_BY = re.compile(rf"(?:^|[;,]\s*|\s+and\s+)(?P<role>{_ROLE})\s+by\s+", re.IGNORECASE)
_CONTRIBUTED = re.compile(
    r"(?:the\s+)?[A-Z][\w.&' -]*?\s+(?:writers?|reporters?|correspondents?|journalists?)\s+"
    r"(?P<names>.+?)\s+contributed(?:\s+(?:to\s+this\s+(?:report|story|article)|reporting))?\.?"
)
_TRAILING_CREDIT = re.compile(rf"\s*\((?P<credit>{_ROLE}\s+by\s+[^()]+)\)\s*$", re.IGNORECASE)
_ROLE_NAMES = {"reported": "reporting", "written": "writing", "edited": "editing",
               "compiled": "compiling", "translated": "translation", "produced": "production",
               "photos": "photography"}


def clean_story(text: str) -> dict[str, Any]:
    """Split a story body into its text and the byline, dateline, wire source and credits it holds.

    Args:
        text: the body of one story, already cut out of its page, feed item or record.

    Returns:
        A dict keyed by schema constants: TEXT (paragraphs joined by a blank line, without the
        byline line, dateline prefix and credit lines), DATELINE (place or None), SOURCE (agency
        named in the dateline or None), BYLINE (list of names) and CREDITS (list of credit dicts).
    """
    paragraphs = [p for p in clean_text(text).split("\n\n") if p]
    byline = parse_byline(paragraphs[0]) if paragraphs else None
    if byline is not None:
        paragraphs.pop(0)
    place, agency = None, None
    if paragraphs:
        place, agency, rest = split_dateline(paragraphs[0])
        paragraphs[0] = rest.strip()
    paragraphs, credits = _take_credits([p for p in paragraphs if p])
    return {TEXT: "\n\n".join(paragraphs), DATELINE: place, SOURCE: agency,
            BYLINE: byline or [], CREDITS: credits}


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """Split a wire dateline off the start of `paragraph`: (place, agency, rest of the paragraph).

    Recognises ``BAGHDAD (Reuters) –``, ``NEW YORK, March 15 (Reuters) -``,
    ``NEW YORK, March 15 -``, ``SPRINGFIELD, Ill. (AP) —``, ``WASHINGTON/LONDON (Reuters) -``,
    ``LONDON — The`` and ``(AP) —``; the place must be written in capitals, so an ordinary
    sentence with a dash is left alone: (None, None, paragraph).
    """
    match = _DATELINE.match(paragraph)
    if match is None or not (match["place"] or match["agency"]):
        return None, None, paragraph
    place = match["place"]
    bare = not (match["agency"] or match["date"] or match["region"])
    if place is not None and not _is_caps_place(place, bare=bare):
        return None, None, paragraph
    # a bare "NATO — the alliance said" reads on as one sentence; "LONDON — The" starts a new one
    if bare and not match["rest"][:1].isupper() and match["rest"][:1] not in "\"“‘'":
        return None, None, paragraph
    full_place = (place + match["region"]).strip() if place else None
    agency = match["agency"].strip() if match["agency"] else None
    return full_place, agency, match["rest"].lstrip()


def _is_caps_place(place: str, *, bare: bool) -> bool:
    letters = [ch for ch in place if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    # a bare "XX -" with no agency or date needs a longer place: "US - China" is not a dateline
    return len(letters) >= (3 if bare else 2) and upper >= _MIN_CAPS_SHARE * len(letters)


def parse_byline(line: str) -> list[str] | None:
    """The names in a ``By …`` line (``By Jane Doe and John Roe, AP Writer``), or None if none.

    Parts after the names that are not names (job titles, the employer) are dropped; a line whose
    first part is not a name (``By Friday, the deal had collapsed.``) is not a byline.
    """
    match = _BYLINE.fullmatch(line.strip())
    if match is None or len(line.split()) > _MAX_BYLINE_WORDS:
        return None
    parts = [p.strip(" .") for p in _NAME_SPLIT.split(match["names"]) if p.strip(" .")]
    if not parts or not _is_name(parts[0]):
        return None
    names: list[str] = []
    for part in parts:
        if not _is_name(part):
            break
        names.append(part.title() if part.isupper() else part)
    return names


def _is_name(part: str, *, min_words: int = 2) -> bool:
    words = part.split()
    if not min_words <= len(words) <= 5 or part.casefold() in WIRE_AGENCIES:
        return False
    if words[-1].casefold().strip(".") in _TITLE_WORDS:
        return False
    return bool(words[0][:1].isupper()) and all(_NAME_WORD.match(word) for word in words)


def parse_credits(paragraph: str) -> list[dict[str, str | None]] | None:
    """The credits in a credit line, or None if `paragraph` is not one.

    ``(Reporting by A and B in Cairo; Editing by C)`` gives three dicts with keys CREDIT_KEYS
    (role, name, place); ``Associated Press writer A in Paris contributed to this report.`` gives
    one with the role "contributing".
    """
    line = paragraph.strip().lstrip("-–— ").strip()
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()
    contributed = _CONTRIBUTED.fullmatch(line)
    groups = [("contributing", contributed["names"])] if contributed else _role_groups(line)
    credits = []
    for role, names in groups or []:
        people = _credit_people(names)
        if people is None:
            return None
        credits += [dict(zip(CREDIT_KEYS, (role, name, place), strict=True))
                    for name, place in people]
    return credits or None


def _role_groups(line: str) -> list[tuple[str, str]] | None:
    matches = list(_ROLE_BY.finditer(line))
    if not matches or matches[0].start() != 0:
        return None
    ends = [m.start() for m in matches[1:]] + [len(line)]
    groups = []
    for match, end in zip(matches, ends, strict=True):
        role = " ".join(match["role"].lower().split())
        last = role.split()[-1]
        role = role.replace(last, _ROLE_NAMES.get(last, last))
        groups.append((role, line[match.end():end].strip(" .;,")))
    return groups


def _credit_people(names: str) -> list[tuple[str, str | None]] | None:
    """``A and B in Cairo`` -> [(A, Cairo), (B, Cairo)]; a place applies to the names before it."""
    parts = [p.strip(" .") for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names)]
    people: list[tuple[str, str | None]] = []
    carried: str | None = None
    for part in reversed([p for p in parts if p]):
        name, found, place = part.partition(" in ")
        if found and not _is_name(place, min_words=1):
            return None
        carried = place if found else carried
        if not _is_name(name, min_words=1):
            return None
        people.append((name, carried))
    return people[::-1] or None


def _take_credits(paragraphs: list[str]) -> tuple[list[str], list[dict[str, str | None]]]:
    """Take out credit lines: a trailing run, parenthesised ones anywhere, one glued at the end."""
    found = [parse_credits(p) for p in paragraphs]
    run_start = len(paragraphs)
    while run_start and found[run_start - 1]:
        run_start -= 1
    credits: list[dict[str, str | None]] = []
    kept: list[str] = []
    for index, (paragraph, credit) in enumerate(zip(paragraphs, found, strict=True)):
        if credit and (index >= run_start or paragraph.startswith("(")):
            credits += credit
        else:
            kept.append(paragraph)
    glued = _TRAILING_CREDIT.search(kept[-1]) if kept else None
    if glued and (credit := parse_credits(glued["credit"])):
        kept[-1] = kept[-1][: glued.start()].rstrip()
        credits = credit + credits
    return [p for p in kept if p], credits
