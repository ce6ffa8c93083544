"""Per-user state: the shared filter set, kept in session state and mirrored in the URL."""

from __future__ import annotations

import streamlit as st

from analysis.query import Filters
from analysis.query.links import fit_to_store, from_params, to_params

FILTERS = "filters"
PENDING = "pending_filters"
NOTICES = "link_notices"  # what a shared link's filters lost when they were read
GENERATION = "filter_widgets"  # bumped when filters are set from outside the widgets
# widget keys of the sidebar, one per filter control
WIDGET_KEYS = {
    "dates": "f_dates", "include_undated": "f_undated", "sources": "f_sources",
    "actors": "f_actors", "actors_match": "f_actors_match", "actors_all": "f_actors_all",
    "topics": "f_topics", "topics_match": "f_topics_match", "topics_all": "f_topics_all",
    "tone": "f_tone", "search": "f_search", "languages": "f_languages",
    "one_per_story": "f_stories",
}
_APP_PARAMS = ("article", "page", "token", "view")  # query parameters that are not filters


def _not_filter(name: str) -> bool:
    """Whether URL parameter `name` is the app's (an article, a compared set…), not a filter."""
    return name in _APP_PARAMS or name.startswith("set_")


def widget_key(name: str) -> str:
    """The sidebar widget key of filter control `name`. A new generation of keys makes new
    widgets: the browser would otherwise send back the old widgets' values on the next click."""
    generation = st.session_state.get(GENERATION, 0)
    return WIDGET_KEYS[name] + (f"_{generation}" if generation else "")


def current() -> Filters:
    """The filters of this session; read from the URL the first time (see `fit`)."""
    if FILTERS not in st.session_state:
        filters, notices = from_params(dict(st.query_params))
        st.session_state[FILTERS] = filters
        st.session_state[NOTICES] = notices
    return st.session_state[FILTERS]


def fitted() -> bool:
    """Whether this session's link filters were fitted to the store already."""
    return bool(st.session_state.get(f"{NOTICES}_fitted"))


def fit(con: object, facets: dict) -> None:
    """Once per session, fit the filters a link gave to the store (its dates, the actors,
    topics and sources it holds), keeping a notice of each change to show."""
    if fitted():
        return
    fit_filters, notices = fit_to_store(con, current(), first=facets["first"],
                                        last=facets["last"])
    st.session_state[NOTICES] = [*st.session_state.get(NOTICES, []), *notices]
    st.session_state[f"{NOTICES}_fitted"] = True
    if fit_filters != current():
        set_filters(fit_filters)


def notices() -> list[str]:
    """What was changed in the link's filters (shown once, then forgotten)."""
    return st.session_state.pop(NOTICES, [])


def set_filters(filters: Filters) -> None:
    """Make `filters` current and write them to the URL so a copied link reproduces the view."""
    st.session_state[FILTERS] = filters
    kept = {k: v for k, v in st.query_params.items() if _not_filter(k)}
    st.query_params.from_dict({**kept, **to_params(filters)})


def keep_in_url() -> None:
    """Put the current filters back in the URL when it lost them (the top navigation's links
    carry no query parameters), so a link copied from any page shows the same view."""
    filters = current()
    if {k: v for k, v in st.query_params.items() if not _not_filter(k)} != to_params(filters):
        set_filters(filters)


def request(filters: Filters) -> None:
    """Ask for `filters` from a chart click: applied before the widgets are drawn next run."""
    st.session_state[PENDING] = filters
    st.rerun()


def add(filters: Filters, *, actor: str | None = None, topic: str | None = None) -> None:
    """A click on a bar or node: narrow `filters` to articles that also name `actor` or have
    `topic` (the bar counted articles within this view, so the click keeps those only)."""
    request(filters.narrowed(actor=actor, topic=topic))


def apply_pending() -> None:
    """At the top of a run: apply a chart click's filters and reset the widgets to match them."""
    pending = st.session_state.pop(PENDING, None)
    if pending is not None:
        set_filters(pending)
        for name in WIDGET_KEYS:
            st.session_state.pop(widget_key(name), None)
        st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
