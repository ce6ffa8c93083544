"""The dask engine: workers of a LocalCluster on 127.0.0.1 fill the same store as a local ingest."""

import contextlib
import http.server
import json
import math
import re
import socket
import socketserver
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import dask
import duckdb
import pytest
from distributed import LocalCluster

from analysis import schema
from analysis.clean.articles import load_articles
from analysis.cli import main
from analysis.load import Reject
from analysis.store.cluster import (
    ClusterError,
    ingest_on_cluster,
    load_part,
    partition,
    parts_root,
    split_inputs,
)
from analysis.store.ingest import ingest
from tests.store import readers

PRESSLENS = Path(sys.executable).with_name("presslens")
# columns that say when a row was written, not what it holds
WHEN = {"ingested_at", "started_at", "finished_at"}


def local_cluster(*, workers: int) -> LocalCluster:
    """Scheduler and workers on 127.0.0.1, free ports only: no dashboard, and the scheduler's
    own HTTP routes (health, metrics) moved off their default port 8787."""
    return LocalCluster(host="127.0.0.1", n_workers=workers, threads_per_worker=1,
                        processes=True, dashboard_address=None,
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})


@pytest.fixture(scope="module")
def scheduler():
    with local_cluster(workers=2) as cluster:
        yield cluster.scheduler_address


def stored_tables(path: Path) -> dict[str, list[tuple]]:
    """Every table of the store at `path`, rows sorted, write times left out."""
    with duckdb.connect(str(path), read_only=True) as con:
        names = [row[0] for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "ORDER BY 1").fetchall()]
        tables = {}
        for name in names:
            columns = [row[0] for row in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [name]).fetchall() if row[0] not in WHEN]
            listed = ", ".join(f'"{c}"' for c in columns)
            tables[name] = con.execute(f"SELECT {listed} FROM {name} ORDER BY ALL").fetchall()
    return tables


def same(value: object, other: object) -> bool:
    """Equal, floats to within rounding: an article's tone, a weighted mean that pandas sums
    group by group, can differ in its last bit with what else is in the batch (alone vs with
    others), on one machine as across workers."""
    if isinstance(value, float) and isinstance(other, float):
        return math.isclose(value, other, rel_tol=1e-12) or (math.isnan(value)
                                                            and math.isnan(other))
    if isinstance(value, tuple | list) and isinstance(other, tuple | list):
        return len(value) == len(other) and all(map(same, value, other))
    return value == other


def assert_same_store(local: Path, dask: Path) -> None:
    expected, got = stored_tables(local), stored_tables(dask)
    assert sorted(got) == sorted(expected)
    for name, rows in expected.items():
        assert len(got[name]) == len(rows), f"table {name}: {len(got[name])} rows, not {len(rows)}"
        unlike = [(a, b) for a, b in zip(rows, got[name], strict=True) if not same(a, b)]
        assert not unlike, f"table {name} differs between the engines, first: {unlike[0]}"


@contextlib.contextmanager
def closed_address() -> Iterator[str]:
    """An address that refuses connections while the block runs: a port held bound but not
    listening. (A port freed at once can be taken by another test's server meanwhile: the
    client then talked to that server and hung, or read its bytes as a 3 EiB frame.)"""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield f"tcp://127.0.0.1:{held.getsockname()[1]}"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PRESSLENS), *args], capture_output=True, text=True, timeout=120)


