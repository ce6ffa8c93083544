"""Benchmark: enriched ingest of Reuters-21578 files, local engine vs the dask engine.

Run: .venv/bin/python bench/ingest_dask.py [--corpora ../shared/corpora] [--files 4] [--workers 2]
Ingests reut2-000 … reut2-(N-1) into fresh stores three ways: the local engine in one process
(setting workers=1), the local engine as configured (setting workers, 0 = one process per core
for a batch of 1000 articles or more), and `--engine dask` on a LocalCluster of `--workers`
single-threaded worker processes on 127.0.0.1 (its start-up timed apart). Prints JSON: wall
seconds, and the CPU seconds of the one-process local run and of the dask run (client, and the
cluster's processes over their whole life): on a shared machine CPU time is the steadier
measure of what each engine costs. (The local engine's process pool runs under a forkserver,
whose children this process cannot account for.)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import dask
import duckdb
from distributed import LocalCluster

from analysis.evaluate.actors import open_reuters_files
from analysis.store.cluster import ingest_on_cluster
from analysis.store.ingest import ingest

REPO = Path(__file__).resolve().parents[1]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return round(time.perf_counter() - start, 2)


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def with_cpu(name: str, run: Callable[[], dict]) -> dict:
    start = cpu_seconds()
    result = run()
    return {**result, f"{name}_cpu_s": round(cpu_seconds() - start, 2)}


def counts(store: Path) -> dict[str, int]:
    """Rows per table: the engines must agree on them."""
    with duckdb.connect(str(store), read_only=True) as con:
        return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "sentences", "mentions", "topics", "quotes")}


def local_runs(files: list[str], tmp: Path) -> dict:
    """The local engine in one process, then as the `workers` setting says."""
    configured = os.environ.get("PRESSLENS_WORKERS")
    os.environ["PRESSLENS_WORKERS"] = "1"
    try:
        one = with_cpu("local_1_process", lambda: {
            "local_1_process_s": timed(lambda: ingest(files, store=tmp / "one.duckdb"))})
    finally:
        if configured is None:
            os.environ.pop("PRESSLENS_WORKERS")
        else:
            os.environ["PRESSLENS_WORKERS"] = configured
    default = timed(lambda: ingest(files, store=tmp / "local.duckdb"))
    return {**one, "local_default_s": default,
            "local_default_workers_setting": configured or "0 (one per core)"}


def dask_run(files: list[str], tmp: Path, *, workers: int) -> dict:
    """The dask engine on a fresh LocalCluster of `workers` single-threaded processes."""
    start = time.perf_counter()
    with LocalCluster(host="127.0.0.1", n_workers=workers, threads_per_worker=1,
                      processes=True, dashboard_address=None, silence_logs=40,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        started = round(time.perf_counter() - start, 2)
        seconds = timed(lambda: ingest_on_cluster(files, scheduler=cluster.scheduler_address,
                                                  store=tmp / "dask.duckdb"))
    return {"dask_cluster_start_s": started, "dask_ingest_s": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    files = [str(p) for p in open_reuters_files(args.corpora / "reuters21578")]
    if len(files) < args.files:
        raise SystemExit(f"expected {args.files} Reuters files under {args.corpora}")
    files = files[:args.files]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        result = {**local_runs(files, tmp),
                  **with_cpu("dask", lambda: dask_run(files, tmp, workers=args.workers))}
        local, spread = counts(tmp / "local.duckdb"), counts(tmp / "dask.duckdb")
    if local != spread:
        raise SystemExit(f"the engines disagree: local {local}, dask {spread}")
    print(json.dumps({
        "benchmark": f"enriched ingest of {len(files)} reuters21578 files, local vs dask",
        "files": [Path(f).name for f in files], "rows": local, **result,
        "dask_vs_local_1_process": round(result["local_1_process_s"] / result["dask_ingest_s"], 2),
        "dask_vs_local_default": round(result["local_default_s"] / result["dask_ingest_s"], 2),
        "dask_workers": args.workers, "cpu_count": os.cpu_count(),
        "dask": dask.__version__, "python": sys.version.split()[0],
    }, indent=2))


if __name__ == "__main__":
    main()
