"""The store's database: opening it (locks, waits, versions), its tables, transactions, meta."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import apsw
import duckdb
import filelock
import pandas as pd
import pyarrow as pa

from analysis import schema, settings
from analysis.store import facts, search_index

_SQL_TYPES = {
    "str": "VARCHAR",
    "list": "VARCHAR[]",
    "time": "TIMESTAMPTZ",
    "float": "DOUBLE",
    "int": "BIGINT",
    "bool": "BOOLEAN",
    "credits": "STRUCT(role VARCHAR, name VARCHAR, place VARCHAR)[]",
}
_ARROW_TYPES = {
    "str": pa.string(),
    "list": pa.list_(pa.string()),
    "time": pa.timestamp("us", tz="UTC"),
    "float": pa.float64(),
    "int": pa.int64(),
    "bool": pa.bool_(),
    "credits": pa.list_(pa.struct([(key, pa.string()) for key in schema.CREDIT_KEYS])),
}


class StoreError(RuntimeError):
    """The store cannot be used as asked; the message says why and what to do."""


def default_path() -> Path:
    """The store named by the `store` setting (env PRESSLENS_STORE)."""
    return Path(str(settings.get("store")))


def quote(name: str) -> str:
    """`name` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> None:
    """Execute a statement that returns no rows, and finish it (DuckDB 2 wants results consumed)."""
    con.execute(sql, params or []).fetchall()


def _ddl(table: str, columns: dict[str, str], *, key: str | None = None) -> str:
    cols = [f"{quote(name)} {_SQL_TYPES[kind]}" for name, kind in columns.items()]
    if key:
        cols.append(f"PRIMARY KEY ({quote(key)})")
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(cols)})"


# the store's own tables beside the article and enrichment tables: history and bookkeeping
REJECT_TABLE_COLUMNS = {**schema.REJECT_COLUMNS, "ingested_at": "time", schema.INGEST_ID: "int"}
INGEST_COLUMNS = {"started_at": "time", "finished_at": "time", "paths": "list", "new": "int",
                  "duplicates": "int", "rejected": "int", schema.INGEST_ID: "int"}
