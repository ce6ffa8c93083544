"""Benchmark: search queries on a store, alone and with an actor filter, as a chart asks them.

Run: .venv/bin/python bench/search_queries.py --store STORE.duckdb [--repeat 5]
     [--actor "United States"]

First brings the store's full-text index in step (timing it when it has to build it: a store
grown by copying has none), then times 20 varied queries (common, rare words, phrases, NOT,
prefixes, fields) as the dashboard asks them: a weekly timeline of the matching articles
(`analysis.query.timeline`), the search's result cache emptied before each run, so that every
run looks the query up in the index. The same timeline with no filter, with the actor alone
and with each query plus the actor is timed too. Prints JSON: sizes, build time, load average,
per query its matches and median ms, and p50/p95 over all runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analysis import query, store  # noqa: E402
from analysis.query import Filters, matches  # noqa: E402
from analysis.store import search_index  # noqa: E402

QUERIES = [
    "oil", "said", "trade", "dollar", "bank",  # common words
    "cocoa", "zinc", "sorghum",  # rare words
    '"oil prices"', '"central bank"', '"trade deficit"', '"U.S."', '"76%"',  # phrases
    "oil NOT crude", "bank -central", "(coffee OR cocoa) -brazil",  # NOT
    "export*", "price*",  # prefixes
    "title:oil", "opec saudi",  # a field; two words
]


def build(path: Path) -> dict:
    """Bring the index in step under the writer lock; how long it took, and the sizes."""
    began = time.perf_counter()
    with store.locked(path), store.connect(path) as con:
        done = search_index.update(path, con)
    return {"index_update_s": round(time.perf_counter() - began, 1), "index_update": done,
            "store_mib": round(path.stat().st_size / 2**20),
            "index_mib": round(search_index.size(path) / 2**20)}


def timed(con, filters: Filters, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        matches.cache_clear()  # every run looks the query up
        began = time.perf_counter()
        query.timeline(con, filters, freq="W")
        runs.append((time.perf_counter() - began) * 1000)
    return runs


def percentiles(runs: list[float]) -> dict:
    ordered = sorted(runs)
    return {"p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--actor", default="United States")
    args = parser.parse_args()
    result: dict = {"store": str(args.store), "load_before": os.getloadavg(), **build(args.store)}
    actor = Filters(actors=(args.actor,))
    alone, combined, per_query = [], [], {}
    with store.connect(args.store) as con:
        result["articles"] = query.summary(con)["articles"]
        timed(con, Filters(search="warm"), 1)
        result["no_filter"] = percentiles(timed(con, Filters(), args.repeat))
        result["actor_only"] = percentiles(timed(con, actor, args.repeat))
        for text in QUERIES:
            matched = query.summary(con, Filters(search=text))["articles"]
            runs = timed(con, Filters(search=text), args.repeat)
            both = timed(con, actor.replace(search=text), args.repeat)
            alone += runs
            combined += both
            per_query[text] = {"articles": matched, "ms": round(statistics.median(runs), 1),
                               "with_actor_ms": round(statistics.median(both), 1)}
    result.update(search_alone=percentiles(alone), search_and_actor=percentiles(combined),
                  queries=per_query, load_after=os.getloadavg())
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
