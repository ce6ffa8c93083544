"""Saved views in the sidebar: open one (everyone), save, rename or delete (editors). A view is
the page and its link: filters and compared sets. `?view=NAME` opens a saved view by link."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import streamlit as st

from analysis import store
from analysis.query import Filters
from analysis.query.links import from_params, to_params
from analysis.store import views
from dashboard import data, state

_NOT_VIEW = ("article", "token", "view")  # query parameters a saved view does not keep
OPENED = "view_opened"
SHOWN = "view_shown"  # the saved view opened last, and its filters


def named(filters: Filters) -> str:
    """'saved view “NAME”: ' while `filters` are still those of the saved view opened last."""
    shown = st.session_state.get(SHOWN)
    return f"saved view “{shown[0]}”: " if shown is not None and shown[1] == filters else ""


def current_link(page: str) -> str:
    """The link of what is on screen: its page and query parameters."""
    kept = {k: v for k, v in st.query_params.items() if k not in _NOT_VIEW}
    return urlencode({"page": page, **kept})


def open_from_url(pages: dict[str, st.Page]) -> None:
    """A `?view=NAME` link opens the saved view NAME (once per session)."""
    name = st.query_params.get("view")
    if name is None or st.session_state.get(OPENED) == name:
        return
    st.session_state[OPENED] = name
    with data.reading(data.store_path()) as con:
        link = views.view_link(con, name)
    if link is None:
        st.session_state.setdefault(state.NOTICES, []).append(
            f"No saved view is called {name!r} (it may have been renamed or deleted).")
        return
    _go(name, link, pages)


def _go(name: str, link: str, pages: dict[str, st.Page]) -> None:
    params = dict(parse_qsl(link))
    page = params.pop("page", "")
    filters, notices = from_params(params)
    st.session_state.setdefault(state.NOTICES, []).extend(notices)
    st.session_state[state.PENDING] = filters
    st.session_state[SHOWN] = (name, filters)
    sets = {k: v for k, v in params.items() if k.startswith("set_")}
    st.switch_page(pages.get(page, next(iter(pages.values()))),
                   query_params={**sets, **to_params(filters)})


def sidebar(pages: dict[str, st.Page], page: str, *, editor: bool, user: str | None) -> None:
    """The saved views panel at the bottom of the sidebar."""
    path = data.store_path()
    # cached until the store changes (a save changes it): every run of every page draws this,
    # and reading it afresh opened the store each time (57 ms, 34 ms of CPU)
    saved = data.ask(views.list_views)
    with st.sidebar, st.expander("Saved views", icon=":material/bookmarks:"):
        if saved.empty:
            st.caption("None yet." + (" Save this view below." if editor else ""))
        else:
            name = st.selectbox("Open a saved view", saved["name"].tolist(), index=None,
                                key="saved_open", placeholder="choose a view")
            if name is not None:
                st.session_state.pop("saved_open", None)
                _go(name, str(saved.set_index("name").loc[name, "link"]), pages)
        if editor:
            _editing(path, saved, page, user)


def _editing(path: str, saved, page: str, user: str | None) -> None:
    new = st.text_input("Save this view as", key="saved_name", max_chars=views.NAME_LIMIT)
    if st.button("Save", key="saved_save", icon=":material/bookmark_add:") and new:
        _write(lambda: views.save_view(path, new, current_link(page), by=user),
               f"Saved “{new}”. Its link: ?{urlencode({'view': new})}")
    if saved.empty:
        return
    chosen = st.selectbox("Rename or delete", saved["name"].tolist(), index=None,
                          key="saved_pick", placeholder="choose a view")
    if chosen is None:
        return
    renamed = st.text_input("New name", value=chosen, key="saved_rename",
                            max_chars=views.NAME_LIMIT)
    left, right = st.columns(2)
    if left.button("Rename", key="saved_do_rename") and renamed != chosen:
        _write(lambda: views.rename_view(path, chosen, renamed), f"Renamed to “{renamed}”.")
    if right.button("Delete", key="saved_delete", type="primary"):
        _write(lambda: views.delete_view(path, chosen), f"Deleted “{chosen}”.")


def _write(action, done: str) -> None:
    data.release()  # this run's read connection would keep the writer waiting
    try:
        action()
    except store.StoreError as err:
        st.error(str(err))
        return
    st.toast(done, icon=":material/bookmark:")
