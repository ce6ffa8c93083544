"""`presslens backup` / `restore`: a round trip through the CLI, and backups that are refused."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import filelock
import pytest

from analysis import schema, store
from analysis.store.backup import backup, restore

PRESSLENS = Path(sys.executable).with_name("presslens")
TABLES = ["meta", "articles", "rejects", "ingests", *schema.ENRICHMENT_TABLES]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PRESSLENS), *args], capture_output=True, text=True, timeout=300)


def contents(path: Path) -> dict[str, list]:
    """Every row of every table of the store at `path`, in a stable order."""
    with store.connect(path) as con:
        return {name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
                for name in TABLES}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def more_articles(folder: Path) -> Path:
    path = folder / "more.jsonl"
    rows = [{"title": f"Harbour strike day {n}", "text": f"Dock workers in Rotterdam struck for "
             f"the {n}th day on Monday, the union said.", "published_at": f"2024-03-{n:02d}"}
            for n in range(1, 4)]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    return path


def commit_into_wal(path: Path) -> None:
    """Commit a rejects row that stays in `path`.wal: its writer is killed before a checkpoint."""
    code = (f"import duckdb, os, signal; con = duckdb.connect({str(path)!r}); "
            "con.execute(\"SET checkpoint_threshold = '1GB'\"); "
            "con.execute(\"INSERT INTO rejects (file, reason) VALUES ('wal.txt', 'in the wal')\"); "
            "os.kill(os.getpid(), signal.SIGKILL)")
    subprocess.run([sys.executable, "-c", code], timeout=60, check=False)
    assert Path(f"{path}.wal").stat().st_size > 0


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, sample_path) -> Path:
    """A store holding the sample, written by the CLI (closed cleanly: no .wal beside it)."""
    path = tmp_path_factory.mktemp("template") / "news.duckdb"
    assert run("ingest", str(sample_path), "--store", str(path), "-q").returncode == 0
    assert not Path(f"{path}.wal").exists()
    return path


@pytest.fixture
def saved(tmp_path, ingested) -> tuple[Path, Path]:
    """A copy of that store, and a backup of it in a folder (named with a trailing /)."""
    path = tmp_path / "news.duckdb"
    shutil.copyfile(ingested, path)
    return path, backup(path, f"{tmp_path / 'backups'}/")


def test_round_trip_through_the_cli(tmp_path, ingested):
    path, copy = tmp_path / "news.duckdb", tmp_path / "news-backup.duckdb"
    shutil.copyfile(ingested, path)
    before = contents(path)
    done = run("backup", str(copy), "--store", str(path))
    assert done.returncode == 0, done.stderr
    assert f"backed up to {copy}" in done.stdout and contents(copy) == before
    added = run("ingest", str(more_articles(tmp_path)), "--store", str(path), "-q")
    assert "3 new" in added.stdout, added.stdout + added.stderr
    assert contents(path) != before
    back = run("restore", str(copy), "--store", str(path))
    assert back.returncode == 0, back.stderr
    assert f"restored from {copy}" in back.stdout
    assert contents(path) == before
    stats = json.loads(run("stats", "--store", str(path), "--json").stdout)
    assert stats["articles"] == 1 and stats["ingests"] == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_backup_into_a_folder_is_named_by_time(saved):
    path, copy = saved
    assert copy.parent.name == "backups" and copy.name.startswith("news-")
    assert copy.suffix == ".duckdb" and contents(copy) == contents(path)


@pytest.mark.parametrize("garbage", [b"", b"SQLite format 3\x00" + bytes(4000),
                                     os.urandom(64 * 1024)], ids=["empty", "sqlite", "random"])
def test_a_garbage_backup_is_refused_and_the_store_untouched(saved, tmp_path, garbage):
    path, _ = saved
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(garbage)
    before, state = digest(path), contents(path)
    result = run("restore", str(bad), "--store", str(path))
    assert result.returncode == 1
    assert f"presslens: {bad}: not a usable PressLens backup" in result.stderr
    assert digest(path) == before and contents(path) == state
    assert not list(tmp_path.glob(".news.duckdb.restoring*"))


def test_a_duckdb_file_that_is_not_a_store_is_refused(saved, tmp_path):
    path, _ = saved
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(store.StoreError, match="not a PressLens store"):
        restore(other, path)
    assert contents(path)["articles"]


def test_a_backup_of_another_schema_version_is_refused(saved, tmp_path):
    path, copy = saved
    con = duckdb.connect(str(copy))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'").fetchall()
    con.close()
    before = digest(path)
    with pytest.raises(store.StoreError, match=f"{copy}: .*schema version 999"):
        restore(copy, path)
    assert digest(path) == before


def test_backup_holds_what_only_the_wal_has(saved, tmp_path):
    path, _ = saved
    commit_into_wal(path)
    copy = backup(path, tmp_path / "after-wal.duckdb")
    assert ("wal.txt", None, "in the wal") in [row[:3] for row in contents(copy)["rejects"]]


def test_restore_over_a_store_with_a_pending_wal(saved):
    """DuckDB refuses a .wal left by another database file: restore folds it in first."""
    path, copy = saved
    commit_into_wal(path)
    restore(copy, path)
    assert contents(path) == contents(copy)


def test_backup_waits_for_an_ingest_then_says_so(saved, tmp_path, monkeypatch):
    path, _ = saved
    monkeypatch.setenv("PRESSLENS_LOCK_TIMEOUT_S", "0.2")
    with filelock.FileLock(f"{path}.lock"), pytest.raises(store.StoreError, match="another"):
        backup(path, tmp_path / "blocked.duckdb")
    assert not (tmp_path / "blocked.duckdb").exists()


def test_missing_files_are_named(tmp_path):
    result = run("backup", str(tmp_path / "b.duckdb"), "--store", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1 and "none.duckdb: no store here to back up" in result.stderr
    result = run("restore", str(tmp_path / "none.duckdb"), "--store", str(tmp_path / "s.duckdb"))
    assert result.returncode == 1 and "none.duckdb: no backup file here" in result.stderr
    assert not (tmp_path / "s.duckdb").exists()


def test_the_store_is_not_its_own_backup(saved):
    path, _ = saved
    with pytest.raises(store.StoreError, match="is the store itself"):
        backup(path, path)
