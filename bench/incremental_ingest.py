"""Benchmark: does adding 1,000 articles cost the same into a small store as into a huge one?

Run: .venv/bin/python bench/incremental_ingest.py --small SMALL.duckdb --large LARGE.duckdb
     [--articles 1000] [--repeat 3]

Makes `--articles` synthetic articles (bench/scale_corpus.py, a seed no store holds), then times
`presslens ingest` of them (with enrichment, and the full-text index's update) into a fresh copy
of each store and of its index, `--repeat` times, each in a new process. Reports the wall time
per store, its median, the store sizes and the ratio large/small: near 1 means the cost follows
the batch, not the store.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PRESSLENS = Path(sys.executable).with_name("presslens")


def count(path: Path) -> int:
    sys.path.insert(0, str(REPO))
    from analysis import store

    with store.connect(path) as con:
        return con.execute("SELECT count(*) FROM articles").fetchall()[0][0]


def copy(source: Path, target: Path) -> None:
    """The store and its full-text index (brought in step first: a grown store may have none)."""
    sys.path.insert(0, str(REPO))
    from analysis import store
    from analysis.store import search_index

    with store.writer(source):  # a writer's connection brings the index in step on closing
        pass
    shutil.copyfile(source, target)
    shutil.copyfile(search_index.path_of(source), search_index.path_of(target))


def timed_ingest(batch: Path, target: Path) -> tuple[float, str]:
    began = time.perf_counter()
    done = subprocess.run([str(PRESSLENS), "ingest", str(batch), "--store", str(target), "-q"],
                          capture_output=True, text=True, check=True)
    return time.perf_counter() - began, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=Path, required=True)
    parser.add_argument("--large", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.large.parent) as folder:
        batch = Path(folder) / "new.jsonl"
        subprocess.run([sys.executable, str(REPO / "bench" / "scale_corpus.py"), "--articles",
                        str(args.articles), "--out", str(batch), "--seed", "424242"],
                       check=True, capture_output=True)
        result = {"batch_articles": args.articles, "stores": {}}
        for name, source in (("small", args.small), ("large", args.large)):
            runs, said = [], ""
            for _ in range(args.repeat):
                target = Path(folder) / f"{name}.duckdb"
                copy(source, target)
                took, said = timed_ingest(batch, target)
                runs.append(round(took, 2))
                for file in Path(folder).glob(f"{name}.duckdb*"):
                    file.unlink()
            result["stores"][name] = {"articles_before": count(source), "runs_s": runs,
                                      "median_s": statistics.median(runs), "said": said}
        small, large = (result["stores"][k]["median_s"] for k in ("small", "large"))
        result["large_over_small"] = round(large / small, 2)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
