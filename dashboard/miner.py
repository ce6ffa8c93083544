"""The text mining's own process: a question asked of the store by its path, in one worker
process beside the server, so that a mining (scikit-learn over up to 3,000 texts, seconds of
CPU) never holds the Python lock the server's page runs need.

The worker starts at the first question and is kept: it imports scikit-learn once and answers
question after question, one at a time. If it dies (killed, out of memory), the questions it
held fail and the next one starts a new worker. It ends with the server: at a normal exit
through the pool's own clean-up, and when the server is killed by reading the end of a pipe
whose other end only the server held. This module imports neither Streamlit nor
scikit-learn: the worker loads only what its questions need.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import threadpoolctl

from analysis import query, store
from analysis.query import Filters

_LOCK = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_warmed: set[str] = set()  # the stores whose texts the worker has counted ahead
_lifeline: Connection | None = None  # the server's end of a pipe the worker watches


@dataclass(frozen=True)
class Mined:
    """A question's answer and what it cost the worker: wall and CPU seconds."""

    answer: Any
    seconds: float
    cpu_s: float


def submit(path: str, question: Callable, filters: Filters, options: dict[str, Any]
           ) -> Future[Mined]:
    """`question(store at path, filters, **options)` in the worker process, as a future of
    its `Mined`. `question` must be importable by name (a module's function)."""
    global _pool
    with _LOCK:
        if _pool is None:
            _pool = _start()
        try:
            with _bare_main():  # the worker process starts in the first submit
                job = _pool.submit(_answer, path, question, filters, options)
        except BrokenProcessPool:  # the worker died: the questions it held failed; anew
            _stop(_pool)
            _pool = _start()
            with _bare_main():
                job = _pool.submit(_answer, path, question, filters, options)
        if path not in _warmed:  # after the first answer, the store's texts counted ahead
            _warmed.add(path)
            _pool.submit(_answer, path, query.count_texts, Filters(), {})
        return job


def _answer(path: str, question: Callable, filters: Filters, options: dict[str, Any]) -> Mined:
    started, cpu = time.perf_counter(), time.process_time()
    _one_thread()
    with store.connect(path) as con:
        answer = question(con, filters, **options)
    _one_thread()  # (and the libraries the first question loaded, from the next one on)
    return Mined(answer, time.perf_counter() - started, time.process_time() - cpu)


def _one_thread() -> None:
    """One thread for the numerical libraries loaded (OpenBLAS, OpenMP): the worker runs
    beside a server with work for every core, where their threads wait for a core spinning.
    The NMF of 3,000 Reuters texts took 2-4 times the CPU with two threads as with one
    (docs/reliability.md), for the same topics."""
    threadpoolctl.threadpool_limits(limits=1)


def _start() -> ProcessPoolExecutor:
    """A pool of one worker, which ends when this process's end of its lifeline closes."""
    global _lifeline
    theirs, _lifeline = multiprocessing.Pipe(duplex=False)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=_watch_parent,
                               initargs=(theirs,))
    return pool  # (it keeps `theirs` until the worker starts and takes a copy)


def _stop(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=False, cancel_futures=True)
    _warmed.clear()  # a new worker counts anew
    if _lifeline is not None:
        _lifeline.close()  # a worker still there ends


def _context() -> multiprocessing.context.BaseContext:
    """A fork server where the platform has one, else "spawn": never a plain fork of the
    server, whose other threads hold locks. The fork server imports nothing beforehand: it
    starts one long-lived worker, and a fork server that had imported pandas and DuckDB would
    keep 150 MB for nothing."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([])
    return context


@contextlib.contextmanager
def _bare_main() -> Iterator[None]:
    """Streamlit makes each run's page script the `__main__` module; a process started by
    spawn or a fork server runs the parent's `__main__` file again, and a page script run
    outside Streamlit fails. While the worker starts, `__main__` is an empty module."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _watch_parent(lifeline: Connection) -> None:
    """In the worker: end it when the server has gone. The server holds the only other end of
    `lifeline`; when it dies, however (killed, without its clean-up), the pipe reads end of
    file, and the worker would otherwise wait for questions for ever."""
    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv()
        os._exit(0)

    threading.Thread(target=watch, name="presslens-miner-lifeline", daemon=True).start()
