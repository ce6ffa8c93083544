"""Benchmark: `presslens ingest` of the 18 Reuters-21578 files with the name tagger against
without it, in one run: two checkouts' own `presslens` take turns (issue 15's bar: at most
25 % slower with the tagger).

Run: .venv/bin/python bench/ingest_tagger.py --before ../main [--after .] [--pairs 3]
         [--workers 1] [--corpora ../shared/corpora]
`--before` and `--after` are checkouts with a `.venv` (`make install`), e.g. main before the
tagger and this branch. The two alternate, the first of each pair changing from pair to pair,
each into a new store. Prints one JSON object: each run's wall and CPU seconds, the seconds of
its mentions step and of all enrichment steps (summed over workers), the load average at its
start, and the ratios of the medians (after / before). The CPU seconds count only the ingest
process: its worker processes are not its own children (a fork server starts them), so on a
shared machine `--workers 1` (setting `workers`) gives the figure that load disturbs least.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STEP = re.compile(r"step ([\w -]+): ([\d.]+) s")
ENRICHMENT_STEPS = ("sentences", "sentence tone", "article tone", "mentions", "quotes", "topics",
                    "events", "duplicates")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(checkout: Path, files: list[str], store: Path, workers: int | None) -> dict:
    """One `presslens ingest` of `files` into a new `store` by the checkout's own command."""
    presslens = checkout / ".venv" / "bin" / "presslens"
    env = {**os.environ, **({} if workers is None else {"PRESSLENS_WORKERS": str(workers)})}
    load = os.getloadavg()[0]
    cpu, start = children_cpu(), time.perf_counter()
    done = subprocess.run([str(presslens), "-v", "ingest", *files, "--store", str(store), "-q"],
                          capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{presslens} ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    wall = time.perf_counter() - start
    steps = {name: float(s) for name, s in STEP.findall(done.stderr)}
    enrichment = sum(steps.get(name, 0.0) for name in ENRICHMENT_STEPS)
    return {"wall_s": round(wall, 2), "cpu_s": round(children_cpu() - cpu, 2),
            "mentions_s": steps.get("mentions"), "enrichment_steps_s": round(enrichment, 2),
            "load_1min": load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=REPO)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None,
                        help="processes that enrich (setting workers); default: the setting")
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    args = parser.parse_args()
    files = [str(args.corpora / "reuters21578" / f"reut2-{n:03d}.sgm") for n in range(18)]
    sides = {"before": args.before.resolve(), "after": args.after.resolve()}
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        for pair in range(args.pairs):
            order = ["before", "after"] if pair % 2 == 0 else ["after", "before"]
            for side in order:
                store = Path(tmp) / f"{side}{pair}.duckdb"
                runs[side].append(run_once(sides[side], files, store, args.workers))
    medians = {side: {measure: statistics.median(r[measure] for r in rows)
                      for measure in ("wall_s", "cpu_s", "enrichment_steps_s")}
               for side, rows in runs.items()}
    print(json.dumps({
        "benchmark": "presslens ingest of reut2-000..017, before and after, alternating",
        "checkouts": {side: str(path) for side, path in sides.items()},
        "workers": args.workers,
        "runs": runs, "medians": medians,
        "ratio_wall": round(medians["after"]["wall_s"] / medians["before"]["wall_s"], 3),
        "ratio_cpu": round(medians["after"]["cpu_s"] / medians["before"]["cpu_s"], 3),
    }, indent=1))


if __name__ == "__main__":
    main()
