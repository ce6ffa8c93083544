"""Topics: taxonomy topics, how they move over time, topics discovered in the corpus, keywords."""

import streamlit as st

from analysis import figures, query
from dashboard import data, drill, panels, state
from dashboard.render import freq_for_span

filters = state.current()
numbers = data.ask(query.summary, filters)

st.title("Topics", anchor=False)
if not numbers["articles"]:
    panels.empty("No article matches these filters. Widen them in the sidebar.")
    st.stop()

left, right = st.columns([2, 3])
with left, panels.panel("Taxonomy topics"):
    topics = data.ask(query.topic_frequencies, filters)
    if topics.empty:
        panels.empty("No taxonomy topic is found in these articles.")
    else:
        st.caption("Click a bar to filter by that topic.")
        for topic in panels.chart(figures.topic_bar(topics), key="topics_bar"):
            state.add(filters, topic=topic)
        panels.downloads(topics, name="topic_frequencies", key="topics_dl")
with right, panels.panel("Topics over time"):
    freq = freq_for_span(numbers["first"], numbers["last"])
    timeline = data.ask(query.timeline, filters, freq=freq, by="topic", top=6)
    if timeline.empty:
        panels.empty("None of these articles states a date.")
    else:
        st.caption("The six most frequent topics. Click a point to list that period's articles.")
        picked = panels.chart(figures.timeline_chart(timeline), key="topics_timeline", field="x")
        if picked:
            drill.period(filters, picked[0], freq)
drill.show(key="topics_drill")

left, right = st.columns(2)
with left, panels.panel("Topics discovered in these articles"):
    terms = data.ask(query.discovered_topics, filters)
    if terms.empty:
        panels.empty("Too few words to discover topics.")
    else:
        st.caption("Non-negative matrix factorisation over TF-IDF; each topic is named by its "
                   "top terms. It finds what the taxonomy has no rule for.")
        st.dataframe(terms, hide_index=True, width="stretch", key="topics_discovered")
with right, panels.panel("Frequent words and phrases"):
    words = data.ask(query.keywords, filters, top=40)
    if words.empty:
        panels.empty("No frequent words in these articles.")
    else:
        panels.chart(figures.keyword_bar(words.head(25)), key="topics_keywords",
                     selectable=False)
        panels.downloads(words, name="keywords", key="keywords_dl")
