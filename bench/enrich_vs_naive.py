"""Benchmark: `presslens ingest` with enrichment against the naive notebook way, on one corpus.

Run: .venv/bin/python bench/enrich_vs_naive.py [--articles 10000] [--seed 0] [--corpus FILE]
     [--alias-sample 1000] [--break-even]

On a synthetic corpus from bench/scale_corpus.py (made first unless --corpus names one), in the
same run and each in a fresh process:
  (a) `presslens ingest` with enrichment into a new store, on both cores (setting `workers`
      left at its default), then again with PRESSLENS_WORKERS=1, and once with --no-enrich;
  (b) the naive notebook way: `pd.read_json`, `df["text"].apply(lambda t: TextBlob(t).sentiment)`
      and a loop of `re.search(r"\\b" + re.escape(alias) + r"\\b", text)` over every alias of
      the actor table the ingest uses, for every article.
For each: wall seconds, articles/s, words/s (whitespace words of the texts), CPU seconds and
peak memory (the largest sum of resident memory of the process and its descendants, so pages
shared by forked workers count more than once), sampled every 50 ms. Then the ratio, and
whether TextBlob polarity per article is identical in the store and in the naive apply, joined
by the article's id. The naive way reads the file's texts, as a notebook would; the scaler
writes only texts that the loader stores unchanged, and the check counts any that differ.

The alias loop takes about 0.1-0.3 s an article: 2,539 patterns overflow `re`'s cache of 512,
so every search compiles its pattern again. (The JSON also gives the loop with its patterns
compiled once, which is not the notebook way, for comparison.) With --alias-sample K (default
1000; 0 for all) the loop runs on K random articles and its time is EXTRAPOLATED to the corpus,
and the JSON says so.
--break-even times `analyze` in one process and in two on growing batches, each in a fresh
process: where two start paying for themselves (analysis.pipeline.PARALLEL_FROM).
Prints JSON and writes it to bench/results/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
PYTHON = sys.executable
PRESSLENS = str(Path(sys.executable).with_name("presslens"))


def measured(command: list[str], *, env: dict[str, str] | None = None) -> dict:
    """Run `command`; its wall seconds, and the CPU seconds and peak resident memory of it and
    all its descendants (pool workers, fork servers), sampled every 50 ms."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = psutil.Popen(command, stdout=out, stderr=err, text=True,
                               env={**os.environ, **(env or {})})
        peak, cpu = 0, {}
        while process.poll() is None:
            peak = max(peak, _sample(process, cpu))
            time.sleep(0.05)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return {"seconds": round(wall, 2), "cpu_s": round(sum(cpu.values()), 1),
            "peak_rss_mib": round(peak / 2**20), "stdout": stdout}


def _sample(process: psutil.Process, cpu: dict[int, float]) -> int:
    """Resident bytes of `process` and its descendants now; their CPU seconds into `cpu`."""
    total = 0
    try:
        family = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in family:
        with contextlib.suppress(psutil.NoSuchProcess), member.oneshot():
            total += member.memory_info().rss
            times = member.cpu_times()
            cpu[member.pid] = times.user + times.system
    return total


def rates(result: dict, *, articles: int, words: int) -> dict:
    """`result` with articles/s and words/s, stdout dropped."""
    seconds = result["seconds"]
    kept = {k: v for k, v in result.items() if k != "stdout"}
    return {**kept, "articles_per_s": round(articles / seconds, 1),
            "words_per_s": round(words / seconds)}


