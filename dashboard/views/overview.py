"""Overview: how much there is, from whom, when, about whom and what, in what tone."""

import streamlit as st

from analysis import figures, query
from dashboard import data, drill, panels, state
from dashboard.render import freq_for_span, languages_label, span_label

filters = state.current()
numbers = data.ask(query.summary, filters)

st.title("Overview", anchor=False)
if panels.few_articles(numbers, filters, key="overview"):
    st.stop()

cols = st.columns([1, 1, 2, 1])
cols[0].metric("Articles", f"{numbers['articles']:,}",
               help=f"{numbers['undated']:,} of them state no date")
cols[1].metric("Sources", f"{numbers['sources']:,}",
               help="distinct sources; articles with no source count as one, '(unknown)'")
cols[2].metric("Published", span_label(numbers["first"], numbers["last"]),
               help="first and last publication date (UTC)")
cols[3].metric("Mean tone", "—" if numbers["mean_tone"] is None else
               f"{numbers['mean_tone']:+.2f}",
               help="PressLens news tone, −1 … +1; within ±0.05 is neutral; articles in a "
                    "language enrichment does not read are not scored")
st.caption(
    (f"{numbers['undated']:,} of these articles state no date and are counted here, but not "
     "on the timeline. " if numbers["undated"] else "")
    + f"By language: {languages_label(data.ask(query.languages, filters))}")

with panels.panel("Volume over time"):
    measure = panels.measure(key="volume_measure")
    freq = freq_for_span(numbers["first"], numbers["last"])
    picked = panels.timeline(data.ask(query.timeline, filters, freq=freq), key="overview_timeline",
                             name="volume", measure_of=measure,
                             caption="Click a point to list that period's articles.")
    if picked is not None:
        drill.period(filters, picked, freq)

drill.show(key="overview_drill")

left, right = st.columns(2)
with left, panels.panel("Most mentioned actors"):
    actors = data.ask(query.actor_mentions, filters, top=15)
    if actors.empty:
        panels.empty("No actor is mentioned in these articles.")
    else:
        st.caption("Click a bar to keep only the articles naming that actor too.")
        for actor in panels.chart(data.figure(figures.actor_bar, actors), key="overview_actors",
                                  data=actors, name="actor_mentions"):
            state.add(filters, actor=actor)
with right, panels.panel("Topics"):
    topics = data.ask(query.topic_frequencies, filters)
    if topics.empty:
        panels.empty("No taxonomy topic is found in these articles.")
    else:
        st.caption("Click a bar to keep only the articles with that topic too.")
        for topic in panels.chart(data.figure(figures.topic_bar, topics.head(15)),
                                  key="overview_topics", data=topics, name="topic_frequencies"):
            state.add(filters, topic=topic)

if not filters.is_empty():
    st.caption("Filters are in the address bar: copy the link to share this view.")
