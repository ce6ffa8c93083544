"""Benchmark: which full-text engine for the store's index (docs/search.md says what was chosen).

Run: .venv/bin/python bench/search_engines.py --store STORE.duckdb [--articles 100000]
     [--repeat 5]

Indexes the first `--articles` articles of a store (title and text, as
`analysis.store.search_words.index_text` makes them, so both engines see the same tokens) into
SQLite FTS5 (through apsw, which bundles a current SQLite) and into Tantivy (its official Python
bindings, `tantivy` on PyPI), then times, for a few queries, what the filter needs: the article
number of every match. DuckDB's `fts` extension is tried too (`LOAD fts`); it is not bundled
with the Python wheel and `INSTALL fts` downloads it, which this machine cannot. Prints JSON:
build seconds, bytes on disk, and per query the matches and the median milliseconds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import apsw
import duckdb
import numpy as np
import tantivy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analysis.store.search_words import index_text  # noqa: E402

# (name, FTS5 expression, Tantivy query maker)
QUERIES: list[tuple[str, str, Callable]] = [
    ("said (common)", '"said"', lambda s: tantivy.Query.term_query(s, "body", "said")),
    ("oil", '"oil"', lambda s: tantivy.Query.term_query(s, "body", "oil")),
    ("cocoa (rare)", '"cocoa"', lambda s: tantivy.Query.term_query(s, "body", "cocoa")),
    ('"oil prices"', '"oil prices"',
     lambda s: tantivy.Query.phrase_query(s, "body", ["oil", "prices"])),
    ("oil NOT crude", '"oil" NOT "crude"', lambda s: tantivy.Query.boolean_query([
        (tantivy.Occur.Must, tantivy.Query.term_query(s, "body", "oil")),
        (tantivy.Occur.MustNot, tantivy.Query.term_query(s, "body", "crude"))])),
    ("export*", '"export" *',
     lambda s: tantivy.Query.regex_query(s, "body", "export.*")),
]


def texts(store: Path, articles: int) -> list[tuple[int, str]]:
    with duckdb.connect(str(store), read_only=True) as con:
        rows = con.execute("SELECT f.a, coalesce(t.title, '') || ' ' || coalesce(t.text, '') "
                           "FROM facts_articles f JOIN articles t USING (article_id) "
                           "ORDER BY f.a LIMIT ?", [articles]).fetchall()
    return [(a, index_text(body)) for a, body in rows]


def timed(run: Callable[[], np.ndarray], repeat: int) -> tuple[int, float]:
    times, found = [], np.array([])
    for _ in range(repeat):
        began = time.perf_counter()
        found = run()
        times.append(time.perf_counter() - began)
    return len(found), round(statistics.median(times) * 1000, 1)


def fts5(docs: list[tuple[int, str]], folder: Path, repeat: int) -> dict:
    path = folder / "fts5.sqlite"
    began = time.perf_counter()
    db = apsw.Connection(str(path))
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, content='', contentless_delete=1, "
               "tokenize='unicode61 remove_diacritics 2')")
    with db:
        db.executemany("INSERT INTO docs (rowid, body) VALUES (?, ?)", docs)
    built = time.perf_counter() - began

    def run(expression: str) -> np.ndarray:
        rows = db.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (expression,))
        return np.fromiter((r[0] for r in rows), dtype=np.int32)

    queries = {name: timed(lambda e=expression: run(e), repeat) for name, expression, _ in QUERIES}
    db.close()
    return {"build_s": round(built, 1), "bytes": path.stat().st_size, "queries": queries}


def tantivy_index(docs: list[tuple[int, str]], folder: Path, repeat: int) -> dict:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("a", fast=True, indexed=True)
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="position")
    schema = builder.build()
    (folder / "tantivy").mkdir()
    began = time.perf_counter()
    index = tantivy.Index(schema, path=str(folder / "tantivy"))
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for a, body in docs:
        writer.add_document(tantivy.Document(a=a, body=body))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    built = time.perf_counter() - began
    searcher = index.searcher()

    def run(make: Callable) -> np.ndarray:
        hits = searcher.search(make(schema), limit=max(1, searcher.num_docs), count=False).hits
        numbers = searcher.fast_field_values("a", [address for _, address in hits])
        return np.array(numbers, dtype=np.int32)

    queries = {name: timed(lambda m=make: run(m), repeat) for name, _, make in QUERIES}
    size = sum(f.stat().st_size for f in (folder / "tantivy").iterdir())
    return {"build_s": round(built, 1), "bytes": size, "queries": queries}


def duckdb_fts() -> str:
    try:
        duckdb.connect().execute("LOAD fts")
    except duckdb.Error as err:
        return f"unavailable: {str(err).splitlines()[0]}"
    return "loads"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    docs = texts(args.store, args.articles)
    folder = Path(tempfile.mkdtemp(dir=args.store.parent))
    try:
        result = {"articles": len(docs), "duckdb_fts": duckdb_fts(),
                  "sqlite_fts5": fts5(docs, folder, args.repeat),
                  "tantivy": tantivy_index(docs, folder, args.repeat)}
    finally:
        shutil.rmtree(folder)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
