"""Clean a scraped plain-text news page: breadcrumb, title, teaser, story, links, boilerplate."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from dateutil import parser as dateparser
from dateutil import tz

from analysis.clean.story import (
    WIRE_AGENCIES,
    clean_story,
    parse_byline,
    parse_credits,
    split_dateline,
)
from analysis.load.dates import ambiguous_date
from analysis.schema import (
    BOILERPLATE,
    BYLINE,
    PUBLISHED_AT,
    RELATED_HEADLINES,
    SECTION,
    SOURCE,
    TEASER,
    TITLE,
)
from analysis.text import clean_text, hard_wrapped

# Headings of blocks that end a story: everything after one of them is site furniture.
_TRAILING_HEADINGS = (
    r"latest(?: news| stories| headlines| articles| updates)?",
    r"most (?:read|popular|viewed|shared|commented|watched)", r"must[- ]reads?",
    r"top (?:stories|news|headlines)", r"popular(?: now| stories| news)?",
    r"trending(?: now| stories| news| topics)?",
    r"recommended(?: (?:for|to) you| stories| reading| articles| videos)?",
    r"you (?:might|may) (?:also )?(?:like|enjoy|be interested in)", r"you may have missed",
    r"(?:more|other) (?:stories|news|articles|headlines)",
    r"more (?:from|on|about|in) (?:the )?(?-i:[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3})",
    r"editor[’']?s[’']? (?:picks?|choice)", r"(?:what to )?read next", r"up next",
    r"don[’']?t miss", r"in case you missed it", r"comments?", r"leave a (?:comment|reply)",
    r"further reading", r"sponsored(?: content| stories| links)?",
    r"promoted(?: stories| content)?", r"around the web", r"from (?:our|the) partners?",
)
# Headings of link blocks that may also sit inside a story, which then goes on after them.
_RELATED_HEADINGS = (
    r"related(?: stories| articles| news| posts| content| coverage| topics| reading| links)?",
    r"see also", r"read more", r"also read", r"read also", r"more on this (?:story|topic)",
)
_HEADING = re.compile(
    rf"(?:(?P<related>{'|'.join(_RELATED_HEADINGS)})|(?P<trailing>{'|'.join(_TRAILING_HEADINGS)}))"
    r"\s*[:»›>|]*\s*",
    re.IGNORECASE,
)
# "Read more: <headline>" and the like: a link to another story
_LINK_LINE = re.compile(
    r"(?:read more|related(?: coverage| stories| articles)?|see also|also read|read also|more|"
    r"watch|listen|recommended|don[’']?t miss)\s*[:»›|]\s*(?P<headline>\S.*)",
    re.IGNORECASE,
)
# whole lines of site furniture
_FURNITURE_LINE = re.compile(
    r"exit mobile version|skip to (?:main )?content|toggle navigation|(?:back|scroll) to top|"
    r"(?:open |close )?menu|search|home|advertisement|advert|ad|sponsored|"
    r"(?:story|article) continues (?:below|after)(?: (?:this )?advertisement)?|"
    r"continue reading(?: below)?|loading\.*|print|[^\w]{1,5}",
    re.IGNORECASE,
)
# lines that open with a call to action, a notice or a footer
_FURNITURE_START = re.compile(
    r"(?:subscribe\b|sign (?:up|in)\b|log ?in\b|register (?:now|for|to)\b|join (?:our|us)\b|"
    r"follow us\b|follow (?:@|on )|download (?:our|the) app\b|get (?:our|the) .{0,40}newsletter|"
    r"newsletters?\b|support (?:our|us)\b|become a (?:member|subscriber)|already a subscriber|"
    r"click here\b|our standards\b|tags?\s*:|filed under\b|topics\s*:|©|\(c\)\s*\d{4}|"
    r"(?:image|photo|picture|video)\s+(?:source|caption|credit)s?\b|photograph\s*:|"
    r"\(?(?:photo|image)s?\s+by\b|listen to this article|\d+\s+min(?:ute)?s?\s+read\b|"
    r"copyright\s*(?:©|\(c\)|\d{4}))",
    re.IGNORECASE,
)
_FURNITURE_ANYWHERE = re.compile(
    r"all rights reserved|may not be (?:re)?published, broadcast|"
    r"\bcookies?\b.*\b(?:accept|consent|privacy|settings|preferences)\b|"
    r"\b(?:we|site) uses? cookies",
    re.IGNORECASE,
)
_SHARE_WORDS = frozenset({
    "share", "this", "article", "story", "on", "via", "facebook", "twitter", "x", "email", "e-mail",
    "print", "whatsapp", "linkedin", "reddit", "telegram", "pinterest", "copy", "link", "tweet",
    "messenger", "flipboard", "save", "comments", "comment", "bluesky", "threads", "mail", "gift",
})
_SHARE_CORE = frozenset({"share", "facebook", "twitter", "email", "e-mail", "whatsapp",
                         "linkedin", "tweet", "reddit", "telegram", "pinterest"})
_MAX_FURNITURE_WORDS = 40
# no headline, byline, date line or site furniture is this long (40 words of 50 letters)
_LONGEST_HEADER = 2000
# ">" and "|" separate crumbs only between spaces: "ACME <ACM> BUYS" is a headline, not a trail
_BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:[›»→]|::|\s[>|/]\s)\s*")
_DATE_PREFIX = re.compile(
    r"(?:(?:first |last )?(?:published|updated|posted|modified)|date)\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
_DATE_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# abbreviations of the zones news pages state times in (dateutil knows none of them)
TIMEZONES = {name: tz.tzoffset(name, hours * 3600) for name, hours in {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "EST": -5,
    "EDT": -4, "ET": -5, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}.items()}
_AGENCY_PREFIX = re.compile(r"(?P<agency>[^\W\d_][\w.&'’ -]{0,30}?)\s*:\s+")
_TEASER_BYLINE = re.compile(r"(?<=[.!?\"”’)…])\s+(?P<byline>By\s+\S.{0,100})$")
_SENTENCE_END = re.compile(r"(?:[a-z\d\"”’)]\.|…|\.\.\.|[,;:])$")
_HEADER_WINDOW = 8  # units after the title in which the story is looked for
_MIN_PROSE_WORDS = 6


@dataclass
class _Parts:
    """What parsing a page found, filled in as the page is read."""

    title: str | None = None
    section: list[str] = field(default_factory=list)
    teaser: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    published_at: pd.Timestamp | str | None = None
    related: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def parse_page(text: str) -> dict[str, Any]:
    """Split a scraped plain-text news page into its story and the page furniture around it.

    Args:
        text: the whole page as copied from a browser, one paragraph or page element a line.

    Returns:
        The keys of `clean_story` (TEXT, DATELINE, SOURCE, BYLINE, CREDITS) and TITLE, SECTION
        (breadcrumb parts), TEASER, RELATED_HEADLINES (headlines listed in the page's link blocks)
        and BOILERPLATE (every line removed as site furniture); PUBLISHED_AT only when the page
        states a publication date above the story. An empty TEXT means no story was found.
    """
    units = _units(text)
    parts = _Parts()
    title_at, title_units = _find_title(units, parts)
    start = _body_start(units, title_at + 1)
    end, blocks = _body_end(units, start)
    _read_header([u for i, u in enumerate(units[:start]) if i not in title_units], parts)
    body = []
    for index in range(start, end):
        if index in blocks:
            _read_listing_unit(units[index], parts)
        elif units[index] != parts.title and not _take_furniture(units[index], parts):
            body.append(units[index])
    story = clean_story("\n\n".join(body))
    listing = False
    for unit in units[end:]:
        listing = _read_listing_unit(unit, parts, listing=listing)
    return _result(story, parts)


def _units(text: str) -> list[str]:
    """The page's lines, one per paragraph or page element; hard-wrapped paragraphs are rejoined."""
    units = []
    for paragraph in clean_text(text).split("\n\n"):
        lines = [line for line in paragraph.split("\n") if line]
        units += [" ".join(lines)] if hard_wrapped(lines) else lines
    return units


def _find_title(units: list[str], parts: _Parts) -> tuple[int, set[int]]:
    """Index of the title and the units it takes; a title repeated at the end of an earlier
    line (a breadcrumb glued to it) or repeated outright wins over the first headline, which
    must come before the story's first paragraph."""
    for i, unit in enumerate(units[:_HEADER_WINDOW]):
        for j in range(i + 1, min(i + 3, len(units))):
            if _is_headline(units[j]) and unit.endswith(units[j]):
                parts.title = units[j]
                glue = unit[: len(unit) - len(units[j])].strip()
                others = units[:i] + units[i + 1:]
                parts.section = _breadcrumb(glue, others) if glue else []
                return j, {i, j}
    for i, unit in enumerate(units[:_HEADER_WINDOW]):
        kind = _header_kind(unit)
        if split_dateline(unit)[:2] != (None, None):
            break  # the story has begun: a later headline-like line is a subheading
        if kind in ("prose", "short") and _is_headline(unit):
            parts.title = unit
            return i, {i}
        if kind == "prose":
            break
    return -1, set()


def _breadcrumb(crumb: str, others: list[str]) -> list[str]:
    """The parts of a breadcrumb, split on its separators or, where glued, between words."""
    if _BREADCRUMB_SEPARATOR.search(crumb):
        pieces = _BREADCRUMB_SEPARATOR.split(crumb)
    else:
        pieces = _unglue(crumb, others)
    return [p.strip() for p in pieces if p.strip() and p.strip().casefold() != "home"]


def _unglue(crumb: str, others: list[str]) -> list[str]:
    """Split ``Its NeighboursIraq`` at the lower-to-upper case step; a word that stands as it is
    elsewhere on the page (``BlackRock``, ``YouTube``) is a real word and stays whole."""
    words = {word for unit in others for word in re.findall(r"[\w'’&.-]+", unit)}
    step = re.compile(r"(?<=[a-zß-öø-ÿ]{3})(?=[A-ZÀ-ÖØ-Þ])")
    tokens = [t if t in words else step.sub("\0", t) for t in crumb.split(" ")]
    return " ".join(tokens).split("\0")


def _body_start(units: list[str], first: int) -> int:
    """Index of the story's first unit: its dateline paragraph, or the first prose paragraph
    (the one after it when a byline or date line follows it, which makes it a teaser)."""
    limit = _trailing_heading(units, first)
    for k in range(first, min(first + _HEADER_WINDOW, limit)):
        if split_dateline(units[k])[:2] != (None, None):
            return k
    kinds = [_header_kind(unit) for unit in units[first:limit]]
    prose = [first + i for i, kind in enumerate(kinds) if kind == "prose"]
    if not prose:
        return limit
    after = prose[0] + 1
    while after < limit and kinds[after - first] in ("furniture", "short"):
        after += 1
    if after < limit and kinds[after - first] in ("byline", "date"):
        return next((p for p in prose if p > after), limit)
    return prose[0]


def _trailing_heading(units: list[str], start: int) -> int:
    """Index of the first heading at or after `start` that ends a story, or len(units)."""
    return next((k for k in range(start, len(units)) if _heading_kind(units[k]) == "trailing"),
                len(units))


def _body_end(units: list[str], start: int) -> tuple[int, set[int]]:
    """Where the story ends (a trailing heading, or past its credit lines), and the units of link
    blocks inside it (a ``Related`` heading and its headlines, with more story after them)."""
    blocks: set[int] = set()
    credited = False
    k = start
    while k < len(units):
        kind = _heading_kind(units[k])
        if kind == "trailing" or (credited and parse_credits(units[k]) is None):
            return k, blocks
        if kind == "related":
            stop = k + 1
            while stop < len(units) and _is_listing_item(units[stop]):
                stop += 1
            if stop == len(units) or _heading_kind(units[stop]):
                return k, blocks
            blocks.update(range(k, stop))
            k = stop
            continue
        credited = parse_credits(units[k]) is not None
        k += 1
    return len(units), blocks


def _read_header(units: list[str], parts: _Parts) -> None:
    """File the units above the story: byline, date, breadcrumb, teaser or furniture."""
    for unit in units:
        kind = _header_kind(unit)
        if kind == "furniture":
            _take_furniture(unit, parts)
        elif kind == "byline" and not parts.byline:
            parts.byline = parse_byline(unit) or []
        elif kind == "date" and parts.published_at is None:
            parts.published_at = _stated_date(unit)
        elif kind == "breadcrumb" and not parts.section:
            parts.section = _breadcrumb(unit, [])
        elif kind == "prose":
            parts.teaser.append(unit)
        elif unit != parts.title:
            parts.boilerplate.append(unit)


def _header_kind(unit: str) -> str:
    """furniture, byline, date, breadcrumb, short (a stray label) or prose."""
    if len(unit) > _LONGEST_HEADER:  # a long paragraph is prose: spare the patterns below
        return "prose"
    if _heading_kind(unit) or _LINK_LINE.fullmatch(unit) or _is_furniture(unit):
        return "furniture"
    if parse_byline(unit) is not None:
        return "byline"
    if _parse_date(unit) is not None:
        return "date"
    crumbs = _BREADCRUMB_SEPARATOR.split(unit)
    if len(crumbs) >= 2 and all(0 < len(c.split()) <= 6 and c[:1].isupper() for c in crumbs):
        return "breadcrumb"
    return "short" if len(unit.split()) < _MIN_PROSE_WORDS else "prose"


def _read_listing_unit(unit: str, parts: _Parts, *, listing: bool = True) -> bool:
    """File a unit of a link block: headings and furniture as boilerplate, headlines under a
    heading as related headlines, the rest (teasers, dates) as boilerplate. Returns whether a
    heading has been seen, so that headlines are only taken from under one."""
    if _heading_kind(unit):
        parts.boilerplate.append(unit)
        return True
    if not _take_furniture(unit, parts):
        if listing and _is_headline(unit):
            parts.related.append(unit)
        else:
            parts.boilerplate.append(unit)
    return listing


def _take_furniture(unit: str, parts: _Parts) -> bool:
    """File `unit` as boilerplate if it is site furniture (keeping the headline a link line
    names); return whether it was."""
    link = _LINK_LINE.fullmatch(unit)
    if link is None and not _heading_kind(unit) and not _is_furniture(unit):
        return False
    parts.boilerplate.append(unit)
    if link and _is_headline(link["headline"]):
        parts.related.append(link["headline"])
    return True


def _heading_kind(unit: str) -> str | None:
    """"trailing" or "related" if `unit` is the heading of a link block (``Latest news``,
    ``You might also likeRELATED``), else None."""
    match = _HEADING.match(unit)
    if match is None:
        return None
    rest = unit[match.end():].strip()
    if rest and _heading_kind(rest) is None:
        return None
    return "related" if match["related"] else "trailing"


def _is_furniture(unit: str) -> bool:
    """A line of site furniture: navigation, share and subscribe lines, notices, footers."""
    if _FURNITURE_LINE.fullmatch(unit):
        return True
    words = re.findall(r"[\w-]+", unit.casefold())
    if words and set(words) <= _SHARE_WORDS and set(words) & _SHARE_CORE:
        return True
    short = len(words) <= _MAX_FURNITURE_WORDS
    return short and bool(_FURNITURE_START.match(unit) or _FURNITURE_ANYWHERE.search(unit))


def _is_listing_item(unit: str) -> bool:
    """A unit that may sit in a link block: a headline, a teaser cut off with an ellipsis,
    furniture, or a short label (not an all-capitals subheading of the story)."""
    if _is_headline(unit) or unit.endswith(("...", "…")) or _is_furniture(unit):
        return True
    return len(unit.split()) < _MIN_PROSE_WORDS and not unit.isupper()


def _is_headline(unit: str) -> bool:
    """A headline: 3 to 25 words, capitalised, not ending like a sentence, list or teaser."""
    if len(unit) > _LONGEST_HEADER:
        return False
    words = unit.split()
    wordy = sum(bool(re.match(r"[^\W\d_]{2,}", w)) for w in words)
    if not 3 <= wordy <= len(words) <= 25 or _SENTENCE_END.search(unit):
        return False
    return (unit[:1].isupper() or unit[:1].isdigit() or unit[:1] in "\"“‘'") and (
        parse_byline(unit) is None
    )


def _stated_date(unit: str) -> pd.Timestamp | str | None:
    """The date a date line states; one whose day and month can be swapped (``12/06/2024``)
    as written, for the cleaner to read in the order chosen for its source."""
    stated = _DATE_PREFIX.sub("", unit, count=1)
    return re.sub(r"[|•·]", " ", stated) if ambiguous_date(stated) else _parse_date(unit)


def _parse_date(unit: str) -> pd.Timestamp | None:
    """The moment a date line (``Published 3:15 PM EDT, March 15, 2024``) states, in UTC."""
    stated = _DATE_PREFIX.sub("", unit, count=1)
    if len(stated.split()) > 10 or not _YEAR.search(stated) or not _DATE_WORD.search(stated):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            moment = dateparser.parse(re.sub(r"[|•·]", " ", stated), tzinfos=TIMEZONES)
    except (ValueError, OverflowError):
        return None
    stamp = pd.Timestamp(moment)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _split_teaser(parts: _Parts) -> tuple[str | None, str | None]:
    """The teaser without a leading wire label (``Reuters:``) or a trailing ``By …``, and the
    agency the label names; a byline found there fills the page's byline if it has none."""
    if not parts.teaser:
        return None, None
    text = " ".join(parts.teaser)
    agency = None
    label = _AGENCY_PREFIX.match(text)
    if label and label["agency"].casefold() in WIRE_AGENCIES:
        agency, text = label["agency"], text[label.end():]
    _, dateline_agency, text = split_dateline(text)
    byline = _TEASER_BYLINE.search(text)
    names = parse_byline(byline["byline"]) if byline else None
    if byline and names is not None:
        text = text[: byline.start()]
        parts.byline = parts.byline or names
    return text.strip() or None, agency or dateline_agency


def _result(story: dict[str, Any], parts: _Parts) -> dict[str, Any]:
    teaser, teaser_agency = _split_teaser(parts)
    result = dict(story)
    result.update({
        TITLE: parts.title, SECTION: parts.section, TEASER: teaser,
        SOURCE: story[SOURCE] or teaser_agency, BYLINE: parts.byline or story[BYLINE],
        RELATED_HEADLINES: parts.related, BOILERPLATE: parts.boilerplate,
    })
    if parts.published_at is not None:
        result[PUBLISHED_AT] = parts.published_at
    return result
