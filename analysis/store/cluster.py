"""Ingest on a Dask cluster: workers load, clean, enrich and write Parquet; the client stores it."""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import shutil
import socket
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

import dask
import duckdb
import pandas as pd
from dask.utils import parse_timedelta
from distributed import Client, Future, as_completed, get_worker
from distributed.comm import connect as connect_comm
from distributed.comm.addressing import parse_address, parse_host_port

from analysis import schema
from analysis.clean import build_batch, rejects_frame
from analysis.enrich.actors import load_actors, mentions_version
from analysis.enrich.duplicates import near_duplicates
from analysis.enrich.topics import Taxonomy, load_taxonomy, taxonomy_version
from analysis.load import Record, Reject, read_records
from analysis.load.files import ignored, iter_sources
from analysis.pipeline import analyze
from analysis.store import mined
from analysis.store.database import (
    connect,
    default_path,
    locked,
    ready_for_writing,
    run,
    transaction,
)
from analysis.store.enriched import (
    ACTORS_VERSION,
    TAXONOMY_VERSION,
    Redo,
    Stale,
    enrich_stale,
    read_stale,
    tables_of,
    write_redo,
)
from analysis.store.rows import IngestSummary, unseen, write_batch

# Parquet folders an ingest writes, one part file per task in each
PART_TABLES: dict[str, dict[str, str]] = {"articles": schema.ARTICLE_COLUMNS,
                                          "rejects": schema.REJECT_COLUMNS,
                                          **schema.ENRICHMENT_TABLES}
PART_TARGET_BYTES = 64 * 1024 * 1024  # input bytes per task on big batches
TASKS_PER_THREAD = 4  # more tasks than threads, so a slow file does not hold up the rest
# articles one enrichment task takes: enough to outweigh a task's cost, few enough to spread
MIN_CHUNK_ARTICLES, MAX_CHUNK_ARTICLES = 250, 5000
Entry = str | Reject  # a file (or .zip archive) a worker reads, or a path already rejected
_KEYS = [schema.ARTICLE_ID, schema.CONTENT_HASH]
_DUPLICATE_INPUTS = [schema.ARTICLE_ID, schema.TITLE, schema.TEXT, schema.PUBLISHED_AT]


class ClusterError(RuntimeError):
    """The Dask cluster cannot run the ingest as asked; the message says why and what to do."""


@dataclass(frozen=True)
class ClusterSummary(IngestSummary):
    """What one ingest on a cluster did to the store, and the folder of its Parquet parts."""

    parts: Path


@dataclass(frozen=True)
class LoadedPart:
    """One task's files, loaded and cleaned: its articles (only their keys once gathered),
    the loaders' rejects, the rejects of cleaning, the exact duplicates it dropped, and the
    notes on its articles."""

    articles: pd.DataFrame
    loader_rejects: pd.DataFrame
    build_rejects: pd.DataFrame
    duplicates: int
    notes: pd.DataFrame


def ingest_on_cluster(paths: Iterable[str | Path], *, scheduler: str,
                      store: str | Path | None = None, fmt: str | None = None,
                      mapping: Mapping[str, str] | None = None, enrich: bool = True,
                      actors: pd.DataFrame | None = None, taxonomy: Taxonomy | None = None,
                      on_file: Callable[[str], None] | None = None,
                      connect_timeout: float | None = None, dayfirst: bool | None = None,
                      source: str | None = None) -> ClusterSummary:
    """`analysis.ingest.ingest` with loading and enrichment run by the workers at `scheduler`.

    Workers write each task's tables as Parquet under `parts_root(store)/<ingest id>/`;
    the client then adds them to the store in one transaction, and the store holds the same
    rows as after a local ingest. The Parquet is kept, a columnar copy of what the ingest
    added (removed if the ingest fails). Input files and that folder must be on a filesystem
    the client and every worker share. `connect_timeout` (seconds) defaults to Dask's
    `distributed.comm.timeouts.connect`. `dayfirst` and `source` are `ingest`'s.
    """
    named = [str(p) for p in paths]
    entries = split_inputs(named)
    actors = load_actors() if actors is None else actors
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    with cluster_client(scheduler, timeout=connect_timeout) as client:
        parts = partition(entries, parts=_task_count(client, entries))
        loads = [client.submit(load_part, part, fmt=fmt, mapping=mapping, dayfirst=dayfirst,
                               source=source, pure=False) for part in parts]
        loaded = _gather_keys(client, loads, parts, on_file=on_file)
        # the lock throughout; the database only to read, then for the final write, as a
        # local ingest: readers never wait while the cluster enriches
        with locked(store) as path:
            ready_for_writing(path)
            with connect(path) as con:
                stale = read_stale(con, actors=actors, taxonomy=taxonomy) if enrich else Stale()
                fresh, duplicates = new_articles(con, loaded)
            redo = enrich_stale(stale, actors=actors, taxonomy=taxonomy) if enrich else Redo()
            folder = parts_root(path) / _ingest_id()
            try:
                summary = _store_parts(client, path, loads, loaded, fresh, duplicates, redo,
                                       paths=named, folder=folder, enrich=enrich,
                                       actors=actors, taxonomy=taxonomy)
            except BaseException:  # the parts mirror what the store holds: none if it failed
                shutil.rmtree(folder, ignore_errors=True)
                raise
            mined.refresh(path)  # the whole store's text mining, as a local ingest does
            return summary