def naive_notebook(corpus: Path, out: Path, *, alias_sample: int, seed: int) -> dict:
    """The notebook way over `corpus`; writes id, text, polarity to `out` (Parquet)."""
    import pandas as pd
    from textblob import TextBlob

    from analysis.enrich.actor_table import load_actors

    started = time.perf_counter()
    df = pd.read_json(corpus, lines=True)
    read = time.perf_counter()
    df["sentiment"] = df["text"].apply(lambda t: TextBlob(t).sentiment)
    df["polarity"] = df["sentiment"].apply(lambda s: s.polarity)
    scored = time.perf_counter()
    actors = load_actors()
    aliases = [(name, alias) for name, names in zip(actors["name"], actors["aliases"],
                                                    strict=True) for alias in names]
    sample = df if not alias_sample or alias_sample >= len(df) else df.sample(
        n=alias_sample, random_state=seed)
    looped = time.perf_counter()
    found = []
    for text in sample["text"]:
        found.append([name for name, alias in aliases
                      if re.search(r"\b" + re.escape(alias) + r"\b", text)])
    done = time.perf_counter()
    # not the notebook way: the same loop with its patterns compiled once, for comparison
    patterns = [(name, re.compile(r"\b" + re.escape(alias) + r"\b")) for name, alias in aliases]
    compiled = [[name for name, pattern in patterns if pattern.search(text)]
                for text in sample["text"]]
    compiled_s = time.perf_counter() - done
    df[["id", "text", "polarity"]].to_parquet(out)
    alias_s = done - looped
    return {"read_s": round(read - started, 2), "textblob_apply_s": round(scored - read, 2),
            "load_actors_s": round(looped - scored, 2), "aliases": len(aliases),
            "alias_loop_articles": len(sample), "alias_loop_s": round(alias_s, 2),
            "alias_loop_s_per_article": round(alias_s / max(len(sample), 1), 4),
            "mentions_found_in_loop": sum(map(len, found)), "articles": len(df),
            "precompiled_loop_s_per_article": round(compiled_s / max(len(sample), 1), 4),
            "precompiled_loop_finds_the_same": compiled == found}


def run_naive(corpus: Path, out: Path, *, alias_sample: int, seed: int, words: int) -> dict:
    """The notebook way in a fresh process; its time for the whole corpus (extrapolated if a
    sample of the alias loop was run, and then said so)."""
    result = measured([PYTHON, __file__, "--naive-only", str(corpus), "--naive-out", str(out),
                       "--alias-sample", str(alias_sample), "--seed", str(seed)])
    inner = json.loads(result["stdout"])
    n = inner["articles"]
    extrapolated = inner["alias_loop_articles"] < n
    measured_loop = inner["alias_loop_s"]
    full_loop = inner["alias_loop_s_per_article"] * n if extrapolated else measured_loop
    seconds = result["seconds"] - measured_loop + full_loop
    precompiled = seconds - full_loop + inner["precompiled_loop_s_per_article"] * n
    return {**rates({**result, "seconds": round(seconds, 2)}, articles=n, words=words),
            "alias_loop_extrapolated": extrapolated,
            "with_precompiled_patterns_articles_per_s": round(n / precompiled, 1),
            "measured_seconds": result["seconds"], "steps": inner,
            "textblob_apply_alone_articles_per_s": round(n / inner["textblob_apply_s"], 1)}


def compare_polarity(store: Path, naive: Path) -> dict:
    """TextBlob polarity per article in the store against the naive apply, joined by id."""
    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        joined = con.execute(
            "SELECT n.id, a.text = n.text AS same_text, s.polarity AS ours, n.polarity AS naive "
            "FROM read_parquet(?) n JOIN articles a ON a.source_id = n.id "
            "JOIN scores s USING (article_id)", [str(naive)]).df()
    difference = (joined["ours"] - joined["naive"]).abs()
    return {"articles_compared": len(joined),
            "texts_differing": int((~joined["same_text"]).sum()),
            "polarity_mismatches": int((joined["ours"] != joined["naive"]).sum()),
            "polarity_max_abs_difference": float(difference.max()) if len(joined) else None}


def time_analyze(corpus: Path, *, size: int, workers: int) -> float:
    """Wall seconds of `analyze` (no discovered topics) on the first `size` articles of `corpus`,
    with `workers` processes, in this process (loading excluded, starting workers included)."""
    from analysis.clean.articles import load_articles
    from analysis.pipeline.enrichment import analyze

    batch = load_articles(corpus).head(size)
    started = time.perf_counter()
    analyze(batch, workers=workers, discover=False)
    return time.perf_counter() - started


def break_even(corpus: Path, sizes: list[int]) -> list[dict]:
    """`time_analyze` in one process and in two, per batch size, each run in a fresh process
    (as every `presslens ingest` is)."""
    rows = []
    for size in sizes:
        row: dict = {"articles": size}
        for workers in (1, 2):
            result = measured([PYTHON, __file__, "--analyze-only", str(corpus), "--size",
                               str(size), "--workers", str(workers)])
            row[f"workers_{workers}_s"] = round(float(result["stdout"]), 2)
            row[f"workers_{workers}_cpu_s"] = result["cpu_s"]
        row["speed_up"] = round(row["workers_1_s"] / row["workers_2_s"], 2)
        rows.append(row)
    return rows


