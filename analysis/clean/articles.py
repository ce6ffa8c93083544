"""Build the article table from raw records: fill, clean, date, identify, de-duplicate."""

from __future__ import annotations

import hashlib
import logging
import re
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import py3langid
from dateutil import parser as dateparser

from analysis import processes, schema, settings
from analysis.clean import notes as notes_
from analysis.clean.notes import Note, notes_frame
from analysis.clean.page import TIMEZONES, parse_page
from analysis.clean.people import sort_byline
from analysis.clean.story import clean_story
from analysis.load import Record, Reject, Source, read_sources
from analysis.load.dates import ambiguous_date
from analysis.load.files import iter_sources
from analysis.load.source import field_too_long
from analysis.text import clean_line, clean_text

log = logging.getLogger(__name__)

# formats whose body text arrives raw, so the story cleaner still has to find the dateline,
# wire source and credits in it; pages and archives parse their own
PAGE_FORMAT = "page"  # a scraped page: `parse_page` finds its parts
_NEEDS_STORY_CLEANING = {"html", "feed", "json", "jsonl", "csv", "parquet"}
_MIN_CHARS_FOR_LANGUAGE = 40
# publication dates outside these bounds are taken for errors (see `parse_date`)
_EARLIEST_DATE = datetime(1800, 1, 1, tzinfo=UTC)
_FUTURE_SLACK = pd.Timedelta(days=1)


def _no_notes() -> pd.DataFrame:
    return notes_frame([])


@dataclass(frozen=True)
class Batch:
    """What one load produced: the articles, the rejects, how many duplicates were dropped,
    and the notes on the articles kept (`analysis.clean.notes`: no date, an ambiguous date...)."""

    articles: pd.DataFrame
    rejects: pd.DataFrame
    duplicates: int
    notes: pd.DataFrame = field(default_factory=_no_notes)


def read_batch(*paths: str | Path, fmt: str | None = None,
               mapping: Mapping[str, str] | None = None,
               on_file: Callable[[str], None] | None = None,
               dayfirst: bool | None = None, source: str | None = None,
               names: Mapping[str, str] | None = None, workers: int = 1) -> Batch:
    """Load every file under `paths` into a Batch (the strict layer under `load_articles`).

    `dayfirst` reads numeric dates like 12/06/1987 day first (True) or month first (False);
    None follows the setting `dayfirst_sources`. `source` names the source of records that
    state none. `names` gives a path the name its articles' origin shows (an upload's own).
    `workers` processes read and clean the files (one file each at a time) when there are
    several; the batch is the same as from one.
    """
    started = time.perf_counter()
    items: Iterable[Source | Reject] = iter_sources(paths, names=names)
    if workers > 1:
        items = list(items)
        sources = [item for item in items if isinstance(item, Source)]
        if len(sources) > 1 and sum(len(s.data) for s in sources) >= processes.PARALLEL_BYTES:
            options = _Options(fmt=fmt, mapping=mapping, dayfirst=dayfirst, source=source)
            return _read_in_parallel(items, options, workers=workers, on_file=on_file)
    records: list[Record] = []
    rejects: list[Reject] = []
    for item in read_sources(items, fmt=fmt, mapping=mapping, on_file=on_file):
        if isinstance(item, Reject):
            rejects.append(item)
        else:
            records.append(item)
    loaded = time.perf_counter()
    batch = build_batch(records, rejects, dayfirst=dayfirst, source=source)
    log.info("step load: %.2f s for %d records", loaded - started, len(records))
    log.info("step clean: %.2f s", time.perf_counter() - loaded)
    return batch


@dataclass(frozen=True)
class _Options:
    """How records are read and built (as for `read_batch`)."""

    fmt: str | None = None
    mapping: Mapping[str, str] | None = None
    dayfirst: bool | None = None
    source: str | None = None


@dataclass(frozen=True)
class _SourceRead:
    """One source read and its records built, in a worker: its rejects, then each record's row
    (with its notes) or Reject, in order, and the seconds loading and building took."""

    rejects: list[Reject]
    built: list[Built]
    records: int
    load_s: float
    clean_s: float