def parts_root(store: str | Path | None = None) -> Path:
    """Where dask ingests into `store` keep their Parquet: `.<store name>.parts/` beside it.

    The leading dot makes the loaders skip it, so ingesting the store's own folder never reads
    the parts back as articles.
    """
    path = Path(store) if store is not None else default_path()
    return path.parent / f".{path.name}.parts"


def split_inputs(paths: Iterable[str | Path]) -> list[Entry]:
    """The files a worker task can read on its own, in the order a local ingest reads them:
    folders expanded (skipping what the loaders skip), .zip archives kept whole, and a
    Reject for each path that does not exist."""
    entries: list[Entry] = []
    for path in map(Path, paths):
        if path.is_dir():
            entries += [str(child) for child in sorted(path.rglob("*"))
                        if child.is_file() and not ignored(child)]
        elif path.exists():
            entries.append(str(path))
        else:
            entries += [item for item in iter_sources([path]) if isinstance(item, Reject)]
    return entries


def partition(entries: list[Entry], *, parts: int) -> list[list[Entry]]:
    """`entries` cut into at most `parts` runs of about equal input bytes, in order."""
    if not entries:
        return []
    sizes = [Path(e).stat().st_size if isinstance(e, str) else 0 for e in entries]
    target = max(sum(sizes), 1) / max(parts, 1)
    groups: list[list[Entry]] = [[]]
    done = 0
    for entry, size in zip(entries, sizes, strict=True):
        if groups[-1] and len(groups) < parts and done + size / 2 > target * len(groups):
            groups.append([])
        groups[-1].append(entry)
        done += size
    return groups


def _not_a_scheduler(scheduler: str, seconds: float) -> BaseException | None:
    """Why the address `scheduler` is not a Dask scheduler answering within `seconds`, else
    None. A TCP address is asked who it is over distributed's own comm: a closed port is
    refused at once, and another service there (a web server, the dashboard, SSH) times out or
    sends bytes that are no Dask frame, where a Client hangs past its timeout or reads the bytes
    as a frame of exabytes. A TLS address (which needs the cluster's certificates) is only
    checked to take a connection; other addresses are left to the Client."""
    try:
        scheme, location = parse_address(scheduler)
        host, port = parse_host_port(location)
    except ValueError:
        return None
    if scheme not in {"tcp", "tls"}:
        return None
    try:
        socket.create_connection((host, port), timeout=seconds).close()
    except OSError as err:  # refused says so at once, where distributed retries till timeout
        return err
    if scheme == "tls":
        return None
    # its own thread, so it runs where an event loop already does (a notebook)
    with ThreadPoolExecutor(1) as pool:
        answer = pool.submit(asyncio.run, _identity(scheduler, seconds))
        try:
            identity = answer.result()
        except TimeoutError:
            return TimeoutError("no answer as a Dask scheduler")
        except Exception:  # a foreign service's bytes may fail in any way, even as exabytes
            return ConnectionError("what answers there is not a Dask scheduler")
    if not isinstance(identity, dict) or identity.get("type") != "Scheduler":
        kind = identity.get("type") if isinstance(identity, dict) else type(identity).__name__
        return ConnectionError(f"it answers as {kind}, not as a scheduler")
    return None


