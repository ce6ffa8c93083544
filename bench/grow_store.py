"""Benchmark fixture: grow an enriched store to N articles for dashboard load tests.

Run: .venv/bin/python bench/grow_store.py --from SEED.duckdb --articles 1000000 --out BIG.duckdb

Enriching a million articles takes most of an hour on two cores, and the dashboard's query
latency depends on how many rows its tables hold, not on how they were made. So the seed store
(a real `presslens ingest`, e.g. of the synthetic corpus from bench/scale_corpus.py or of
Reuters-21578) is copied, then its articles and every enrichment row are repeated with new ids
and content hashes and with their dates moved by whole weeks (copy k is k × `--shift-days`
later), until the store holds N articles; then the query tables are rebuilt, and the full-text
index (`<out>.search`) built afresh. Titles of copies start with "[copy k] " so that no one
mistakes them for real articles. Prints JSON: rows per table, seconds (the index's apart), file
sizes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analysis import schema, store  # noqa: E402
from analysis.store import facts, search_index  # noqa: E402

ID = "substr(md5(article_id || '#' || {k}), 1, 16)"


def _copy_sql(table: str, columns: list[str], k: int, shift_days: int) -> str:
    """INSERT of copy `k` of the seed rows of `table` (the seed's article ids are in `seed`)."""
    exprs = []
    for column in columns:
        quoted = store.quote(column)
        if column == schema.ARTICLE_ID:
            exprs.append(ID.format(k=k))
        elif column == schema.DUPLICATE_OF:
            exprs.append(f"CASE WHEN {quoted} IS NULL THEN NULL ELSE "
                         f"substr(md5({quoted} || '#' || {k}), 1, 16) END")
        elif column == schema.CONTENT_HASH:
            exprs.append(f"md5({quoted} || '#' || {k})")
        elif column == schema.PUBLISHED_AT:
            exprs.append(f"{quoted} + INTERVAL {k * shift_days} DAY")
        elif column == schema.TITLE:
            exprs.append(f"'[copy {k}] ' || coalesce({quoted}, '')")
        else:
            exprs.append(quoted)
    return (f"INSERT INTO {table} SELECT {', '.join(exprs)} FROM {table} "
            "WHERE article_id IN (SELECT article_id FROM seed)")


def grow(seed: Path, out: Path, *, articles: int, shift_days: int) -> dict:
    shutil.copyfile(seed, out)
    with store.writer(out) as con:
        con.execute("CREATE TEMP TABLE seed AS SELECT article_id FROM articles")
        size = con.execute("SELECT count(*) FROM seed").fetchall()[0][0]
        tables = ["articles", *schema.ENRICHMENT_TABLES]  # scores is one of them
        columns = {t: [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()] for t in tables}
        copies = max(0, -(-articles // size) - 1)
        for k in range(1, copies + 1):
            wanted = min(size, articles - k * size)
            if wanted < size:  # the last copy is partial: keep the first `wanted` seed articles
                con.execute("CREATE OR REPLACE TEMP TABLE seed AS SELECT article_id FROM "
                            f"articles WHERE article_id IN (SELECT article_id FROM seed) "
                            f"ORDER BY article_id LIMIT {wanted}")
            with store.transaction(con, {}):
                for table in tables:
                    store.run(con, _copy_sql(table, columns[table], k, shift_days))
        began = time.perf_counter()
        with store.transaction(con, {}):
            facts.rebuild(con)
        rebuild_s = round(time.perf_counter() - began, 1)
        con.execute("CHECKPOINT")
        search_index.discard(out)  # an index left at --out by an earlier run
        began = time.perf_counter()
        search_index.update(out, con)
        index_s = round(time.perf_counter() - began, 1)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                  for t in [*tables, "facts_articles", *facts.FACTS]}
    return {"seed_articles": size, "copies": copies, "rows": counts, "rebuild_s": rebuild_s,
            "index_s": index_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="seed", type=Path, required=True)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shift-days", type=int, default=7)
    args = parser.parse_args()
    if args.out.resolve() == args.seed.resolve():
        parser.error("--out must differ from --from")
    began = time.perf_counter()
    result = grow(args.seed, args.out, articles=args.articles, shift_days=args.shift_days)
    result.update(seconds=round(time.perf_counter() - began, 1),
                  mib=round(args.out.stat().st_size / 2**20),
                  index_mib=round(search_index.size(args.out) / 2**20))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
