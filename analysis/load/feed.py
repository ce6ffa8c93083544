"""Read RSS 2.0, RSS 1.0 (RDF) and Atom feeds with feedparser: one record per entry."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from analysis.load.html import split_names
from analysis.load.source import LoadError, Record, Reject, Source
from analysis.schema import (
    BYLINE,
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
    fragment_text,
    language_code,
    plain_line,
    strip_markup,
    unique_labels,
    web_url,
)

_PLAIN = "text/plain"


# an entry whose content (not its summary) holds this many characters carries its article;
# a shorter one is a teaser, and the article is read from its page (`presslens watch`)
FULL_TEXT_CHARS = 600


@dataclass(frozen=True)
class Entry:
    """One feed entry: its key (id, else link, else title), its record, and whether it carries
    its article's text (content of FULL_TEXT_CHARS or more) rather than a summary only."""

    key: str
    record: Record
    full_text: bool


def read_feed(source: Source) -> Iterator[Record | Reject]:
    """One record per feed entry; a feed with no entries at all raises LoadError.

    Entries are numbered from 1 in `origin` and rejects.
    """
    for number, entry in enumerate(read_entries(source.data), start=1):
        record = {**entry.record, ORIGIN: source.origin(number)}
        if not record.get(TITLE) and not record.get(TEXT):
            yield Reject(source.name, str(number), "entry has neither a title nor any text")
            continue
        yield record


def read_entries(data: bytes, *, base: str | None = None) -> list[Entry]:
    """The entries of a feed, the channel's title and language filling their source and
    language; raises LoadError when it has none. Relative links are read against `base`, the
    feed's own address.

    The raw bytes go to feedparser as a stream (never as a string it could take for a URL or a
    path), so it honours the feed's declared encoding. A malformed ("bozo") feed is still read
    as far as feedparser recovers entries.
    """
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    if not parsed.entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        raise LoadError(f"not a readable feed: {problem}" if problem else "the feed has no entries")
    channel = parsed.feed
    defaults = {SOURCE: plain_line(_detail_text(channel, "title")) or None,
                LANGUAGE: language_code(channel.get("language") or "")}
    entries = []
    for entry in parsed.entries:
        record = _entry_record(entry, origin="", base=base)
        for key, value in defaults.items():
            if value and not record.get(key):
                record[key] = value
        key = record.get(SOURCE_ID) or record.get(URL) or record.get(TITLE) or ""
        full = len(_content_text(entry)) >= FULL_TEXT_CHARS
        entries.append(Entry(key=str(key), record=record, full_text=full))
    return entries


def _entry_record(entry: Any, *, origin: str, base: str | None = None) -> Record:
    authors = [plain_line(author.get("name") or "") for author in entry.get("authors") or []]
    if not any(authors):
        authors = split_names(entry.get("author") or "")
    tags = [plain_line(tag.get("term") or tag.get("label") or "")
            for tag in entry.get("tags") or []]
    fields = {
        TITLE: plain_line(_detail_text(entry, "title")),
        URL: web_url(urljoin(base, entry.get("link") or "") if base else entry.get("link")),
        SOURCE_ID: clean_line(entry.get("id") or ""),
        PUBLISHED_AT: _entry_time(entry),
        BYLINE: unique_labels(authors),
        SECTION: unique_labels(tags),
        LANGUAGE: _entry_language(entry),
    }
    record: Record = {ORIGIN: origin, TEXT: _entry_text(entry)}
    record.update({key: value for key, value in fields.items() if value})
    return record


def _entry_text(entry: Any) -> str:
    """The fullest body an entry carries: its content if any, else its summary, as plain text."""
    return _content_text(entry) or _detail_text(entry, "summary")


def _content_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        text = _as_plain(content.get("value") or "", content.get("type") or "")
        if text:
            return text
    return ""


def _detail_text(item: Any, key: str) -> str:
    detail = item.get(f"{key}_detail") or {}
    return _as_plain(item.get(key) or "", detail.get("type") or "")


def _as_plain(value: str, kind: str) -> str:
    return clean_text(strip_markup(value)) if kind == _PLAIN else fragment_text(value)


def _entry_time(entry: Any) -> datetime | None:
    # feedparser's *_parsed values are struct_time in UTC, whatever offset the feed wrote; read
    # as a plain dict, as its own lookup maps updated to published with a DeprecationWarning
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment: time.struct_time | None = dict.get(entry, key)
        if moment:
            return datetime(*moment[:6], tzinfo=UTC)
    return None


def _entry_language(entry: Any) -> str | None:
    for key in ("content", "summary_detail", "title_detail"):
        detail = entry.get(key)
        detail = detail[0] if isinstance(detail, list) and detail else detail
        code = language_code((detail or {}).get("language") or "") if detail else None
        if code:
            return code
    return None
