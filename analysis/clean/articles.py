"""Build the article table from raw records: fill, clean, date, identify, de-duplicate."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

import pandas as pd
import py3langid
from dateutil import parser as dateparser

from analysis import schema
from analysis.clean.page import parse_page
from analysis.clean.story import clean_story
from analysis.load import Record, Reject, read_records
from analysis.load.source import field_too_long
from analysis.text import clean_line, clean_text

log = logging.getLogger(__name__)

# formats whose body text arrives raw, so the story cleaner still has to find the dateline,
# wire source and credits in it; pages and archives parse their own
PAGE_FORMAT = "page"  # a scraped page: `parse_page` finds its parts
_NEEDS_STORY_CLEANING = {"html", "feed", "json", "jsonl", "csv", "parquet"}
_MIN_CHARS_FOR_LANGUAGE = 40
# publication dates outside these bounds are taken for errors (see `parse_date`)
_EARLIEST_DATE = pd.Timestamp("1800-01-01", tz=UTC)
_FUTURE_SLACK = pd.Timedelta(days=1)


@dataclass(frozen=True)
class Batch:
    """What one load produced: the articles, the rejects, and how many duplicates were dropped."""

    articles: pd.DataFrame
    rejects: pd.DataFrame
    duplicates: int


def read_batch(*paths: str | Path, fmt: str | None = None,
               mapping: Mapping[str, str] | None = None,
               on_file: Callable[[str], None] | None = None) -> Batch:
    """Load every file under `paths` into a Batch (the strict layer under `load_articles`)."""
    records: list[Record] = []
    rejects: list[Reject] = []
    for item in read_records(paths, fmt=fmt, mapping=mapping, on_file=on_file):
        if isinstance(item, Reject):
            rejects.append(item)
        else:
            records.append(item)
    return build_batch(records, rejects)


def build_batch(records: Iterable[Record], rejects: Iterable[Reject] = ()) -> Batch:
    """Turn raw records into a validated article table, dropping exact duplicates."""
    rejected = list(rejects)
    rows = []
    for record in records:
        try:
            rows.append(build_row(record))
        except ValueError as err:
            origin = str(record.get(schema.ORIGIN) or "?")
            file, _, number = origin.rpartition("#")
            rejected.append(Reject(file or origin, number or None, str(err)))
    frame = pd.DataFrame(rows, columns=list(schema.ARTICLE_COLUMNS))
    before = len(frame)
    frame = frame.drop_duplicates(subset=schema.CONTENT_HASH, keep="first")
    for reject in rejected:
        log.info("rejected %s", reject)
    if rejected:
        log.warning("%d file(s) or record(s) rejected; first: %s", len(rejected), rejected[0])
    return Batch(
        articles=schema.validate_articles(frame),
        rejects=rejects_frame(rejected),
        duplicates=before - len(frame),
    )


def rejects_frame(rejects: Iterable[Reject]) -> pd.DataFrame:
    """Rejects as a table with the schema's reject columns."""
    rows = [{schema.REJECT_FILE: r.file, schema.REJECT_RECORD: r.record,
             schema.REJECT_REASON: r.reason} for r in rejects]
    return schema.conform(pd.DataFrame(rows, columns=list(schema.REJECT_COLUMNS)),
                          schema.REJECT_COLUMNS, name="rejects")


