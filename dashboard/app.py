"""PressLens dashboard entry point: page setup, shared filters, navigation."""

import logging
from pathlib import Path

import streamlit as st

from dashboard import preload, timing

timing.run_began()  # the run's CPU, in the slow-run log, counts from here
# the icon from this folder: a Material icon name would have every page load fetch it from
# fonts.gstatic.com, and nothing may leave the machine
st.set_page_config(page_title="PressLens", page_icon=str(Path(__file__).with_name("icon.png")),
                   layout="wide")
# first, so that the browser fetches and compiles the chart code (1.5 s on a first visit) while
# this run imports pandas, DuckDB and Plotly (0.6 s on a server's first run) and queries
preload.chart_code()

from analysis import query, store  # noqa: E402
from dashboard import auth, data, saved, sidebar, state  # noqa: E402

# before anything is read: a visitor who may not see data gets a login page and nothing else
role = auth.gate()

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/topics.py", title="Topics", icon=":material/label:"),
    st.Page("views/actors.py", title="Actors", icon=":material/groups:"),
    st.Page("views/tone.py", title="Tone", icon=":material/sentiment_neutral:"),
    st.Page("views/quotes.py", title="Quotes", icon=":material/format_quote:"),
    st.Page("views/articles.py", title="Articles", icon=":material/article:"),
    st.Page("views/compare.py", title="Compare", icon=":material/compare_arrows:"),
    st.Page("views/freshness.py", title="Freshness", icon=":material/rss_feed:"),
    st.Page("views/alerts.py", title="Alerts", icon=":material/notifications:"),
]
if role == auth.EDITOR:
    PAGES.append(st.Page("views/upload.py", title="Upload", icon=":material/upload_file:"))
    PAGES.append(st.Page("views/history.py", title="History", icon=":material/history:"))
page = st.navigation(PAGES, position="top")

try:
    facets = data.ask(query.facets)
except store.StoreError as err:
    facets = None
    if page.title not in ("Upload", "History"):
        st.error(str(err) if role == auth.EDITOR else data.store_problem(err))
        st.info("Upload articles on the Upload page, or run `presslens ingest PATH`."
                if role == auth.EDITOR else "Ask an editor to upload articles.")
        st.stop()

if facets is not None:
    saved.open_from_url({p.title: p for p in PAGES})
state.apply_pending()
if facets is not None and not state.fitted():
    try:
        with data.reading(data.store_path()) as con:
            state.fit(con, facets)  # a shared link's filters, fitted to this store once
    except store.StoreError as err:  # busy past the read wait: a message, no traceback
        st.error(data.store_problem(err))
        st.stop()
state.keep_in_url()
if facets is not None:
    filters = sidebar.render(facets)
    saved.sidebar({p.title: p for p in PAGES}, page.title, editor=role == auth.EDITOR,
                  user=auth.who())
    for notice in state.notices():
        st.warning(notice, icon=":material/link_off:")
    if page.title not in ("Upload", "Compare", "Freshness", "Alerts"):  # not filtered
        st.caption(f"Showing {saved.named(filters)}{query.describe(filters)}.")
# the page's cache misses share one read-only connection
with timing.slow_runs(page.title), data.one_connection():
    try:
        page.run()
    except store.StoreError as err:  # a store busy past the read wait: a message, no traceback
        logging.getLogger("dashboard.app").warning("page %s: %s", page.title, err)
        st.error(data.store_problem(err))
