"""The full-text index beside the store stays in step with it: every ingest adds only its own
articles; a store ahead of its index (a kill between the two commits), a removal, a restore, an
upgrade that renumbers, a damaged file or a killed rebuild are all found and repaired."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import apsw
import duckdb
import pandas as pd
import pytest

from analysis import query, schema, store
from analysis.query import Filters
from analysis.store import search_index
from analysis.store.backup import backup, restore
from tests.store.test_store import VERSIONS


def articles(word: str, n: int, *, start: int = 0) -> pd.DataFrame:
    """`n` articles, each saying `word` and its own number."""
    ids = [f"{word}-{i}" for i in range(start, start + n)]
    given = {"article_id": ids, "title": [f"About {word}" for _ in ids],
             "text": [f"The {word} story number n{i}." for i in range(start, start + n)],
             "source": ["Wire"] * n, "content_hash": [f"hash-{i}" for i in ids]}
    return schema.validate_articles(pd.DataFrame({
        column: given.get(column, [schema.empty_value(kind)] * n)
        for column, kind in schema.ARTICLE_COLUMNS.items()}))


def write(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
    store.write_batch(con, frame, schema.empty_frame(schema.REJECT_COLUMNS), paths=["test"],
                      duplicates=0)


def bare_write(path, frame: pd.DataFrame) -> None:
    """Write to the store as an ingest does, but without bringing the index in step: the
    state a kill between the store's commit and the index's leaves."""
    con = duckdb.connect(str(path))
    try:
        write(con, frame)
    finally:
        con.close()


def matching(path, text: str) -> int:
    with store.connect(path) as con:
        return query.summary(con, Filters(search=text))["articles"]


def in_step(path) -> bool:
    with store.connect(path) as con:
        return search_index.in_step(path, con)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "s.duckdb"
    with store.writer(path) as con:
        write(con, articles("cocoa", 30))
    return path


def test_a_write_brings_the_index_in_step(path):
    assert search_index.path_of(path).is_file() and in_step(path)
    with store.writer(path) as con:
        write(con, articles("coffee", 5))
    assert in_step(path)
    assert matching(path, "coffee") == 5 and matching(path, "cocoa OR coffee") == 35


def test_only_the_new_articles_are_indexed(path):
    bare_write(path, articles("coffee", 5))
    with store.connect(path) as con:
        db = search_index.open_index(search_index.path_of(path))
        assert search_index.sync(db, con) == {"added": 5, "removed": 0, "rebuilt": False}
        assert search_index.sync(db, con) == {"added": 0, "removed": 0, "rebuilt": False}
        db.close()


def test_a_store_ahead_of_its_index_is_repaired_before_a_search(path):
    bare_write(path, articles("coffee", 5))
    assert not in_step(path)
    assert matching(path, "coffee") == 5  # found: the reader repaired the index first
    assert in_step(path)


def test_removed_articles_leave_the_index(path):
    gone = ["cocoa-3", "cocoa-4"]
    con = duckdb.connect(str(path))  # what `presslens remove` (issue 14) does to the store
    for table in ("articles", "facts_articles"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [gone])
    con.close()
    assert search_index.remove(path, gone) == 2
    assert in_step(path) and matching(path, "cocoa") == 28


def test_a_removal_the_index_was_not_told_of_is_found(path):
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM facts_articles WHERE article_id = 'cocoa-7'")
    con.close()
    assert matching(path, "n7") == 0 and matching(path, "cocoa") == 29


def test_restore_brings_the_index_back_in_step(path, tmp_path):
    saved = backup(path, tmp_path / "saved.duckdb")
    with store.writer(path) as con:
        write(con, articles("coffee", 5))
    assert matching(path, "coffee") == 5
    restore(saved, path)
    assert in_step(path)  # without a search first
    assert matching(path, "coffee") == 0 and matching(path, "cocoa") == 30


def test_an_upgrade_that_renumbers_the_articles_rebuilds_the_index(path):
    with store.writer(path) as con:
        write(con, articles("coffee", 5))
    con = duckdb.connect(str(path))
    for statement in VERSIONS[2]:
        con.execute(statement)
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.execute("UPDATE facts_articles SET a = 1000 - a")  # as if numbered otherwise
    con.close()
    with store.writer(path):  # what `presslens upgrade` does
        pass
    assert in_step(path)
    assert matching(path, "coffee") == 5 and matching(path, "n12 OR n29") == 2


def test_a_damaged_index_is_rebuilt(path):
    for file in search_index.path_of(path).parent.glob("*.search*"):
        file.unlink()
    search_index.path_of(path).write_bytes(b"not a database" * 100)
    assert matching(path, "cocoa") == 30 and in_step(path)


def test_an_index_of_another_version_is_rebuilt(path):
    db = apsw.Connection(str(search_index.path_of(path)))
    db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    db.close()
    assert not in_step(path)
    with store.connect(path) as con:
        assert search_index.update(path, con)["rebuilt"]
    assert in_step(path)


def test_pairs_hashed_otherwise_are_rehashed_not_reindexed(path):
    db = apsw.Connection(str(search_index.path_of(path)))  # as after a DuckDB whose hash differs
    with db:
        db.execute("UPDATE ids SET h = a")
        db.execute("UPDATE meta SET value = '12345' WHERE key = 'xor'")
    with store.connect(path) as con:
        assert search_index.sync(db, con) == {"added": 0, "removed": 0, "rebuilt": False}
        assert search_index.in_step(path, con)
    db.close()


KILLED_BUILD = """
import sys
from analysis import store
from analysis.store import search_index
search_index.CHUNK = 50
with store.connect(sys.argv[1]) as con:
    search_index.update(sys.argv[1], con)
"""


def test_a_build_killed_half_way_is_finished_by_the_next_reader(tmp_path):
    path = tmp_path / "big.duckdb"
    with store.writer(path) as con:
        write(con, articles("cocoa", 3000))
    search_index.discard(path)
    build = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(path)])
    index = search_index.path_of(path)
    deadline = time.monotonic() + 120
    while build.poll() is None and time.monotonic() < deadline:  # kill once chunks landed
        if _held(index) >= 300:
            break
        time.sleep(0.005)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    db = apsw.Connection(str(index))
    held, (count, xor) = db.execute("SELECT count(*) FROM ids").fetchone()[0], \
        search_index.indexed(db)
    hashes = [row[0] for row in db.execute("SELECT h FROM ids")]
    db.close()
    assert 0 < held < 3000, "the kill should land during the build"
    assert count == held and xor == _xor(hashes)  # what landed is true to its fingerprint
    assert matching(path, "cocoa") == 3000 and in_step(path)


def _held(index) -> int:
    """Articles the index being built holds so far (0 before its tables exist)."""
    try:
        db = apsw.Connection(str(index), flags=apsw.SQLITE_OPEN_READONLY)
        try:
            return db.execute("SELECT count(*) FROM ids").fetchone()[0]
        finally:
            db.close()
    except apsw.Error:
        return 0


def _xor(values: list[int]) -> int:
    out = 0
    for value in values:
        out ^= value
    return out


def test_a_copy_of_a_store_without_its_index_gets_one(path, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(path, copy)
    assert not search_index.path_of(copy).exists()
    assert matching(copy, "cocoa") == 30
