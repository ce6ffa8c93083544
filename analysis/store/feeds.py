"""The state of each watched feed (conditional-GET validators, last success and error) and its
entries already taken (which article each became, from where, when): `presslens watch`'s
memory across polls and restarts, and the provenance of what it stored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from analysis.store.database import run, transaction

FEED_COLUMNS = {"feed_url": "str", "name": "str", "etag": "str", "last_modified": "str",
                "last_polled": "time", "last_success": "time", "last_error": "str",
                "last_error_at": "time", "not_before": "time"}
ENTRY_COLUMNS = {"feed_url": "str", "entry_id": "str", "article_id": "str", "url": "str",
                 "fetched_at": "time", "text_from": "str"}
# where an entry's stored text came from
TEXT_FROM_FEED, TEXT_FROM_PAGE, TEXT_FROM_SUMMARY = "feed", "page", "summary"


@dataclass
class FeedState:
    """One feed's row of the `feeds` table."""

    feed_url: str
    name: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    not_before: datetime | None = None
    seen: set[str] = field(default_factory=set)  # its entries already taken (feed_entries)


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                            [name]).fetchall()[0][0])


def read_states(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> dict[str, FeedState]:
    """The stored state of each feed of `urls` (a fresh one for a feed never polled)."""
    states = {url: FeedState(url) for url in urls}
    if not _table_exists(con, "feeds"):  # a store no watch has written to yet
        return states
    wanted = list(states)
    rows = con.execute(f"SELECT {', '.join(FEED_COLUMNS)} FROM feeds WHERE feed_url IN "
                       "(SELECT unnest(?))", [wanted]).fetchall()
    for row in rows:
        states[row[0]] = FeedState(**dict(zip(FEED_COLUMNS, row, strict=True)))
    for url, entry in con.execute("SELECT feed_url, entry_id FROM feed_entries WHERE feed_url "
                                  "IN (SELECT unnest(?))", [wanted]).fetchall():
        states[url].seen.add(entry)
    return states


def write_states(con: duckdb.DuckDBPyConnection, states: Iterable[FeedState],
                 entries: pd.DataFrame) -> None:
    """Replace the feeds' rows and add their newly taken `entries` (ENTRY_COLUMNS), inside a
    transaction the caller holds (an ingest's, so that they land with its articles)."""
    rows = [{key: value for key, value in asdict(state).items() if key in FEED_COLUMNS}
            for state in states]
    if rows:
        frame = pd.DataFrame(rows, columns=list(FEED_COLUMNS))
        con.register("feed_rows", frame)
        try:
            run(con, f"INSERT OR REPLACE INTO feeds SELECT {_typed(FEED_COLUMNS)} FROM feed_rows")
        finally:
            con.unregister("feed_rows")
    if len(entries):
        con.register("entry_rows", entries[list(ENTRY_COLUMNS)])
        try:
            run(con, f"INSERT OR IGNORE INTO feed_entries SELECT {_typed(ENTRY_COLUMNS)} "
                     "FROM entry_rows")
        finally:
            con.unregister("entry_rows")


def record(con: duckdb.DuckDBPyConnection, states: Iterable[FeedState],
           entries: pd.DataFrame) -> None:
    """`write_states` in a transaction of its own (polls that stored no articles)."""
    with transaction(con, {}):
        write_states(con, states, entries)


def _typed(columns: dict[str, str]) -> str:
    kinds = {"str": "VARCHAR", "time": "TIMESTAMPTZ"}
    return ", ".join(f"CAST({name} AS {kinds[kind]})" for name, kind in columns.items())
