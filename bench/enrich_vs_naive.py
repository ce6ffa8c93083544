"""Benchmark (issue 18): `presslens ingest` of Reuters-21578 against the naive notebook way.

Run: .venv/bin/python bench/enrich_vs_naive.py [--corpus DIR] [--repeat N] [--compare STORE]
     [--files N]

On the 18 files reut2-000.sgm … reut2-017.sgm (018–021 are held out), in one run, each side a
fresh process, alternating (naive, ingest, naive, ingest, … for --repeat N):
  naive   every <BODY> of the files, HTML-unescaped, in a pandas DataFrame;
          ``df["text"].apply(lambda t: TextBlob(t).sentiment.polarity)``; then for each story,
          ``re.compile(r"\\b" + re.escape(name) + r"\\b")`` of each of pycountry's country
          names (compiled once), searched in turn. One process, as a notebook.
  ingest  ``presslens -v ingest FILES --store NEW -q`` into a new store (setting `workers` at
          its default: one process per core); the times of its steps read from its log.
Each pair gives the wall seconds of both, the ratio naive / ingest, and the 1-minute load
average before and after. Then, on the last store: polarity and subjectivity of every scored
article against ``TextBlob(text).sentiment`` of the text it was scored from, and with --compare
every table of the store against STORE (a store made by the code before a change), row for row
(ingest and reject times left out). Prints JSON and writes it to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
PRESSLENS = str(Path(sys.executable).with_name("presslens"))
FILES = [f"reut2-{number:03d}.sgm" for number in range(18)]  # 018-021: held out
_STEP = re.compile(r"^INFO step (.+?): ([\d.]+) s", re.MULTILINE)
# columns that say when a store was written, not what it holds
_WHEN = {"ingests": ("started_at", "finished_at"), "rejects": ("ingested_at",)}


def naive_notebook(paths: list[Path]) -> dict:
    """The naive notebook way over `paths`, timed in this process."""
    import html

    import pandas as pd
    import pycountry
    from textblob import TextBlob

    started = time.perf_counter()
    bodies = [html.unescape(body) for path in paths for body in
              re.findall(r"<BODY>(.*?)</BODY>", path.read_text(encoding="latin-1"), re.DOTALL)]
    df = pd.DataFrame({"text": bodies})
    read = time.perf_counter()
    df["polarity"] = df["text"].apply(lambda t: TextBlob(t).sentiment.polarity)
    scored = time.perf_counter()
    patterns = [(country.name, re.compile(r"\b" + re.escape(country.name) + r"\b"))
                for country in pycountry.countries]
    df["countries"] = df["text"].apply(
        lambda t: [name for name, pattern in patterns if pattern.search(t)])
    done = time.perf_counter()
    return {"stories": len(df), "words": int(df["text"].str.split().str.len().sum()),
            "country_names": len(patterns), "read_s": round(read - started, 2),
            "textblob_apply_s": round(scored - read, 2),
            "country_loop_s": round(done - scored, 2),
            "countries_found": int(df["countries"].str.len().sum())}


def timed(command: list[str]) -> tuple[float, str, str]:
    """Wall seconds, stdout and stderr of `command` run to its end."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return round(seconds, 2), done.stdout, done.stderr


def run_pair(paths: list[Path], store: Path) -> dict:
    """The naive way, then the ingest into `store`, each in a fresh process."""
    load_before = os.getloadavg()[0]
    naive_s, out, _ = timed([sys.executable, __file__, "--naive-only",
                             *[str(path) for path in paths]])
    load_middle = os.getloadavg()[0]
    ingest_s, summary, log = timed([PRESSLENS, "-v", "ingest", *[str(p) for p in paths],
                                    "--store", str(store), "-q"])
    return {"naive_s": naive_s, "ingest_s": ingest_s, "ratio": round(naive_s / ingest_s, 2),
            "load_1m": [round(load_before, 2), round(load_middle, 2),
                        round(os.getloadavg()[0], 2)],
            "naive_steps": json.loads(out),
            "ingest_steps_s": {name: float(s) for name, s in _STEP.findall(log)},
            "ingest_summary": summary.splitlines()[0]}


