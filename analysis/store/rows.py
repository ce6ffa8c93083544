"""Rows in and out of the store: write a batch, add or replace enrichment, read articles back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pandas as pd

from analysis import schema
from analysis.store import facts
from analysis.store.database import quote, run, set_meta, transaction


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest did to the store: its id (`presslens remove --ingest ID` undoes it),
    the counts, the rejects, and the notes on the new articles (`analysis.clean.notes`)."""

    new: int
    duplicates: int
    rejected: int
    rejects: pd.DataFrame
    notes: pd.DataFrame
    ingest_id: int


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
    notes: pd.DataFrame | None = None,
    also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> IngestSummary:
    """Add new articles, their enrichment `tables` and the rejects in one transaction.

    Articles already stored (same id or content hash) are skipped with their table rows; all of
    it lands, or none of it. `meta` entries (e.g. the actors' version) are recorded too, and
    whatever `also` writes in the same transaction (a watched feed's state). The summary keeps
    the `notes` of the articles that were new.
    """
    articles = schema.validate_articles(articles)
    tables = tables or {}
    started = datetime.now(UTC)
    views = {"incoming": (articles, schema.ARTICLE_COLUMNS),
             "incoming_rejects": (rejects, schema.REJECT_COLUMNS),
             **_table_views("incoming", tables)}
    with transaction(con, views):
        ingest_id = con.execute(f"SELECT coalesce(max({schema.INGEST_ID}), 0) + 1 "
                                "FROM ingests").fetchall()[0][0]
        run(con, "CREATE OR REPLACE TEMP TABLE fresh AS SELECT article_id FROM incoming "
            "WHERE article_id NOT IN (SELECT article_id FROM articles) "
            "AND content_hash NOT IN (SELECT content_hash FROM articles)")
        fresh = [row[0] for row in con.execute("SELECT article_id FROM fresh").fetchall()]
        run(con, "INSERT INTO articles SELECT * FROM incoming WHERE article_id IN "
            "(SELECT article_id FROM fresh)")
        run(con, "INSERT INTO article_ingests SELECT article_id, ? FROM fresh", [ingest_id])
        for name in tables:
            run(con, f"INSERT INTO {name} SELECT * FROM incoming_{name} WHERE article_id IN "
                "(SELECT article_id FROM fresh)")
        facts.refresh(con, "SELECT article_id FROM fresh")
        run(con, "INSERT INTO rejects SELECT *, ?, ? FROM incoming_rejects", [started, ingest_id])
        set_meta(con, meta or {})
        dupes = duplicates + len(articles) - len(fresh)
        run(con, f"INSERT INTO ingests BY NAME SELECT ? AS started_at, ? AS finished_at, "
            f"? AS paths, ? AS new, ? AS duplicates, ? AS rejected, ? AS {schema.INGEST_ID}",
            [started, datetime.now(UTC), paths, len(fresh), dupes, len(rejects), ingest_id])
        if also is not None:
            also(con)
    return IngestSummary(new=len(fresh), duplicates=dupes, rejected=len(rejects),
                         rejects=rejects, ingest_id=int(ingest_id), notes=_notes_of(notes, fresh))


def _notes_of(notes: pd.DataFrame | None, ids: list[str]) -> pd.DataFrame:
    """The notes of the articles `ids` (once each: tasks of a cluster may repeat them)."""
    if notes is None:
        return schema.empty_frame(schema.NOTE_COLUMNS)
    return notes[notes[schema.ARTICLE_ID].isin(set(ids))].drop_duplicates().reset_index(drop=True)


def replace_tables(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame], *,
                   meta: Mapping[str, str] | None = None) -> None:
    """Replace whole enrichment tables (after the actors or topics changed), atomically."""
    with transaction(con, _table_views("replacing", tables)):
        for name in tables:
            run(con, f"DELETE FROM {name}")
            run(con, f"INSERT INTO {name} SELECT * FROM replacing_{name}")
        facts.rebuild(con)
        set_meta(con, meta or {})


def add_tables(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame], *,
               meta: Mapping[str, str] | None = None) -> None:
    """Append enrichment rows (for articles stored without them), atomically."""
    with transaction(con, _table_views("adding", tables)):
        for name in tables:
            run(con, f"INSERT INTO {name} SELECT * FROM adding_{name}")
        if tables:
            facts.refresh(con, " UNION ".join(f"SELECT article_id FROM adding_{name}"
                                               for name in tables))
        set_meta(con, meta or {})


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
               article_ids: list[str] | None = None, relation: str | None = None
               ) -> pd.DataFrame:
    """An enrichment table (all rows, or those of `article_ids`), typed as the schema says;
    `relation` reads a view of the same columns instead ("resolved_mentions")."""
    columns = schema.ENRICHMENT_TABLES[name]
    sql = f"SELECT * FROM {relation or name}"
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
    """Counts, date range and sources of the store, for `presslens stats --json`: articles,
    undated, first and last publication, articles per source ("(unknown)" for none), rejects
    kept, ingests, removals and the articles they removed, schema version."""
    articles, undated, first, last = con.execute(
        "SELECT count(*), count(*) - count(published_at), min(published_at), max(published_at) "
        "FROM articles"
    ).fetchall()[0]
    sources = con.execute(
        f"SELECT coalesce(source, '{schema.UNKNOWN}') AS source, count(*) AS n "
        "FROM articles GROUP BY 1 ORDER BY n DESC, source"
    ).fetchall()
    rejects = con.execute("SELECT count(*) FROM rejects").fetchall()[0][0]
    ingests = con.execute("SELECT count(*) FROM ingests").fetchall()[0][0]
    removals, removed = con.execute("SELECT count(*), coalesce(sum(articles), 0) "
                                    "FROM removals").fetchall()[0]
    return {
        "articles": articles,
        "undated": undated,
        "first_published": first.isoformat() if first is not None else None,
        "last_published": last.isoformat() if last is not None else None,
        "sources": {name: n for name, n in sources},
        "rejects": rejects,
        "ingests": ingests,
        "removals": removals,
        "removed": int(removed),
        "schema_version": schema.SCHEMA_VERSION,
    }


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict | None:
    """One stored article as a dict of its columns, or None if there is no such id."""
    frame = read_articles(con, where="article_id = ?", params=[article_id])
    return None if frame.empty else frame.iloc[0].to_dict()
