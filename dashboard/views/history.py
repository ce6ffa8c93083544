"""History (editors only): every ingest and removal, and taking articles out again, as
`presslens remove` does: an ingest undone, or articles by id, each after a look at what goes."""

import re
from typing import Any

import pandas as pd
import streamlit as st

from analysis import store
from analysis.store.remove import history, remove
from dashboard import auth, data
from dashboard.render import date_label

LISTED = 20  # articles a confirmation lists before "and N more"

auth.require_editor()
path = data.store_path()
st.title("History", anchor=False)
st.caption("Every ingest and removal of this store, oldest first. An article belongs to the "
           "ingest that first stored it.")


def events() -> pd.DataFrame:
    with data.reading(path) as con:
        return history(con)


def preview(**chosen: Any) -> pd.DataFrame:
    """What a removal of `chosen` would take out (nothing is removed)."""
    with data.reading(path) as con:
        return remove(con, dry_run=True, **chosen).articles


def confirm(articles: pd.DataFrame, *, key: str, **chosen: Any) -> None:
    """List what would go, and remove it once the editor ticks the box and clicks (`key` is
    the choice's own: a box ticked for one ingest is not ticked for the next)."""
    if articles.empty:
        st.info("Nothing in the store matches.")
        return
    for row in articles.head(LISTED).itertuples(index=False):
        st.markdown(f"- {row.title or '(untitled)'} · {date_label(row.published_at)} · "
                    f"`{row.article_id}`")
    if len(articles) > LISTED:
        st.caption(f"… and {len(articles) - LISTED:,} more.")
    sure = st.checkbox(f"Yes, remove these {len(articles):,} articles", key=f"{key}_sure")
    if st.button("Remove", type="primary", disabled=not sure, key=f"{key}_go"):
        data.release()  # this page's read connection would keep the writer waiting
        try:
            with store.writer(path) as con:
                done = remove(con, **chosen)
        except store.StoreError as err:
            st.error(str(err))
            return
        st.session_state["history_done"] = (f"Removal {done.removal_id}: "
                                            f"{len(done.articles):,} articles removed "
                                            f"({done.what}).")
        st.rerun()  # the history above shows it


if done_before := st.session_state.pop("history_done", None):
    st.success(done_before)
try:
    past = events()
except store.StoreError as err:
    st.error(str(err))
    st.stop()
st.dataframe(past, hide_index=True, width="stretch", column_config={
    "happened_at": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm"),
    "stored": st.column_config.NumberColumn("Still stored", help="of an ingest's articles"),
})

st.subheader("Undo an ingest", anchor=False)
ingests = past[(past["event"] == "ingest") & (past["stored"] > 0)]
labels = {int(row.id): f"Ingest {row.id}: {int(row.stored):,} articles still stored, "
          f"from {row.what}" for row in ingests.itertuples(index=False)}
if not labels:
    st.caption("No ingest has articles left in the store.")
else:
    chosen = st.selectbox("Ingest", list(labels), format_func=labels.__getitem__,
                          index=None, key="history_ingest", placeholder="Choose an ingest")
    if chosen is not None:
        confirm(preview(ingest=chosen), key=f"history_undo_{chosen}", ingest=chosen)

st.subheader("Remove articles by id", anchor=False)
typed = st.text_input("Article ids", key="history_ids", placeholder="ids from the reader, "
                      "separated by spaces or commas")
ids = [value for value in re.split(r"[\s,]+", typed) if value]
if ids:
    confirm(preview(ids=ids), key=f"history_ids_{'_'.join(sorted(ids))[:200]}", ids=ids)
