"""Overview: how much there is, from whom, when, about whom and what, in what tone."""

import streamlit as st

from analysis import figures
from analysis.filters import Filters
from dashboard import data, drill, panels, state
from dashboard.render import freq_for_span, span_label

path, filters = data.store_path(), state.current()
version = data.version(path)
tables = data.tables(path, version, filters)
articles = tables["articles"]

st.title("Overview", anchor=False)
if articles.empty:
    panels.empty("No article matches these filters. Widen them in the sidebar.")
    st.stop()

dated = articles["published_at"].dropna()
cols = st.columns([1, 1, 2, 1])
cols[0].metric("Articles", f"{len(articles):,}",
               help=f"{len(articles) - len(dated):,} of them state no date")
cols[1].metric("Sources", f"{articles['source'].nunique():,}")
cols[2].metric("Published", span_label(dated), help="first and last publication date (UTC)")
cols[3].metric("Mean tone", f"{articles['tone'].mean():+.2f}",
               help="PressLens news tone, −1 … +1; within ±0.05 is neutral")

with panels.panel("Volume over time"):
    freq = freq_for_span(dated)
    timeline = data.ask(path, version, filters, "timeline", freq=freq)
    if timeline.empty:
        panels.empty("None of these articles states a date.")
    else:
        st.caption("Click a point to list that period's articles.")
        picked = panels.chart(figures.timeline_chart(timeline), key="overview_timeline",
                              field="x")
        if picked:
            drill.period(filters, picked[0], freq)

drill.show(path, version, key="overview_drill")

left, right = st.columns(2)
with left, panels.panel("Most mentioned actors"):
    actors = data.ask(path, version, filters, "actor_mentions", top=15)
    if actors.empty:
        panels.empty("No actor is mentioned in these articles.")
    else:
        for actor in panels.chart(figures.actor_bar(actors), key="overview_actors"):
            state.add(filters, actor=actor)
with right, panels.panel("Topics"):
    topics = data.ask(path, version, filters, "topic_frequencies")
    if topics.empty:
        panels.empty("No taxonomy topic is found in these articles.")
    else:
        for topic in panels.chart(figures.topic_bar(topics.head(15)), key="overview_topics"):
            state.add(filters, topic=topic)

if filters != Filters():
    st.caption("Filters are in the address bar: copy the link to share this view.")
