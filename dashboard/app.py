"""PressLens dashboard entry point: page setup, shared filters, navigation."""

import logging

import streamlit as st

from dashboard import preload

st.set_page_config(page_title="PressLens", page_icon=":material/newspaper:", layout="wide")
# first, so that the browser fetches and compiles the chart code (1.5 s on a first visit) while
# this run imports pandas, DuckDB and Plotly (0.6 s on a server's first run) and queries
preload.chart_code()

from analysis import store  # noqa: E402
from dashboard import auth, data, sidebar, state, timing  # noqa: E402

# before anything is read: a visitor who may not see data gets a login page and nothing else
role = auth.gate()

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/topics.py", title="Topics", icon=":material/label:"),
    st.Page("views/actors.py", title="Actors", icon=":material/groups:"),
    st.Page("views/tone.py", title="Tone", icon=":material/sentiment_neutral:"),
    st.Page("views/quotes.py", title="Quotes", icon=":material/format_quote:"),
    st.Page("views/articles.py", title="Articles", icon=":material/article:"),
]
if role == auth.EDITOR:
    PAGES.append(st.Page("views/upload.py", title="Upload", icon=":material/upload_file:"))
page = st.navigation(PAGES, position="top")

path = data.store_path()
try:
    facets = data.facets(path, data.version(path))
except store.StoreError as err:
    facets = None
    if page.title != "Upload":
        st.error(str(err) if role == auth.EDITOR else data.store_problem(err))
        st.info("Upload articles on the Upload page, or run `presslens ingest PATH`."
                if role == auth.EDITOR else "Ask an editor to upload articles.")
        st.stop()

state.apply_pending()
state.keep_in_url()
if facets is not None:
    sidebar.render(facets)
# the page's cache misses share one read-only connection
with timing.slow_runs(page.title), data.one_connection():
    try:
        page.run()
    except store.StoreError as err:  # a store busy past the read wait: a message, no traceback
        logging.getLogger("dashboard.app").warning("page %s: %s", page.title, err)
        st.error(data.store_problem(err))
