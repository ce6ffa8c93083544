"""Text mining off the page run: keywords and discovered topics (scikit-learn over up to 3,000
texts, about 2 s) computed once per store version and set of texts mined, in one background
thread shared by every session, and shown when ready.

A page asks `started(question, filters)`: the answer if it is ready, else None (the page says
it is on its way and looks again). The page run itself never waits for the mining.
The answers are kept as a Streamlit resource: the "Clear cache" menu item (the `clear_cache`
message) forgets them with the other caches, and the next ask mines again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import streamlit as st

from analysis import query, store
from analysis.query import Filters
from dashboard import data, timing

KEPT = 64  # answers kept (most recently asked first out): every session shares them
_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="presslens-mining")
_LOCK = threading.Lock()


@st.cache_resource(show_spinner=False)
def _jobs() -> OrderedDict[tuple, Future]:
    """The questions asked so far, most recently asked last, by store version and filters."""
    return OrderedDict()


def started(question: Callable, filters: Filters, **options: Any) -> Any | None:
    """The answer of `question(store, filters, **options)` if it is ready (a failure raises
    here, in the page's panel); else None, after starting it if nobody had."""
    path = data.store_path()
    # keyed on the texts mined, not the filters: filter sets that keep the same newest texts
    # (a store's only source, a date range that holds them) share one answer
    texts = data.ask(query.mined_texts, filters, sample=options.get("sample", query.TEXT_SAMPLE))
    key = (path, data.version(path), f"{question.__module__}.{question.__qualname__}",
           texts, tuple(sorted(options.items())))
    with _LOCK:
        jobs = _jobs()
        job = jobs.get(key)
        if job is None or (job.done() and job.exception() is not None):
            job = _POOL.submit(_answer, path, question, filters, options, timing.session_id())
            jobs[key] = job
        jobs.move_to_end(key)
        while len(jobs) > KEPT:
            jobs.popitem(last=False)
    return job.result() if job.done() else None


def _answer(path: str, question: Callable, filters: Filters, options: dict,
            session: str) -> Any:
    # its CPU, in the slow-run log, goes to the session whose run asked first
    with timing.background("Topics mining", session=session), store.connect(path) as con:
        return question(con, filters, **options)
