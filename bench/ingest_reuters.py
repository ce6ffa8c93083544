"""Benchmark: `presslens ingest` (load, clean, store; no enrichment) on 18 Reuters-21578 files.

Run: .venv/bin/python bench/ingest_reuters.py [--corpora ../shared/corpora] [--repeat 3]
Prints wall time per run, articles/s and words/s, and peak memory of the ingest process.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.evaluate.actors import open_reuters_files

REPO = Path(__file__).resolve().parents[1]


def run_once(files: list[str], store: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one `presslens ingest` in a fresh process."""
    presslens = Path(sys.executable).with_name("presslens")
    start = time.perf_counter()
    subprocess.run([str(presslens), "ingest", *files, "--store", str(store), "--quiet",
                    "--no-enrich"],
                   check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = [str(p) for p in open_reuters_files(args.corpora / "reuters21578")]
    if len(files) != 18:
        raise SystemExit(f"expected 18 Reuters files under {args.corpora}, found {len(files)}")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            store = Path(tmp) / f"run{i}.duckdb"
            elapsed, peak = run_once(files, store)
            times.append(elapsed)
        stats = subprocess.run(
            [str(Path(sys.executable).with_name("presslens")), "stats", "--store", str(store),
             "--json"], check=True, capture_output=True, text=True)
        articles = json.loads(stats.stdout)["articles"]
        import duckdb

        with duckdb.connect(str(store), read_only=True) as con:
            words = con.execute(
                "SELECT sum(len(string_split(text, ' '))) FROM articles").fetchone()[0]
    median = statistics.median(times)
    print(json.dumps({
        "benchmark": "ingest reuters21578 (18 files, load+clean+store, no enrichment)",
        "runs_s": [round(t, 2) for t in times], "median_s": round(median, 2),
        "articles": articles, "words": int(words),
        "articles_per_s": round(articles / median), "words_per_s": round(words / median),
        "peak_rss_mib": round(peak / 1024), "python": sys.version.split()[0],
    }, indent=2))


if __name__ == "__main__":
    main()
