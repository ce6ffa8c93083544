"""Tone: distribution, over time, by source, actor and topic; TextBlob beside PressLens."""

import streamlit as st

from analysis import figures, query
from dashboard import data, drill, panels, state
from dashboard.render import freq_for_span, languages_label

SAMPLE = 2000  # articles in the polarity-against-tone scatter

filters = state.current()
numbers = data.ask(query.summary, filters)

st.title("Tone", anchor=False)
if panels.few_articles(numbers, filters, key="tone"):
    st.stop()
if numbers["mean_tone"] is None:  # charts of nothing would read as no tone at all, or neutral
    languages = data.ask(query.languages, filters)
    panels.empty(f"None of these {numbers['articles']:,} articles has a tone: enrichment "
                 "reads English text only, and a record with no words (a GDELT entry) has "
                 f"none to read. By language: {languages_label(languages)}.")
    st.stop()

st.caption("Tone is PressLens's news-tone score, −1 (negative) … +1 (positive), built from VADER "
           "and a news lexicon; within ±0.05 counts as neutral. TextBlob polarity is shown "
           "beside it for comparison (see docs/accuracy.md for how each tracks human ratings).")
left, right = st.columns(2)
with left, panels.panel("Distribution"):
    st.caption("Click a bar to list the articles in that tone range.")
    bins = data.ask(query.tone_bins, filters)
    picked = panels.chart(data.figure(figures.tone_bars, bins), key="tone_hist", field="x",
                          data=bins, name="tone_bins")
    if picked:
        drill.tone_bin(filters, float(picked[0]))
with right, panels.panel("Over time"):
    freq = freq_for_span(numbers["first"], numbers["last"])
    timeline = data.ask(query.timeline, filters, freq=freq)
    if timeline.empty or timeline["period"].nunique() < 2:
        panels.empty("Too few dated periods for tone over time.")
    else:
        picked = panels.chart(data.figure(figures.tone_timeline, timeline), key="tone_timeline",
                              field="x", data=timeline, name="tone_over_time")
        if picked:
            drill.period(filters, picked[0], freq)
drill.show(key="tone_drill")

left, right = st.columns(2)
with left, panels.panel("By source"):
    spread = data.ask(query.tone_spread, filters)
    panels.chart(data.figure(figures.tone_boxes, spread), key="tone_sources", selectable=False,
                 data=spread, name="tone_by_source")
with right, panels.panel("TextBlob polarity beside PressLens tone"):
    sample = data.ask(query.tone_sample, filters, size=SAMPLE)
    scored = int(data.ask(query.languages, filters)["scored"].sum())
    unscored = numbers["articles"] - scored
    if scored > len(sample) or unscored:
        st.caption((f"A fixed sample of {len(sample):,} of the {scored:,} articles with a tone"
                    if scored > len(sample) else f"The {scored:,} articles with a tone")
                   + (f"; {unscored:,} not scored are left out." if unscored else "."))
    panels.chart(data.figure(figures.tone_comparison, sample), key="tone_compare", selectable=False,
                 data=sample, name="polarity_and_tone")

left, right = st.columns(2)
with left, panels.panel("By actor"):
    tone = data.ask(query.actor_tone, filters, min_sentences=3, top=20)
    panels.chart(data.figure(figures.actor_tone_bar, tone), key="tone_actors", selectable=False,
                 data=tone, name="tone_by_actor")
with right, panels.panel("By topic"):
    by_topic = data.ask(query.tone_by, filters, by="topic")
    if by_topic.empty:
        panels.empty("No taxonomy topic is found in these articles.")
    else:
        for topic in panels.chart(data.figure(figures.group_tone_bar, by_topic, by="topic"),
                                  key="tone_topics", data=by_topic, name="tone_by_topic"):
            state.add(filters, topic=topic)
