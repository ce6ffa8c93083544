"""The embedded DuckDB store: one file holding articles, rejects and ingest history, versioned."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import filelock
import pandas as pd
import pyarrow as pa

from analysis import rollup, schema, settings

_SQL_TYPES = {
    "str": "VARCHAR",
    "list": "VARCHAR[]",
    "time": "TIMESTAMPTZ",
    "float": "DOUBLE",
    "int": "BIGINT",
    "credits": "STRUCT(role VARCHAR, name VARCHAR, place VARCHAR)[]",
}
_ARROW_TYPES = {
    "str": pa.string(),
    "list": pa.list_(pa.string()),
    "time": pa.timestamp("us", tz="UTC"),
    "float": pa.float64(),
    "int": pa.int64(),
    "credits": pa.list_(pa.struct([(key, pa.string()) for key in schema.CREDIT_KEYS])),
}


class StoreError(RuntimeError):
    """The store cannot be used as asked; the message says why and what to do."""


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest did to the store."""

    new: int
    duplicates: int
    rejected: int
    rejects: pd.DataFrame


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


def _create(con: duckdb.DuckDBPyConnection) -> None:
    run(con, "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    run(con, _ddl("articles", schema.ARTICLE_COLUMNS, key=schema.ARTICLE_ID))
    run(con, _ddl("rejects", {**schema.REJECT_COLUMNS, "ingested_at": "time"}))
    for name, columns in schema.ENRICHMENT_TABLES.items():
        run(con, _ddl(name, columns))
    run(
        con,
        "CREATE TABLE IF NOT EXISTS ingests (started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ, "
        "paths VARCHAR[], new BIGINT, duplicates BIGINT, rejected BIGINT)",
    )
    rollup.create(con)
    run(
        con,
        "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
        [str(schema.SCHEMA_VERSION)],
    )


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a store of an earlier schema version up to this one (on opening it for writing)."""
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    # version 1 had no query tables; version 2 no facts_quotes, and names in name order
    if rows and int(rows[0][0]) < schema.SCHEMA_VERSION:
        with transaction(con, {}):
            rollup.rebuild(con)
            run(con, "UPDATE meta SET value = ? WHERE key = 'schema_version'",
                [str(schema.SCHEMA_VERSION)])


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    version = int(rows[0][0]) if rows else None
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
    """A connection to the store at `path` (created when writing); closed on exit."""
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
            _create(con)
            _upgrade(con)
        _check_version(con, path)
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def locked(path: str | Path | None = None) -> Iterator[Path]:
    """The store's one-writer lock (ingest, backup, restore), waiting up to `lock_timeout_s`;
    no connection is opened."""
    path = Path(path) if path is not None else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    timeout = float(settings.get("lock_timeout_s"))
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
def writer(path: str | Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one writer of a store: waits for another ingest to finish, up to `lock_timeout_s`."""
    with locked(path) as held, connect(held, read_only=False) as con:
        yield con


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


def _table_views(prefix: str, tables: Mapping[str, pd.DataFrame]) -> dict:
    return {f"{prefix}_{name}": (frame, schema.ENRICHMENT_TABLES[name])
            for name, frame in tables.items()}


def write_batch(
    con: duckdb.DuckDBPyConnection,
    articles: pd.DataFrame,
    rejects: pd.DataFrame,
    *,
    paths: list[str],
    duplicates: int,
    tables: Mapping[str, pd.DataFrame] | None = None,
    meta: Mapping[str, str] | None = None,
) -> IngestSummary:
    """Add new articles, their enrichment `tables` and the rejects in one transaction.

    Articles already stored (same id or content hash) are skipped with their table rows; all of
    it lands, or none of it. `meta` entries (e.g. the actors' version) are recorded too.
    """
    articles = schema.validate_articles(articles)
    tables = tables or {}
    started = datetime.now(UTC)
    views = {"incoming": (articles, schema.ARTICLE_COLUMNS),
             "incoming_rejects": (rejects, schema.REJECT_COLUMNS),
             **_table_views("incoming", tables)}
    with transaction(con, views):
        run(con, "CREATE OR REPLACE TEMP TABLE fresh AS SELECT article_id FROM incoming "
            "WHERE article_id NOT IN (SELECT article_id FROM articles) "
            "AND content_hash NOT IN (SELECT content_hash FROM articles)")
        new = con.execute("SELECT count(*) FROM fresh").fetchall()[0][0]
        run(con, "INSERT INTO articles SELECT * FROM incoming WHERE article_id IN "
            "(SELECT article_id FROM fresh)")
        for name in tables:
            run(con, f"INSERT INTO {name} SELECT * FROM incoming_{name} WHERE article_id IN "
                "(SELECT article_id FROM fresh)")
        rollup.refresh(con, "SELECT article_id FROM fresh")
        run(con, "INSERT INTO rejects SELECT *, ? FROM incoming_rejects", [started])
        _set_meta(con, meta or {})
        dupes = duplicates + len(articles) - new
        run(con, "INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?)",
            [started, datetime.now(UTC), paths, new, dupes, len(rejects)])
    return IngestSummary(new=new, duplicates=dupes, rejected=len(rejects), rejects=rejects)


def replace_tables(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame], *,
                   meta: Mapping[str, str] | None = None) -> None:
    """Replace whole enrichment tables (after the actors or topics changed), atomically."""
    with transaction(con, _table_views("replacing", tables)):
        for name in tables:
            run(con, f"DELETE FROM {name}")
            run(con, f"INSERT INTO {name} SELECT * FROM replacing_{name}")
        rollup.rebuild(con)
        _set_meta(con, meta or {})


