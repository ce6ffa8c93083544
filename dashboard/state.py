"""Per-user state: the shared filter set, kept in session state and mirrored in the URL."""

from __future__ import annotations

import streamlit as st

from analysis.filters import Filters, from_params, to_params

FILTERS = "filters"
PENDING = "pending_filters"
GENERATION = "filter_widgets"  # bumped when filters are set from outside the widgets
# widget keys of the sidebar, one per filter field
WIDGET_KEYS = {
    "dates": "f_dates", "include_undated": "f_undated", "sources": "f_sources",
    "actors": "f_actors", "topics": "f_topics", "tone": "f_tone", "search": "f_search",
}
_APP_PARAMS = ("article", "page")  # query parameters that are not filters


def widget_key(name: str) -> str:
    """The sidebar widget key of filter field `name`. A new generation of keys makes new
    widgets: the browser would otherwise send back the old widgets' values on the next click."""
    generation = st.session_state.get(GENERATION, 0)
    return WIDGET_KEYS[name] + (f"_{generation}" if generation else "")


def current() -> Filters:
    """The filters of this session; read from the URL the first time."""
    if FILTERS not in st.session_state:
        st.session_state[FILTERS] = from_params(dict(st.query_params))
    return st.session_state[FILTERS]


def set_filters(filters: Filters) -> None:
    """Make `filters` current and write them to the URL so a copied link reproduces the view."""
    st.session_state[FILTERS] = filters
    kept = {k: v for k, v in st.query_params.items() if k in _APP_PARAMS}
    st.query_params.from_dict({**kept, **to_params(filters)})


def keep_in_url() -> None:
    """Put the current filters back in the URL when it lost them (the top navigation's links
    carry no query parameters), so a link copied from any page shows the same view."""
    filters = current()
    if {k: v for k, v in st.query_params.items() if k not in _APP_PARAMS} != to_params(filters):
        set_filters(filters)


def request(filters: Filters) -> None:
    """Ask for `filters` from a chart click: applied before the widgets are drawn next run."""
    st.session_state[PENDING] = filters
    st.rerun()


def add(filters: Filters, *, actor: str | None = None, topic: str | None = None) -> None:
    """Ask for `filters` narrowed to also mention `actor` and/or have `topic` (a chart click)."""
    request(filters.replace(
        actors=tuple(dict.fromkeys((*filters.actors, *([actor] if actor else [])))),
        topics=tuple(dict.fromkeys((*filters.topics, *([topic] if topic else []))))))


def apply_pending() -> None:
    """At the top of a run: apply a chart click's filters and reset the widgets to match them."""
    pending = st.session_state.pop(PENDING, None)
    if pending is not None:
        set_filters(pending)
        for name in WIDGET_KEYS:
            st.session_state.pop(widget_key(name), None)
        st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
