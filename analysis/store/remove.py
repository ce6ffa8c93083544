"""Taking articles out of the store (by id, by origin pattern, or all of one ingest) with what
enrichment found in them and their query-table rows, and the history of ingests and removals.

`remove_articles` is the one function that deletes articles: whatever else keeps a copy of
them (the query tables here; a search index) is brought into step there, in its transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pandas as pd

from analysis import schema
from analysis.store import facts
from analysis.store.database import run, transaction

# what a dry run lists of each article that would go
LISTED = [schema.ARTICLE_ID, schema.PUBLISHED_AT, schema.SOURCE, schema.TITLE, schema.ORIGIN]
_GONE = "SELECT article_id FROM gone"


@dataclass(frozen=True)
class Removal:
    """What a removal took out (or, in a dry run, would): the selection in words, the
    articles (LISTED columns), the rejects of an undone ingest, and its id in the history
    (None for a dry run)."""

    what: str
    articles: pd.DataFrame
    rejects: int
    removal_id: int | None


def remove(con: duckdb.DuckDBPyConnection, *, ids: Sequence[str] = (), origin: str | None = None,
           ingest: int | None = None, dry_run: bool = False) -> Removal:
    """Take out the articles with one of `ids`, those whose origin matches the glob `origin`
    (``*`` any characters; matched against the whole origin and its file alone, so
    ``*/README.txt`` takes every record of that file) and those ingest `ingest` stored (with
    its rejects: the ingest is undone). Several selections add up. `dry_run` only lists them.
    """
    what, chosen = select(con, ids=ids, origin=origin, ingest=ingest)
    rejects = 0
    if ingest is not None:
        rejects = con.execute(f"SELECT count(*) FROM rejects WHERE {schema.INGEST_ID} = ?",
                              [ingest]).fetchall()[0][0]
    if dry_run:
        return Removal(what=what, articles=chosen, rejects=rejects, removal_id=None)
    ids_gone = chosen[schema.ARTICLE_ID].tolist()
    removal_id = remove_articles(con, ids_gone, what=what, undo_ingest=ingest)
    return Removal(what=what, articles=chosen, rejects=rejects, removal_id=removal_id)


def select(con: duckdb.DuckDBPyConnection, *, ids: Sequence[str] = (),
           origin: str | None = None, ingest: int | None = None) -> tuple[str, pd.DataFrame]:
    """The selection of `remove` in words, and the articles it holds (LISTED columns)."""
    clauses: list[str] = []
    params: list[object] = []
    words: list[str] = []
    if ids:
        clauses.append("article_id IN (SELECT unnest(?))")
        params.append(list(ids))
        words.append(f"article id{'s' if len(ids) > 1 else ''} {', '.join(ids)}")
    if origin:
        clauses.append("(origin GLOB ? OR regexp_replace(origin, '#[^#]*$', '') GLOB ?)")
        params += [origin, origin]
        words.append(f"origin {origin!r}")
    if ingest is not None:
        _check_ingest(con, ingest)
        clauses.append(f"article_id IN (SELECT article_id FROM article_ingests "
                       f"WHERE {schema.INGEST_ID} = ?)")
        params.append(ingest)
        words.append(f"ingest {ingest}")
    if not clauses:
        raise ValueError("nothing chosen to remove: give article ids, an origin pattern or an "
                         "ingest id (presslens stats lists the ingests)")
    columns = ", ".join(LISTED)
    chosen = con.execute(f"SELECT {columns} FROM articles WHERE {' OR '.join(clauses)} "
                         "ORDER BY published_at NULLS LAST, article_id", params).df()
    return " and ".join(words), chosen


def _check_ingest(con: duckdb.DuckDBPyConnection, ingest: int) -> None:
    known = [row[0] for row in con.execute(
        f"SELECT {schema.INGEST_ID} FROM ingests ORDER BY 1").fetchall()]
    if ingest not in known:
        listed = f"{known[0]} to {known[-1]}" if known else "none yet"
        raise ValueError(f"ingest={ingest!r}: no such ingest in this store; its ingests: "
                         f"{listed} (presslens stats lists them)")


def remove_articles(con: duckdb.DuckDBPyConnection, ids: Sequence[str], *, what: str,
                    undo_ingest: int | None = None) -> int:
    """Delete the articles `ids` with their enrichment rows and query-table rows, re-point
    near-duplicates whose first copy goes, and record the removal (`what`: the selection in
    words); with `undo_ingest`, that ingest's rejects go too. One transaction. Returns the
    removal's id."""
    gone = pd.DataFrame({schema.ARTICLE_ID: list(dict.fromkeys(ids))})
    with transaction(con, {"gone": (gone, {schema.ARTICLE_ID: "str"})}):
        removal_id = con.execute(f"SELECT coalesce(max({schema.REMOVAL_ID}), 0) + 1 "
                                 "FROM removals").fetchall()[0][0]
        facts.forget(con, _GONE)
        _repoint_duplicates(con)
        for table in (*schema.ENRICHMENT_TABLES, "article_ingests", "articles"):
            run(con, f"DELETE FROM {table} WHERE article_id IN ({_GONE})")
        facts.rejoin(con)  # a surname may now have one full name around it, or none
        if undo_ingest is not None:
            run(con, f"DELETE FROM rejects WHERE {schema.INGEST_ID} = ?", [undo_ingest])
        run(con, "INSERT INTO removals SELECT ?, ?, ?, count(*), list(article_id) FROM gone",
            [removal_id, datetime.now(UTC), what])
    return int(removal_id)


def _repoint_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    """Near-copies of an article that goes: the first of them left (earliest published, then
    by id) becomes the cluster's first, and the others point at it."""
    run(con, f"""
        CREATE OR REPLACE TEMP TABLE heads AS
        SELECT s.article_id, first_value(s.article_id) OVER (
                   PARTITION BY s.duplicate_of ORDER BY a.published_at NULLS LAST, s.article_id
               ) AS head
        FROM scores s JOIN articles a USING (article_id)
        WHERE s.duplicate_of IN ({_GONE}) AND s.article_id NOT IN ({_GONE})""")
    run(con, """
        UPDATE scores SET duplicate_of = CASE WHEN h.head = h.article_id THEN NULL ELSE h.head END
        FROM heads h WHERE scores.article_id = h.article_id""")
    facts.recopy(con, "SELECT article_id FROM heads")
    run(con, "DROP TABLE heads")


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every ingest and removal, oldest first: event ("ingest" or "removal"), id, happened_at,
    what (the paths read, or the selection removed), articles (added or removed), stored (of
    an ingest's articles, how many the store still holds), rejected (an ingest's rejects)."""
    return con.execute(f"""
        SELECT 'ingest' AS event, i.{schema.INGEST_ID} AS id, i.started_at AS happened_at,
               array_to_string(i.paths, ', ') AS what, i.new AS articles,
               coalesce(k.n, 0) AS stored, i.rejected
        FROM ingests i LEFT JOIN (SELECT {schema.INGEST_ID}, count(*) AS n FROM article_ingests
                                  GROUP BY 1) k USING ({schema.INGEST_ID})
        UNION ALL
        SELECT 'removal', {schema.REMOVAL_ID}, removed_at, what, articles, NULL, NULL
        FROM removals
        ORDER BY happened_at, event""").df()
