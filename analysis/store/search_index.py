"""The store's full-text index: an SQLite FTS5 file beside the store, kept in step with it.

`<store>.search` holds every article's title, text, source and byline as tokens
(`analysis.store.search_words`), keyed by the article number `a` of the query tables, so that a
search yields the numbers a filter needs (docs/search.md says why SQLite FTS5). Its table `ids`
lists (a, article_id) with a hash of the pair; `meta` keeps their count and the XOR of the
hashes, the index's fingerprint.

The store and the index cannot share a transaction. So the index is brought in step after the
store's transaction commits (`update`, run when a write connection closes), and a reader
compares the store's fingerprint (the same count and XOR over `facts_articles`) with the index's
before it searches: a kill between the two commits, a restore, an upgrade that renumbered the
articles, a removal, all show as a difference and are repaired by `sync` — new articles only
when the numbers before the index's last one are unchanged, else by comparing the two lists of
pairs. Every index write is an SQLite transaction (WAL), committed in chunks with its
fingerprint, so a killed sync leaves an index that is behind but true to its own fingerprint.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import apsw
import duckdb
import filelock
import numpy as np
import pyarrow as pa

from analysis.store.search_words import index_text

SUFFIX = ".search"
# what an index holds and how its words are made; an index of another version is rebuilt
VERSION = "1"
CHUNK = 20_000  # articles per committed transaction when indexing
_BUSY_MS = 30_000
_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(title, text, source, byline, "
    "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE IF NOT EXISTS ids (a INTEGER PRIMARY KEY, article_id TEXT NOT NULL, "
    "h INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
_FINGERPRINT = ("SELECT count(*), coalesce(bit_xor(hash(a, article_id)), 0::UBIGINT) "
                "FROM facts_articles")
# the indexed columns of articles, by number, with their pair hash
_ROWS = ("SELECT f.a, f.article_id, hash(f.a, f.article_id) AS h, t.title, t.text, t.source, "
         "array_to_string(t.byline, '; ') AS byline "
         "FROM facts_articles f JOIN articles t USING (article_id) WHERE {where} ORDER BY f.a")


class Fingerprint(tuple):
    """(articles, XOR of their (a, article_id) hashes): equal for an index and its store."""


def path_of(store: str | Path) -> Path:
    """The index file of the store at `store`."""
    return Path(f"{store}{SUFFIX}")


def store_path(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file of the store `con` is connected to (None for an in-memory database)."""
    found = con.execute("SELECT path FROM duckdb_databases() "
                        "WHERE database_name = current_database()").fetchall()
    return Path(found[0][0]) if found and found[0][0] else None


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def open_index(path: Path | str) -> apsw.Connection:
    """A connection to the index file `path` (":memory:" for one in memory), created if new."""
    db = apsw.Connection(str(path))
    db.set_busy_timeout(_BUSY_MS)
    if str(path) != ":memory:":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    with db:
        for statement in _DDL:
            db.execute(statement)
        if _meta(db, "version") is None:
            _set_meta(db, version=VERSION, articles="0", xor="0", last="0")
    return db


def _meta(db: apsw.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set_meta(db: apsw.Connection, **values: str) -> None:
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))


def indexed(db: apsw.Connection) -> Fingerprint:
    """The index's fingerprint."""
    return Fingerprint((int(_meta(db, "articles") or 0), int(_meta(db, "xor") or 0)))


def stored(con: duckdb.DuckDBPyConnection) -> Fingerprint:
    """The store's fingerprint."""
    count, xor = con.execute(_FINGERPRINT).fetchall()[0]
    return Fingerprint((int(count), _signed(int(xor))))


def _stored_both(con: duckdb.DuckDBPyConnection, upto: int) -> tuple[Fingerprint, Fingerprint]:
    """The store's fingerprint, and that of its articles numbered up to `upto`: one scan."""
    row = con.execute(
        "SELECT count(*), coalesce(bit_xor(h), 0::UBIGINT), count(*) FILTER (a <= ?), "
        "coalesce(bit_xor(h) FILTER (a <= ?), 0::UBIGINT) "
        "FROM (SELECT a, hash(a, article_id) AS h FROM facts_articles)", [upto, upto]
    ).fetchall()[0]
    return (Fingerprint((int(row[0]), _signed(int(row[1])))),
            Fingerprint((int(row[2]), _signed(int(row[3])))))


