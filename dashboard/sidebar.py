"""The filter widgets in the sidebar: one filter set shared by every page."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.query import Filters, search
from dashboard import state

MATCH = {"any": "any of them", "all": "all of them"}
SEARCH_HELP = ("Whole words, any case, accents ignored (no stemming: `oil*` for oils). "
               '`"exact phrase"` (every character inside quotes counts: `"76%"`, `"U.S."`); '
               "`AND`, `OR`, `NOT` or `-word`; parentheses; `title:`, `source:`, `byline:`. "
               "Words without an operator must all be there.")


def render(facets: dict) -> Filters:
    """Draw the filters (initialised from the current ones) and return what the user chose."""
    current = state.current()
    with st.sidebar:
        st.header("Filters", anchor=False)
        chosen = Filters(
            **_date_filters(facets, current),
            sources=tuple(_multiselect("Sources", facets["sources"], current.sources,
                                       state.widget_key("sources"))),
            **_named("actors", "Actors", facets["actors"], current),
            **_named("topics", "Topics", facets["topics"], current),
            **_tone_filter(current),
            search=_search(current),
            languages=tuple(_multiselect("Languages", facets["languages"], current.languages,
                                         state.widget_key("languages")))
            if len(facets["languages"]) > 1 or current.languages else (),
            one_per_story=st.toggle(
                "Count each story once", value=current.one_per_story,
                key=state.widget_key("one_per_story"),
                help="Leave out near-duplicate copies of an earlier article (a wire story run "
                     "by several sources), so every count is per story, not per copy."),
        )
        if not chosen.is_empty() and st.button("Clear all filters", width="stretch"):
            state.request(Filters())
    if chosen != current:
        state.set_filters(chosen)
    return chosen


def _search(current: Filters) -> str:
    """The search query; a malformed one is said under the box and not applied."""
    text = st.text_input("Search text", value=current.search, key=state.widget_key("search"),
                         placeholder='oil -crude, "oil prices", title:opec',
                         help=SEARCH_HELP)
    try:
        search.parse(text)
    except search.SearchSyntaxError as err:
        st.error(f"Search not applied: {err}", icon=":material/search_off:")
        return ""
    return text


def _multiselect(label: str, options: list[str], selected: tuple[str, ...], key: str) -> list:
    choices = list(dict.fromkeys([*selected, *options]))  # a URL may name a rare actor
    # Enter picks the highlighted option, never "Select all N matches" of a fuzzy search
    return st.multiselect(label, choices, default=list(selected), key=key, select_all=False)


def _named(field: str, label: str, options: list[str], current: Filters) -> dict:
    """Actors (or topics): the chosen ones and whether an article needs any or all of them;
    after a click has narrowed "any of" a few, the ones required as well."""
    some, every = getattr(current, field), getattr(current, f"{field}_all")
    mixed = bool(some) and bool(every)
    match = "all" if every and not some else "any"
    picked = _multiselect(label, options, some or every, state.widget_key(field))
    if len(picked) > 1 or mixed:
        match = st.segmented_control(
            f"{label}: articles naming", list(MATCH), format_func=MATCH.__getitem__,
            default=match,
            key=state.widget_key(f"{field}_match"), width="stretch") or match
    extra: list[str] = []
    if mixed:
        extra = _multiselect(f"…and all of these {field}", options, every,
                             state.widget_key(f"{field}_all"))
    if match == "all":
        return {field: (), f"{field}_all": tuple(dict.fromkeys([*picked, *extra]))}
    return {field: tuple(picked), f"{field}_all": tuple(extra)}


def _date_filters(facets: dict, current: Filters) -> dict:
    first, last = facets["first"], facets["last"]
    if first is None:
        return {}
    value = (current.start or first, current.end or last)
    undated_key = state.widget_key("include_undated")

    def range_changed() -> None:  # a new range starts with its default: undated left out
        st.session_state.pop(undated_key, None)

    picked = st.date_input("Published between", value=value, min_value=first,
                           max_value=last, key=state.widget_key("dates"), format="YYYY-MM-DD",
                           on_change=range_changed)
    start, end = (picked + (None, None))[:2] if isinstance(picked, tuple) else (picked, None)
    start = None if start in (None, first) else _as_date(start)
    end = None if end in (None, last) else _as_date(end)
    default = Filters(start=start, end=end).undated_kept()
    if facets["undated"] == 0:
        return {"start": start, "end": end}
    kept = st.checkbox(f"Include {facets['undated']:,} articles with no date",
                       value=current.undated_kept() if current.include_undated is not None
                       else default, key=undated_key)
    return {"start": start, "end": end, "include_undated": None if kept == default else kept}


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