def _read_in_parallel(items: list[Source | Reject], options: _Options, *, workers: int,
                      on_file: Callable[[str], None] | None) -> Batch:
    """`read_batch` with each source read and built in a worker process; the rows, rejects
    and notes are put together here in the order one process gives them."""
    started = time.perf_counter()
    sources = [item for item in items if isinstance(item, Source)]
    with processes.pool(min(workers, len(sources))) as pool:
        pending = {id(item): pool.submit(_read_source, item, options) for item in sources}
        rejects: list[Reject] = []
        built: list[Built] = []
        read: list[_SourceRead] = []
        for item in items:
            if isinstance(item, Reject):
                rejects.append(item)
                continue
            if on_file is not None:
                on_file(item.name)
            read.append(pending[id(item)].result())
            rejects += read[-1].rejects
            built += read[-1].built
    batch = assemble(built, rejects)
    log.info("step load: %.2f s for %d records", sum(r.load_s for r in read),
             sum(r.records for r in read))
    log.info("step clean: %.2f s", sum(r.clean_s for r in read))
    log.info("step load and clean, wall clock in %d process(es): %.2f s",
             min(workers, len(sources)), time.perf_counter() - started)
    return batch


def _read_source(source: Source, options: _Options) -> _SourceRead:
    started = time.perf_counter()
    rejects: list[Reject] = []
    records: list[Record] = []
    for record in read_sources([source], fmt=options.fmt, mapping=options.mapping):
        if isinstance(record, Reject):
            rejects.append(record)
        else:
            records.append(record)
    loaded = time.perf_counter()
    built = build_each(records, dayfirst=options.dayfirst, source=options.source)
    return _SourceRead(rejects, built, len(records), loaded - started,
                       time.perf_counter() - loaded)


def build_batch(records: Iterable[Record], rejects: Iterable[Reject] = (), *,
                dayfirst: bool | None = None, source: str | None = None) -> Batch:
    """Turn raw records into a validated article table, dropping exact duplicates (options as
    for `read_batch`)."""
    return assemble(build_each(records, dayfirst=dayfirst, source=source), rejects)


Built = tuple[dict[str, Any], list[dict[str, Any]]] | Reject  # a row and its notes, or why not


def build_each(records: Iterable[Record], *, dayfirst: bool | None = None,
               source: str | None = None) -> list[Built]:
    """Each record's row and the notes on it (`analysis.clean.notes`), or a Reject saying why
    it has none."""
    built: list[Built] = []
    for record in records:
        file, number = _where(str(record.get(schema.ORIGIN) or "?"))
        try:
            row, found = _build(record, dayfirst=dayfirst, source=source)
        except ValueError as err:
            built.append(Reject(file, number, str(err)))
            continue
        built.append((row, [{schema.ARTICLE_ID: row[schema.ARTICLE_ID], schema.REJECT_FILE: file,
                             schema.REJECT_RECORD: number, schema.NOTE: kind,
                             schema.NOTE_DETAIL: detail} for kind, detail in found]))
    return built


def assemble(built: Iterable[Built], rejects: Iterable[Reject] = ()) -> Batch:
    """The batch of records built by `build_each` (after the loader's `rejects`): the
    validated article table without exact duplicates, every reject, the notes of the kept."""
    rejected = list(rejects)
    rows: list[dict[str, Any]] = []
    noted: list[tuple[int, dict[str, Any]]] = []
    for outcome in built:
        if isinstance(outcome, Reject):
            rejected.append(outcome)
            continue
        row, notes = outcome
        noted += [(len(rows), note) for note in notes]
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(schema.ARTICLE_COLUMNS))
    kept = ~frame[schema.CONTENT_HASH].duplicated(keep="first")
    frame = frame[kept]
    for reject in rejected:
        log.info("rejected %s", reject)
    if rejected:
        log.warning("%d file(s) or record(s) rejected; first: %s", len(rejected), rejected[0])
    return Batch(
        articles=schema.validate_articles(frame),
        rejects=rejects_frame(rejected),
        duplicates=int((~kept).sum()),
        notes=notes_frame(note for at, note in noted if kept.iloc[at]),
    )