def check_textblob(store: Path) -> dict:
    """Polarity and subjectivity of every scored article against TextBlob's own."""
    import duckdb
    from textblob import TextBlob

    with duckdb.connect(str(store), read_only=True) as con:
        rows = con.execute(
            "SELECT CASE s.scored_from WHEN 'text' THEN a.text ELSE a.title END, s.polarity, "
            "s.subjectivity FROM scores s JOIN articles a USING (article_id) "
            "WHERE s.scored_from IS NOT NULL").fetchall()
    differ = [text for text, polarity, subjectivity in rows
              if tuple(TextBlob(text).sentiment) != (polarity, subjectivity)]
    return {"articles_compared": len(rows), "differ": len(differ)}


def compare_stores(store: Path, reference: Path) -> dict:
    """Per table: rows only in the reference and rows only in the new store (multisets)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(f"ATTACH '{reference}' AS ref (READ_ONLY)")
    con.execute(f"ATTACH '{store}' AS new (READ_ONLY)")
    tables = [row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'ref' "
        "AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
    report = {}
    for table in tables:
        columns = [(name, kind) for name, kind in con.execute(
            f"SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog "
            f"= 'ref' AND table_name = '{table}' ORDER BY ordinal_position").fetchall()
            if name not in _WHEN.get(table, ())]
        report[table] = {
            "rows": con.execute(f"SELECT count(*) FROM ref.main.{table}").fetchone()[0],
            **_differences(con, table, [f'"{name}"' for name, _kind in columns])}
        if report[table]["only_in_reference"] or report[table]["only_in_new"]:
            # DuckDB sums doubles in no fixed order: a facts table's sums of tones can differ
            # in their last bits from one run of the same code to the next
            rounded = [f'round("{name}", 9)' if kind == "DOUBLE" else f'"{name}"'
                       for name, kind in columns]
            report[table]["with_doubles_to_9_decimals"] = _differences(con, table, rounded)
    return report


def _differences(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> dict:
    one, two = (f"SELECT {', '.join(columns)} FROM {side}.main.{table}" for side in ("ref", "new"))
    return {"only_in_reference": con.execute(
                f"SELECT count(*) FROM ({one} EXCEPT ALL {two})").fetchone()[0],
            "only_in_new": con.execute(
                f"SELECT count(*) FROM ({two} EXCEPT ALL {one})").fetchone()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora"
                        / "reuters21578", help="the Reuters-21578 folder")
    parser.add_argument("--repeat", type=int, default=1, help="pairs of runs, alternating")
    parser.add_argument("--files", type=int, default=len(FILES), choices=range(1, 19),
                        metavar="1-18", help="the first N files only (a quick try)")
    parser.add_argument("--compare", type=Path, metavar="STORE",
                        help="a store of the same files made by the code before a change")
    parser.add_argument("--naive-only", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive_only:
        print(json.dumps(naive_notebook(args.naive_only)))
        return
    paths = [args.corpus / name for name in FILES[:args.files]]
    with tempfile.TemporaryDirectory() as folder:
        runs = []
        for number in range(args.repeat):
            store = Path(folder) / f"run{number}.duckdb"
            runs.append({"utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
                         **run_pair(paths, store)})
            print(json.dumps(runs[-1]), file=sys.stderr)
        report = {"benchmark": "presslens ingest vs the naive notebook way, Reuters 000-017",
                  "cpu_count": os.cpu_count(), "python": sys.version.split()[0], "runs": runs,
                  "textblob_identity": check_textblob(store)}
        if args.compare:
            report["tables"] = compare_stores(store, args.compare)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"enrich_vs_naive_{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