async def _identity(address: str, seconds: float) -> object:
    """What the Dask server at `address` says it is."""
    comm = await asyncio.wait_for(connect_comm(address, timeout=seconds), seconds)
    try:
        await asyncio.wait_for(comm.write({"op": "identity", "reply": True}), seconds)
        return await asyncio.wait_for(comm.read(), seconds)
    finally:
        comm.abort()


def _unreachable(scheduler: str, seconds: float, why: object) -> ClusterError:
    return ClusterError(
        f"cannot reach the Dask scheduler at {scheduler} within {seconds:g} s ({why}); "
        "start one with `dask scheduler` and pass the address it prints, e.g. "
        "--scheduler tcp://10.0.0.5:8786 (wait longer with "
        "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=60s)")


@contextlib.contextmanager
def cluster_client(scheduler: str, *, timeout: float | None = None) -> Iterator[Client]:
    """A client of the scheduler at `scheduler` with at least one worker; closed on exit."""
    seconds = timeout if timeout is not None else float(
        parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), default="s"))
    # asked first: a Client of a closed port or of another service has been seen to hang past
    # its timeout (a fresh-clone test run, 7 December 2026)
    why = _not_a_scheduler(scheduler, seconds)
    if why is not None:
        raise _unreachable(scheduler, seconds, why)
    try:
        client = Client(scheduler, timeout=seconds, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise _unreachable(scheduler, seconds, err) from None
    try:
        try:
            client.wait_for_workers(1, timeout=seconds)
        except TimeoutError:
            raise ClusterError(f"the Dask scheduler at {scheduler} has no workers after "
                               f"{seconds:g} s; start some with `dask worker {scheduler}`"
                               ) from None
        yield client
    finally:
        client.close()


def _task_count(client: Client, entries: list[Entry]) -> int:
    threads = sum(client.nthreads().values())
    total = sum(Path(e).stat().st_size for e in entries if isinstance(e, str))
    return min(len(entries), max(TASKS_PER_THREAD * threads, math.ceil(total / PART_TARGET_BYTES)))


def _ingest_id() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}Z-{uuid.uuid4().hex[:8]}"


# --- what the workers run -------------------------------------------------------------------


def load_part(entries: list[Entry], *, fmt: str | None = None,
              mapping: Mapping[str, str] | None = None, dayfirst: bool | None = None,
              source: str | None = None) -> LoadedPart:
    """Load and clean one task's files with the local engine's loaders (a worker task)."""
    records: list[Record] = []
    rejects: list[Reject] = []
    for entry in entries:
        if isinstance(entry, Reject):
            rejects.append(entry)
            continue
        if not Path(entry).exists():
            raise ClusterError(f"{entry}: the client sees this file but Dask worker "
                               f"{_worker_address()} does not; the input files must be on a "
                               "filesystem shared by the client and every worker")
        for item in read_records([entry], fmt=fmt, mapping=mapping):
            if isinstance(item, Reject):
                rejects.append(item)
            else:
                records.append(item)
    batch = build_batch(records, dayfirst=dayfirst, source=source)
    return LoadedPart(articles=batch.articles, loader_rejects=rejects_frame(rejects),
                      build_rejects=batch.rejects, duplicates=batch.duplicates,
                      notes=batch.notes)


def part_keys(part: LoadedPart) -> LoadedPart:
    """`part` with only the article keys, for the client to find what is new (a worker task)."""
    return LoadedPart(articles=part.articles[_KEYS], loader_rejects=part.loader_rejects,
                      build_rejects=part.build_rejects, duplicates=part.duplicates,
                      notes=part.notes)


def duplicate_inputs(part: LoadedPart, ids: list[str]) -> pd.DataFrame:
    """What near-duplicate detection reads of the articles `ids` (a worker task)."""
    chosen = part.articles[part.articles[schema.ARTICLE_ID].isin(ids)]
    return chosen[_DUPLICATE_INPUTS].reset_index(drop=True)


