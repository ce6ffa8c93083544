"""Ingest: load, clean and enrich files, then add them to the store in one atomic write."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pandas as pd

from analysis.articles import read_batch
from analysis.enrich.topics import Taxonomy
from analysis.store import IngestSummary, connect, locked, unseen, write_batch
from analysis.stored import enrich_articles, enrich_unscored, refresh_if_changed


def ingest(paths: Iterable[str | Path], *, store: str | Path | None = None,
           fmt: str | None = None, mapping: Mapping[str, str] | None = None,
           enrich: bool = True, actors: pd.DataFrame | None = None,
           taxonomy: Taxonomy | None = None,
           on_file: Callable[[str], None] | None = None,
           workers: int | None = 1) -> IngestSummary:
    """Load, clean, enrich and store everything under `paths`; idempotent and all-or-nothing.

    Only articles the store does not hold yet are enriched (and any stored earlier with
    `enrich=False`). When the actors or the topic taxonomy changed since the store was
    enriched, its stored articles are re-enriched first.
    `on_file` is called with each file's name as it is read (for progress bars).
    `workers` processes enrich (see `analysis.analyze`; `presslens ingest` passes None: the
    setting `workers`, all cores by default, for a batch of PARALLEL_FROM articles or more).
    """
    paths = [str(p) for p in paths]
    batch = read_batch(*paths, fmt=fmt, mapping=mapping, on_file=on_file)
    # One ingest at a time holds the store's lock throughout; the database file itself is
    # open only to read what is new and to write, so the dashboard reads on while it enriches.
    with locked(store) as path:
        tables: dict[str, pd.DataFrame] = {}
        meta: dict[str, str] = {}
        if enrich:
            with connect(path, read_only=False) as con:
                refresh_if_changed(con, actors=actors, taxonomy=taxonomy)
                enrich_unscored(con, actors=actors, taxonomy=taxonomy)
                fresh = unseen(con, batch.articles)
            tables, meta = enrich_articles(fresh, actors=actors, taxonomy=taxonomy,
                                           workers=workers)
        with connect(path, read_only=False) as con:
            return write_batch(con, batch.articles, batch.rejects, paths=paths,
                               duplicates=batch.duplicates, tables=tables, meta=meta)
