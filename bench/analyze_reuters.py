"""Benchmark: `analysis.analyze` on all 18 Reuters-21578 files (load excluded from the timing).

Run: .venv/bin/python bench/analyze_reuters.py [--corpora ../shared/corpora]
Prints seconds per step, articles/s, words/s and the peak memory of this process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    args = parser.parse_args()
    from analysis import analyze, load_articles
    from analysis.evaluate.actors import open_reuters_files

    files = open_reuters_files(args.corpora / "reuters21578")
    if len(files) != 18:
        raise SystemExit(f"expected 18 Reuters files under {args.corpora}, found {len(files)}")
    articles = load_articles(*files)
    words = int(articles["text"].str.split().str.len().sum())
    started = time.perf_counter()
    result = analyze(articles)
    elapsed = time.perf_counter() - started
    print(json.dumps({
        "benchmark": "analyze() on reuters21578 (18 files), one process",
        "articles": len(articles), "words": words, "seconds": round(elapsed, 1),
        "articles_per_s": round(len(articles) / elapsed), "words_per_s": round(words / elapsed),
        "steps_s": {k: round(v, 1) for k, v in result.timings.items()},
        "rows": {name: len(getattr(result, name)) for name in
                 ("sentences", "mentions", "topics", "quotes", "events")},
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "python": sys.version.split()[0],
    }, indent=2))


if __name__ == "__main__":
    main()
