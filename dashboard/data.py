"""Cached reads of the store for the pages; keyed on the store's path and version only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import store


def store_path() -> str:
    """The store this dashboard shows (setting `store`, env PRESSLENS_STORE)."""
    return str(store.default_path())


@st.cache_data(show_spinner=False, max_entries=64)
def article_list(path: str, version: str, search: str = "") -> pd.DataFrame:
    """Stored articles (id, title, source, date), `version` only keys the cache."""
    with store.connect(path) as con:
        return store.list_articles(con, search=search)


@st.cache_data(show_spinner=False, max_entries=256)
def article(path: str, version: str, article_id: str) -> dict | None:
    """One article with all its columns."""
    with store.connect(path) as con:
        return store.get_article(con, article_id)


@st.cache_data(show_spinner=False, max_entries=8)
def store_stats(path: str, version: str) -> dict:
    """Counts, date range and sources."""
    with store.connect(path) as con:
        return store.stats(con)
