"""Build N synthetic articles for load tests by resampling the sentences and metadata of real news.

Run: .venv/bin/python bench/scale_corpus.py --articles 10000 --out synthetic.jsonl
     [--seed 0] [--start 2020-01-01 --end 2025-12-31] [--corpora ../shared/corpora]
     [--shard-articles 100000]

Every article is made from one real corpus (Reuters-21578, or BBC News, in proportion to their
sizes): its body is whole sentences drawn at random from that corpus, laid out in the paragraph
shape of a real article of it (so lengths follow the real distribution); its title, byline,
dateline and section are drawn from other real articles of it. The sentences are those the
project's loaders and sentence splitter give (`analysis.load_articles`, `sentence_spans`).
`published_at` is spread over the date range: fewer articles at weekends, and bursts of news
that peak on a day and fade over the next days, so timelines look like real ones.

SYNTHETIC, FOR LOAD ONLY: the text is shuffled real prose with no meaning as news. Every article
says so where the dashboard shows it: its title starts with "[synthetic] ", its source is
"synthetic (Reuters-21578 resampled)" or "synthetic (BBC News resampled)", its first section is
"synthetic", and its id (stored as `source_id`) is "synthetic-SEED-NUMBER".

Output is JSON Lines that `presslens ingest` reads (columns named as analysis/load/table.py
recognises them). An --out ending in .jsonl is one file; any other --out is a folder of
part-NNNNN.jsonl files of --shard-articles each, so that no file passes `max_file_mb`. Articles
are written in chunks, so memory stays flat however many are asked for; the same arguments give
the same bytes. No two articles share a content hash (`analysis.clean.articles.content_hash`): an
article whose title and text repeat an earlier one is drawn again, and the count is reported.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import schema
from analysis.clean.articles import content_hash, load_articles
from analysis.clean.story import clean_story
from analysis.enrich.sentences import sentence_spans
from analysis.evaluate.actors import open_reuters_files
from analysis.load.table import FIELD_NAMES
from analysis.text import plain_line, strip_markup

REPO = Path(__file__).resolve().parents[1]
TITLE_PREFIX = "[synthetic] "
SECTION = "synthetic"
CHUNK = 10_000  # articles drawn and written at a time
MAX_DRAWS = 1000  # draws of one article before the pool is taken for too small
# the column name the table loader recognises first for each column we write ("id" for source_id)
COLUMN = {ours: names[0] for ours, names in FIELD_NAMES.items()}
WEEKDAY_WEIGHT = np.array([1.0, 1.0, 1.0, 1.0, 0.95, 0.45, 0.35])  # Monday first
NEWS_DAYS_PER_BURST = 45  # one burst of news for so many days of the range, on average


@dataclass(frozen=True)
class Pool:
    """What one real corpus lends: its sentences, and per article its shape and metadata.

    `shapes[i]` is the number of sentences in each paragraph of article i. Articles without a
    body lend no shape, so every synthetic article has one.
    """

    source: str
    sentences: np.ndarray  # object array of str
    shapes: list[tuple[int, ...]]
    titles: list[str]
    bylines: list[list[str]]
    datelines: list[str | None]
    sections: list[list[str]]


def corpus_files(corpora: Path) -> dict[str, list[Path]]:
    """The real corpora resampled, by the name their synthetic articles' source gives."""
    reuters = open_reuters_files(corpora / "reuters21578")
    bbc = sorted((corpora / "bbc").glob("*.csv"))
    if not reuters or not bbc:
        raise SystemExit(f"{corpora}: expected reuters21578/reut2-*.sgm and bbc/*.csv")
    return {"Reuters-21578": reuters, "BBC News": bbc}


