"""Topics: taxonomy topics, how they move over time, topics discovered in the corpus, keywords."""

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from analysis import figures, query
from dashboard import data, drill, mining, panels, polling, state, timing
from dashboard.render import freq_for_span

filters = state.current()
numbers = data.ask(query.summary, filters)

st.title("Topics", anchor=False)


def _taxonomy() -> None:
    left, right = st.columns([2, 3])
    with left, panels.panel("Taxonomy topics"):
        topics = data.ask(query.topic_frequencies, filters)
        if topics.empty:
            panels.empty("No taxonomy topic is found in these articles.")
        else:
            st.caption("Click a bar to keep only the articles with that topic too.")
            for topic in panels.chart(data.figure(figures.topic_bar, topics), key="topics_bar",
                                      data=topics, name="topic_frequencies"):
                state.add(filters, topic=topic)
    with right, panels.panel("Topics over time"):
        measure = panels.measure(key="topics_measure")
        freq = freq_for_span(numbers["first"], numbers["last"])
        picked = panels.timeline(
            data.ask(query.timeline, filters, freq=freq, by="topic", top=6),
            key="topics_timeline", name="topics_over_time", measure_of=measure,
            caption="The six most frequent topics. Click a point to list that period's articles.")
        if picked is not None:
            drill.period(filters, picked, freq)


# text mining runs beside the page (dashboard/mining.py): the page answers at once, and these
# two panels look again every second until their answers are there (dashboard/polling.py)
def _mined() -> Sequence[Any]:
    return (_asked(query.discovered_topics), _asked(query.keywords, top=40))


def _asked(question: Callable, **options: Any) -> Any:
    """The mining's answer, None while on its way, or its failure (raised in its panel)."""
    try:
        return mining.started(question, filters, **options)
    except Exception as err:  # shown by the panel it belongs to
        return err


def _draw_mined(found: Sequence[Any]) -> None:
    left, right = st.columns(2)
    with left, panels.panel("Topics discovered in these articles"):
        if isinstance(found[0], Exception):
            raise found[0]
        if found[0] is None:
            st.info("Finding topics in the newest articles…", icon=":material/hourglass_top:")
        elif found[0].empty:
            panels.empty("Too few words to discover topics.")
        else:
            st.caption("Non-negative matrix factorisation over TF-IDF of the "
                       f"{min(numbers['articles'], query.TEXT_SAMPLE):,} newest articles; each "
                       "topic is named by its top terms: what the taxonomy has no rule for.")
            st.dataframe(found[0], hide_index=True, width="stretch", key="topics_discovered")
            panels.downloads(found[0], name="discovered_topics", key="topics_discovered_dl")
    with right, panels.panel("Frequent words and phrases"):
        if isinstance(found[1], Exception):
            raise found[1]
        if found[1] is None:
            st.info("Counting words and phrases…", icon=":material/hourglass_top:")
        elif found[1].empty:
            panels.empty("No frequent words in these articles.")
        else:
            panels.chart(data.figure(figures.keyword_bar, found[1].head(25)), key="topics_keywords",
                         selectable=False, data=found[1], name="keywords")


# no st.stop() for too few articles: a stopped run keeps the fragments of the one before, and a
# timer left from that one could then still rerun one (dashboard/polling.py)
if not panels.few_articles(numbers, filters, key="topics"):
    _taxonomy()
    drill.show(key="topics_drill")
    polling.drawn_when_ready(_mined, _draw_mined, name="topics_mined",
                             wrap=lambda: timing.fragment_runs("Topics"))
