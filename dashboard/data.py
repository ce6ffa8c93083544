"""Cached reads and queries for the pages, keyed on the store's path and version and the filters.

Everything here is shared by all users (st.cache_data): it depends on its arguments only.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import duckdb
import pandas as pd
import streamlit as st

from analysis import aggregate, explore, query, store
from analysis.filters import Filters

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


@st.cache_data(show_spinner=False, max_entries=8)
def store_stats(path: str, version: str) -> dict:
    """Counts, date range and sources."""
    with reading(path) as con:
        return store.stats(con)


@st.cache_data(show_spinner=False, max_entries=8)
def facets(path: str, version: str) -> dict:
    """Values the filter widgets offer."""
    with reading(path) as con:
        return explore.facets(con)


@st.cache_data(show_spinner=False, max_entries=64)
def summary(path: str, version: str, filters: Filters) -> dict:
    """Articles, undated, sources, first and last date and mean tone of the matches."""
    with reading(path) as con:
        return aggregate.summary(con, filters)


@st.cache_data(show_spinner=False, max_entries=256)
def ask(path: str, version: str, filters: Filters, name: str, **options: object) -> pd.DataFrame:
    """`analysis.aggregate.<name>`: the answer of `analysis.query.<name>` computed in the store."""
    with reading(path) as con:
        return getattr(aggregate, name)(con, filters, **options)


@st.cache_data(show_spinner=False, max_entries=64)
def article_list(path: str, version: str, filters: Filters, article_ids: tuple[str, ...] | None,
                 limit: int, offset: int) -> tuple[pd.DataFrame, int]:
    """A page of the articles that pass `filters` (and are among `article_ids`, if given)."""
    with reading(path) as con:
        return explore.article_list(con, filters, limit=limit, offset=offset,
                                    article_ids=None if article_ids is None else list(article_ids))


@st.cache_data(show_spinner=False, max_entries=256)
def article_detail(path: str, version: str, article_id: str) -> dict | None:
    """One article with its text and enrichment."""
    with reading(path) as con:
        return explore.article_detail(con, article_id)


TEXT_SAMPLE = 3000  # articles whose texts are mined for discovered topics and keywords


@st.cache_data(show_spinner=False, max_entries=8)
def article_texts(path: str, version: str, filters: Filters) -> pd.DataFrame:
    """Id, title and text of up to TEXT_SAMPLE matching articles, newest first."""
    with reading(path) as con:
        return explore.article_texts(con, filters, limit=TEXT_SAMPLE)


@st.cache_data(show_spinner="Discovering topics…", max_entries=32)
def discovered_topics(path: str, version: str, filters: Filters) -> pd.DataFrame:
    """NMF topics of (up to TEXT_SAMPLE of) the matching articles: label, terms, weight."""
    from analysis.enrich.topics import discover_topics

    _, terms = discover_topics(article_texts(path, version, filters), n_topics=10)
    return terms


@st.cache_data(show_spinner=False, max_entries=32)
def keywords(path: str, version: str, filters: Filters) -> pd.DataFrame:
    """Frequent words and phrases of (up to TEXT_SAMPLE of) the matching articles."""
    return query.keywords({"articles": article_texts(path, version, filters)}, top=40)


def export_articles(path: str, version: str, filters: Filters) -> pd.DataFrame:
    """All columns of the matching articles (read when a download is clicked, not cached)."""
    with reading(path) as con:
        return explore.export_articles(con, filters)