def add_tables(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame], *,
               meta: Mapping[str, str] | None = None) -> None:
    """Append enrichment rows (for articles stored without them), atomically."""
    with transaction(con, _table_views("adding", tables)):
        for name in tables:
            run(con, f"INSERT INTO {name} SELECT * FROM adding_{name}")
        if tables:
            rollup.refresh(con, " UNION ".join(f"SELECT article_id FROM adding_{name}"
                                               for name in tables))
        _set_meta(con, meta or {})


def _set_meta(con: duckdb.DuckDBPyConnection, meta: Mapping[str, str]) -> None:
    for key, value in meta.items():
        run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """A value recorded in the store's meta table (schema_version, actors_version, …)."""
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
    return rows[0][0] if rows else None


def unseen(con: duckdb.DuckDBPyConnection, articles: pd.DataFrame) -> pd.DataFrame:
    """The rows of `articles` the store does not hold yet (by id or content hash)."""
    if articles.empty:
        return articles
    con.register("candidates", articles[[schema.ARTICLE_ID, schema.CONTENT_HASH]])
    try:
        known = con.execute(  # two hash semi-joins: an OR in one join condition would pair
            "SELECT article_id FROM candidates "  # every candidate with every stored article
            "WHERE article_id IN (SELECT article_id FROM articles) "
            "OR content_hash IN (SELECT content_hash FROM articles)").fetchall()
    finally:
        con.unregister("candidates")
    known_ids = {row[0] for row in known}
    return articles[~articles[schema.ARTICLE_ID].isin(known_ids)].reset_index(drop=True)


def read_table(con: duckdb.DuckDBPyConnection, name: str, *,
               article_ids: list[str] | None = None) -> pd.DataFrame:
    """An enrichment table (all rows, or those of `article_ids`), typed as the schema says."""
    columns = schema.ENRICHMENT_TABLES[name]
    sql = f"SELECT * FROM {name}"
    params: list = []
    if article_ids is not None:
        sql += " WHERE article_id IN (SELECT unnest(?))"
        params = [article_ids]
    return schema.conform(con.execute(sql, params).df(), columns, name=name)


def read_articles(
    con: duckdb.DuckDBPyConnection,
    *,
    where: str = "",
    params: list | None = None,
    columns: list[str] | None = None,
) -> pd.DataFrame:
    """Articles from the store (optionally filtered by a SQL `where` with `params`), validated."""
    wanted = columns or list(schema.ARTICLE_COLUMNS)
    sql = f"SELECT {', '.join(map(quote, wanted))} FROM articles"
    if where:
        sql += f" WHERE {where}"
    frame = con.execute(sql + " ORDER BY published_at NULLS LAST, article_id", params or []).df()
    if columns is None:
        return schema.validate_articles(frame)
    return frame


def stats(con: duckdb.DuckDBPyConnection) -> dict:
    """Counts, date range and sources of the store, for `presslens stats --json`."""
    articles, undated, first, last = con.execute(
        "SELECT count(*), count(*) - count(published_at), min(published_at), max(published_at) "
        "FROM articles"
    ).fetchall()[0]  # type: ignore[misc]
    sources = con.execute(
        "SELECT coalesce(source, '(unknown)') AS source, count(*) AS n FROM articles "
        "GROUP BY 1 ORDER BY n DESC, source"
    ).fetchall()
    rejects = con.execute("SELECT count(*) FROM rejects").fetchall()[0][0]
    ingests = con.execute("SELECT count(*) FROM ingests").fetchall()[0][0]
    return {
        "articles": articles,
        "undated": undated,
        "first_published": first.isoformat() if first is not None else None,
        "last_published": last.isoformat() if last is not None else None,
        "sources": {name: n for name, n in sources},
        "rejects": rejects,
        "ingests": ingests,
        "schema_version": schema.SCHEMA_VERSION,
    }


def version(path: str | Path | None = None) -> str:
    """A token that changes whenever the store's files change: a cache key for readers."""
    path = Path(path) if path is not None else default_path()
    parts = []
    for file in (path, Path(f"{path}.wal")):
        if file.exists():
            info = file.stat()
            parts.append(f"{info.st_mtime_ns}:{info.st_size}")
    return "|".join(parts) or "missing"


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict | None:
    """One stored article as a dict of its columns, or None if there is no such id."""
    frame = read_articles(con, where="article_id = ?", params=[article_id])
    return None if frame.empty else frame.iloc[0].to_dict()