def _where(origin: str) -> tuple[str, str | None]:
    """The file and record number of an origin (``file#12``; a whole file has no number)."""
    file, mark, number = origin.rpartition("#")
    return (file, number or None) if mark and file else (origin, None)


def rejects_frame(rejects: Iterable[Reject]) -> pd.DataFrame:
    """Rejects as a table with the schema's reject columns."""
    rows = [{schema.REJECT_FILE: r.file, schema.REJECT_RECORD: r.record,
             schema.REJECT_REASON: r.reason} for r in rejects]
    return schema.conform(pd.DataFrame(rows, columns=list(schema.REJECT_COLUMNS)),
                          schema.REJECT_COLUMNS, name="rejects")


def build_row(record: Record, *, dayfirst: bool | None = None,
              source: str | None = None) -> dict[str, Any]:
    """One complete article row from a partial record; raises ValueError if it has no content
    or a field too long to clean (setting max_field_chars) (options as for `read_batch`)."""
    return _build(record, dayfirst=dayfirst, source=source)[0]


def _build(record: Record, *, dayfirst: bool | None, source: str | None
           ) -> tuple[dict[str, Any], list[Note]]:
    """The row of `record` and what was noticed on the way (missing fields, doubtful dates)."""
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
    people, row[schema.SOURCE], credits = sort_byline(row[schema.BYLINE],
                                                      source=row[schema.SOURCE])
    row[schema.BYLINE], row[schema.CREDITS] = people, [*row[schema.CREDITS], *credits]
    found = _name_source(row, given=source)
    row[schema.PUBLISHED_AT], dated = read_date(
        record.get(schema.PUBLISHED_AT), dayfirst=day_order(dayfirst, row[schema.SOURCE]))
    for kind, detail in dated:
        if kind == notes_.UNBELIEVABLE_DATE:
            log.info("%s: publication date %s: not believable, left missing",
                     row[schema.ORIGIN] or "?", detail)
    found += dated + _missing(row)
    if not row[schema.LANGUAGE]:
        row[schema.LANGUAGE] = detect_language(row[schema.TITLE], row[schema.TEXT])
    row[schema.CONTENT_HASH] = content_hash(row)
    row[schema.ARTICLE_ID] = row[schema.CONTENT_HASH][:16]
    return row, found


def _missing(row: Mapping[str, Any]) -> list[Note]:
    found = []
    if row[schema.PUBLISHED_AT] is None:
        found.append((notes_.NO_DATE, ""))
    if not row[schema.TITLE]:
        found.append((notes_.NO_TITLE, ""))
    if not row[schema.TEXT]:
        found.append((notes_.NO_BODY, notes_.FROM_TITLE if row[schema.TITLE] else ""))
    return found


def _name_source(row: dict[str, Any], *, given: str | None) -> list[Note]:
    """Fill a missing source: `given` (--source), else by `inferred_source`; noted if inferred."""
    if row[schema.SOURCE]:
        return []
    if given and clean_line(given):
        row[schema.SOURCE] = clean_line(given)
        return []
    row[schema.SOURCE], how = inferred_source(row[schema.URL], str(row[schema.ORIGIN] or ""))
    return [(notes_.NO_SOURCE, how)] if how else []


