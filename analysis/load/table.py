"""Read tables of articles (JSON, JSON Lines, CSV, Parquet), their columns named or recognised."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from dateutil import parser as dateparser

from analysis.load.dates import ambiguous_date
from analysis.load.source import LoadError, Record, Reject, Source, field_too_long
from analysis.schema import (
    BYLINE,
    DATELINE,
    LANGUAGE,
    ORIGIN,
    PUBLISHED_AT,
    SECTION,
    SOURCE,
    SOURCE_ID,
    TEXT,
    TITLE,
    URL,
)
from analysis.text import (
    clean_line,
    clean_text,
    language_code,
    plain_line,
    strip_markup,
    unique_labels,
    web_url,
)

# the columns a table may fill, each with the names it is recognised by, most telling first;
# names are compared case-, space-, dash- and underscore-insensitively ("pubDate" = "pub_date")
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    TITLE: ("title", "headline", "name"),
    TEXT: ("text", "body", "content", "article", "story", "maintext", "full_text"),
    PUBLISHED_AT: ("published_at", "date", "pubDate", "published", "timestamp", "datetime",
                   "date_publish"),
    URL: ("url", "link"),
    SOURCE: ("source", "publisher", "outlet", "site", "source_name"),
    BYLINE: ("byline", "author", "authors"),
    SECTION: ("section", "category", "categories"),
    SOURCE_ID: ("id", "guid", "uuid"),
    LANGUAGE: ("language", "lang"),
    DATELINE: ("dateline",),
}
# an object holding its articles under one of these keys (NewsAPI: "articles")
_LIST_KEYS = ("articles", "items", "data", "results", "stories", "entries", "records", "docs")
_DELIMITERS = ",\t;|"
_LIST_SEPARATOR = re.compile(r"\s*;\s*")
# epoch numbers at or above this are milliseconds (1973-03-03 in milliseconds, year 5138 in seconds)
_EPOCH_MS = 1e11
_CSV_FIELD_LIMIT = 2**31 - 1
# a table of articles has a few dozen columns; a header of thousands is a data file, not news
MAX_COLUMNS = 1_000


def read_json(source: Source, *, mapping: Mapping[str, str] | None = None,
              ) -> Iterator[Record | Reject]:
    """Articles from a JSON array of objects, or from an object holding one list of them.

    Items are numbered from 1; an item that is not an object is rejected.
    """
    try:
        document = json.loads(source.text())
    except json.JSONDecodeError as err:
        raise LoadError(f"not valid JSON: {err}") from None
    items = _json_items(document)
    rows: list[tuple[int, dict[str, Any] | str]] = [
        (number, item if isinstance(item, dict)
         else f"item is a JSON {_json_kind(item)}, not an object")
        for number, item in enumerate(items, start=1)
    ]
    yield from _read_rows(source, rows, mapping=mapping)


def read_jsonl(source: Source, *, mapping: Mapping[str, str] | None = None,
               ) -> Iterator[Record | Reject]:
    """Articles from JSON Lines, one object a line; a broken line is rejected by its line number."""
    rows: list[tuple[int, dict[str, Any] | str]] = []
    for number, line in enumerate(source.text().split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            rows.append((number, f"invalid JSON: {err.msg} at column {err.colno}"))
            continue
        rows.append((number, item if isinstance(item, dict)
                     else f"line holds a JSON {_json_kind(item)}, not an object"))
    yield from _read_rows(source, rows, mapping=mapping)


def read_csv(source: Source, *, mapping: Mapping[str, str] | None = None,
             ) -> Iterator[Record | Reject]:
    """Articles from delimited text with a header row: delimiter sniffed, multi-line quoted fields.

    Rows are numbered from 1 after the header; a row whose field count differs from the header's
    is rejected.
    """
    text = source.text()
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    header = [name.strip() for name in next(reader, [])]
    if not any(header):
        raise LoadError("no header row: the first line names no columns")
    if len(header) > MAX_COLUMNS:
        raise LoadError(f"the header names {len(header):,} columns, over the {MAX_COLUMNS:,} a "
                        "table of articles may have (title, text, date, …): not read")
    yield from _read_rows(source, _csv_rows(reader, header), mapping=mapping, columns=header)


def read_parquet(source: Source, *, mapping: Mapping[str, str] | None = None,
                 ) -> Iterator[Record | Reject]:
    """Articles from a Parquet file, one row each, numbered from 1."""
    try:
        table = pq.read_table(pa.BufferReader(source.data))
    except (pa.ArrowException, OSError) as err:
        raise LoadError(f"not a readable Parquet file: {err}") from None
    rows = list(enumerate(table.to_pylist(), start=1))
    yield from _read_rows(source, rows, mapping=mapping, columns=table.column_names)


def resolve_columns(columns: Iterable[str], mapping: Mapping[str, str] | None = None,
                    ) -> dict[str, str]:
    """Which of `columns` fills each of our columns: `mapping` ({ours: theirs}) first, then names.

    Raises LoadError for a mapping onto a column we do not have or from a column the table does
    not have, and when no column gives a title or a text.
    """
    present = list(dict.fromkeys(columns))
    chosen = _choose(present, mapping, strict=True)
    if TITLE not in chosen and TEXT not in chosen:
        raise LoadError(f"no title or text column among {present}; "
                        "name one with a mapping such as --map text=COLUMN")
    return chosen


def _choose(present: list[str], mapping: Mapping[str, str] | None, *,
            strict: bool) -> dict[str, str]:
    """`resolve_columns` without the title-or-text check; not `strict`, a mapping from a
    column `present` lacks is passed over (a record without it falls back on the names)."""
    chosen: dict[str, str] = {}
    for ours, theirs in (mapping or {}).items():
        key = ours.strip().lower()
        if key not in FIELD_NAMES:
            raise LoadError(f"cannot map onto {ours!r}: mappable columns are {sorted(FIELD_NAMES)}")
        found = _find_column(present, theirs, ours=key, strict=strict)
        if found is not None:
            chosen[key] = found
    used = set(chosen.values())
    by_key: dict[str, str] = {}
    for column in present:
        if column not in used:
            by_key.setdefault(_name_key(column), column)
    for ours, names in FIELD_NAMES.items():
        found = next((by_key[_name_key(n)] for n in names if _name_key(n) in by_key), None)
        if ours not in chosen and found is not None and found not in chosen.values():
            chosen[ours] = found
    return chosen


def _find_column(present: list[str], wanted: str, *, ours: str, strict: bool) -> str | None:
    if wanted in present:
        return wanted
    folded = [column for column in present if column.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    if not strict and not folded:
        return None
    raise LoadError(f"--map {ours}={wanted}: no column {wanted!r}; columns present: {present}")


def _name_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _read_rows(source: Source, rows: list[tuple[int, dict[str, Any] | str]], *,
               mapping: Mapping[str, str] | None,
               columns: Iterable[str] | None = None) -> Iterator[Record | Reject]:
    """Records from numbered rows; a row given as a string is a reason to reject it.

    The file's columns are checked once (a mapping names columns it has; one of them can give
    a title or a text); each record's fields are then recognised among those it fills, so a
    file mixing ``title/text/published_at`` and ``headline/body/date`` records reads both.
    """
    if columns is None:
        columns = [key for _, row in rows if isinstance(row, dict) for key in row]
    resolve_columns(columns, mapping)
    chosen: dict[tuple[str, ...], dict[str, str]] = {}
    for number, row in rows:
        if isinstance(row, str):
            yield Reject(source.name, str(number), row)
            continue
        filled = tuple(key for key, value in row.items() if _filled(value))
        if filled not in chosen:
            chosen[filled] = _choose(list(filled), mapping, strict=False)
        too_long = field_too_long({theirs: row.get(theirs) for theirs in chosen[filled].values()})
        if too_long:
            yield Reject(source.name, str(number), too_long)
            continue
        record = row_record(row, chosen[filled], origin=source.origin(number))
        if not record.get(TITLE) and not record.get(TEXT):
            yield Reject(source.name, str(number),
                         f"no title and no text (fields filled: {', '.join(filled) or 'none'})")
            continue
        yield record


def _filled(value: Any) -> bool:
    """Whether a cell holds something (not None, NaN, blank text or an empty list)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict)):
        return bool(value)
    return True