def write_extra(folder: Path, *, near_copy_of: str) -> Path:
    """A folder with a near copy of a story (one word changed, undated) and a broken line."""
    folder.mkdir()
    words = near_copy_of.split()
    words[len(words) // 2] = "zebra"
    record = {"title": "A near copy", "text": " ".join(words), "source": "Copycat"}
    (folder / "near.jsonl").write_text(json.dumps(record) + "\n")
    (folder / "broken.jsonl").write_text('{"title": "Fine", "text": "A fine story."}\n{oops\n')
    return folder


def test_split_inputs_expands_folders_keeps_archives_and_rejects_missing(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "b.jsonl").write_text("{}\n")
    (tmp_path / "in" / "sub" / "a.txt").write_text("x")
    (tmp_path / "in" / ".hidden").mkdir()
    (tmp_path / "in" / ".hidden" / "c.txt").write_text("x")
    (tmp_path / "in" / "old.duckdb").write_text("x")
    with zipfile.ZipFile(tmp_path / "in" / "news.zip", "w") as archive:
        archive.writestr("one.txt", "a story")
        archive.writestr("two.txt", "another")
    entries = split_inputs([tmp_path / "in", tmp_path / "missing.txt"])
    assert entries[:3] == [str(tmp_path / "in" / name) for name in
                           ("b.jsonl", "news.zip", "sub/a.txt")]
    assert entries[3] == Reject(str(tmp_path / "missing.txt"), None, "no such file or folder")


def test_partition_keeps_order_and_balances_bytes(tmp_path):
    files = []
    for i, size in enumerate([10, 10, 10, 10, 40]):
        (tmp_path / f"{i}.txt").write_bytes(b"x" * size)
        files.append(str(tmp_path / f"{i}.txt"))
    assert partition(files, parts=2) == [files[:4], files[4:]]
    assert partition(files, parts=9) == [[name] for name in files]
    assert partition(files, parts=1) == [files]
    assert partition([], parts=4) == []


def test_a_file_the_worker_cannot_see_is_named_with_the_shared_filesystem_rule(tmp_path):
    with pytest.raises(ClusterError, match="gone.txt: the client sees this file.*shared"):
        load_part([str(tmp_path / "gone.txt")])


@pytest.mark.corpora
def test_dask_engine_fills_the_same_store_as_the_local_engine(
        scheduler, corpora_dir, sample_path, tmp_path):
    reuters = corpora_dir / "reuters21578" / "reut2-000.sgm"
    story = max(load_articles(reuters)[schema.TEXT], key=len)
    extra = write_extra(tmp_path / "extra", near_copy_of=story)
    paths = [sample_path, reuters, extra, sample_path]  # the sample twice: 2 tasks apart
    local = ingest(paths, store=tmp_path / "local.duckdb")
    dask = ingest_on_cluster(paths, scheduler=scheduler, store=tmp_path / "dask.duckdb")
    assert (dask.new, dask.duplicates, dask.rejected) == (local.new, local.duplicates,
                                                          local.rejected)
    assert dask.rejects.equals(local.rejects)
    assert f"{extra / 'broken.jsonl'}" in dask.rejects[schema.REJECT_FILE].tolist()
    assert_same_store(tmp_path / "local.duckdb", tmp_path / "dask.duckdb")
    with duckdb.connect(str(tmp_path / "dask.duckdb"), read_only=True) as con:
        copy_of = con.execute(
            "SELECT s.duplicate_of, o.origin FROM scores s JOIN articles a USING (article_id) "
            "JOIN articles o ON o.article_id = s.duplicate_of WHERE a.title = 'A near copy'"
        ).fetchall()
    assert copy_of and copy_of[0][1].startswith(str(reuters))  # found across tasks
    assert_parts_hold_what_was_added(tmp_path / "dask.duckdb", dask)
    with duckdb.connect() as con:
        spread = con.execute(f"SELECT count(DISTINCT filename) FROM read_parquet("
                             f"'{dask.parts}/articles/*.parquet', filename = true) "
                             "WHERE origin LIKE '%reut2-000.sgm%'").fetchall()
    assert spread[0][0] > 1  # one big file is enriched by several tasks


def assert_parts_hold_what_was_added(store: Path, summary) -> None:
    """The Parquet parts of an ingest into an empty store hold what the store holds."""
    assert summary.parts.parent == parts_root(store)
    assert summary.parts.parent.name.startswith(".")  # the loaders skip it
    with duckdb.connect(str(store), read_only=True) as con:
        for table in ["articles", *schema.ENRICHMENT_TABLES]:
            parquet = con.execute(f"SELECT * FROM read_parquet('{summary.parts}/{table}/"
                                  "*.parquet') ORDER BY ALL").fetchall()
            assert parquet == con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        rejects = con.execute(
            f"SELECT count(*) FROM read_parquet('{summary.parts}/rejects/*.parquet')").fetchone()
    assert rejects == (summary.rejected,)


def test_cli_ingest_on_a_cluster_twice(scheduler, sample_path, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feed.jsonl").write_text(
        '{"title": "Talks end", "text": "The talks ended on Monday."}\n{oops\n')
    store = tmp_path / "s.duckdb"
    args = ["ingest", str(sample_path), str(tmp_path / "in"), "--store", str(store), "--quiet",
            "--engine", "dask", "--scheduler", scheduler]
    first = run(*args)
    assert first.returncode == 0, first.stderr
    assert "2 new, 0 duplicate, 1 rejected" in first.stdout
    assert f"rejected {tmp_path / 'in' / 'feed.jsonl'} record 2:" in first.stdout
    assert "Parquet parts of this ingest: " in first.stdout
    second = run(*args)
    assert "0 new, 2 duplicate, 1 rejected" in second.stdout, second.stdout + second.stderr
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
        assert con.execute("SELECT new FROM ingests ORDER BY started_at").fetchall() == [(2,),
                                                                                         (0,)]


def test_without_enrichment_the_engines_agree_too(scheduler, sample_path, tmp_path):
    ingest([sample_path], store=tmp_path / "local.duckdb", enrich=False)
    summary = ingest_on_cluster([sample_path], scheduler=scheduler, enrich=False,
                                store=tmp_path / "dask.duckdb")
    assert summary.new == 1
    assert sorted(p.name for p in summary.parts.iterdir()) == ["articles", "rejects"]
    assert_same_store(tmp_path / "local.duckdb", tmp_path / "dask.duckdb")


def test_unreachable_scheduler_is_a_clear_error(sample_path, tmp_path):
    with closed_address() as address:
        with pytest.raises(ClusterError, match=f"cannot reach the Dask scheduler at {address} "
                                               "within 1 s"):
            ingest_on_cluster([sample_path], scheduler=address, store=tmp_path / "s.duckdb",
                              connect_timeout=1)
        assert not (tmp_path / "s.duckdb").exists()
        with (dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
              pytest.raises(SystemExit, match=f"presslens: cannot reach the Dask scheduler at "
                                              f"{address} within 1 s")):
            main(["ingest", str(sample_path), "--store", str(tmp_path / "s.duckdb"), "--quiet",
                  "--engine", "dask", "--scheduler", address])


@contextlib.contextmanager
def foreign_service(kind: str) -> Iterator[str]:
    """The address of a service that is no Dask scheduler: a web server (says nothing until
    asked) or one that greets every connection with a banner, as SSH does."""
    if kind == "web":
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                 http.server.BaseHTTPRequestHandler)
    else:
        class Banner(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                self.request.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Banner)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"tcp://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("kind", "why"), [("web", "no answer as a Dask scheduler"),
                                           ("banner", "what answers there is not a Dask "
                                                      "scheduler")])
