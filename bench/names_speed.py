"""Benchmark: the name tagger's words per second on the Reuters-21578 bodies (reut2-000..017).

Run: .venv/bin/python bench/names_speed.py [--corpora ../shared/corpora] [--repeat 3]
         [--model analysis/resources/names_model.npz]
Reads the stories once (not timed), loads the model (timed apart), then tags every body with
`tag_articles` `--repeat` times in this process and prints CPU and wall seconds, words/s
(words: whitespace-separated, as bench/ingest_reuters.py counts them) and names found.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from analysis.enrich.names import MODEL_PATH, NameModel, tag_articles
from analysis.evaluate.actors import reuters_articles

REPO = Path(__file__).resolve().parents[1]
FILES = tuple(f"reut2-{n:03d}.sgm" for n in range(18))  # reut2-018..021 are held out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    articles = reuters_articles(args.corpora / "reuters21578", files=FILES)
    words = int(articles["text"].fillna("").str.split().str.len().sum())
    started = time.process_time()
    model = NameModel(args.model)
    load_s = time.process_time() - started
    cpu, wall, found = [], [], 0
    for _ in range(args.repeat):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        names = tag_articles(articles, model=model)
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
        found = len(names)
    print(json.dumps({
        "benchmark": "name tagger on reuters21578 bodies (reut2-000..017)",
        "articles": len(articles), "words": words, "model_load_cpu_s": round(load_s, 2),
        "cpu_s": [round(t, 2) for t in cpu], "wall_s": [round(t, 2) for t in wall],
        "words_per_cpu_s": round(words / statistics.median(cpu)),
        "names": found,
        "by_kind": names["kind"].value_counts().to_dict(),
    }, indent=1))


if __name__ == "__main__":
    main()
