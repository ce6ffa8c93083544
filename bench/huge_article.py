"""Benchmark: one huge article through every per-article enrichment step.

Run: .venv/bin/python bench/huge_article.py [--corpora ../shared/corpora]
         [--sizes 200000 700000 2800000]
Joins the Reuters-21578 bodies of reut2-001..005 (blank lines between) into one text, cuts it at
each size in characters, and enriches that single article (`enrich_each`, built-in actors and
taxonomy) in this process, printing wall seconds and each step's seconds. A step whose time
grows much faster than the size is a step a pasted book or a hostile upload can stall.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

from analysis.enrich.actors import load_actors
from analysis.enrich.topics import load_taxonomy
from analysis.evaluate.actors import reuters_articles
from analysis.pipeline.enrichment import complete_articles, enrich_each

REPO = Path(__file__).resolve().parents[1]
FILES = [f"reut2-{n:03d}.sgm" for n in range(1, 6)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200_000, 700_000, 2_800_000])
    args = parser.parse_args()
    stories = reuters_articles(args.corpora / "reuters21578", files=FILES)
    body = "\n\n".join(stories["text"].dropna().tolist())
    actors, taxonomy = load_actors(), load_taxonomy()
    for size in args.sizes:
        article = complete_articles(pd.DataFrame(
            {"article_id": ["huge"], "title": ["One huge article"], "text": [body[:size]]}))
        started = time.perf_counter()
        _, steps = enrich_each(article, actors=actors, taxonomy=taxonomy)
        print(json.dumps({"characters": len(body[:size]),
                          "wall_s": round(time.perf_counter() - started, 2),
                          "steps_s": {name: round(s, 2) for name, s in steps.items()}}),
              flush=True)


if __name__ == "__main__":
    main()
