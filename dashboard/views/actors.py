"""Actors: who is mentioned, share of voice over time, tone toward each, who appears with whom."""

import streamlit as st

from analysis import figures, query, schema
from dashboard import data, drill, panels, state
from dashboard.render import freq_for_span

PAIRS = 500  # most frequent pairs read for the network (it draws 40) and the download

filters = state.current()
numbers = data.ask(query.summary, filters)

st.title("Actors", anchor=False)
if data.ask(query.actor_mentions, filters, top=1).empty:
    panels.empty("No actor is mentioned in the articles these filters leave.")
    st.stop()


kinds = ["all", *schema.ACTOR_TYPES]
left, right = st.columns(2)
with left, panels.panel("Most mentioned"):
    kind = st.segmented_control("Type", kinds, default="all", key="actors_type",
                                label_visibility="collapsed") or "all"
    mentioned = data.ask(query.actor_mentions, filters,
                         actor_type=None if kind == "all" else kind, top=20)
    if mentioned.empty:
        panels.empty(f"No {kind} is mentioned.")
    else:
        st.caption("Click a bar to filter by that actor.")
        for actor in panels.chart(figures.actor_bar(mentioned), key="actors_bar"):
            state.add(filters, actor=actor)
        panels.downloads(mentioned, name="actor_mentions", key="actors_dl")
with right, panels.panel("Tone toward each actor"):
    tone = data.ask(query.actor_tone, filters)
    shown = tone.head(20)
    weak = int(shown[schema.LOW_EVIDENCE].sum())
    st.caption("Mean tone of the sentences naming the actor. "
               + (f"{weak} of these rest on fewer than {query.LOW_EVIDENCE_BELOW} sentences "
                  "(hatched): read them with care." if weak else ""))
    if weak:
        st.warning(f"{weak} actor(s) shown have little evidence behind their tone.",
                   icon=":material/warning:")
    for actor in panels.chart(figures.actor_tone_bar(shown), key="actors_tone"):
        state.add(filters, actor=actor)
    panels.downloads(tone, name="actor_tone", key="actor_tone_dl")

with panels.panel("Share of voice over time"):
    freq = freq_for_span(numbers["first"], numbers["last"])
    keys = tuple(filters.actors) or None
    voice = data.ask(query.timeline, filters, freq=freq, by="actor",
                     keys=keys, top=None if keys else 6)
    if voice.empty:
        panels.empty("None of these articles states a date.")
    else:
        st.caption("Articles naming each actor per period: the six most named, or those "
                   "filtered on. Click a point to list that period's articles.")
        picked = panels.chart(figures.timeline_chart(voice), key="actors_timeline", field="x")
        if picked:
            drill.period(filters, picked[0], freq)
drill.show(key="actors_drill")

with panels.panel("Who is named with whom"):
    level = st.segmented_control("Together in one", ["sentence", "article"], default="sentence",
                                 key="actors_level") or "sentence"
    pairs = data.ask(query.cooccurrence, filters, level=level, top=PAIRS)
    if pairs.empty:
        panels.empty(f"No two actors are named in one {level}.")
    else:
        st.caption("Line width: how often two actors are named together; colour: the mean tone "
                   "there (red negative, blue positive). Click an actor to filter by it.")
        for actor in panels.chart(figures.cooccurrence_network(pairs, top=40),
                                  key="actors_network", field="text"):
            state.add(filters, actor=actor)
        panels.downloads(pairs, name="cooccurrence", key="pairs_dl")