def write_part(part: LoadedPart, *, ids: list[str], folder: str, number: int,
               rejects: bool = True, enrich: bool = True,
               duplicate_of: Mapping[str, str] | None = None,
               actor_table: pd.DataFrame | None = None, taxonomy: Taxonomy | None = None
               ) -> list[str]:
    """Enrich the articles `ids` of `part` and write them, their tables and (if `rejects`)
    the part's rejects as Parquet part `number` under `folder` (a worker task); the files.

    `duplicate_of` (article id to the id it is a near copy of) was found over the whole batch
    by the client, and replaces what this task alone would find. (`actor_table` is the
    `actors` of `analyze`: `Client.submit` keeps a keyword `actors` for itself.)
    """
    articles = part.articles[part.articles[schema.ARTICLE_ID].isin(ids)].reset_index(drop=True)
    tables: dict[str, pd.DataFrame] = {}
    if enrich:
        # one process per task: the Dask worker is the unit of parallelism here
        tables = tables_of(analyze(articles, actors=actor_table, taxonomy=taxonomy,
                                   discover=False, workers=1))
        copies = duplicate_of or {}
        tables["scores"] = tables["scores"].assign(**{schema.DUPLICATE_OF: [
            copies.get(i) for i in tables["scores"][schema.ARTICLE_ID]]})
    rejected = pd.concat([part.loader_rejects, part.build_rejects], ignore_index=True)
    return export_parts(Path(folder), number, articles=articles, tables=tables,
                        rejects=rejected if rejects else rejected.iloc[:0])