def _documents(rows: pa.RecordBatch) -> Iterator[tuple]:
    columns = rows.to_pydict()
    for a, title, text, source, byline in zip(columns["a"], columns["title"], columns["text"],
                                              columns["source"], columns["byline"], strict=True):
        yield (a, index_text(title or ""), index_text(text or ""), index_text(source or ""),
               index_text(byline or ""))


def _add(db: apsw.Connection, con: duckdb.DuckDBPyConnection, where: str,
         params: list | None = None) -> int:
    """Index the articles `where` selects (over facts_articles f), in committed chunks."""
    added = 0
    reader = con.sql(_ROWS.format(where=where), params=params or []).to_arrow_reader(CHUNK)
    for batch in reader:
        columns = batch.to_pydict()
        hashes = [_signed(h) for h in columns["h"]]
        count, xor = indexed(db)
        with db:
            db.executemany("INSERT INTO docs (rowid, title, text, source, byline) "
                           "VALUES (?, ?, ?, ?, ?)", _documents(batch))
            db.executemany("INSERT INTO ids VALUES (?, ?, ?)",
                           zip(columns["a"], columns["article_id"], hashes, strict=True))
            _set_meta(db, articles=str(count + len(hashes)),
                      xor=str(functools.reduce(int.__xor__, hashes, xor)),
                      last=str(max(int(_meta(db, "last") or 0), max(columns["a"]))))
        added += len(hashes)
    return added