def row_record(row: Mapping[str, Any], fields: Mapping[str, str], *, origin: str) -> Record:
    """One record from a row, given which column fills each of ours (see `resolve_columns`)."""
    record: Record = {ORIGIN: origin}
    for ours, theirs in fields.items():
        value = _convert(ours, row.get(theirs))
        if value is not None and value != [] and value != "":
            record[ours] = value
    return record


def _convert(ours: str, value: Any) -> Any:
    if ours in (BYLINE, SECTION):
        return as_labels(value)
    if ours == PUBLISHED_AT:
        return as_time(value)
    text = as_text(value, joiner="\n\n" if ours == TEXT else "; ")
    if text is None:
        return None
    if ours == TEXT:
        return clean_text(strip_markup(text))
    if ours == URL:
        return web_url(text)
    if ours == LANGUAGE:
        return language_code(text)
    return plain_line(text)


def as_text(value: Any, *, joiner: str = "; ") -> str | None:
    """A cell as a string: numbers written plainly, ``{"name": ...}`` objects by their name."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dict):
        value = next((value[k] for k in ("name", "title", "value", "text") if value.get(k)), None)
        return as_text(value, joiner=joiner)
    if isinstance(value, (list, tuple)):
        parts = [part for part in (as_text(item) for item in value) if part]
        return joiner.join(parts) or None
    return str(value)


def as_labels(value: Any) -> list[str]:
    """A list cell: a JSON/Arrow list, a ``'["a", "b"]'`` string, or ``"a; b"``."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            try:
                value = json.loads(stripped)
            except json.JSONDecodeError:
                value = stripped.strip("[]")
    if isinstance(value, (list, tuple)):
        return unique_labels(plain_line(text) for text in (as_text(item) for item in value) if text)
    text = as_text(value)
    # decoded and stripped before the split: the ";" of an entity such as "&lt;" separates nothing
    return unique_labels(_LIST_SEPARATOR.split(plain_line(text))) if text else []


