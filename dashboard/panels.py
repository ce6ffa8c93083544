"""Page building blocks: a panel that fails alone, clickable charts, article lists, downloads."""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pyarrow.parquet as pq
import streamlit as st

from analysis import figures, query, schema, store
from analysis.figures import plain_text
from analysis.figures.charts import MEASURES
from analysis.query import Filters, describe
from analysis.query.export import csv_bytes
from analysis.query.links import to_params
from dashboard import access, data, grants, state
from dashboard.render import languages_label

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


def clicked(event: object, field: str | tuple[str, ...] = "y") -> list:
    """The `field` values ("y" of a horizontal bar, "x" of a timeline, "text" of a network
    node; a tuple of fields gives tuples) of the points a user clicked or selected."""
    points = getattr(getattr(event, "selection", None), "points", None) or []
    # labels reach Plotly escaped (figures.plotly_text): hand back the field itself
    if isinstance(field, tuple):
        return [tuple(plain_text(point.get(f)) for f in field) for point in points]
    return [plain_text(point[field]) for point in points if point.get(field) is not None]


def chart(figure: go.Figure, *, key: str, data: pd.DataFrame | None = None,
          name: str | None = None, selectable: bool = True,
          field: str | tuple[str, ...] = "y") -> list:
    """Draw a Plotly figure, with its `data` to download as CSV or Parquet (file `name`);
    returns the `field` (or customdata) of what was clicked."""
    if not selectable:
        st.plotly_chart(figure, key=key, config={"displaylogo": False})
        picked = []
    else:
        event = st.plotly_chart(figure, key=key, on_select="rerun",
                                selection_mode=("points",), config={"displaylogo": False})
        picked = clicked(event, field)
    if data is not None:
        downloads(data, name=name or key, key=f"{key}_data")
    return picked


def downloads(frame: pd.DataFrame | Callable[[], pd.DataFrame], *, name: str, key: str) -> None:
    """CSV and Parquet downloads of a table (or a function giving one), built only when clicked
    so a page does not serialise every table on every run. The file is named for the table
    and the filters ("actor_mentions - articles naming Iran and Iraq.csv"); the Parquet file
    also holds the filters and their link in its metadata. The file of a click is served
    once, to this browser only (`dashboard.guard`)."""
    who = access.fingerprint(st.context.cookies.to_dict())
    filters = state.current()
    said = describe(filters)
    file = _file_name(f"{name} - {said}")

    def table() -> pd.DataFrame:
        return frame() if callable(frame) else frame

    def as_csv() -> bytes:
        payload = csv_bytes(table())
        grants.grant_download(who)
        return payload

    def as_parquet() -> bytes:
        arrow = pa.Table.from_pandas(_parquet_safe(table()), preserve_index=False)
        meta = {**(arrow.schema.metadata or {}), b"presslens_filters": said.encode(),
                b"presslens_link": urlencode(to_params(filters)).encode()}
        buffer = io.BytesIO()
        pq.write_table(arrow.replace_schema_metadata(meta), buffer)
        grants.grant_download(who)
        return buffer.getvalue()

    with st.popover("Data", icon=":material/download:"):
        st.caption(f"The data of this panel, for {said}.")
        st.download_button("CSV", as_csv, file_name=f"{file}.csv", mime="text/csv",
                           key=f"{key}_csv", icon=":material/download:", width="stretch")
        st.download_button("Parquet", as_parquet, file_name=f"{file}.parquet",
                           mime="application/vnd.apache.parquet", key=f"{key}_parquet",
                           icon=":material/download:", width="stretch")


def _file_name(text: str) -> str:
    """`text` as a portable file name: letters, digits, spaces and - _ . only, at most 150."""
    return re.sub(r"[^\w .-]+", "_", text).strip(" ._")[:150] or "data"


def _parquet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """numpy arrays in object columns become lists, which pyarrow writes as list columns."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = [v.tolist() if hasattr(v, "tolist") else v for v in out[column]]
    return out


def ambiguous_note(mentioned: pd.DataFrame) -> str:
    """Words on the surnames among `mentioned` (`query.actor_mentions`) left apart because
    several people of that name are named around their dates; "" when there are none."""
    names = mentioned.loc[mentioned[schema.AMBIGUOUS], schema.ACTOR].tolist()
    if not names:
        return ""
    return (f" Surname{'s' if len(names) > 1 else ''} left apart, as more than one person of "
            f"that name is named within a year: {', '.join(names)}.")


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
        "copies": frame.get("copies"),
    })
    if total is not None and total > len(frame):
        st.caption(f"Showing {len(frame):,} of {total:,} articles.")
    picked = st.dataframe(
        shown, key=key, hide_index=True, width="stretch", on_select="rerun",
        selection_mode="single-row", height=min(38 + 35 * len(shown), 320),
        column_config={
            "title": st.column_config.TextColumn("Title", width="large"),
            "tone": st.column_config.NumberColumn("Tone", format="%+.2f",
                                                  help="−1 negative … +1 positive"),
            "copies": st.column_config.NumberColumn(
                "Copies", format="%d", help="other stored copies of the same story "
                "(near-duplicates: syndicated or re-run by other sources)"),
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


FEW = 5  # below this many matching articles a chart says nothing that their list does not


def few_articles(numbers: dict, filters: Filters, *, key: str) -> bool:
    """With no or only a few matching articles, say so in one line and list them instead of
    drawing degenerate charts; True when it did (the page then stops)."""
    count = numbers["articles"]
    if count >= FEW:
        return False
    if count == 0:
        empty("No article matches these filters. Widen them in the sidebar.")
        return True
    st.info(f"Only {count} article{'s' if count > 1 else ''} match{'' if count > 1 else 'es'} "
            "these filters: too few for charts. Select one to read it.",
            icon=":material/bar_chart_off:")
    languages = data.ask(query.languages, filters)
    if len(languages) > 1 or (languages["articles"] > languages["scored"]).any():
        st.caption(f"By language: {languages_label(languages)}")
    frame, total = data.ask(query.article_list, filters, limit=FEW)
    article_table(frame, key=f"{key}_few", total=total)
    return True


def measure(*, key: str, default: str = "articles") -> str:
    """The user's choice of what a timeline counts: articles, or their share of all articles
    of each period (kept for the session under `key`)."""
    st.session_state.setdefault(key, default)
    return st.segmented_control(
        "Timelines show", list(MEASURES), key=key, label_visibility="collapsed",
        format_func={"articles": "Articles", "share": "Share of all articles"}.__getitem__,
    ) or "articles"


def timeline(frame: pd.DataFrame, *, key: str, name: str, caption: str, measure_of: str,
             title: str | None = None) -> object | None:
    """A `query.timeline` answer drawn with its data and undated count, or one line saying why
    it is not drawn; the clicked period, if any."""
    dated = frame[schema.PERIOD].nunique() if not frame.empty else 0
    undated = frame.attrs.get("undated", 0)
    if dated == 0:
        empty(f"None of these articles states a date ({undated:,} undated): no timeline.")
        return None
    if dated == 1:
        empty("Every dated article here falls in one period: a timeline needs two.")
        return None
    note = f" {undated:,} undated article{'s are' if undated != 1 else ' is'} not on it." \
        if undated else ""
    st.caption(caption + note)
    picked = chart(data.figure(figures.timeline_chart, frame, measure=measure_of, title=title),
                   key=key, field="x", data=frame, name=name)
    return picked[0] if picked else None
