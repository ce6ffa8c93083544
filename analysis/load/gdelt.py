"""Read GDELT Global Knowledge Graph exports (GKG 1.0 and 2.x): one body-less article per row."""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from analysis.load.source import LoadError, Record, Reject, Source
from analysis.schema import (
    ORIGIN,
    PUBLISHED_AT,
    REF_ORGS,
    REF_PEOPLE,
    REF_TONE,
    REF_TOPICS,
    SOURCE,
    SOURCE_ID,
    TEXT,
    TITLE,
    URL,
)
from analysis.text import clean_line, unique_labels, web_url

# GDELT's column order, as in its codebooks; exports themselves carry no header row
GKG1_COLUMNS = ("date", "numarts", "counts", "themes", "locations", "persons", "organizations",
                "tone", "cameoeventids", "sources", "sourceurls")
GKG2_COLUMNS = ("gkgrecordid", "date", "sourcecollectionidentifier", "sourcecommonname",
                "documentidentifier", "counts", "v2counts", "themes", "v2themes", "locations",
                "v2locations", "persons", "v2persons", "organizations", "v2organizations",
                "v2tone", "dates", "gcam", "sharingimage", "relatedimages", "socialimageembeds",
                "socialvideoembeds", "quotations", "allnames", "amounts", "translationinfo",
                "extras")
_HEADER_FIRST = {"gkgrecordid", "date"}
_PAGE_TITLE = re.compile(r"<PAGE_TITLE>(.*?)</PAGE_TITLE>", re.DOTALL)
_FIELD_LIMIT = 2**31 - 1  # a GKG row (GCAM, locations) can run to megabytes


def read_gkg(source: Source) -> Iterator[Record | Reject]:
    """One record per GKG row: URL, date, source, tone, people, organisations and themes.

    Reads tab-separated exports as GDELT publishes them (no header) and comma-separated files
    with a header row (BigQuery exports, the samples). GKG articles have no body text (TEXT is
    empty); TITLE comes from the 2.1 ``<PAGE_TITLE>`` extra where present. Rows are numbered from
    1 after any header; a GKG 1.0 row, which has no record id, gets ``DATE-row``.
    """
    text = source.text()
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    if "\t" in text.split("\n", 1)[0]:  # GDELT's own exports: raw tab-separated, never quoted
        rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    else:
        rows = csv.reader(io.StringIO(text, newline=""))
    first = next(rows, None)
    if first is None:
        raise LoadError("empty GKG file")
    columns, has_header = _columns(first)
    number = 0
    for row in itertools.chain([] if has_header else [first], rows):
        if any(cell.strip() for cell in row):
            number += 1
            yield _row_record(row, columns, source=source, number=number)


def _columns(first: list[str]) -> tuple[tuple[str, ...], bool]:
    """The column names of a file and whether `first` is its header row."""
    names = [cell.strip().casefold() for cell in first]
    if names and names[0] in _HEADER_FIRST:
        return tuple(names), True
    for known in (GKG2_COLUMNS, GKG1_COLUMNS):
        if len(first) == len(known):
            return known, False
    raise LoadError(f"not a GKG export: the first row has {len(first)} fields, expected "
                    f"{len(GKG2_COLUMNS)} (GKG 2) or {len(GKG1_COLUMNS)} (GKG 1) or a header row")


def _row_record(row: list[str], columns: tuple[str, ...], *, source: Source,
                number: int) -> Record | Reject:
    if len(row) != len(columns):
        return Reject(source.name, str(number),
                      f"row has {len(row)} fields, expected {len(columns)}")
    cell = dict(zip(columns, (value.strip() for value in row), strict=True))
    published = gkg_time(cell.get("date", ""))
    record: Record = {ORIGIN: source.origin(number), TEXT: ""}
    fields = {
        SOURCE_ID: cell.get("gkgrecordid") or (f"{cell['date']}-{number}" if cell.get("date")
                                               else None),
        URL: web_url(cell.get("documentidentifier") or _first(cell.get("sourceurls"), "<UDIV>")),
        SOURCE: clean_line(cell.get("sourcecommonname") or _first(cell.get("sources"), ";")),
        TITLE: _page_title(cell.get("extras", "")),
        PUBLISHED_AT: published,
        REF_TONE: _tone(cell.get("v2tone") or cell.get("tone") or ""),
        REF_PEOPLE: _names(cell.get("v2persons"), cell.get("persons")),
        REF_ORGS: _names(cell.get("v2organizations"), cell.get("organizations")),
        REF_TOPICS: _names(cell.get("v2themes"), cell.get("themes")),
    }
    record.update({key: value for key, value in fields.items()
                   if value is not None and value != ""})
    return record


def gkg_time(value: str) -> datetime | None:
    """GDELT's ``YYYYMMDDHHMMSS`` (GKG 2) or ``YYYYMMDD`` (GKG 1) as UTC; None if malformed."""
    layouts = {14: "%Y%m%d%H%M%S", 8: "%Y%m%d"}
    layout = layouts.get(len(value)) if value.isdigit() else None
    if layout is None:
        return None
    try:
        return datetime.strptime(value, layout).replace(tzinfo=UTC)
    except ValueError:
        return None


def _first(value: str | None, separator: str) -> str:
    return next((part.strip() for part in (value or "").split(separator) if part.strip()), "")


def _page_title(extras: str) -> str | None:
    match = _PAGE_TITLE.search(extras)
    return (clean_line(html.unescape(match.group(1))) or None) if match else None


def _tone(value: str) -> float | None:
    """The first of the tone fields: average tone, about -10 (negative) to +10 (positive)."""
    try:
        return float(value.split(",", 1)[0])
    except ValueError:
        return None


def _names(enhanced: str | None, plain: str | None) -> list[str]:
    """Names from a V2 "Name,offset;..." field (as written), then a V1 "name;..." one; once each."""
    return unique_labels(_enhanced_names(enhanced or "") + (plain or "").split(";"))


def _enhanced_names(value: str) -> list[str]:
    return [entry.rsplit(",", 1)[0] for entry in value.split(";") if entry.strip()]
