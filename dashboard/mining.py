"""Text mining off the page run: keywords and discovered topics (scikit-learn over up to 3,000
texts, about 2 s) computed once per store version and set of texts mined, in the mining's own
process (`dashboard.miner`: the server's page runs never wait for its Python lock), shared by
every session, and shown when ready.

A page asks `started(question, filters)`: the answer if it is ready, else None (the page says
it is on its way and looks again). The page run itself never waits for the mining.
The answers are kept as a Streamlit resource: the "Clear cache" menu item (the `clear_cache`
message) forgets them with the other caches, and the next ask mines again.
"""

from __future__ import annotations

import functools
import math
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import streamlit as st

from analysis import query
from analysis.query import Filters
from dashboard import data, miner, timing

KEPT = 64  # answers kept (most recently asked first out): every session shares them
RETRY_S = 10.0  # a failure is the answer this long (shown to every run that asks), then retried
_LOCK = threading.Lock()
_failed_at: weakref.WeakKeyDictionary[Future, float] = weakref.WeakKeyDictionary()


@st.cache_resource(show_spinner=False)
def _jobs() -> OrderedDict[tuple, Future]:
    """The questions asked so far, most recently asked last, by store version and filters."""
    return OrderedDict()


def started(question: Callable, filters: Filters, **options: Any) -> Any | None:
    """The answer of `question(store, filters, **options)` if it is ready; else None, after
    starting it if nobody had. A failure raises here, in every run that asks within RETRY_S
    seconds of it (the page shows it in its panel; a look on a timer finds the answer there
    and has a full run draw it); the first ask after mines again. `question` is a module's
    function (it is sent to the mining's process by name)."""
    path = data.store_path()
    # keyed on the texts mined, not the filters: filter sets that keep the same newest texts
    # (a store's only source, a date range that holds them) share one answer
    texts = data.ask(query.mined_texts, filters, sample=options.get("sample", query.TEXT_SAMPLE))
    key = (path, data.version(path), f"{question.__module__}.{question.__qualname__}",
           texts, tuple(sorted(options.items())))
    with _LOCK:
        jobs = _jobs()
        job = jobs.get(key)
        if job is None or _failed_before(job, time.monotonic() - RETRY_S):
            job = miner.submit(path, question, filters, options)
            # its CPU, in the slow-run log, goes to the session whose run asked first
            job.add_done_callback(functools.partial(_ended, timing.session_id()))
            jobs[key] = job
        jobs.move_to_end(key)
        while len(jobs) > KEPT:
            jobs.popitem(last=False)
    return job.result().answer if job.done() else None


def _failed_before(job: Future[miner.Mined], moment: float) -> bool:
    # (done, its callback not yet run: it has just failed)
    return job.done() and job.exception() is not None and _failed_at.get(job, math.inf) < moment


def _ended(session: str, job: Future[miner.Mined]) -> None:
    if job.exception() is not None:
        _failed_at[job] = time.monotonic()
    else:
        mined = job.result()
        timing.elsewhere("Topics mining", seconds=mined.seconds, cpu_s=mined.cpu_s,
                         session=session)
