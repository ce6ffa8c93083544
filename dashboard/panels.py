"""Page building blocks: a panel that fails alone, clickable charts, article lists, downloads."""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Callable, Iterator

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import store
from analysis.export import csv_bytes
from analysis.figures import plain_text
from dashboard import access, data, grants

log = logging.getLogger(__name__)


@contextlib.contextmanager
def panel(title: str | None = None) -> Iterator[None]:
    """A titled section; if it raises, it shows its own error and the rest of the page stays."""
    if title:
        st.subheader(title, anchor=False)
    try:
        yield
    except store.StoreError as err:  # busy or missing: say so, without server paths
        log.warning("panel %r: %s", title, err)
        st.error(data.store_problem(err))
    except Exception as err:  # a panel's failure must not take the page down
        if type(err).__module__.startswith("streamlit"):
            raise  # st.rerun / st.stop are control flow, not failures
        log.exception("panel %r failed", title)
        st.error(f"{title or 'This panel'} could not be drawn: {type(err).__name__}: {err}")


def clicked(event: object, field: str = "y") -> list:
    """The `field` values ("y" of a horizontal bar, "x" of a timeline, "text" of a network
    node) of the points a user clicked or selected."""
    points = getattr(getattr(event, "selection", None), "points", None) or []
    # labels reach Plotly escaped (figures.plotly_text): hand back the field itself
    return [plain_text(point[field]) for point in points if point.get(field) is not None]


def chart(figure: go.Figure, *, key: str, selectable: bool = True, field: str = "y") -> list:
    """Draw a Plotly figure; returns the `field` (or customdata) of what was clicked."""
    if not selectable:
        st.plotly_chart(figure, key=key, config={"displaylogo": False})
        return []
    event = st.plotly_chart(figure, key=key, on_select="rerun", selection_mode=("points",),
                            config={"displaylogo": False})
    return clicked(event, field)


def downloads(frame: pd.DataFrame | Callable[[], pd.DataFrame], *, name: str, key: str) -> None:
    """CSV and Parquet download buttons for a table (or a function giving one), built only when
    clicked so a page does not serialise every table on every run. The file of a click is
    served once, to this browser only (`dashboard.guard`)."""
    who = access.fingerprint(st.context.cookies.to_dict())

    def table() -> pd.DataFrame:
        return frame() if callable(frame) else frame

    def as_csv() -> bytes:
        data = csv_bytes(table())
        grants.grant_download(who)
        return data

    def as_parquet() -> bytes:
        buffer = io.BytesIO()
        _parquet_safe(table()).to_parquet(buffer, index=False)
        grants.grant_download(who)
        return buffer.getvalue()

    left, right = st.columns(2)
    left.download_button("CSV", as_csv, file_name=f"{name}.csv", mime="text/csv",
                         key=f"{key}_csv", icon=":material/download:", width="stretch")
    right.download_button("Parquet", as_parquet, file_name=f"{name}.parquet",
                          mime="application/vnd.apache.parquet", key=f"{key}_parquet",
                          icon=":material/download:", width="stretch")


def _parquet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """numpy arrays in object columns become lists, which pyarrow writes as list columns."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = [v.tolist() if hasattr(v, "tolist") else v for v in out[column]]
    return out


def empty(message: str) -> None:
    """The message shown instead of a chart when the filters leave nothing to show."""
    st.info(message, icon=":material/filter_alt_off:")


def article_table(frame: pd.DataFrame, *, key: str, total: int | None = None,
                  here: bool = False) -> None:
    """A table of articles; selecting a row opens it in the reader on the Articles page."""
    from dashboard.render import date_label

    if frame.empty:
        empty("No articles match.")
        return
    shown = pd.DataFrame({
        "title": frame["title"].fillna("(untitled)"),
        "source": frame["source"],
        "date": frame["published_at"].map(date_label),
        "tone": frame["tone"].round(2) if "tone" in frame else None,
    })
    if total is not None and total > len(frame):
        st.caption(f"Showing {len(frame):,} of {total:,} articles, newest first.")
    picked = st.dataframe(
        shown, key=key, hide_index=True, width="stretch", on_select="rerun",
        selection_mode="single-row", height=min(38 + 35 * len(shown), 320),
        column_config={
            "title": st.column_config.TextColumn("Title", width="large"),
            "tone": st.column_config.NumberColumn("Tone", format="%.2f",
                                                  help="−1 negative … +1 positive"),
        },
    )
    rows = picked.selection.rows if picked else []
    if rows:
        chosen = str(frame.iloc[rows[0]]["article_id"])
        if chosen != st.query_params.get("article"):
            open_article(chosen, here=here)


def open_article(article_id: str, *, here: bool = False) -> None:
    """Open `article_id` in the reader (filters kept in the URL); `here` when already on the
    Articles page, where switching to the same page would drop the new query parameter."""
    if here:
        st.query_params["article"] = article_id
        st.rerun()
    params = {k: v for k, v in st.query_params.items() if k != "article"}
    st.switch_page("views/articles.py", query_params={**params, "article": article_id})
