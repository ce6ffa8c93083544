"""Worker processes for the stages that share their work (reading files, enriching articles).

Workers start from a fork server that imported those stages once, so a pool starts in
milliseconds and its workers import nothing. `warm_up` starts the server early: its imports
(about 1.5 s) then run while the caller imports and reads its own.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver
from pathlib import Path
from typing import Any

# what every worker needs, imported by the fork server before it forks one (the last one also
# loads the enrichment models there, once: analysis/pipeline/preload.py)
PRELOAD = ["analysis.clean.articles", "analysis.pipeline.enrichment", "analysis.pipeline.preload"]
# input from which files are read in workers: about 1,500 Reuters stories (a worker pool on a
# cold fork server costs about 1.5 s, more than reading less saves)
PARALLEL_BYTES = 2 * 2**20


def context() -> multiprocessing.context.BaseContext:
    """A fork server that imports PRELOAD once (later pools start in milliseconds), where the
    platform has one; else "spawn"."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    chosen = multiprocessing.get_context("forkserver")
    chosen.set_forkserver_preload(PRELOAD)
    return chosen


def warm_up(paths: Iterable[str | Path]) -> None:
    """Start the fork server now, without waiting for its imports, if the files among `paths`
    hold at least PARALLEL_BYTES (folders are not counted)."""
    size = sum(path.stat().st_size for path in map(Path, paths) if path.is_file())
    if size >= PARALLEL_BYTES and context().get_start_method() == "forkserver":
        forkserver.ensure_running()


def pool(workers: int, *, initializer: Callable[..., None] | None = None,
         initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of `workers` processes from the fork server, logging as this process does."""
    root = logging.getLogger()
    shown = next((h.formatter._fmt for h in root.handlers if h.formatter), None)  # noqa: SLF001
    return ProcessPoolExecutor(workers, mp_context=context(), initializer=_start,
                               initargs=(root.level, shown, initializer, initargs))


def _start(level: int, shown: str | None, initializer: Callable[..., None] | None,
           initargs: tuple[Any, ...]) -> None:
    logging.basicConfig(level=level, format=shown or logging.BASIC_FORMAT)
    if initializer is not None:
        initializer(*initargs)
