"""Read Reuters-21578 SGML files (reut2-*.sgm): one record per story, with its hand-set tags."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from analysis.load.source import LoadError, Record, Reject, Source
from analysis.schema import (
    BYLINE,
    DATELINE,
    LANGUAGE,
    ORIGIN,
    PUBLISHED_AT,
    REF_ORGS,
    REF_PEOPLE,
    REF_PLACES,
    REF_TOPICS,
    SOURCE,
    SOURCE_ID,
    TEXT,
    TITLE,
)
from analysis.text import clean_line, unique_labels, unwrap_paragraphs

# the files are SGML, not XML (control-character references such as &#5;, a stray byte in
# reut2-017): stories are cut out by their tags, which the collection guarantees to be regular
_OPENING = re.compile(r"<REUTERS\b([^>]*)>")
_NEWID = re.compile(r'\bNEWID="(\d+)"')
_TEXT_TYPE = re.compile(r'<TEXT\b[^>]*\bTYPE="(\w+)"')
_DATE = re.compile(
    r"(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?")
_MONTHS = {name: number for number, name in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}
_LABEL = re.compile(r"<D>(.*?)</D>", re.DOTALL)
_LABEL_FIELDS = {"TOPICS": REF_TOPICS, "PLACES": REF_PLACES, "PEOPLE": REF_PEOPLE, "ORGS": REF_ORGS}
# the wire's sign-off at the end of a body: "Reuter" on a line of its own in any case and with
# typos ("REUETER", "RUTER"), or an upper-case "REUTER" after a table row; sometimes twice, or with
# "...", a literal "^M", desk initials or a time after it ("REUTER11:43/VB", "REUTER TAW")
_SIGN_OFF = re.compile(
    r"(?:(?:(?:\n|(?<=\.))[ \t]*(?i:reuters?|reute|reuiter|reueter|ruter)"
    r"|(?<=[\d\s])[ \t]*REUTERS?)"
    r"(?:\.\.\.|\^M|[ \t]+[A-Z]{1,4}\b|\d[\w:/]*)*[ \t]*)+$")
_SIGN_OFF_SPAN = 160  # characters at the end of a body searched for the sign-off
# a dateline is "    PLACE, Month Day - "; the place may hold commas ("FORT WORTH, Texas")
_DATELINE_END = re.compile(r"-(?:\s|-|$)")
_DATELINE_DATE = re.compile(
    r"(?:^|[,\s]+)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d{0,3}$",
    re.IGNORECASE)
_DATELINE_REUTER = re.compile(r",\s*reuters?$", re.IGNORECASE)


def read_reuters(source: Source) -> Iterator[Record | Reject]:
    """One record per story of a Reuters-21578 file, identified by its NEWID (else its position).

    Stories with a BODY become full articles. TYPE="BRIEF" stories are one-line notes whose
    headline is all there is ("Blah blah blah." stands in for the body): they are kept as
    title-only articles with an empty text, as a headline is still news. TYPE="UNPROC" stories
    are tables and listings with neither title nor body tags: they are rejected with that reason.
    DATE is read as UTC; a malformed time keeps its day (at 00:00), a malformed day is left out.
    """
    text = source.text()
    openings = list(_OPENING.finditer(text))
    if not openings:
        raise LoadError("no <REUTERS> stories found: not a Reuters-21578 SGML file")
    for number, opening in enumerate(openings, start=1):
        newid = _NEWID.search(opening.group(1))
        record_id = newid.group(1) if newid else str(number)
        limit = openings[number].start() if number < len(openings) else len(text)
        end = text.find("</REUTERS>", opening.end(), limit)
        if end < 0:
            yield Reject(source.name, record_id, "story is not closed by </REUTERS> (cut short?)")
            continue
        yield _story(text[opening.end():end], source=source, record_id=record_id,
                     newid=newid.group(1) if newid else None)


def _story(sgml: str, *, source: Source, record_id: str, newid: str | None) -> Record | Reject:
    title = _element(sgml, "TITLE")
    body = _element(sgml, "BODY")
    if title is None and body is None:
        kind = _TEXT_TYPE.search(sgml)
        what = f'TYPE="{kind.group(1)}" story' if kind else "story"
        return Reject(source.name, record_id,
                      f"{what} has neither a TITLE nor a BODY (unstructured wire text)")
    record: Record = {
        ORIGIN: source.origin(record_id),
        SOURCE: "Reuters",
        LANGUAGE: "en",  # the collection is English wire copy (README.txt); no need to guess
        TEXT: _body_text(body) if body is not None else "",
    }
    optional = {
        SOURCE_ID: newid,
        TITLE: clean_line(" ".join(title.split())) if title else None,
        PUBLISHED_AT: _date(_element(sgml, "DATE") or ""),
        DATELINE: _dateline(_element(sgml, "DATELINE") or ""),
        BYLINE: _byline(_element(sgml, "AUTHOR") or ""),
    }
    record.update({key: value for key, value in optional.items() if value})
    for tag, column in _LABEL_FIELDS.items():
        labels = _element(sgml, tag, raw=True) or ""
        record[column] = unique_labels(html.unescape(label) for label in _LABEL.findall(labels))
    return record


def _element(sgml: str, tag: str, *, raw: bool = False) -> str | None:
    """The content of the first <tag>...</tag>, entities resolved (unless raw); None if absent."""
    start = sgml.find(f"<{tag}>")
    if start < 0:
        return None
    start += len(tag) + 2
    end = sgml.find(f"</{tag}>", start)
    content = sgml[start:] if end < 0 else sgml[start:end]
    # control-character references (&#2; &#3; &#5; ...) resolve to nothing, &lt; to "<"
    return content if raw else html.unescape(content)


def _body_text(body: str) -> str:
    body = body.rstrip()
    sign_off = _SIGN_OFF.search(body, max(0, len(body) - _SIGN_OFF_SPAN))
    return unwrap_paragraphs(body[:sign_off.start()] if sign_off else body)


def _date(value: str) -> datetime | None:
    """ "26-FEB-1987 15:01:01.79" as UTC; noise after the time (control codes) is ignored."""
    match = _DATE.search(value)
    if not match:
        return None
    day, month, year, hour, minute, second, fraction = match.groups()
    try:
        moment = datetime(int(year), _MONTHS[month.upper()], int(day), tzinfo=UTC)
    except (KeyError, ValueError):
        return None
    if hour is None:  # malformed time ("605:12:19.12"): the day is still right
        return moment
    try:
        return moment.replace(hour=int(hour), minute=int(minute), second=int(second),
                              microsecond=int((fraction or "0").ljust(6, "0")))
    except ValueError:
        return moment


def _dateline(value: str) -> str | None:
    """The place of a dateline: "    SALVADOR, Feb 26 - " → "SALVADOR"; None if it names none."""
    place = _DATELINE_END.split(value, maxsplit=1)[0]
    place = _DATELINE_REUTER.sub("", clean_line(place))
    place = _DATELINE_DATE.sub("", place).strip(" ,")
    # tables of prices and rates sometimes land in the dateline: those are not places
    if not place or any(ch.isdigit() for ch in place):
        return None
    return place


def _byline(value: str) -> list[str]:
    """ "    By Chaitanya Kalbag, Reuters" → ["Chaitanya Kalbag"]."""
    name = re.sub(r"^\s*by\s+", "", clean_line(value), flags=re.IGNORECASE)
    name = re.sub(r",?\s*reuters?\.?$", "", name, flags=re.IGNORECASE)
    return unique_labels(re.split(r"\s+and\s+", name)) if name else []
