"""The filter widgets in the sidebar: one filter set shared by every page."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.filters import Filters
from dashboard import state


def render(facets: dict) -> Filters:
    """Draw the filters (initialised from the current ones) and return what the user chose."""
    current = state.current()
    with st.sidebar:
        st.header("Filters", anchor=False)
        chosen = Filters(
            **_date_filters(facets, current),
            sources=tuple(_multiselect("Sources", facets["sources"], current.sources,
                                       state.widget_key("sources"))),
            actors=tuple(_multiselect("Actors", facets["actors"], current.actors,
                                      state.widget_key("actors"))),
            topics=tuple(_multiselect("Topics", facets["topics"], current.topics,
                                      state.widget_key("topics"))),
            **_tone_filter(current),
            search=st.text_input("Search text", value=current.search,
                                 key=state.widget_key("search"),
                                 placeholder="words in title or text"),
        )
        if not chosen.is_empty() and st.button("Clear all filters", width="stretch"):
            state.request(Filters())
    if chosen != current:
        state.set_filters(chosen)
    return chosen


def _multiselect(label: str, options: list[str], selected: tuple[str, ...], key: str) -> list:
    choices = list(dict.fromkeys([*selected, *options]))  # a URL may name a rare actor
    return st.multiselect(label, choices, default=list(selected), key=key)


def _date_filters(facets: dict, current: Filters) -> dict:
    first, last = facets["first"], facets["last"]
    if first is None:
        return {}
    value = (current.start or first, current.end or last)
    picked = st.date_input("Published between", value=value, min_value=first,
                           max_value=last, key=state.widget_key("dates"), format="YYYY-MM-DD")
    start, end = (picked + (None, None))[:2] if isinstance(picked, tuple) else (picked, None)
    undated = st.checkbox(f"Include {facets['undated']:,} articles with no date",
                          value=current.include_undated, key=state.widget_key("include_undated"),
                          disabled=facets["undated"] == 0)
    return {
        "start": None if start in (None, first) else _as_date(start),
        "end": None if end in (None, last) else _as_date(end),
        "include_undated": undated,
    }


def _tone_filter(current: Filters) -> dict:
    low, high = st.slider("Tone", -1.0, 1.0, (current.tone_min if current.tone_min is not None
                                              else -1.0,
                                              current.tone_max if current.tone_max is not None
                                              else 1.0),
                          step=0.05, key=state.widget_key("tone"),
                          help="PressLens news tone, −1 (negative) to +1 (positive); "
                               "within ±0.05 counts as neutral")
    return {"tone_min": None if low <= -1.0 else low, "tone_max": None if high >= 1.0 else high}


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