def test_another_service_at_the_address_is_a_clear_error(sample_path, tmp_path, kind, why):
    # a Client of such an address hung past its timeout, or read the banner as a frame of
    # exabytes and failed with a memory error
    with foreign_service(kind) as address:
        said = f"cannot reach the Dask scheduler at {address} within 2 s ({why})"
        with pytest.raises(ClusterError, match=re.escape(said)):
            ingest_on_cluster([sample_path], scheduler=address, store=tmp_path / "s.duckdb",
                              connect_timeout=2)
    assert not (tmp_path / "s.duckdb").exists()


def test_a_scheduler_without_workers_is_a_clear_error(sample_path, tmp_path):
    with local_cluster(workers=0) as empty:
        address = empty.scheduler_address
        with pytest.raises(ClusterError, match=f"scheduler at {address} has no workers"):
            ingest_on_cluster([sample_path], scheduler=address, store=tmp_path / "s.duckdb",
                              connect_timeout=1)
    assert not (tmp_path / "s.duckdb").exists()


@pytest.mark.parametrize(("options", "message"), [
    (["--engine", "dask"], "--engine dask needs --scheduler ADDRESS"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler is only used with --engine dask"),
])
def test_engine_and_scheduler_go_together(options, message, sample_path, tmp_path):
    with pytest.raises(SystemExit, match=message):
        main(["ingest", str(sample_path), "--store", str(tmp_path / "s.duckdb"), *options])
    assert not (tmp_path / "s.duckdb").exists()


@pytest.mark.corpora
def test_the_store_stays_readable_while_the_cluster_enriches(scheduler, sample_path, tmp_path,
                                                            corpora_dir):
    """The client holds the store's lock for the whole ingest but opens the file only to read
    what is new and for the final write: the dashboard's reads go on while workers enrich."""
    path = tmp_path / "s.duckdb"
    ingest([sample_path], store=path)
    batch = readers.stories(corpora_dir, 300, tmp_path / "batch.jsonl")
    ingesting = subprocess.Popen(
        [str(PRESSLENS), "ingest", str(batch), "--store", str(path), "-q", "--engine", "dask",
         "--scheduler", scheduler], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    took = readers.read_while(ingesting, path)
    whole = time.monotonic() - started
    out, err = ingesting.communicate(timeout=300)
    assert ingesting.returncode == 0, err
    assert int(out.split(": ", 1)[1].split(" new")[0]) >= 290
    # the workers' enrichment is most of the ingest: a read that waited for it would wait
    # over half of it; a read now waits at most for the final write
    assert len(took) >= 10 and max(took) < whole / 2, (whole, took)
