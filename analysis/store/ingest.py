"""Ingest: load, clean and enrich files, then add them to the store in one atomic write."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from analysis import processes
from analysis.clean import Batch, read_batch
from analysis.enrich.actors import load_actors
from analysis.enrich.topics import Taxonomy, load_taxonomy
from analysis.pipeline.enrichment import PARALLEL_FROM, default_workers
from analysis.store import mined
from analysis.store.database import connect, locked, ready_for_writing
from analysis.store.enriched import Redo, enrich_articles, enrich_stale, read_stale, write_redo
from analysis.store.rows import IngestSummary, unseen, write_batch

log = logging.getLogger(__name__)


def ingest(paths: Iterable[str | Path], *, store: str | Path | None = None,
           fmt: str | None = None, mapping: Mapping[str, str] | None = None,
           enrich: bool = True, actors: pd.DataFrame | None = None,
           taxonomy: Taxonomy | None = None,
           on_file: Callable[[str], None] | None = None,
           workers: int | None = 1, dayfirst: bool | None = None, source: str | None = None,
           names: Mapping[str, str] | None = None) -> IngestSummary:
    """Load, clean, enrich and store everything under `paths`; idempotent and all-or-nothing.
    (`dayfirst`, `source` and `names` as for `analysis.clean.read_batch`.)

    Only articles the store does not hold yet are enriched (and any stored earlier with
    `enrich=False`). When the actors or the topic taxonomy changed since the store was
    enriched, its stored articles are re-enriched first.
    `on_file` is called with each file's name as it is read (for progress bars).
    `workers` processes enrich (see `analysis.pipeline.analyze`; `presslens ingest` passes
    None: the setting `workers`, all cores by default, for a batch of setting `parallel_from`
    articles or more, 2,000 by default) and read several files of at least
    `analysis.processes.PARALLEL_BYTES` in all (None: the setting `workers`).
    """
    named = [str(p) for p in paths]
    readers = default_workers(PARALLEL_FROM, workers)
    batch = read_batch(*named, fmt=fmt, mapping=mapping, on_file=on_file, dayfirst=dayfirst,
                       source=source, names=names, workers=readers)
    shown = [(names or {}).get(file, file) for file in named]
    return ingest_batch(batch, store=store, paths=shown, enrich=enrich, actors=actors,
                        taxonomy=taxonomy, workers=workers)


def ingest_batch(batch: Batch, *, store: str | Path | None = None, paths: list[str],
                 enrich: bool = True, actors: pd.DataFrame | None = None,
                 taxonomy: Taxonomy | None = None, workers: int | None = 1,
                 also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
                 ) -> IngestSummary:
    """Enrich and store a batch already read (`ingest` after reading; `presslens watch` with
    what it fetched), `paths` naming where it came from in the ingest history; `also` writes
    in the same transaction (`analysis.store.rows.write_batch`)."""
    # One ingest at a time holds the store's lock throughout. The database file is opened to
    # read what is new or stale, then to write: never while enriching, so the dashboard reads
    # on (and re-enriching a whole store after an actors change does not lock readers out).
    with locked(store) as path, _held_objects_not_collected():
        ready_for_writing(path)
        tables: dict[str, pd.DataFrame] = {}
        meta: dict[str, str] = {}
        redo = Redo()
        started = time.perf_counter()
        if enrich:
            actors = load_actors() if actors is None else actors
            taxonomy = load_taxonomy() if taxonomy is None else taxonomy
            with connect(path) as con:
                stale = read_stale(con, actors=actors, taxonomy=taxonomy)
                fresh = unseen(con, batch.articles)
            redo = enrich_stale(stale, actors=actors, taxonomy=taxonomy)
            tables, meta = enrich_articles(fresh, actors=actors, taxonomy=taxonomy,
                                           workers=workers)
            log.info("step enrichment in all: %.2f s", time.perf_counter() - started)
        return _write(path, batch, paths=paths, redo=redo, tables=tables, meta=meta,
                      workers=workers, also=also)


def _write(path: Path, batch: Batch, *, paths: list[str], redo: Redo,
           tables: dict[str, pd.DataFrame], meta: dict[str, str], workers: int | None,
           also: Callable[[duckdb.DuckDBPyConnection], None] | None) -> IngestSummary:
    """Write the batch and its enrichment in one transaction, then the store's text mining:
    begun by a worker as the transaction ends, where there is one (`_miner`), so that it runs
    while the write commits and updates the search index; else here, after."""
    started = time.perf_counter()
    with _miner(len(batch.articles), workers) as pool:
        mining: list[mined.Mining | None] = []

        def at_the_end(con: duckdb.DuckDBPyConnection) -> None:
            if also is not None:
                also(con)
            try:  # what the write commits is mined
                mining.append(mined.begin(con, pool=pool))
            except Exception:  # noqa: BLE001 - never at the cost of the write: mined after it
                log.debug("starting the text mining beside the write failed", exc_info=True)

        with connect(path, read_only=False) as con:
            write_redo(con, redo)
            summary = write_batch(con, batch.articles, batch.rejects, paths=paths,
                                  duplicates=batch.duplicates, tables=tables, meta=meta,
                                  notes=batch.notes, also=at_the_end)
        log.info("step store write: %.2f s", time.perf_counter() - started)
        started = time.perf_counter()
        if mining:  # the whole store's text mining, if its newest texts changed
            mined.keep(path, mining[0])
        else:
            mined.refresh(path)
        log.info("step text mining (the rest not done beside the write): %.2f s",
                 time.perf_counter() - started)
    return summary


@contextmanager
def _miner(articles: int, workers: int | None) -> Iterator[Executor | None]:
    """A worker process that mines the store's newest texts while this one commits the write
    and updates the search index (`analysis.store.mined.begin`), where the batch is enriched
    in several (`workers` as for `ingest`). Else None: the texts are mined here, after."""
    if default_workers(articles, workers) <= 1:
        yield None
        return
    with processes.pool(1) as pool:
        yield pool


@contextmanager
def _held_objects_not_collected() -> Iterator[None]:
    """Leaves every object alive at the start (the batch read, the modules) out of the garbage
    collector's full collections until the block ends (`gc.freeze`, then `gc.unfreeze`): they
    live throughout the ingest, and each full collection walked them again (the 18 Reuters
    files' articles hold 155,000 lists). Objects freed meanwhile are freed as ever; only
    cycles among them wait for the end. Nothing is done where objects are frozen already."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