def build_pool(source: str, articles: pd.DataFrame) -> Pool:
    """A Pool from a loaded article table; Reuters topics stand in for its missing sections.

    Only sentences and titles that the JSON Lines loader stores unchanged are kept (a body
    sentence starting "DHAKA - " would lose its dateline, "<TWA>" in a title its markup), so
    that the store holds exactly the texts written.
    """
    sentences: list[str] = []
    shapes, titles, bylines, datelines, sections = [], [], [], [], []
    for row in articles.itertuples(index=False):
        text, shape = row.text or "", []
        for paragraph in text.split("\n\n"):
            found = [paragraph[a:b] for a, b in sentence_spans(paragraph)]
            sentences += [s for s in found if stored_as_is(s)]
            shape += [len(found)] if found else []
        if shape:
            shapes.append(tuple(shape))
        if row.title and plain_line(row.title) == row.title:
            titles.append(row.title)
        bylines.append(list(row.byline))
        datelines.append(row.dateline)
        sections.append(list(row.section) or list(row.ref_topics)[:1])
    return Pool(f"synthetic ({source} resampled)", np.array(sentences, dtype=object), shapes,
                titles, bylines, datelines, sections)


def stored_as_is(sentence: str) -> bool:
    """Whether the JSON Lines loader keeps `sentence`, alone in a paragraph, as it is."""
    return strip_markup(sentence) == sentence and clean_story(sentence)[schema.TEXT] == sentence


def load_pools(corpora: Path, *, files: dict[str, list[Path]] | None = None) -> list[Pool]:
    """One Pool per real corpus, read with the project's own loaders."""
    files = corpus_files(corpora) if files is None else files
    return [build_pool(source, load_articles(*paths)) for source, paths in files.items()]


