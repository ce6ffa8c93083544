"""Quotes: who said what, filterable by speaker, each with its article one click away."""

import streamlit as st

from analysis import query, schema
from dashboard import data, panels, state
from dashboard.render import date_label

LIMIT = 1000  # newest quotes listed (the download holds the same rows)
SPEAKERS = 300  # most quoted speakers offered in the picker (query.quote_speakers' default)

filters = state.current()

st.title("Quotes", anchor=False)
speakers = data.ask(query.quote_speakers, filters)
if speakers.empty and data.ask(query.quote_table, filters, limit=1).empty:
    panels.empty("No quote is attributed in the articles these filters leave.")
    st.stop()

counts = dict(zip(speakers[schema.SPEAKER], speakers["count"], strict=True))
chosen = st.multiselect("Speakers", list(counts), key="quotes_speakers",
                        format_func=lambda s: f"{s} ({counts[s]:,})",
                        placeholder="all speakers — pick some to narrow",
                        help=f"The {len(counts):,} most quoted speakers are offered."
                        if len(counts) >= SPEAKERS else None)
shown = data.ask(query.quote_table, filters, speakers=tuple(chosen), limit=LIMIT)
total = shown.attrs.get("total", len(shown))
st.caption((f"The {len(shown):,} newest of {total:,} quotes" if total > len(shown) else
            f"All {total:,} quotes") + (" of these speakers" if chosen else "")
           + (" (the download holds these)" if total > len(shown) else "")
           + ". Indirect: words reported \u201caccording to\u201d the speaker, not quoted. "
           "Select a row to read the article, with the quote highlighted.")
table = shown.assign(date=shown["published_at"].map(date_label),
                     **{schema.SPEAKER: shown[schema.SPEAKER].fillna("(speaker not found)")})[
    [schema.SPEAKER, schema.QUOTE, schema.VERB, schema.INDIRECT, "title", "date"]]
picked = st.dataframe(
    table, key="quotes_table", hide_index=True, width="stretch", height=520,
    on_select="rerun", selection_mode="single-row",
    column_config={schema.SPEAKER: st.column_config.TextColumn("Speaker"),
                   schema.QUOTE: st.column_config.TextColumn("Quote", width="large"),
                   schema.VERB: st.column_config.TextColumn("Verb"),
                   schema.INDIRECT: st.column_config.CheckboxColumn("Indirect"),
                   "title": st.column_config.TextColumn("Article"),
                   "date": st.column_config.TextColumn("Date")},
)
if picked and picked.selection.rows:
    panels.open_article(str(shown.iloc[picked.selection.rows[0]][schema.ARTICLE_ID]))
panels.downloads(shown, name="quotes", key="quotes_dl")
