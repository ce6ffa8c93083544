"""Figures that set two to four filter sets side by side, each in its own colour: volume or
share over time, the most named actors and topics, and the tone of each set."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analysis import schema
from analysis.errors import check_choice
from analysis.figures.charts import MEASURES, no_data, period_ticks, style

# one colour per set, told apart also by those who do not see red and green apart
SET_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd")
# the same colours by the names Streamlit's Markdown knows (`:blue[...]`), for text beside charts
SET_COLOUR_NAMES = ("blue", "orange", "green", "violet")


def set_colour(number: int) -> str:
    """The colour of set `number` (0 for the first)."""
    return SET_COLOURS[number % len(SET_COLOURS)]


def set_colour_name(number: int) -> str:
    """The Markdown colour name of set `number`, the hue of `set_colour(number)`."""
    return SET_COLOUR_NAMES[number % len(SET_COLOUR_NAMES)]


def compare_timeline(timelines: Mapping[str, pd.DataFrame], *, measure: str = "articles",
                     title: str | None = None) -> go.Figure:
    """One line per set of its `query.timeline` (articles, or share of all articles, per
    period); the sets' names are the keys."""
    check_choice("measure", measure, MEASURES)
    column = schema.SHARE if measure == "share" else schema.ARTICLES
    scale = 100.0 if measure == "share" else 1.0
    unit = "%" if measure == "share" else "articles"
    figure = go.Figure()
    for number, (name, frame) in enumerate(timelines.items()):
        figure.add_scatter(
            x=frame[schema.PERIOD], y=frame[column] * scale, mode="lines+markers",
            name=name, line=dict(color=set_colour(number)), customdata=frame[schema.ARTICLES],
            hovertemplate=f"<b>{name}</b><br>%{{x|%d %b %Y}}: %{{customdata}} articles"
                          + (", %{y:.1f} % of all" if measure == "share" else "")
                          + "<extra></extra>")
    style(figure, title=title or ("Share of all articles" if measure == "share" else
                                   "Articles over time"),
           x_title="period (UTC)", y_title=unit)
    figure.update_yaxes(rangemode="tozero")
    figure.update_layout(legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"))
    frames = list(timelines.values())
    if frames:
        period_ticks(figure, pd.concat([frame[schema.PERIOD] for frame in frames]),
                     frames[0].attrs.get("freq", "D"))
    empty = all(frame.empty for frame in timelines.values())
    return no_data(figure) if empty else figure


COMPARED = 10  # the labels (actors, topics) among the first of any set that Compare draws


def compare_bars(answers: Mapping[str, pd.DataFrame], *, label: str, value: str,
                 title: str, top: int = COMPARED) -> go.Figure:
    """Grouped horizontal bars: for the labels (actors, topics) among the `top` of any set,
    each set's `value` (mentions, articles); the sets' names are the keys. A label missing
    from a set's answer is drawn as 0: give each set's value of every label (the dashboard
    counts those beyond a set's own first rows), or a set's whole answer."""
    chosen: list[str] = []
    for frame in answers.values():
        chosen += [v for v in frame[label].head(top) if v not in chosen]
    figure = go.Figure()
    for number, (name, frame) in enumerate(answers.items()):
        values = frame.drop_duplicates(label).set_index(label)[value].reindex(chosen).fillna(0)
        figure.add_bar(x=values.to_numpy(), y=chosen, orientation="h", name=name,
                       marker_color=set_colour(number), customdata=[number] * len(chosen),
                       hovertemplate=f"<b>{name}</b><br>%{{y}}: %{{x:,}} {value}<extra></extra>")
    style(figure, title=title, x_title=value, y_title="")
    figure.update_layout(barmode="group", height=120 + 16 * len(chosen) * max(len(answers), 2),
                         legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"))
    figure.update_yaxes(autorange="reversed", automargin=True, dtick=1)
    return no_data(figure) if not chosen else figure


def compare_tone(bins: Mapping[str, pd.DataFrame], *, title: str = "Tone of each set"
                 ) -> go.Figure:
    """Each set's distribution of article tone (`query.tone_bins`), as the share of its
    articles per bin, so sets of different sizes compare."""
    figure = go.Figure()
    for number, (name, frame) in enumerate(bins.items()):
        total = frame[schema.ARTICLES].sum()
        share = frame[schema.ARTICLES] / total * 100 if total else frame[schema.ARTICLES]
        figure.add_scatter(x=frame["centre"], y=share, mode="lines", name=name,
                           line=dict(color=set_colour(number), shape="hvh"),
                           hovertemplate=f"<b>{name}</b><br>tone %{{x:+.2f}}: %{{y:.1f}} % of "
                                         "its articles<extra></extra>")
    style(figure, title=title, x_title="tone (−1 negative … +1 positive)",
           y_title="% of the set's articles")
    figure.update_xaxes(range=[-1, 1])
    figure.update_layout(legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"))
    return no_data(figure) if all(f.empty for f in bins.values()) else figure