def day_weights(start: pd.Timestamp, end: pd.Timestamp, *, seed: int) -> np.ndarray:
    """Relative chance of each day of [start, end]: weekday pattern times bursts of news."""
    days = pd.date_range(start, end, freq="D")
    weights = WEEKDAY_WEIGHT[days.day_of_week.to_numpy()]
    rng = np.random.default_rng([seed, 1])  # bursts depend on the seed only, not on N
    bursts = max(1, len(days) // NEWS_DAYS_PER_BURST)
    offset = np.arange(len(days))
    extra = np.zeros(len(days))
    for peak, height, fade in zip(rng.integers(0, len(days), bursts), rng.uniform(1.5, 8, bursts),
                                  rng.uniform(1.0, 5.0, bursts), strict=True):
        after = offset - peak
        extra += np.where(after >= 0, height * np.exp(-np.maximum(after, 0) / fade), 0.0)
    return weights * (1.0 + extra)


def publication_times(rng: np.random.Generator, count: int, *, start: pd.Timestamp,
                      weights: np.ndarray) -> list[str]:
    """`count` ISO 8601 UTC times: days drawn by `weights`, hours mostly in the working day."""
    day = rng.choice(len(weights), size=count, p=weights / weights.sum())
    second = np.clip(rng.normal(13 * 3600, 4 * 3600, count), 0, 86_399).astype("int64")
    stamps = np.datetime64(start.date(), "s") + day * np.int64(86_400) + second
    return [f"{value}+00:00" for value in stamps.astype(str)]


def draw_article(rng: np.random.Generator, pool: Pool) -> tuple[str, str, list[str],
                                                                 str | None, list[str]]:
    """Title, text, byline, dateline and sections of one synthetic article of `pool`."""
    shape = pool.shapes[rng.integers(len(pool.shapes))]
    drawn = pool.sentences[rng.integers(len(pool.sentences), size=sum(shape))]
    paragraphs, at = [], 0
    for size in shape:
        paragraphs.append(" ".join(drawn[at:at + size]))
        at += size
    meta = rng.integers(len(pool.bylines))
    title = TITLE_PREFIX + pool.titles[rng.integers(len(pool.titles))]
    return (title, "\n\n".join(paragraphs), pool.bylines[meta], pool.datelines[meta],
            [SECTION, *pool.sections[meta]])


def generate(pools: list[Pool], count: int, *, seed: int = 0,
             start: str = "2020-01-01", end: str = "2025-12-31",
             stats: dict[str, int] | None = None) -> Iterator[list[dict]]:
    """Chunks of synthetic article rows (dicts keyed by the loader's column names), `count` in all.

    Deterministic for the arguments. `stats`, if given, receives "redrawn": the articles drawn
    again because their title and text repeated an earlier article's.
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if count < 0 or last < first:
        raise ValueError(f"count={count} must be >= 0 and start={start} <= end={end}")
    rng = np.random.default_rng(seed)
    weights = day_weights(first, last, seed=seed)
    share = np.array([len(p.shapes) for p in pools], dtype="float64")
    seen: set[int] = set()
    stats = {} if stats is None else stats
    stats["redrawn"] = 0
    for begin in range(0, count, CHUNK):
        size = min(CHUNK, count - begin)
        which = rng.choice(len(pools), size=size, p=share / share.sum())
        times = publication_times(rng, size, start=first, weights=weights)
        rows = []
        for number, (at, published) in enumerate(zip(which, times, strict=True), begin):
            row = _unique_row(rng, pools[at], seen, stats)
            rows.append(_record(row, pools[at].source, published, f"synthetic-{seed}-{number}"))
        yield rows


def _unique_row(rng: np.random.Generator, pool: Pool, seen: set[int], stats: dict[str, int]
                ) -> tuple[str, str, list[str], str | None, list[str]]:
    for _ in range(MAX_DRAWS):
        row = draw_article(rng, pool)
        key = int(content_hash({schema.TITLE: row[0], schema.TEXT: row[1]})[:16], 16)
        if key not in seen:
            seen.add(key)
            return row
        stats["redrawn"] += 1
    raise ValueError(f"{pool.source}: {MAX_DRAWS} draws in a row repeated earlier articles; "
                     f"its {len(pool.titles)} titles and {len(pool.sentences)} sentences are "
                     "too few for so many distinct articles")


def _record(row: tuple[str, str, list[str], str | None, list[str]], source: str,
            published: str, identifier: str) -> dict:
    title, text, byline, dateline, section = row
    return {COLUMN[schema.SOURCE_ID]: identifier, COLUMN[schema.TITLE]: title,
            COLUMN[schema.TEXT]: text, COLUMN[schema.SOURCE]: source,
            COLUMN[schema.BYLINE]: byline, COLUMN[schema.DATELINE]: dateline,
            COLUMN[schema.PUBLISHED_AT]: published, COLUMN[schema.SECTION]: section,
            COLUMN[schema.LANGUAGE]: "en"}


def write_jsonl(chunks: Iterator[list[dict]], out: Path, *, shard_articles: int = 100_000
                ) -> list[Path]:
    """Write the rows to `out` (a .jsonl file, else a folder of part-NNNNN.jsonl shards)."""
    single = out.suffix == ".jsonl"
    if not single:
        out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    handle, in_shard = None, 0
    try:
        for rows in chunks:
            for row in rows:
                if handle is None or (not single and in_shard == shard_articles):
                    if handle is not None:
                        handle.close()
                    path = out if single else out / f"part-{len(written):05d}.jsonl"
                    handle, in_shard = path.open("w", encoding="utf-8"), 0
                    written.append(path)
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                in_shard += 1
    finally:
        if handle is not None:
            handle.close()
    return written


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="how many to write")
    parser.add_argument("--out", type=Path, required=True,
                        help="a .jsonl file, or a folder for part-NNNNN.jsonl shards")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", default="2020-01-01", help="first publication day")
    parser.add_argument("--end", default="2025-12-31", help="last publication day")
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--shard-articles", type=int, default=100_000,
                        help="articles per shard when --out is a folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pools = load_pools(args.corpora)
    loaded = time.perf_counter()
    stats: dict[str, int] = {}
    chunks = generate(pools, args.articles, seed=args.seed, start=args.start, end=args.end,
                      stats=stats)
    files = write_jsonl(chunks, args.out, shard_articles=args.shard_articles)
    done = time.perf_counter()
    summary = {
        "articles": args.articles, "files": [str(f) for f in files],
        "bytes": sum(f.stat().st_size for f in files),
        "pools": {p.source: {"articles": len(p.shapes), "sentences": len(p.sentences)}
                  for p in pools},
        "redrawn_duplicates": stats["redrawn"],
        "load_s": round(loaded - started, 1), "generate_s": round(done - loaded, 1),
        "articles_per_s": round(args.articles / max(done - loaded, 1e-9)),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(summary, indent=2))
    return summary


if __name__ == "__main__":
    main()