ARTICLE_INGEST_COLUMNS = {schema.ARTICLE_ID: "str", schema.INGEST_ID: "int"}
REMOVAL_COLUMNS = {schema.REMOVAL_ID: "int", "removed_at": "time", "what": "str",
                   "articles": "int", "article_ids": "list"}


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create the store's tables where they are missing (every write connection does)."""
    run(con, "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    run(con, _ddl("articles", schema.ARTICLE_COLUMNS, key=schema.ARTICLE_ID))
    run(con, _ddl("rejects", REJECT_TABLE_COLUMNS))
    for name, columns in schema.ENRICHMENT_TABLES.items():
        run(con, _ddl(name, columns))
    run(con, _ddl("ingests", INGEST_COLUMNS))
    # which ingest first stored each article (to undo an ingest), and each removal
    run(con, _ddl("article_ingests", ARTICLE_INGEST_COLUMNS))
    run(con, _ddl("removals", REMOVAL_COLUMNS))
    run(con, "CREATE TABLE IF NOT EXISTS saved_views (name VARCHAR PRIMARY KEY, "
             "link VARCHAR NOT NULL, saved_by VARCHAR, saved_at TIMESTAMPTZ)")
    # `presslens watch`: each feed's state, and its entries taken (analysis/store/feeds.py)
    run(con, "CREATE TABLE IF NOT EXISTS feeds (feed_url VARCHAR PRIMARY KEY, name VARCHAR, "
             "etag VARCHAR, last_modified VARCHAR, last_polled TIMESTAMPTZ, "
             "last_success TIMESTAMPTZ, last_error VARCHAR, last_error_at TIMESTAMPTZ, "
             "not_before TIMESTAMPTZ)")
    run(con, "CREATE TABLE IF NOT EXISTS feed_entries (feed_url VARCHAR, entry_id VARCHAR, "
             "article_id VARCHAR, url VARCHAR, fetched_at TIMESTAMPTZ, text_from VARCHAR, "
             "PRIMARY KEY (feed_url, entry_id))")
    # `presslens watch --alerts`: each alert fired, its delivery (analysis/store/alerts.py)
    run(con, "CREATE TABLE IF NOT EXISTS alerts (alert_id BIGINT PRIMARY KEY, "
             "fired_at TIMESTAMPTZ, watch VARCHAR, kind VARCHAR, period TIMESTAMP, "
             "reason VARCHAR, link VARCHAR, article_ids VARCHAR[], pending VARCHAR[], "
             "last_error VARCHAR, last_error_at TIMESTAMPTZ)")
    facts.create(con)
    run(
        con,
        "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
        [str(schema.SCHEMA_VERSION)],
    )


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version a store records (None for a file with no PressLens tables yet)."""
    try:
        rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    except duckdb.CatalogException:
        return None
    return int(rows[0][0]) if rows else None


# what schema 4 added to a store of an earlier one: ingest ids (in the order ingests ran; the
# articles stored before cannot be told apart by ingest), what each tone was read from, and
# articles in a language enrichment does not read no longer scored (they had a neutral tone)
_TO_VERSION_4 = [
    f"ALTER TABLE ingests ADD COLUMN IF NOT EXISTS {schema.INGEST_ID} BIGINT",
    f"UPDATE ingests SET {schema.INGEST_ID} = n.number FROM (SELECT started_at, row_number() "
    "OVER (ORDER BY started_at) AS number FROM ingests) n WHERE ingests.started_at = n.started_at",
    f"ALTER TABLE rejects ADD COLUMN IF NOT EXISTS {schema.INGEST_ID} BIGINT",
    f"UPDATE rejects SET {schema.INGEST_ID} = i.{schema.INGEST_ID} FROM ingests i "
    "WHERE rejects.ingested_at = i.started_at",
    f"ALTER TABLE scores ADD COLUMN IF NOT EXISTS {schema.SCORED_FROM} VARCHAR",
    f"UPDATE scores SET {schema.SCORED_FROM} = CASE WHEN a.text <> '' THEN "
    f"'{schema.SCORED_FROM_TEXT}' ELSE '{schema.SCORED_FROM_TITLE}' END FROM articles a "
    "WHERE scores.article_id = a.article_id AND scores.tone IS NOT NULL",
]
# what schema 6 added: quotes flagged indirect ("…, according to X"); those stored are direct
_TO_VERSION_6 = (f"ALTER TABLE quotes ADD COLUMN IF NOT EXISTS {schema.INDIRECT} BOOLEAN "
                 "DEFAULT false")
_UNREAD = ("SELECT article_id FROM articles WHERE language IS NOT NULL AND language NOT IN "
           f"({', '.join(repr(code) for code in schema.SCORED_LANGUAGES)})")


def _unscore_unread(con: duckdb.DuckDBPyConnection) -> None:
    """Take the scores and findings off articles in a language enrichment does not read."""
    run(con, f"UPDATE scores SET polarity = NULL, subjectivity = NULL, tone = NULL, "
        f"{schema.SCORED_FROM} = NULL WHERE article_id IN ({_UNREAD})")
    for table in ("sentences", "mentions", "topics", "quotes", "events"):
        run(con, f"DELETE FROM {table} WHERE article_id IN ({_UNREAD})")


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a store of an earlier schema version up to this one (on opening it for writing)."""
    version = stored_version(con)
    # version 1 had no query tables; version 2 no facts_quotes, and names in name order;
    # version 3 none of what _TO_VERSION_4 adds, and no `copy` column (near-duplicates) in
    # the query tables, which an upgrade from before 5 rebuilds; version 4 no surnames joined
    # across the store (analysis/store/people.py: its table and view are made by `create`, the
    # joins by the rebuild); version 5 no `indirect` column on quotes (every quote it holds is
    # direct; indirect ones, "…, according to X", come when its quotes are found again);
    # version 6 tone as the mean of word-weighted news-VADER alone (analysis/store/retone.py);
    # version 7 no `merged_type` in person_merges (a surname alone that is a company's name)
    if version is not None and version < schema.SCHEMA_VERSION:
        with transaction(con, {}):
            if version < 4:
                for statement in _TO_VERSION_4:
                    run(con, statement)
                _unscore_unread(con)
            if version < 6:
                run(con, _TO_VERSION_6)
            if version < 7:  # then the query tables, which hold sums of those tones
                from analysis.store import retone  # scoring: not for every reader of a store

                retone.retone(con)
            # the surnames' table in this version's shape, then the query tables (which hold
            # sums of tones and count the surnames' types) made again
            run(con, "DROP VIEW IF EXISTS resolved_mentions")
            run(con, "DROP TABLE IF EXISTS person_merges")
            facts.rebuild(con)
            run(con, "UPDATE meta SET value = ? WHERE key = 'schema_version'",
                [str(schema.SCHEMA_VERSION)])


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    version = stored_version(con)
    if version is None:
        raise StoreError(f"{path}: a DuckDB file, but not a PressLens store (no meta table); "
                         "ingest into a new store")
    if version is not None and version < schema.SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store schema version {version} was written by an earlier PressLens; "
            f"`presslens upgrade --store {path}` brings it to version {schema.SCHEMA_VERSION} "
            "(back it up first with `presslens backup`)"
        )
    if version != schema.SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store schema version {version}, this PressLens reads version "
            f"{schema.SCHEMA_VERSION}; ingest into a new store or upgrade PressLens"
        )