def build_row(record: Record) -> dict[str, Any]:
    """One complete article row from a partial record; raises ValueError if it has no content
    or a field too long to clean (setting max_field_chars)."""
    too_long = field_too_long(record)
    if too_long:
        raise ValueError(too_long)
    if record.get(schema.FORMAT) == PAGE_FORMAT:
        record = parsed_page(record)
    row = {column: record.get(column, schema.empty_value(kind))
           for column, kind in schema.ARTICLE_COLUMNS.items()}
    for column, kind in schema.ARTICLE_COLUMNS.items():
        if kind == "str" and row[column] is not None:
            row[column] = clean_line(str(row[column])) or None
    row[schema.TEXT] = clean_text(str(record.get(schema.TEXT) or ""))
    if record.get(schema.FORMAT) in _NEEDS_STORY_CLEANING and row[schema.TEXT]:
        _apply_story_cleaning(row)
    if not (row[schema.TITLE] or row[schema.TEXT] or row[schema.URL]):
        raise ValueError("no title, text or url: nothing to keep")
    row[schema.PUBLISHED_AT] = parse_date(record.get(schema.PUBLISHED_AT),
                                          origin=str(record.get(schema.ORIGIN) or ""))
    if not row[schema.LANGUAGE]:
        row[schema.LANGUAGE] = detect_language(row[schema.TITLE], row[schema.TEXT])
    row[schema.CONTENT_HASH] = content_hash(row)
    row[schema.ARTICLE_ID] = row[schema.CONTENT_HASH][:16]
    return row


def parsed_page(record: Record) -> Record:
    """A scraped page's raw record with the parts `parse_page` finds in its text; raises
    ValueError when the page holds no story."""
    page = parse_page(str(record.get(schema.TEXT) or ""))
    if not page[schema.TEXT]:
        raise ValueError("no story body found (only a title, page furniture or link lists); "
                         "skipped")
    return {**record, **{key: value for key, value in page.items() if value is not None}}


def _apply_story_cleaning(row: dict[str, Any]) -> None:
    story = clean_story(row[schema.TEXT])
    row[schema.TEXT] = story[schema.TEXT]
    for column in (schema.DATELINE, schema.SOURCE, schema.BYLINE, schema.CREDITS):
        if not row[column] and story.get(column):
            row[column] = story[column]


def parse_date(value: object, *, origin: str = "") -> pd.Timestamp | None:
    """A timezone-aware UTC timestamp from a datetime or a date string; None when unknown.

    A naive time is taken as UTC. Unparseable text gives None: a date is never guessed. A date
    that cannot be a publication date (before 1800, or more than a day after now) is left
    missing too, and logged with `origin`: the article is kept undated, not put at a false time.
    """
    stamp = _timestamp(value)
    if stamp is None:
        return None
    stamp = stamp.tz_localize(UTC) if stamp.tzinfo is None else stamp.tz_convert("UTC")
    if not _EARLIEST_DATE <= stamp <= pd.Timestamp.now(tz=UTC) + _FUTURE_SLACK:
        log.info("%s: publication date %s is before 1800 or more than a day ahead: "
                 "not believable, left missing", origin or "?", stamp.isoformat())
        return None
    return stamp


def _timestamp(value: object) -> pd.Timestamp | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            value = dateparser.parse(value)
        except (ValueError, OverflowError, TypeError):
            return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if stamp is pd.NaT else stamp


def detect_language(title: str | None, text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid, bundled model); None if too short."""
    sample = f"{title or ''}\n{text[:600]}".strip()
    if len(sample) < _MIN_CHARS_FOR_LANGUAGE:
        return None
    language, _score = py3langid.classify(sample)
    return str(language)


def content_hash(row: Mapping[str, Any]) -> str:
    """SHA-256 of the whitespace-normalised title and text (and url when there is no text)."""
    title = " ".join(str(row.get(schema.TITLE) or "").split())
    text = " ".join(str(row.get(schema.TEXT) or "").split())
    key = f"{title}\n{text}" if text else f"{title}\n\n{row.get(schema.URL) or ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def load_articles(*paths: str | Path, fmt: str | None = None,
                  mapping: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Load, clean and de-duplicate articles from files, folders and .zip archives.

    The friendly layer over `read_batch`: returns the article table. Rejected records are
    logged, and listed in ``frame.attrs["rejects"]`` (dicts with file, record, reason); the
    number of exact duplicates dropped is ``frame.attrs["duplicates"]``.
    """
    batch = read_batch(*paths, fmt=fmt, mapping=mapping)
    articles = batch.articles
    articles.attrs["rejects"] = batch.rejects.to_dict("records")
    articles.attrs["duplicates"] = batch.duplicates
    return articles