def export_parts(folder: Path, number: int, *, articles: pd.DataFrame, rejects: pd.DataFrame,
                 tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """Write part `number` of each table under `folder/<table>/`; the files written.

    The frames are registered with the store's own column types (`store.transaction`), so
    every part has the store's schema, even an empty one. Each file is renamed into place
    once complete: a retried task never leaves half a part behind.
    """
    frames = {"articles": articles, "rejects": rejects, **tables}
    views = {f"part_{name}": (frame, PART_TABLES[name]) for name, frame in frames.items()}
    written = []
    with contextlib.closing(duckdb.connect()) as con, transaction(con, views):
        for name in frames:
            target = folder / name / f"part-{number:05d}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".partial")
            literal = str(partial).replace("'", "''")
            run(con, f"COPY (SELECT * FROM part_{name}) TO '{literal}' "
                "(FORMAT parquet, COMPRESSION zstd)")
            os.replace(partial, target)
            written.append(str(target))
    return written


def _worker_address() -> str:
    try:
        return str(get_worker().address)
    except ValueError:
        return "(not on a worker)"


# --- what the client does -------------------------------------------------------------------


def _gather_keys(client: Client, loads: list[Future], parts: list[list[Entry]], *,
                 on_file: Callable[[str], None] | None) -> list[LoadedPart]:
    """Each task's keys and rejects, in task order, reporting files as their task finishes."""
    keys = [client.submit(part_keys, load) for load in loads]
    number = {future.key: i for i, future in enumerate(keys)}
    for future in as_completed(keys, loop=client.loop):
        for entry in parts[number[future.key]]:
            if on_file is not None and isinstance(entry, str):
                on_file(entry)
    return client.gather(keys)


def _store_parts(client: Client, path: Path, loads: list[Future], loaded: list[LoadedPart],
                 fresh: list[list[str]], duplicates: int, redo: Redo, *, paths: list[str],
                 folder: Path, enrich: bool, actors: pd.DataFrame | None,
                 taxonomy: Taxonomy | None) -> ClusterSummary:
    """Have the workers write the new articles' parts (`fresh`: their ids per task), then add
    those and the `redo` of stale articles to the store at once."""
    options: dict = {"enrich": enrich, "folder": str(folder)}
    copies: list[dict[str, str]] = [{} for _ in fresh]
    if enrich and loads:
        copies = _near_duplicates(client, loads, fresh)
        # unhashed keys: a key shared with an earlier ingest's scatter can vanish when that
        # one's futures are released
        options["actor_table"], options["taxonomy"] = client.scatter(
            [actors, taxonomy], broadcast=True, hash=False)
    writes = _submit_writes(client, loads, fresh, copies, options=options)
    files = [Path(name) for written in client.gather(writes) for name in written]
    with duckdb.connect() as memory:
        tables = read_parts(memory, files, tables=["articles", *(schema.ENRICHMENT_TABLES
                                                                 if enrich else ())])
    meta = ({ACTORS_VERSION: mentions_version(actors), TAXONOMY_VERSION: taxonomy_version(taxonomy)}
            if enrich and actors is not None and taxonomy is not None else {})
    with connect(path, read_only=False) as con:
        write_redo(con, redo)
        summary = write_batch(con, tables.pop("articles"), batch_rejects(loaded), paths=paths,
                              duplicates=duplicates, tables=tables, meta=meta,
                              notes=_notes(loaded))
    return ClusterSummary(**{f.name: getattr(summary, f.name) for f in fields(summary)},
                          parts=folder)


def _notes(loaded: list[LoadedPart]) -> pd.DataFrame:
    """Every task's notes, in task order."""
    frames = [part.notes for part in loaded if len(part.notes)]
    return (pd.concat(frames, ignore_index=True) if frames
            else schema.empty_frame(schema.NOTE_COLUMNS))


def _submit_writes(client: Client, loads: list[Future], fresh: list[list[str]],
                   copies: list[dict[str, str]], *, options: dict) -> list[Future]:
    """`write_part` tasks: each task's new articles in chunks, so one big file (a CSV
    export, an archive) is enriched by several workers; every task's rejects once."""
    threads = sum(client.nthreads().values())
    size = min(max(math.ceil(sum(map(len, fresh)) / (TASKS_PER_THREAD * threads)),
                   MIN_CHUNK_ARTICLES), MAX_CHUNK_ARTICLES)
    writes: list[Future] = []
    for load, ids, found in zip(loads, fresh, copies, strict=True):
        step = math.ceil(len(ids) / math.ceil(len(ids) / size)) if ids else 1  # equal chunks
        for at in range(0, max(len(ids), 1), step):
            chunk = ids[at:at + step]
            writes.append(client.submit(
                write_part, load, ids=chunk, number=len(writes), rejects=at == 0,
                duplicate_of={i: found[i] for i in chunk if i in found}, pure=False, **options))
    return writes


def batch_rejects(loaded: list[LoadedPart]) -> pd.DataFrame:
    """All the tasks' rejects: the loaders' first, then cleaning's, as `read_batch` orders them."""
    if not loaded:
        return rejects_frame([])
    return pd.concat([p.loader_rejects for p in loaded] + [p.build_rejects for p in loaded],
                     ignore_index=True)


def new_articles(con: duckdb.DuckDBPyConnection, loaded: list[LoadedPart]
                 ) -> tuple[list[list[str]], int]:
    """Per task, the ids of the articles this ingest adds (first copy of each, not stored yet),
    and how many duplicates were dropped in all (within tasks, across them, already stored)."""
    keys = pd.concat([p.articles.assign(part=i) for i, p in enumerate(loaded)],
                     ignore_index=True) if loaded else pd.DataFrame(columns=[*_KEYS, "part"])
    unique = keys.drop_duplicates(subset=schema.CONTENT_HASH, keep="first")
    fresh = unseen(con, unique)
    by_part = fresh.groupby("part")[schema.ARTICLE_ID].agg(list).to_dict()
    dropped = sum(p.duplicates for p in loaded) + len(keys) - len(fresh)
    return [by_part.get(i, []) for i in range(len(loaded))], dropped


def _near_duplicates(client: Client, loads: list[Future], fresh: list[list[str]]
                     ) -> list[dict[str, str]]:
    """Per task, `duplicate_of` of its new articles, found across the whole batch.

    The client gathers the id, date, title and text of the new articles and runs the same
    `near_duplicates` as a local ingest over all of them: copies in different tasks find each
    other. (The hashed shingle vectors the workers could send instead are bigger than the text.)
    """
    inputs = client.gather([client.submit(duplicate_inputs, load, ids)
                            for load, ids in zip(loads, fresh, strict=True)])
    frame = (pd.concat(inputs, ignore_index=True) if inputs
             else schema.empty_frame({c: schema.ARTICLE_COLUMNS[c] for c in _DUPLICATE_INPUTS}))
    column = near_duplicates(frame)
    found = dict(zip(frame.loc[column.notna(), schema.ARTICLE_ID], column.dropna(), strict=True))
    return [{i: found[i] for i in ids if i in found} for ids in fresh]


def read_parts(con: duckdb.DuckDBPyConnection, files: list[Path], *, tables: list[str]
               ) -> dict[str, pd.DataFrame]:
    """The Parquet parts written by the workers, read with DuckDB, one frame per table."""
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise ClusterError(f"{missing[0]}: written by a Dask worker but not found by the client; "
                           "the store's folder must be on a filesystem shared by the client "
                           "and every worker")
    frames = {}
    for name in tables:
        chosen = sorted(str(f) for f in files if f.parent.name == name)
        frame = (con.execute("SELECT * FROM read_parquet(?)", [chosen]).df() if chosen
                 else schema.empty_frame(PART_TABLES[name]))
        frames[name] = schema.conform(frame, PART_TABLES[name], name=f"{name} parts")
    return frames
