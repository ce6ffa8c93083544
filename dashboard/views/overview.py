"""Overview: how much there is, from whom, when, about whom and what, in what tone."""

import streamlit as st

from analysis import figures, query
from analysis.query.filters import Filters
from dashboard import data, drill, panels, state
from dashboard.render import freq_for_span, span_label

filters = state.current()
numbers = data.ask(query.summary, filters)

st.title("Overview", anchor=False)
if not numbers["articles"]:
    panels.empty("No article matches these filters. Widen them in the sidebar.")
    st.stop()

cols = st.columns([1, 1, 2, 1])
cols[0].metric("Articles", f"{numbers['articles']:,}",
               help=f"{numbers['undated']:,} of them state no date")
cols[1].metric("Sources", f"{numbers['sources']:,}")
cols[2].metric("Published", span_label(numbers["first"], numbers["last"]),
               help="first and last publication date (UTC)")
cols[3].metric("Mean tone", "—" if numbers["mean_tone"] is None else
               f"{numbers['mean_tone']:+.2f}",
               help="PressLens news tone, −1 … +1; within ±0.05 is neutral")

with panels.panel("Volume over time"):
    freq = freq_for_span(numbers["first"], numbers["last"])
    timeline = data.ask(query.timeline, filters, freq=freq)
    if timeline.empty:
        panels.empty("None of these articles states a date.")
    else:
        st.caption("Click a point to list that period's articles.")
        picked = panels.chart(figures.timeline_chart(timeline), key="overview_timeline",
                              field="x")
        if picked:
            drill.period(filters, picked[0], freq)

drill.show(key="overview_drill")

left, right = st.columns(2)
with left, panels.panel("Most mentioned actors"):
    actors = data.ask(query.actor_mentions, filters, top=15)
    if actors.empty:
        panels.empty("No actor is mentioned in these articles.")
    else:
        for actor in panels.chart(figures.actor_bar(actors), key="overview_actors"):
            state.add(filters, actor=actor)
with right, panels.panel("Topics"):
    topics = data.ask(query.topic_frequencies, filters)
    if topics.empty:
        panels.empty("No taxonomy topic is found in these articles.")
    else:
        for topic in panels.chart(figures.topic_bar(topics.head(15)), key="overview_topics"):
            state.add(filters, topic=topic)

if filters != Filters():
    st.caption("Filters are in the address bar: copy the link to share this view.")
