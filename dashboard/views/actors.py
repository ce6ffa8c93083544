"""Actors: who is mentioned, share of voice over time, tone toward each, who appears with whom."""

import streamlit as st

from analysis import figures, query, schema
from dashboard import data, drill, panels, state
from dashboard.render import freq_for_span

PAIRS = 500  # most frequent pairs read for the network (it draws 40) and the download

filters = state.current()
numbers = data.ask(query.summary, filters)

st.title("Actors", anchor=False)
if panels.few_articles(numbers, filters, key="actors"):
    st.stop()
if data.ask(query.actor_mentions, filters, top=1).empty:
    panels.empty("No actor is mentioned in the articles these filters leave.")
    st.stop()

kind = st.segmented_control("Type", ["all", *schema.ACTOR_TYPES], default="all",
                            key="actors_type", help="the type of actor both charts below show"
                            ) or "all"
actor_type = None if kind == "all" else kind
left, right = st.columns(2)
with left, panels.panel("Most mentioned"):
    mentioned = data.ask(query.actor_mentions, filters, actor_type=actor_type, top=20)
    if mentioned.empty:
        panels.empty(f"No {kind} is mentioned.")
    else:
        st.caption("Click a bar to keep only the articles naming that actor too."
                   + panels.ambiguous_note(mentioned))
        for actor in panels.chart(data.figure(figures.actor_bar, mentioned), key="actors_bar",
                                  data=mentioned, name="actor_mentions"):
            state.add(filters, actor=actor)
with right, panels.panel("Tone toward each actor"):
    tone = data.ask(query.actor_tone, filters, actor_type=actor_type)
    shown = tone.head(20)
    weak = int(shown[schema.LOW_EVIDENCE].sum())
    st.caption("Mean tone of the sentences naming the actor. "
               + (f"{weak} of these rest on fewer than {schema.LOW_EVIDENCE_BELOW} sentences "
                  "(hatched): read them with care." if weak else ""))
    if shown.empty:
        panels.empty(f"No sentence names a {kind}.")
    else:
        for actor in panels.chart(data.figure(figures.actor_tone_bar, shown), key="actors_tone",
                                  data=tone, name="actor_tone"):
            state.add(filters, actor=actor)

with panels.panel("Share of voice over time"):
    measure = panels.measure(key="voice_measure", default="share")
    freq = freq_for_span(numbers["first"], numbers["last"])
    keys = tuple(dict.fromkeys([*filters.actors, *filters.actors_all])) or None
    voice = data.ask(query.timeline, filters, freq=freq, by="actor", keys=keys,
                     top=None if keys else 6)
    picked = panels.timeline(
        voice, key="actors_timeline", name="share_of_voice", measure_of=measure,
        caption=("Each actor's articles as a share of all articles of the period"
                 if measure == "share" else "Articles naming each actor per period")
        + ": the six most named, or those filtered on. Click a point to list that period's "
          "articles.")
    if picked is not None:
        drill.period(filters, picked, freq)
drill.show(key="actors_drill")

with panels.panel("Who is named with whom"):
    level = st.segmented_control("Together in one", ["sentence", "article"], default="sentence",
                                 key="actors_level") or "sentence"
    pairs = data.ask(query.cooccurrence, filters, level=level, top=PAIRS)
    if pairs.empty:
        panels.empty(f"No two actors are named in one {level}.")
    else:
        st.caption("Line width: how often two actors are named together; colour: the mean tone "
                   "there (red negative, blue positive). Click an actor to keep only the "
                   "articles naming it too.")
        for actor in panels.chart(data.figure(figures.cooccurrence_network, pairs, top=40),
                                  key="actors_network", field="text", data=pairs,
                                  name="cooccurrence"):
            state.add(filters, actor=actor)
