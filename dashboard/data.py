"""Cached reads and queries for the pages, keyed on the store's path and version and the filters.

Everything here is shared by all users (st.cache_data): it depends on its arguments only.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import aggregate, explore, query, store
from analysis.filters import Filters


def store_path() -> str:
    """The store this dashboard shows (setting `store`, env PRESSLENS_STORE)."""
    return str(store.default_path())


def version(path: str) -> str:
    return store.version(path)


@st.cache_data(show_spinner=False, max_entries=8)
def store_stats(path: str, version: str) -> dict:
    """Counts, date range and sources."""
    with store.connect(path) as con:
        return store.stats(con)


@st.cache_data(show_spinner=False, max_entries=8)
def facets(path: str, version: str) -> dict:
    """Values the filter widgets offer."""
    with store.connect(path) as con:
        return explore.facets(con)


@st.cache_data(show_spinner=False, max_entries=64)
def summary(path: str, version: str, filters: Filters) -> dict:
    """Articles, undated, sources, first and last date and mean tone of the matches."""
    with store.connect(path) as con:
        return aggregate.summary(con, filters)


@st.cache_data(show_spinner=False, max_entries=256)
def ask(path: str, version: str, filters: Filters, name: str, **options: object) -> pd.DataFrame:
    """`analysis.aggregate.<name>`: the answer of `analysis.query.<name>` computed in the store."""
    with store.connect(path) as con:
        return getattr(aggregate, name)(con, filters, **options)


@st.cache_data(show_spinner=False, max_entries=64)
def article_list(path: str, version: str, filters: Filters, article_ids: tuple[str, ...] | None,
                 limit: int, offset: int) -> tuple[pd.DataFrame, int]:
    """A page of the articles that pass `filters` (and are among `article_ids`, if given)."""
    with store.connect(path) as con:
        return explore.article_list(con, filters, limit=limit, offset=offset,
                                    article_ids=None if article_ids is None else list(article_ids))


@st.cache_data(show_spinner=False, max_entries=256)
def article_detail(path: str, version: str, article_id: str) -> dict | None:
    """One article with its text and enrichment."""
    with store.connect(path) as con:
        return explore.article_detail(con, article_id)


TEXT_SAMPLE = 3000  # articles whose texts are mined for discovered topics and keywords


@st.cache_data(show_spinner=False, max_entries=8)
def article_texts(path: str, version: str, filters: Filters) -> pd.DataFrame:
    """Id, title and text of up to TEXT_SAMPLE matching articles, newest first."""
    with store.connect(path) as con:
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
    with store.connect(path) as con:
        return explore.export_articles(con, filters)