def _drop(db: apsw.Connection, numbers: Iterable[int]) -> int:
    """Remove the articles numbered `numbers` from the index, in one transaction."""
    count, xor = indexed(db)
    with db:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS gone (a INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM temp.gone")
        db.executemany("INSERT OR IGNORE INTO temp.gone VALUES (?)", ((int(n),) for n in numbers))
        hashes = [row[0] for row in db.execute(
            "SELECT h FROM ids WHERE a IN (SELECT a FROM temp.gone)")]
        db.execute("DELETE FROM docs WHERE rowid IN (SELECT a FROM temp.gone)")
        db.execute("DELETE FROM ids WHERE a IN (SELECT a FROM temp.gone)")
        _set_meta(db, articles=str(count - len(hashes)),
                  xor=str(functools.reduce(int.__xor__, hashes, xor)))
    return len(hashes)


def _reset(db: apsw.Connection) -> None:
    with db:
        db.execute("INSERT INTO docs (docs) VALUES ('delete-all')")
        db.execute("DELETE FROM ids")
        _set_meta(db, version=VERSION, articles="0", xor="0", last="0")


def _differences(db: apsw.Connection, con: duckdb.DuckDBPyConnection) -> list[int]:
    """Numbers the index holds that the store does not (or holds for another article); the
    store's articles the index lacks are left in the temp table `unindexed` of `con`."""
    pairs = db.execute("SELECT a, article_id FROM ids").fetchall()
    con.register("search_index_ids", pa.table({
        "a": pa.array([p[0] for p in pairs], pa.int32()),
        "article_id": pa.array([p[1] for p in pairs], pa.string())}))
    try:
        extra = con.execute("SELECT a FROM (SELECT a, article_id FROM search_index_ids EXCEPT "
                            "SELECT a, article_id FROM facts_articles)").fetchall()
        con.execute("CREATE OR REPLACE TEMP TABLE unindexed AS SELECT a FROM (SELECT a, "
                    "article_id FROM facts_articles EXCEPT SELECT a, article_id FROM "
                    "search_index_ids)").fetchall()
    finally:
        con.unregister("search_index_ids")
    return [row[0] for row in extra]


def sync(db: apsw.Connection, con: duckdb.DuckDBPyConnection) -> dict:
    """Bring the index `db` in step with the store `con`: add what it lacks, drop what the store
    no longer holds. Returns what it did ({"added", "removed", "rebuilt"})."""
    done = {"added": 0, "removed": 0, "rebuilt": False}
    if _meta(db, "version") != VERSION:
        _reset(db)
        done["rebuilt"] = True
    last = int(_meta(db, "last") or 0)
    everything, before = _stored_both(con, last)
    if indexed(db) == everything:
        return done
    if indexed(db) == before:  # the usual case: articles added since
        done["added"] = _add(db, con, "f.a > ?", [last])
        return done
    extra = _differences(db, con)
    if len(extra) > indexed(db)[0] // 2:  # renumbered (upgrade, new enrichment): start again
        _reset(db)
        done.update(rebuilt=True, added=_add(db, con, "TRUE"))
        return done
    done["removed"] = _drop(db, extra)
    done["added"] = _add(db, con, "f.a IN (SELECT a FROM unindexed)")
    if indexed(db) != stored(con):  # the same pairs, hashed otherwise (a new DuckDB's hash)
        _rehash(db, con)
    return done


def _rehash(db: apsw.Connection, con: duckdb.DuckDBPyConnection) -> None:
    """Store the pair hashes as this DuckDB computes them, and their fingerprint."""
    rows = con.execute("SELECT hash(a, article_id), a FROM facts_articles").fetchall()
    with db:
        db.executemany("UPDATE ids SET h = ? WHERE a = ?",
                       ((_signed(int(h)), a) for h, a in rows))
        count, xor = stored(con)
        _set_meta(db, articles=str(count), xor=str(xor))


def remove(store: str | Path, article_ids: Iterable[str]) -> int:
    """Drop the articles `article_ids` from the index of the store at `store` (call it after
    the transaction that removed them from the store commits). Returns how many it held."""
    path = path_of(store)
    if not path.exists():
        return 0
    db = open_index(path)
    try:
        numbers = [row[0] for row in db.execute(
            "SELECT a FROM ids WHERE article_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(article_ids)),))]
        return _drop(db, numbers)
    finally:
        db.close()


def update(store: str | Path, con: duckdb.DuckDBPyConnection) -> dict:
    """Bring the index of the store at `store` in step with it (`con`: a connection to it);
    an index file that is not a readable SQLite database is deleted and built again. Call it
    holding the store's writer lock."""
    try:
        return _update(path_of(store), con)
    except (apsw.CorruptError, apsw.NotADBError):
        discard(store)
        return {**_update(path_of(store), con), "rebuilt": True}


def _update(path: Path, con: duckdb.DuckDBPyConnection) -> dict:
    db = open_index(path)
    try:
        done = sync(db, con)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return done
    finally:
        db.close()


def in_step(store: str | Path, con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the index of the store at `store` holds exactly what the store holds (False
    for a missing, damaged or out-of-date index)."""
    if not path_of(store).exists():
        return False
    try:
        db = apsw.Connection(str(path_of(store)), flags=apsw.SQLITE_OPEN_READONLY)
    except apsw.Error:
        return False
    try:
        return _meta(db, "version") == VERSION and indexed(db) == stored(con)
    except apsw.Error:
        return False
    finally:
        db.close()


def matches(db: apsw.Connection, match: str) -> np.ndarray:
    """The numbers `a` of the articles the FTS5 expression `match` finds."""
    # SQLite joins the rowids into one string and numpy parses it, both in C: three times
    # faster than a Python loop over 755,000 rows (docs/search.md)
    joined = db.execute("SELECT group_concat(rowid, ',') FROM docs WHERE docs MATCH ?",
                        (match,)).get
    return np.fromstring(joined, dtype=np.int32, sep=",") if joined else \
        np.empty(0, dtype=np.int32)


def try_lock(store: Path) -> filelock.FileLock | None:
    """The store's writer lock if no one holds it now, else None."""
    lock = filelock.FileLock(f"{store}.lock")
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        return None
    return lock


def discard(store: str | Path) -> None:
    """Delete the index files of the store at `store` (the next sync builds it afresh); only
    while no one else has them open (under the store's writer lock)."""
    path = path_of(store)
    for file in (Path(f"{path}-wal"), Path(f"{path}-shm"), path):
        file.unlink(missing_ok=True)


def size(store: str | Path) -> int:
    """Bytes the index of the store at `store` takes on disk (its WAL included)."""
    path = path_of(store)
    return sum(os.path.getsize(p) for p in (path, Path(f"{path}-wal")) if p.exists())