def ready_for_writing(path: Path) -> None:
    """Create the store at `path`, or upgrade one of an earlier schema; a write connection is
    opened only when one of these is needed."""
    if path.exists():
        con = _open(path, read_only=True)
        try:
            current = stored_version(con) == schema.SCHEMA_VERSION
        finally:
            con.close()
        if current:
            return
    with connect(path, read_only=False):
        pass


READ_WAIT_S = 15.0  # how long a reader waits for a write to finish before giving up


def _open(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting while another process holds it: a reader (the dashboard) waits
    for a write to finish, a writer for readers to close (each read is short)."""
    wait = READ_WAIT_S if read_only else float(settings.get("lock_timeout_s"))
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise StoreError(f"{path}: cannot open the store: {err}") from None
            if time.monotonic() > deadline:
                doing = "writing to" if read_only else "reading"
                raise StoreError(f"{path}: another process has been {doing} the store for over "
                                 f"{wait:g} s; try again in a moment") from None
            time.sleep(0.05)
        except duckdb.Error as err:
            raise StoreError(f"{path}: cannot open the store: {err}") from None


@contextlib.contextmanager
def connect(
    path: str | Path | None = None, *, read_only: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store at `path` (created when writing); closed on exit, after a
    writer's changes reach the full-text index (`analysis.store.search_index`)."""
    path = Path(path) if path is not None else default_path()
    if read_only and not path.exists():
        raise StoreError(f"{path}: no store here yet; run `presslens ingest PATH --store {path}`")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=read_only)
    try:
        run(con, "SET TimeZone = 'UTC'")
        run(con, "SET enable_progress_bar = false")
        if not read_only:
            create(con)
            _upgrade(con)
        _check_version(con, path)
        yield con
        if not read_only:  # what the writer committed, now in the full-text index too
            _update_index(path, con)
    finally:
        con.close()


def _update_index(path: Path, con: duckdb.DuckDBPyConnection) -> None:
    try:
        search_index.update(path, con)
    except (apsw.Error, OSError) as err:
        raise StoreError(f"{path}: the changes are stored, but its search index "
                         f"({search_index.path_of(path)}) could not be updated: {err}; the "
                         "next search tries again") from None


@contextlib.contextmanager
def locked(path: str | Path | None = None, *, timeout: float | None = None) -> Iterator[Path]:
    """The store's one-writer lock (ingest, backup, restore), waiting up to `timeout` seconds
    (default: setting `lock_timeout_s`); no connection is opened."""
    path = Path(path) if path is not None else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    timeout = float(settings.get("lock_timeout_s")) if timeout is None else timeout
    lock = filelock.FileLock(f"{path}.lock")
    try:
        lock.acquire(timeout=timeout)
    except filelock.Timeout:
        raise StoreError(
            f"{path}: another ingest has been writing to this store (or a backup or restore "
            f"is using it) for over {timeout:g} s (setting lock_timeout_s); try again when it "
            "has finished"
        ) from None
    try:
        yield path
    finally:
        lock.release()


@contextlib.contextmanager
def writer(path: str | Path | None = None, *, timeout: float | None = None
           ) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one writer of a store: waits for another ingest to finish, up to `timeout` seconds
    (default: setting `lock_timeout_s`)."""
    with locked(path, timeout=timeout) as held, connect(held, read_only=False) as con:
        yield con


def version(path: str | Path | None = None) -> str:
    """A token that changes whenever the store's files change: a cache key for readers."""
    path = Path(path) if path is not None else default_path()
    parts = []
    for file in (path, Path(f"{path}.wal")):
        if file.exists():
            info = file.stat()
            parts.append(f"{info.st_mtime_ns}:{info.st_size}")
    return "|".join(parts) or "missing"


def _arrow(frame: pd.DataFrame, columns: dict[str, str]) -> pa.Table:
    fields = [pa.field(name, _ARROW_TYPES[kind]) for name, kind in columns.items()]
    arrays = []
    for name, kind in columns.items():
        values = frame[name].tolist() if len(frame) else []
        if kind == "time":
            values = [None if pd.isna(v) else v for v in values]
        arrays.append(pa.array(values, type=_ARROW_TYPES[kind], from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection,
                views: Mapping[str, tuple[pd.DataFrame, dict[str, str]]]) -> Iterator[None]:
    """Frames registered as `views` (typed as their columns say) inside one transaction: all
    the statements run in it land, or none; the views are gone afterwards."""
    for view, (frame, columns) in views.items():
        con.register(view, _arrow(frame, columns))
    run(con, "BEGIN TRANSACTION")
    try:
        yield
        run(con, "COMMIT")
    except BaseException:
        run(con, "ROLLBACK")
        raise
    finally:
        for view in views:
            con.unregister(view)


def set_meta(con: duckdb.DuckDBPyConnection, meta: Mapping[str, str]) -> None:
    for key, value in meta.items():
        run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """A value recorded in the store's meta table (schema_version, actors_version, …)."""
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
    return rows[0][0] if rows else None
