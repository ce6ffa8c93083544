"""Drill-down: the articles behind a clicked point (a period, a tone bin), under the chart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import query
from analysis.query.filters import Filters
from dashboard import data, panels

DRILL = "drill"
_PERIOD_LENGTH = {"D": pd.DateOffset(days=1), "W": pd.DateOffset(weeks=1),
                  "M": pd.DateOffset(months=1)}


def period(filters: Filters, clicked: object, freq: str) -> None:
    """List the articles of the period starting at `clicked` (a timeline x value)."""
    start = pd.Timestamp(str(clicked)).normalize()
    end = start + _PERIOD_LENGTH[freq] - pd.DateOffset(days=1)
    label = start.strftime("%d %b %Y") if freq == "D" else (
        f"{start:%d %b} – {end:%d %b %Y}" if freq == "W" else f"{start:%B %Y}")
    narrowed = filters.replace(start=max(start.date(), filters.start or start.date()),
                               end=min(end.date(), filters.end or end.date()),
                               include_undated=False)
    st.session_state[DRILL] = (f"Articles published {label}", narrowed, None)


def tone_bin(filters: Filters, centre: float) -> None:
    """List the articles of the tone histogram's bar centred on `centre`: those it counts."""
    narrowed = query.tone_bin_filters(filters, centre)
    low, high = centre - query.TONE_BIN / 2, centre + query.TONE_BIN / 2
    upto = "to" if high >= 1 else "to under"
    st.session_state[DRILL] = (f"Articles with tone from {low:+.2f} {upto} {high:+.2f}",
                               narrowed, None)


def articles(label: str, filters: Filters, article_ids: list[str] | None = None) -> None:
    """List the articles that pass `filters` (and are among `article_ids`, if given)."""
    st.session_state[DRILL] = (label, filters,
                               None if article_ids is None else tuple(article_ids))


def show(*, key: str) -> None:
    """The drilled-into articles, if any, with a button to close the list."""
    if DRILL not in st.session_state:
        return
    label, filters, ids = st.session_state[DRILL]
    with st.container(border=True):
        head, close = st.columns([5, 1])
        head.markdown(f"**{label}** — select one to read it")
        if close.button("Close list", key=f"{key}_close", width="stretch"):
            del st.session_state[DRILL]
            st.rerun()
        frame, total = data.ask(query.article_list, filters, article_ids=ids, limit=200)
        panels.article_table(frame, key=f"{key}_table", total=total)
