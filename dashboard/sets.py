"""The filter sets the Compare page sets side by side: the sidebar's view, and up to three more,
each kept in the URL (`set_b=…`) so a compared view is a link too."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlencode

import streamlit as st

from analysis.query import Filters
from analysis.query.links import from_params, to_params
from dashboard import state

LETTERS = ("b", "c", "d")  # the sets after the sidebar's own, "a"
MAX_SETS = 1 + len(LETTERS)


def extra() -> list[Filters]:
    """The compared sets besides the sidebar's view, read from the URL."""
    found = []
    for letter in LETTERS:
        raw = st.query_params.get(f"set_{letter}")
        if raw is not None:
            found.append(from_params(dict(parse_qsl(raw)))[0])
    return found


def keep(sets: list[Filters]) -> None:
    """Write the compared sets (besides the sidebar's) to the URL."""
    for letter in LETTERS:
        st.query_params.pop(f"set_{letter}", None)
    for letter, filters in zip(LETTERS, sets, strict=False):
        st.query_params[f"set_{letter}"] = urlencode(to_params(filters))


def edit(number: int, filters: Filters, facets: dict) -> Filters | None:
    """The editor of compared set `number` (1 for "b"): what it keeps; None when removed."""
    key = f"set_{LETTERS[number - 1]}_{st.session_state.get(state.GENERATION, 0)}"
    with st.popover(f"Change set {number + 1}", icon=":material/tune:", width="stretch"):
        actors = st.multiselect("Naming any of", _options(facets["actors"], filters.actors),
                                default=list(filters.actors), key=f"{key}_actors",
                                select_all=False)
        topics = st.multiselect("About any of", _options(facets["topics"], filters.topics),
                                default=list(filters.topics), key=f"{key}_topics",
                                select_all=False)
        sources = st.multiselect("From", _options(facets["sources"], filters.sources),
                                 default=list(filters.sources), key=f"{key}_sources",
                                 select_all=False)
        search = st.text_input("Search text", value=filters.search, key=f"{key}_search")
        start, end = _dates(filters, facets, key=f"{key}_dates")
        if st.button("Remove this set", key=f"{key}_remove", icon=":material/delete:"):
            return None
    return filters.replace(actors=tuple(actors), topics=tuple(topics), sources=tuple(sources),
                           search=search, start=start, end=end)


def _options(values: list[str], chosen: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys([*chosen, *values]))


def _dates(filters: Filters, facets: dict, *, key: str) -> tuple[date | None, date | None]:
    first, last = facets["first"], facets["last"]
    if first is None:
        return None, None
    picked = st.date_input("Published between", value=(filters.start or first,
                                                       filters.end or last),
                           min_value=first, max_value=last, key=key, format="YYYY-MM-DD")
    start, end = (picked + (None, None))[:2] if isinstance(picked, tuple) else (picked, None)
    return (None if start in (None, first) else start,
            None if end in (None, last) else end)