def inferred_source(url: str | None, origin: str) -> tuple[str | None, str | None]:
    """The source of an article that names none, and how it was found: the site of its URL
    (``www.bbc.co.uk`` → ``bbc.co.uk``), else the name of its file without folders or
    extension (``exports/bbc_news.csv#12`` → ``bbc_news``; an archive member's own name).
    (None, None) when there is neither."""
    site = (urlsplit(url).hostname or "") if url else ""
    site = site.removeprefix("www.")
    if site:
        return site, f"named after its site {site}"
    file = origin.rpartition("#")[0] or origin
    name = re.split(r"[/\\]", file.rpartition("!")[2])[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    if not stem:
        return None, None
    return stem, f"named after its file {stem}"


def day_order(dayfirst: bool | None, source: str | None) -> bool:
    """Whether numeric dates are read day first: as told (`dayfirst`), else when `source` is one
    of the setting `dayfirst_sources` (names compared in any case)."""
    if dayfirst is not None:
        return dayfirst
    listed = {name.strip().casefold() for name in str(settings.get("dayfirst_sources")).split(",")}
    return bool(source) and str(source).casefold() in listed


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


def parse_date(value: object, *, origin: str = "", dayfirst: bool = False
               ) -> pd.Timestamp | None:
    """A timezone-aware UTC timestamp from a datetime or a date string; None when unknown.

    A naive time is taken as UTC. Unparseable text gives None: a date is never guessed. A date
    that cannot be a publication date (before 1800, or more than a day after now) is left
    missing too, and logged with `origin`: the article is kept undated, not put at a false time.
    `dayfirst` reads 12/06/1987 as 12 June.
    """
    stamp, found = read_date(value, dayfirst=dayfirst)
    for kind, detail in found:
        if kind == notes_.UNBELIEVABLE_DATE:
            log.info("%s: publication date %s: not believable, left missing", origin or "?",
                     detail)
    return stamp


def read_date(value: object, *, dayfirst: bool) -> tuple[pd.Timestamp | None, list[Note]]:
    """`parse_date`, and its notes: an ambiguous numeric date and how it was read, or a date
    not believable (before 1800, or more than a day ahead) that was left missing."""
    moment = _moment(value, dayfirst=dayfirst)
    if moment is None:
        return None, []
    found: list[Note] = []
    written = ambiguous_date(value) if isinstance(value, str) else None
    if written:
        order = "day first" if dayfirst else "month first"
        found.append((notes_.AMBIGUOUS_DATE,
                      f"{written} read {order}, as {moment.day} {moment:%b %Y}"))
    if moment.year < _EARLIEST_DATE.year:  # before pandas' range too, at 1677
        return None, [*found, (notes_.UNBELIEVABLE_DATE, f"{moment:%Y-%m-%d} is before 1800")]
    try:
        stamp = pd.Timestamp(moment)
    except (ValueError, OverflowError):
        return None, found
    stamp = stamp.tz_localize(UTC) if stamp.tzinfo is None else stamp.tz_convert("UTC")
    if stamp > pd.Timestamp.now(tz=UTC) + _FUTURE_SLACK:
        return None, [*found, (notes_.UNBELIEVABLE_DATE, f"{stamp:%Y-%m-%d} is in the future")]
    return stamp, found


def _moment(value: object, *, dayfirst: bool) -> datetime | None:
    """A datetime (or Timestamp) from a time value or a written date; None when unknown."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
                return dateparser.parse(value, dayfirst=dayfirst, tzinfos=TIMEZONES)
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
                  mapping: Mapping[str, str] | None = None, dayfirst: bool | None = None,
                  source: str | None = None) -> pd.DataFrame:
    """Load, clean and de-duplicate articles from files, folders and .zip archives.

    The friendly layer over `read_batch`: returns the article table. Rejected records are
    logged, and listed in ``frame.attrs["rejects"]`` (dicts with file, record, reason); the
    number of exact duplicates dropped is ``frame.attrs["duplicates"]``; what cleaning noticed
    (no date, an ambiguous date, ...) is ``frame.attrs["notes"]``. Options as for `read_batch`.
    """
    batch = read_batch(*paths, fmt=fmt, mapping=mapping, dayfirst=dayfirst, source=source)
    articles = batch.articles
    articles.attrs["rejects"] = Records(batch.rejects.to_dict("records"))
    articles.attrs["duplicates"] = batch.duplicates
    articles.attrs["notes"] = Records(batch.notes.to_dict("records"))
    return articles


class Records(list):
    """The rejects or notes of a load, shared by every frame made from its articles.

    pandas deep-copies a frame's ``attrs`` on most operations (a slice, a column, `where`):
    with thousands of notes that copy took most of the time of `analyze` on a slice. These
    lists are passed on as they are instead, so they describe the load, not one frame.
    """

    def __deepcopy__(self, memo: dict) -> Records:
        return self
