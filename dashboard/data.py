"""Cached answers for the pages: every question of `analysis.query`, keyed on the store's path
and version, the question, the filters and its options; and the figures drawn of them.

Everything here is shared by all users (st.cache_data): it depends on its arguments only.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import threading
from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import query, store
from analysis.query import Filters

FIGURES_KEPT = 128  # figures kept for all users (see `figure`), least recently used out
_run = threading.local()  # the connection of the script run in this thread, once one is needed


@contextlib.contextmanager
def one_connection() -> Iterator[None]:
    """Around a script run: its cache misses share one read-only connection (opened at the
    first, closed at the end), instead of paying ~40 ms to open the file for each."""
    _run.stack, _run.con, _run.path = contextlib.ExitStack(), None, None
    try:
        yield
    finally:
        release()
        _run.stack = None


def release() -> None:
    """Close this run's connection now (before the same process writes to the store)."""
    if getattr(_run, "stack", None) is not None:
        _run.stack.close()
        _run.con = None


@contextlib.contextmanager
def reading(path: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection: this run's shared one, or (outside a run) a fresh one."""
    if getattr(_run, "stack", None) is None:
        with store.connect(path) as con:
            yield con
        return
    if _run.con is None or _run.path != path:
        release()
        _run.con, _run.path = _run.stack.enter_context(store.connect(path)), path
    yield _run.con


def store_path() -> str:
    """The store this dashboard shows (setting `store`, env PRESSLENS_STORE)."""
    return str(store.default_path())


def version(path: str) -> str:
    return store.version(path)


def store_problem(err: store.StoreError) -> str:
    """What a reader is told when the store cannot be read: the reason, without the server's
    file paths (the server's log has the whole message)."""
    path = store_path()
    message = str(err).removeprefix(f"{path}: ").replace(path, "the store")
    return f"The news store cannot be read just now: {message}"


@st.cache_data(show_spinner=False, max_entries=512)
def _answer(path: str, version: str, name: str, _question: Callable, args: tuple,
            options: tuple) -> object:
    with reading(path) as con:  # `name` keys the cache; the function itself is not hashable
        return _question(con, *args, **dict(options))


def ask(question: Callable, *args: object, **options: object) -> Any:
    """`question(store, *args, **options)`, a function of `analysis.query` (its args: the
    filters, or an article id), cached for every user until the store changes."""
    path = store_path()
    name = f"{question.__module__}.{question.__qualname__}"
    return _answer(path, version(path), name, question, args, tuple(sorted(options.items())))


@st.cache_resource(show_spinner=False, max_entries=FIGURES_KEPT)
def _figure(name: str, answers: bytes, options: tuple, _draw: Callable[..., go.Figure],
            _answers: tuple) -> go.Figure:
    # `name`, the digest of the answers (cells, types, attrs such as a timeline's period) and
    # the options key it
    return _draw(*_answers, **dict(options))


def figure(draw: Callable[..., go.Figure], *answers: pd.DataFrame | dict[str, pd.DataFrame],
           **options: object) -> go.Figure:
    """`draw(*answers, **options)`, a chart of `analysis.figures` of answers (frames, or dicts
    of frames), drawn once for every user who is shown the same answers: a Plotly figure costs
    20–40 ms to build and check, more than the cached answer it draws. The figure is shared, so
    nobody may change it after (`st.plotly_chart` copies it before it sends it)."""
    return _figure(f"{draw.__module__}.{draw.__qualname__}", _digest(answers),
                   tuple(sorted(options.items())), draw, answers)


def _digest(answers: tuple) -> bytes:
    """The answers as one digest of their pickle, which holds every cell, type, index and
    attr (a timeline's period): Streamlit's own hash of a frame, which leaves the attrs out,
    took 1.5 ms a frame (3 ms for the Compare page's two sets; the pickle 0.1 ms). Equal
    digests are equal answers; equal answers pickled from other layouts only draw again."""
    return hashlib.blake2b(pickle.dumps(answers, protocol=5), digest_size=20).digest()


def export_articles(filters: Filters) -> pd.DataFrame:
    """All columns of the matching articles (read when a download is clicked, not cached)."""
    with reading(store_path()) as con:
        return query.export_articles(con, filters)