def as_time(value: Any) -> datetime | str | None:
    """A time cell as a datetime (naive means UTC); numbers are Unix epoch seconds or milliseconds.

    A string with no year, month or day in it gives None rather than borrowing today's. A
    numeric date whose day and month can be swapped (``12/06/1987``) is returned as written:
    the cleaner reads it in the day order chosen for its source (`analysis.load.dates`).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        seconds = value / 1000 if abs(value) >= _EPOCH_MS else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if ambiguous_date(str(value)):
        return clean_line(str(value))
    return parse_time(str(value))


def parse_time(text: str) -> datetime | None:
    """ISO 8601, RFC 2822 or another written date; None when it has no full date in it."""
    text = clean_line(text)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    # parse twice with different defaults: if they disagree on the date, part of it was missing
    early, late = datetime(2000, 1, 1), datetime(2001, 2, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
        try:
            first = dateparser.parse(text, default=early)
            second = dateparser.parse(text, default=late)
        except (ValueError, OverflowError):
            return None
    return first if first.date() == second.date() else None


def _json_items(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise LoadError(f"JSON holds a {_json_kind(document)}, not articles (an array of objects)")
    lists = [key for key, value in document.items()
             if isinstance(value, list) and any(isinstance(item, dict) for item in value)]
    if len(lists) == 1:
        return document[lists[0]]
    preferred = [key for key in _LIST_KEYS if key in lists]
    if preferred:
        return document[preferred[0]]
    if lists:
        raise LoadError(f"JSON object holds several lists of objects {lists}; "
                        f"expected one, or one named one of {list(_LIST_KEYS)}")
    return [document]  # a single article as one object


def _json_kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


def _sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _csv_rows(reader: Iterator[list[str]], header: list[str],
              ) -> list[tuple[int, dict[str, Any] | str]]:
    rows: list[tuple[int, dict[str, Any] | str]] = []
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as err:
            number += 1
            rows.append((number, f"unreadable CSV row: {err}"))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        number += 1
        if len(cells) != len(header):
            rows.append((number, f"row has {len(cells)} fields, the header has {len(header)}"))
            continue
        rows.append((number, dict(zip(header, cells, strict=True))))
