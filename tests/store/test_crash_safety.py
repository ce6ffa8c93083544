"""No data lost: `presslens ingest` SIGKILLed at random points, and two ingests at once; after
each kill a search still finds exactly the stored articles that say its word."""

import contextlib
import json
import os
import random
import re
import signal
import subprocess
import time
from pathlib import Path

import filelock
import pandas as pd
import psutil
import pytest

from analysis import query, schema, store
from tests.conftest import INGEST_ENV, PRESSLENS, new_count, reuters_run

KILLS = 6
SAID = re.compile(r"(?<![^\W_])said(?![^\W_])", re.IGNORECASE)


def start(*paths: Path, target: Path, timeout_s: float = 600) -> subprocess.Popen:
    """`presslens ingest` in its own process group, so that a kill reaches all of it."""
    # two workers from 500 articles, so that a kill also lands while worker processes enrich
    env = {**os.environ, **INGEST_ENV, "PRESSLENS_LOCK_TIMEOUT_S": str(timeout_s)}
    return subprocess.Popen([str(PRESSLENS), "ingest", *map(str, paths), "--store", str(target),
                             "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True)


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def living(group: int) -> list[int]:
    """Processes of process group `group` that still run (killed ones whose new parent has
    not reaped them yet are zombies: they hold nothing and run nothing)."""
    found = []
    for proc in psutil.process_iter(["pid", "status"]):
        with contextlib.suppress(psutil.Error, ProcessLookupError):
            if os.getpgid(proc.pid) == group and proc.info["status"] != psutil.STATUS_ZOMBIE:
                found.append(proc.pid)
    return found


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the ingest and its worker processes; none may be left running."""
    # a group all gone may have given its number to a new one: signal only a group still there
    if process.poll() is None or living(process.pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while living(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert living(process.pid) == [], "an orphan of the killed ingest still runs"


def check(path: Path, sample: pd.DataFrame) -> int:
    """The store opens read-only and is consistent; the sample is intact. Returns the count."""
    with store.connect(path) as con:
        numbers = store.stats(con)
        landed = con.execute("SELECT coalesce(sum(new), 0) FROM ingests").fetchall()[0][0]
        assert store.read_articles(con, where="article_id = ?",
                                   params=[sample.at[0, schema.ARTICLE_ID]]).equals(sample)
        ids = con.execute("SELECT count(DISTINCT article_id), count(DISTINCT content_hash) "
                          "FROM articles").fetchall()[0]
        for table in schema.ENRICHMENT_TABLES:
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN "
                                  "(SELECT article_id FROM articles)").fetchall()[0][0]
            assert orphans == 0, f"{table}: {orphans} rows of articles that are not stored"
        # the full-text index is repaired if the kill left it behind the store
        texts = con.execute("SELECT coalesce(title, ''), coalesce(text, '') FROM articles"
                            ).fetchall()
        assert query.summary(con, query.Filters(search="said"))["articles"] == sum(
            bool(SAID.search(title) or SAID.search(text)) for title, text in texts)
    count = numbers["articles"]
    assert sum(numbers["sources"].values()) == count == landed == ids[0] == ids[1]
    return count


@pytest.fixture
def sampled(tmp_path, sample_path) -> tuple[Path, pd.DataFrame]:
    path = tmp_path / "news.duckdb"
    subprocess.run([str(PRESSLENS), "ingest", str(sample_path), "--store", str(path), "-q"],
                   check=True, capture_output=True, timeout=300)
    with store.connect(path) as con:
        return path, store.read_articles(con)


@pytest.mark.corpora
def test_ingest_killed_at_random_points_loses_nothing(sampled, reuters_one_file):
    # the batch and how long it takes uninterrupted: the same command, run once for the suite
    # (its store is the one other tests copy)
    run = reuters_run(reuters_one_file)
    batch, took, size = [Path(f) for f in run["files"]], run["seconds"], run["new"]
    path, sample = sampled
    assert size >= int(INGEST_ENV["PRESSLENS_PARALLEL_FROM"])
    rng, count, log = random.Random(6), check(path, sample), []
    # one kill in each sixth of [0.05, 1.05] of the measured run: the last lands near the commit
    strata = [0.05 + i / KILLS for i in range(KILLS)]
    for delay in [(low + rng.uniform(0, 1 / KILLS)) * took for low in strata]:
        process = start(*batch, target=path)
        time.sleep(delay)
        ended = process.poll() is not None
        kill(process)
        now = check(path, sample)
        assert now in (count, count + size), f"killed at {delay:.2f} s: {now} articles, " \
            f"expected {count} or {count + size}"
        log.append({"delay_s": round(delay, 2), "finished_first": ended, "articles": now})
        count = now
    code, out, err = finish(start(*batch, target=path))
    assert code == 0, err
    assert check(path, sample) == 1 + size
    code, out, err = finish(start(*batch, target=path))
    assert code == 0 and new_count(out) == 0 and check(path, sample) == 1 + size, err
    print(json.dumps({"uninterrupted_s": round(took, 2), "batch": size, "kills": log}))


def jsonl(path: Path, word: str, n: int) -> Path:
    rows = [{"title": f"{word} report {i}", "text": f"The {word} committee met in Geneva on "
             f"day {i} and said talks would go on.", "published_at": "2024-05-01"}
            for i in range(n)]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    return path


def hold_lock_then(first: subprocess.Popen, path: Path) -> None:
    """Wait until `first` holds the store's writer lock."""
    lock = filelock.FileLock(f"{path}.lock")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        try:
            lock.acquire(timeout=0)
            lock.release()
        except filelock.Timeout:
            return
        time.sleep(0.02)
    pytest.fail(f"the first ingest never took the lock (exit {first.poll()})")


@pytest.mark.corpora
def test_two_ingests_at_once_both_land_exactly_once(tmp_path, corpora_dir):
    path = tmp_path / "news.duckdb"
    first = start(corpora_dir / "reuters21578" / "reut2-000.sgm", target=path)
    hold_lock_then(first, path)
    second = start(jsonl(tmp_path / "b.jsonl", "water", 40), target=path)
    (code1, out1, err1), (code2, out2, err2) = finish(first), finish(second)
    assert code1 == 0 and code2 == 0, err1 + err2
    assert new_count(out2) == 40
    with store.connect(path) as con:
        rows = con.execute("SELECT count(*), count(DISTINCT article_id), "
                           "count(DISTINCT content_hash), count(*) FILTER (title LIKE 'water%') "
                           "FROM articles").fetchall()[0]
        ingests = con.execute("SELECT count(*), sum(new) FROM ingests").fetchall()[0]
    assert rows == (new_count(out1) + 40,) * 3 + (40,)
    assert ingests == (2, rows[0])


def test_a_second_ingest_that_cannot_wait_stops_clearly(sampled, tmp_path):
    """Another writer holds the store's lock (as an ingest, backup or restore does for as long as
    it writes): an ingest that may wait 0.5 s stops with a clear error and writes nothing; once the
    lock is free the same ingest lands. The holder is this process, so the contention is certain
    however loaded the machine is (a first ingest could finish before a second one starts)."""
    path, sample = sampled
    batch = jsonl(tmp_path / "b.jsonl", "water", 5)
    with store.locked(path):
        code, out, err = finish(start(batch, target=path, timeout_s=0.5))
    assert code == 1 and out == "", err
    assert f"presslens: {path}: another ingest has been writing to this store" in err
    assert "Traceback" not in err
    with store.connect(path) as con:
        numbers = store.stats(con)
        assert store.read_articles(con).equals(sample)
    assert numbers["articles"] == 1 and numbers["ingests"] == 1
    code, out, err = finish(start(batch, target=path, timeout_s=0.5))
    assert code == 0 and new_count(out) == 5, err


@pytest.mark.corpora
def test_the_store_stays_readable_while_an_ingest_enriches(sampled, corpora_dir):
    """The dashboard's reads go on during an ingest: the file is held only for the write."""
    path, sample = sampled
    ingesting = start(corpora_dir / "reuters21578" / "reut2-000.sgm", target=path)
    hold_lock_then(ingesting, path)
    reads = []
    while ingesting.poll() is None:
        with store.connect(path) as con:  # waits out the final write, never fails
            reads.append(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
        time.sleep(0.1)
    code, out, err = finish(ingesting)
    assert code == 0, err
    assert len(reads) >= 3 and reads[0] == 1, reads  # read while the lock was held
    assert check(path, sample) == 1 + new_count(out)
