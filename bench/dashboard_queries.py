"""Benchmark: latency of every query the dashboard runs, and the memory they need.

Run: .venv/bin/python bench/dashboard_queries.py --store STORE [--repeat 7]

Calls the same functions the pages call through `dashboard/data.py` (`analysis.query`),
uncached, each on a fresh read-only connection as the pages open one, for a
spread of filter sets a user clicks through: none, a date range, one actor, a topic, a tone range,
a source, and an actor with a date range. Each (query, filters) is timed `--repeat` times after
one warm-up; prints p50 and p95 per query over all its runs, the slowest, and the process's peak
memory (the dashboard process holds the same connections and answers).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analysis import query, store  # noqa: E402
from analysis.query.filters import Filters  # noqa: E402

# (name, function, options) as the views ask them
QUERIES = [
    ("summary", query.summary, {}),
    ("timeline", query.timeline, {"freq": "W"}),
    ("actor_mentions top 15", query.actor_mentions, {"top": 15}),
    ("actor_mentions countries", query.actor_mentions, {"actor_type": "country", "top": 20}),
    ("topic_frequencies", query.topic_frequencies, {}),
    ("timeline by topic", query.timeline, {"freq": "W", "by": "topic", "top": 6}),
    ("timeline by actor", query.timeline, {"freq": "W", "by": "actor", "top": 6}),
    ("actor_tone", query.actor_tone, {}),
    ("actor_tone top 20", query.actor_tone, {"min_sentences": 3, "top": 20}),
    ("cooccurrence sentence", query.cooccurrence, {"top": 500}),
    ("cooccurrence article", query.cooccurrence, {"level": "article", "top": 500}),
    ("tone_bins", query.tone_bins, {}),
    ("tone_spread", query.tone_spread, {}),
    ("tone_sample", query.tone_sample, {}),
    ("tone_by topic", query.tone_by, {"by": "topic"}),
    ("quote_speakers", query.quote_speakers, {}),
    ("quote_table", query.quote_table, {"limit": 1000}),
    ("article_list", lambda con, f: query.article_list(con, f, limit=50), {}),
]


def filter_sets(con) -> dict[str, Filters]:
    facets = query.facets(con)
    last = facets["last"]
    month = (last - timedelta(days=30), last) if last else (None, None)
    actors = facets["actors"] or ["none"]
    actor, sixth = actors[0], actors[min(5, len(actors) - 1)]
    topic = facets["topics"][0] if facets["topics"] else "none"
    source = facets["sources"][0] if facets["sources"] else "none"
    return {
        "none": Filters(),
        "last 30 days": Filters(start=month[0], end=month[1], include_undated=False),
        f"actor {actor}": Filters(actors=(actor,)),
        f"actor {sixth}": Filters(actors=(sixth,)),
        f"topic {topic}": Filters(topics=(topic,)),
        "tone -0.5..-0.1": Filters(tone_min=-0.5, tone_max=-0.1),
        f"source {source}": Filters(sources=(source,)),
        f"actor {actor}, last 30 days": Filters(actors=(actor,), start=month[0], end=month[1]),
        f"any of {actor}, {sixth}": Filters(actors=(actor, sixth)),
        f"all of {actor}, {sixth}": Filters(actors_all=(actor, sixth)),
        f"{actor} and topic {topic}": Filters(actors=(actor,), topics_all=(topic,)),
        "one copy per story": Filters(one_per_story=True),
    }


# what the Compare page asks of each set, chart by chart
COMPARE = [
    ("compare summary", query.summary, {}),
    ("compare timeline", query.timeline, {"freq": "W"}),
    ("compare actors", query.actor_mentions, {"top": 10}),
    ("compare topics", query.topic_frequencies, {}),
    ("compare tone", query.tone_bins, {}),
]


def compare_sets(sets: dict[str, Filters]) -> list[Filters]:
    """Four sets an analyst compares: two actors, a topic, a source (the first two: 2 sets)."""
    picked = [f for name, f in sets.items() if name.startswith(("actor ", "topic ", "source "))]
    return [f for f in picked if not f.start][:4]


def time_compare(path: Path, sets: list[Filters], repeat: int) -> dict[str, list[float]]:
    """Per Compare chart, the time to answer it for every set (a fresh connection each time,
    as a page run opens one): the chart waits for all its sets."""
    runs: dict[str, list[float]] = {name: [] for name, _, _ in COMPARE}
    for name, function, options in COMPARE:
        for attempt in range(repeat + 1):
            started = time.perf_counter()
            with store.connect(path) as con:
                for filters in sets:
                    function(con, filters, **options)
            if attempt:
                runs[name].append(time.perf_counter() - started)
    return runs


def p95(times: list[float]) -> float:
    """The 95th percentile of `times`, interpolated between runs: never above the slowest (the
    default "exclusive" method extrapolates past it for a few runs, e.g. a Compare chart's 5)."""
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with store.connect(args.store) as con:
        sets = filter_sets(con)
        articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    runs: dict[str, list[float]] = {name: [] for name, _, _ in QUERIES}
    began = time.perf_counter()
    started = time.perf_counter()
    with store.connect(args.store) as con:
        query.facets(con)
    facets_s = time.perf_counter() - started
    for label, filters in sets.items():
        for name, function, options in QUERIES:
            for attempt in range(args.repeat + 1):
                started = time.perf_counter()
                with store.connect(args.store) as con:
                    function(con, filters, **options)
                if attempt:  # the first run warms the file cache
                    runs[name].append(time.perf_counter() - started)
        print(f"  {label}: done", file=sys.stderr)
    compared = compare_sets(sets)
    for count in (2, 4):
        for name, times in time_compare(args.store, compared[:count], args.repeat).items():
            runs[f"{name}, {count} sets"] = times
        print(f"  compare {count} sets: done", file=sys.stderr)
    every = sorted(t for times in runs.values() for t in times)
    result = {
        "store": str(args.store), "articles": articles, "filter_sets": list(sets),
        "compared_sets": [query.describe(f) for f in compare_sets(sets)],
        "repeat": args.repeat, "facets_s": round(facets_s, 3),
        "queries": {name: {"p50_ms": round(statistics.median(t) * 1000, 1),
                           "p95_ms": round(p95(t) * 1000, 1),
                           "max_ms": round(max(t) * 1000, 1)} for name, t in runs.items()},
        "all_p95_ms": round(p95(every) * 1000, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "seconds": round(time.perf_counter() - began, 1),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
