"""Which articles a search query keeps: the store's full-text index asked (after checking it
holds what the store holds, and repairing it if not), its answer cached per store version."""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass
from pathlib import Path

import apsw
import duckdb
import numpy as np

from analysis import store
from analysis.query.search import compile, parse
from analysis.store import search_index


@dataclass(frozen=True)
class Found:
    """The articles a query keeps: `bits` has a "1" at each article number `a` the index
    expression matched (`negated`: the query keeps the others); `matched` counts the "1"s."""

    bits: str
    negated: bool
    matched: int


def find(con: duckdb.DuckDBPyConnection, query: str) -> Found | None:
    """The articles of the store `con` that `query` keeps (None for a blank query); raises
    SearchSyntaxError for a malformed one and StoreError when the index cannot be read."""
    node = parse(query)
    if node is None:
        return None
    expression, negated = compile(node)
    path = search_index.store_path(con)
    if path is None:
        return _found(memory_index(con), expression, negated, _last(con))
    stamp = current(con, path)
    return _cached(str(path), stamp, expression, negated)


def _last(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT coalesce(max(a), 0) FROM facts_articles").fetchall()[0][0])


def _found(db: apsw.Connection, expression: str, negated: bool, last: int) -> Found:
    numbers = search_index.matches(db, expression)
    mask = np.zeros(max(last, int(numbers[-1]) if len(numbers) else 0) + 1, dtype=np.uint8)
    mask[numbers] = 1
    return Found((mask + ord("0")).tobytes().decode("ascii"), negated, len(numbers))


@functools.lru_cache(maxsize=32)
def _cached(path: str, stamp: tuple, expression: str, negated: bool) -> Found:
    """The matches in the index of the store at `path` (`stamp`: its versions, the cache key)."""
    db = search_index.open_index(search_index.path_of(path))
    try:
        return _found(db, expression, negated, int(stamp[-1]))
    finally:
        db.close()


def cache_clear() -> None:
    """Forget the matches looked up so far (a benchmark times the lookups themselves)."""
    _cached.cache_clear()


_CURRENT: dict[str, tuple] = {}  # store path → the stamp last checked to match its index


def current(con: duckdb.DuckDBPyConnection, path: Path) -> tuple:
    """Make sure the index of the store at `path` holds what the store holds (repairing it if
    no writer is at work); returns a stamp that changes whenever either changes."""
    files = (store.version(path), _file_version(search_index.path_of(path)))
    if _CURRENT.get(str(path), (None,))[:2] == files:
        return _CURRENT[str(path)]
    if not search_index.in_step(path, con):
        _repair(con, path)
    stamp = (store.version(path), _file_version(search_index.path_of(path)), _last(con))
    _CURRENT[str(path)] = stamp
    return stamp


def _repair(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Bring the index in step under the store's writer lock, unless a writer holds it."""
    try:
        lock = search_index.try_lock(path)
    except OSError as err:
        raise store.StoreError(f"{path}: its search index needs updating, and this process may "
                               f"not write beside the store: {err}") from None
    if lock is None:
        raise store.StoreError(f"{path}: its search index is being updated (an ingest is "
                               "writing); search again in a moment")
    try:
        search_index.update(path, con)
    except (apsw.Error, OSError) as err:
        raise store.StoreError(f"{search_index.path_of(path)}: cannot build the search "
                               f"index: {err}") from None
    finally:
        lock.release()


def _file_version(path: Path) -> str:
    """Which index file is there: its inode, not its time or size, which SQLite's WAL changes
    as readers come and go (the index's content only changes with the store's, or in step)."""
    return f"{path.stat().st_ino}" if path.exists() else "none"


_MEMORY: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, apsw.Connection] = \
    weakref.WeakKeyDictionary()


def memory_index(con: duckdb.DuckDBPyConnection) -> apsw.Connection:
    """An in-memory index of the in-memory store `con` (a notebook's Analysis), made once."""
    db = _MEMORY.get(con)
    if db is None:
        db = _MEMORY[con] = search_index.open_index(":memory:")
    search_index.sync(db, con)
    return db
