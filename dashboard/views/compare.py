"""Compare: two to four filter sets side by side (this view, Iran vs Iraq, source A vs B, before
vs after): volume and share over time, top actors and topics, tone; each set in its colour."""

import pandas as pd
import streamlit as st

from analysis import figures, query, schema
from dashboard import data, drill, panels, sets, state
from dashboard.render import freq_for_span

filters = state.current()
facets = data.ask(query.facets)
compared = sets.extra()

st.title("Compare", anchor=False)
st.caption("Set 1 is the view the sidebar filters; change the others here. Each set keeps its "
           "own colour on every chart; its numbers open its articles.")
if not compared:
    compared = [filters.replace(actors=(), actors_all=(), topics=(), topics_all=(), search="")]
all_sets = [filters, *compared]

changed, columns = [], st.columns(len(all_sets) + (len(all_sets) < sets.MAX_SETS))
for number, (column, chosen) in enumerate(zip(columns, all_sets, strict=False)):
    with column, st.container(border=True):
        st.markdown(f":{figures.set_colour_name(number)}[■] **Set {number + 1}**")
        said = query.describe(chosen)
        st.caption(said[:1].upper() + said[1:])
        numbers = data.ask(query.summary, chosen)
        if st.button(f"{numbers['articles']:,} articles", key=f"compare_list_{number}",
                     help="List this set's articles", icon=":material/list:"):
            drill.articles(f"Set {number + 1}: {query.describe(chosen)}", chosen)
        tone = numbers["mean_tone"]
        st.caption("mean tone " + ("—" if tone is None else f"{tone:+.2f}"))
        if number:
            edited = sets.edit(number, chosen, facets)
            if edited is not None:
                changed.append(edited)
if len(all_sets) < sets.MAX_SETS and columns[-1].button("Add a set", icon=":material/add:"):
    changed.append(filters.collection())
if changed != compared:
    sets.keep(changed)
    st.rerun()
drill.show(key="compare_drill")

labels = [f"Set {n + 1}: " + query.describe(chosen).removeprefix("articles ")[:40]
          for n, chosen in enumerate(all_sets)]


def completed(answers: dict[str, pd.DataFrame], label: str, top: int) -> dict[str, pd.DataFrame]:
    """Each set's answer with a row for every value among the `top` of any set: a value that
    is not among a set's own `top` rows is counted for that set as its click lists it (the
    set's articles also naming it), never drawn as 0."""
    chosen = list(dict.fromkeys(v for frame in answers.values() for v in frame[label].head(top)))
    full = {}
    for (name, frame), kept in zip(answers.items(), all_sets, strict=True):
        missing = [value for value in chosen if value not in set(frame[label])]
        counts = [data.ask(query.summary, kept.narrowed(**{label: value}))["articles"]
                  for value in missing]
        full[name] = pd.concat([frame, pd.DataFrame({label: missing, schema.ARTICLES: counts})],
                               ignore_index=True) if missing else frame
    return full


def joined(answers: dict) -> pd.DataFrame:
    """Each set's answer, one after the other, with the set and its filters in words."""
    return pd.concat([frame.assign(set=label, filters=query.describe(chosen))
                      for (label, frame), chosen in zip(answers.items(), all_sets, strict=True)],
                     ignore_index=True)


def bars(question, title: str, label: str, key: str, **options) -> None:
    """Grouped bars of `question` per set; a click lists that set's articles with that value."""
    answers = {name: data.ask(question, chosen, **options)
               for name, chosen in zip(labels, all_sets, strict=True)}
    answers = completed(answers, label, figures.COMPARED)
    figure = data.figure(figures.compare_bars, answers, label=label, value=schema.ARTICLES,
                         title=title, top=figures.COMPARED)
    for value, number in panels.chart(figure, key=key, field=("y", "customdata"),
                                      data=joined(answers), name=key):
        if value is not None and number is not None:
            narrowed = all_sets[int(number)].narrowed(**{label: value})
            drill.articles(f"Set {int(number) + 1}: {query.describe(narrowed)}", narrowed)
            st.rerun()


with panels.panel("Volume over time"):
    measure = panels.measure(key="compare_measure", default="share")
    spans = [data.ask(query.summary, chosen) for chosen in all_sets]
    freq = freq_for_span(min((s["first"] for s in spans if s["first"]), default=None),
                         max((s["last"] for s in spans if s["last"]), default=None))
    lines = {name: data.ask(query.timeline, chosen, freq=freq)
             for name, chosen in zip(labels, all_sets, strict=True)}
    panels.chart(data.figure(figures.compare_timeline, lines, measure=measure),
                 key="compare_timeline", selectable=False, data=joined(lines),
                 name="compare_over_time")

left, right = st.columns(2)
with left, panels.panel("Most named actors"):
    st.caption("Click a bar to list that set's articles naming the actor.")
    bars(query.actor_mentions, "Articles naming each actor", schema.ACTOR, "compare_actors",
         top=10)
with right, panels.panel("Topics"):
    st.caption("Click a bar to list that set's articles with the topic.")
    bars(query.topic_frequencies, "Articles with each topic", schema.TOPIC, "compare_topics")
with panels.panel("Tone"):
    tones = {name: data.ask(query.tone_bins, chosen)
             for name, chosen in zip(labels, all_sets, strict=True)}
    panels.chart(data.figure(figures.compare_tone, tones), key="compare_tone", selectable=False,
                 data=joined(tones), name="compare_tone")