def ingest(corpus: Path, store: Path, *, words: int, articles: int,
           env: dict[str, str] | None = None, enrich: bool = True) -> dict:
    command = [PRESSLENS, "ingest", str(corpus), "--store", str(store), "--quiet"]
    result = measured(command + ([] if enrich else ["--no-enrich"]), env=env)
    return {**rates(result, articles=articles, words=words), "summary": result["stdout"].strip()}


def compare(args: argparse.Namespace, folder: Path) -> dict:
    corpus = args.corpus
    if corpus is None:
        corpus = folder / f"synthetic-{args.articles}.jsonl"
        made = measured([PYTHON, str(REPO / "bench" / "scale_corpus.py"), "--articles",
                         str(args.articles), "--out", str(corpus), "--seed", str(args.seed)])
        print(f"corpus made in {made['seconds']} s", file=sys.stderr)
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    articles, words = len(texts), sum(len(t.split()) for t in texts)
    from analysis.pipeline.enrichment import default_workers

    both = ingest(corpus, folder / "both.duckdb", words=words, articles=articles)
    both["workers"] = default_workers(articles)  # as the ingest chose, from the same setting
    print(f"ingest on both cores: {both['seconds']} s", file=sys.stderr)
    naive = run_naive(corpus, folder / "naive.parquet", alias_sample=args.alias_sample,
                      seed=args.seed, words=words)
    print(f"naive: {naive['seconds']} s", file=sys.stderr)
    one = ingest(corpus, folder / "one.duckdb", words=words, articles=articles,
                 env={"PRESSLENS_WORKERS": "1"})
    bare = ingest(corpus, folder / "bare.duckdb", words=words, articles=articles, enrich=False)
    return {
        "benchmark": "presslens ingest with enrichment vs the naive notebook way, same corpus",
        "corpus": str(corpus), "articles": articles, "words": words,
        "cpu_count": os.cpu_count(), "load_average_1m": round(os.getloadavg()[0], 2),
        "presslens_ingest_both_cores": both, "presslens_ingest_one_process": one,
        "presslens_ingest_no_enrich": bare, "naive_notebook": naive,
        "ratio_articles_per_s": round(both["articles_per_s"] / naive["articles_per_s"], 1),
        "ratio_one_process": round(one["articles_per_s"] / naive["articles_per_s"], 1),
        "ratio_to_naive_with_precompiled_patterns": round(
            both["articles_per_s"] / naive["with_precompiled_patterns_articles_per_s"], 2),
        "ratio_to_textblob_apply_alone": round(
            both["articles_per_s"] / naive["textblob_apply_alone_articles_per_s"], 2),
        "parallel_speed_up_of_ingest": round(one["seconds"] / both["seconds"], 2),
        "polarity": compare_polarity(folder / "both.duckdb", folder / "naive.parquet"),
        "load_average_1m_after": round(os.getloadavg()[0], 2),
        "python": sys.version.split()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, help="a .jsonl corpus instead of making one")
    parser.add_argument("--alias-sample", type=int, default=1000,
                        help="articles the naive alias loop runs on (0: all); extrapolated")
    parser.add_argument("--break-even", action="store_true",
                        help="time analyze() in one and two processes on growing batches")
    parser.add_argument("--naive-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--naive-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--analyze-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_only:
        print(json.dumps(naive_notebook(args.naive_only, args.naive_out,
                                        alias_sample=args.alias_sample, seed=args.seed)))
        return
    if args.analyze_only:
        print(time_analyze(args.analyze_only, size=args.size, workers=args.workers))
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.break_even:
            corpus = args.corpus or Path(tmp) / "synthetic.jsonl"
            if args.corpus is None:
                measured([PYTHON, str(REPO / "bench" / "scale_corpus.py"), "--articles", "4000",
                          "--out", str(corpus), "--seed", str(args.seed)])
            report = {"benchmark": "analyze() in one process and in two, by batch size, each "
                                   "in a fresh process",
                      "load_average_1m": round(os.getloadavg()[0], 2),
                      "sizes": break_even(corpus, [250, 500, 1000, 1500, 2000, 4000]),
                      "load_average_1m_after": round(os.getloadavg()[0], 2)}
            name = "break_even.json"
        else:
            report = compare(args, Path(tmp))
            name = f"enrich_vs_naive_{report['articles']}.json"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
