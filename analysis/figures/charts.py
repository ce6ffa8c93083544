"""Plotly figures of query answers: pure functions from a tidy frame to a Figure, no Streamlit."""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis import schema
from analysis.errors import check_choice
from analysis.query import FREQS, LOW_EVIDENCE_BELOW, tone_bins, tone_spread

# plotly_white's layout and its defaults for the trace kinds drawn here: the same look as the
# whole template (a kind's defaults apply to its traces only, a kind of subplot's to its
# subplots) at a fraction of the cost, since Plotly validates a figure's template when it is set
# and every chart sends it to the browser. No chart here has a map, polar, ternary or 3-D plot.
_KINDS, _SUBPLOTS_NOT_DRAWN = ("bar", "box", "scatter", "scattergl"), ("geo", "mapbox", "polar",
                                                                      "scene", "ternary")
TEMPLATE = go.layout.Template(
    layout={key: value for key, value in
            pio.templates["plotly_white"].layout.to_plotly_json().items()
            if key not in _SUBPLOTS_NOT_DRAWN},
    data={kind: pio.templates["plotly_white"].data[kind] for kind in _KINDS})
FONT = "Inter, Segoe UI, Helvetica, Arial, sans-serif"
NEGATIVE, POSITIVE, NEUTRAL, ACCENT = "#c0392b", "#2471a3", "#95a5a6", "#e67e22"
TYPE_COLOURS = {"country": "#2471a3", "person": "#e67e22", "organisation": "#27ae60",
                "group": "#8e44ad", "place": "#7f8c8d"}
TONE_AXIS = "mean tone"  # (−1 … +1: the ticks say so)
_BAR_PX = 26  # height per bar of a horizontal bar chart, so long lists stay readable
# Plotly draws a subset of HTML in every label, hover text and legend (<a href>, <b>, <sup>,
# <span style> …) and decodes character references; "%{…}" is a field in a hover template
_PLOTLY_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "%": "&#37;"})


def plotly_text(value: object) -> str:
    """`value` as text that Plotly shows as written: article fields (an actor, a source, a
    title) go through here before they reach a figure, never as markup or a template field."""
    return str(value).translate(_PLOTLY_SPECIAL)


def plain_text(value: object) -> object:
    """The field `plotly_text` was given, from a label a chart hands back when clicked."""
    return html.unescape(value) if isinstance(value, str) else value


def _texts(values: pd.Series) -> pd.Series:
    return values.astype(str).map(plotly_text)


def topic_bar(frame: pd.DataFrame, *, title: str = "Topics by number of articles") -> go.Figure:
    """Horizontal bars of `query.topic_frequencies`: articles per topic, hits and share in hover."""
    bar = go.Bar(
        x=frame[schema.ARTICLES], y=_texts(frame[schema.TOPIC]), orientation="h",
        marker_color=POSITIVE,
        customdata=np.column_stack([frame[schema.HITS], frame[schema.SHARE] * 100]),
        hovertemplate="<b>%{y}</b><br>%{x} articles (%{customdata[1]:.0f}% of all)<br>"
                      "%{customdata[0]} keyword hits<extra></extra>",
    )
    return _bars(go.Figure(bar), _texts(frame[schema.TOPIC]), title=title, x_title="articles")


def actor_bar(frame: pd.DataFrame, *, title: str = "Most mentioned actors") -> go.Figure:
    """Horizontal bars of `query.actor_mentions`, coloured by actor type."""
    figure = go.Figure()
    for kind, rows in frame.groupby(schema.ACTOR_TYPE, sort=False, dropna=False):
        figure.add_bar(
            x=rows[schema.MENTIONS], y=_texts(rows[schema.ACTOR]), orientation="h",
            name=plotly_text(kind), marker_color=TYPE_COLOURS.get(str(kind), NEUTRAL),
            customdata=np.column_stack([rows[schema.ARTICLES],
                                        _texts(rows[schema.COUNTRY_CODE].fillna("–"))]),
            hovertemplate="<b>%{y}</b> (" + plotly_text(kind) + ", %{customdata[1]})<br>"
                          "%{x} mentions in %{customdata[0]} articles<extra></extra>",
        )
    figure = _bars(figure, _texts(frame[schema.ACTOR]), title=title, x_title="mentions")
    # a legend along the bottom leaves the bars the full width and the title alone
    figure.update_layout(legend=dict(title_text="", orientation="h", x=0, xanchor="left",
                                     y=0, yanchor="bottom", yref="container"),
                         margin=dict(b=80))
    return figure


def keyword_bar(frame: pd.DataFrame, *, title: str = "Frequent words and phrases") -> go.Figure:
    """Horizontal bars of `query.keywords`: occurrences per term, articles in hover."""
    bar = go.Bar(
        x=frame[schema.COUNT], y=_texts(frame[schema.TERM]), orientation="h",
        marker_color=ACCENT, customdata=frame[schema.ARTICLES],
        hovertemplate="<b>%{y}</b><br>%{x} times in %{customdata} articles<extra></extra>",
    )
    return _bars(go.Figure(bar), _texts(frame[schema.TERM]), title=title, x_title="occurrences")


def actor_tone_bar(frame: pd.DataFrame, *, title: str = "Tone toward each actor") -> go.Figure:
    """Horizontal bars of `query.actor_tone`; low-evidence bars are faded and hatched."""
    low = frame[schema.LOW_EVIDENCE].astype(bool).to_numpy()
    tone = frame[schema.TONE].to_numpy(dtype=float)
    note = np.where(low, f"<br><i>fewer than {LOW_EVIDENCE_BELOW} sentences: "
                         "weak evidence</i>", "")
    bar = go.Bar(
        x=tone, y=_texts(frame[schema.ACTOR]), orientation="h",
        marker=dict(color=_tone_colours(tone), opacity=np.where(low, 0.45, 1.0),
                    pattern=dict(shape=np.where(low, "/", ""))),
        customdata=np.column_stack([frame[schema.N_SENTENCES], note]),
        hovertemplate="<b>%{y}</b><br>tone %{x:+.3f} over %{customdata[0]} sentences"
                      "%{customdata[1]}<extra></extra>",
    )
    figure = _bars(go.Figure(bar), _texts(frame[schema.ACTOR]), title=title, x_title=TONE_AXIS)
    reach = max(0.1, float(np.nanmax(np.abs(tone))) * 1.15) if len(tone) else 1.0
    figure.update_xaxes(range=[-reach, reach], zeroline=True, zerolinecolor="#555")
    return figure


def tone_histogram(articles: pd.DataFrame, *, title: str = "Tone of articles") -> go.Figure:
    """Histogram of article tone (the `tone` column of `Analysis.articles`), neutral band shaded."""
    return tone_bars(tone_bins({"articles": articles}), title=title)


def tone_bars(bins: pd.DataFrame, *, title: str = "Tone of articles") -> go.Figure:
    """Bars of `query.tone_bins` (articles per tone bin), the neutral band shaded."""
    figure = go.Figure(go.Bar(
        x=bins["centre"], y=bins[schema.ARTICLES], width=(bins["end"] - bins["start"]) * 0.95,
        marker_color=POSITIVE, customdata=np.stack([bins["start"], bins["end"]], axis=-1)
        if len(bins) else None,
        hovertemplate="tone %{customdata[0]:+.2f} … %{customdata[1]:+.2f}<br>%{y} articles"
                      "<extra></extra>",
    ))
    band = schema.NEUTRAL_BAND
    figure.add_vrect(x0=-band, x1=band, fillcolor=NEUTRAL, opacity=0.2, line_width=0,
                     annotation_text="neutral", annotation_position="top")
    style(figure, title=title, x_title="article tone (−1…1)", y_title="articles")
    reach = 0.3 if bins.empty else max(0.3, float(max(bins["end"].max(),
                                                       -bins["start"].min())) + 0.05)
    figure.update_xaxes(range=[-min(reach, 1.0), min(reach, 1.0)])
    return no_data(figure) if bins.empty else figure


def tone_by_source(articles: pd.DataFrame, *, top: int = 15,
                   title: str = "Article tone by source") -> go.Figure:
    """One horizontal box of article tone per source, for the `top` sources with most articles."""
    return tone_boxes(tone_spread({"articles": articles}, top=top), title=title)


def tone_boxes(spread: pd.DataFrame, *, title: str = "Article tone by source") -> go.Figure:
    """One horizontal box per row of `query.tone_spread` (whiskers from lowest to highest),
    n its scored articles; a source with none scored keeps its row, says so and has no box
    (Plotly drew the missing numbers as a flat box at 0, a neutral tone)."""
    labels = pd.Series([_spread_label(s, n, scored) for s, n, scored in zip(
        spread[schema.SOURCE], spread[schema.ARTICLES], spread["scored"], strict=True)])
    toned = (spread["scored"] > 0).to_numpy()
    kept = spread[toned]
    figure = go.Figure(go.Box(
        y=labels[toned], q1=kept["q1"], median=kept["median"], q3=kept["q3"],
        lowerfence=kept["low"], upperfence=kept["high"], mean=kept["mean"],
        orientation="h", marker_color=POSITIVE, boxpoints=False, showlegend=False,
    ))
    figure = _bars(figure, labels, title=title, x_title="article tone (−1…1)")
    figure.update_xaxes(zeroline=True, zerolinecolor="#555")
    return figure if toned.any() or spread.empty else no_data(figure)


def _spread_label(source: object, articles: int, scored: int) -> str:
    if scored == articles:
        return f"{plotly_text(source)} (n={articles:,})"
    if scored == 0:
        return f"{plotly_text(source)} ({articles:,} not scored)"
    return f"{plotly_text(source)} (n={scored:,}; {articles - scored:,} not scored)"


def _tone_colours(tone: np.ndarray) -> list[str]:
    return [NEUTRAL if abs(t) <= schema.NEUTRAL_BAND else NEGATIVE if t < 0 else POSITIVE
            for t in np.nan_to_num(tone)]


# --- timelines and networks ------------------------------------------------------------------


MEASURES = ("articles", "share")  # what a timeline's lines count: articles, or % of all


def timeline_chart(frame: pd.DataFrame, *, title: str | None = None,
                   measure: str = "articles") -> go.Figure:
    """Lines of `query.timeline` articles per period (or, with `measure="share"`, their share
    of all articles of the period), one per actor or topic, spikes marked.

    The spike rule from ``frame.attrs["spike_rule"]`` is in every spike's hover text and above
    the chart; with one series of counts its baseline is drawn dashed. The rule counts
    articles, so the shares mark no spike (the note says so): a day when the whole
    collection doubled was marked on shares that had fallen.
    """
    check_choice("measure", measure, MEASURES)
    share = measure == "share"
    y = frame[schema.SHARE] * 100 if share and schema.SHARE in frame else frame[schema.ARTICLES]
    frame = frame.assign(_y=y)
    freq = frame.attrs.get("freq", "D")
    unit = FREQS.get(freq, "period")
    key = next((c for c in ("actor", "topic") if c in frame.columns), None)
    groups = frame.groupby(key, sort=False) if key else [("all articles", frame)]
    date = _DATE_FORMATS.get(freq, "%d %b %Y")
    mode = "lines+markers" if frame[schema.PERIOD].nunique() <= 40 else "lines"
    figure = go.Figure()
    for name, rows in groups:
        label = plotly_text(name)
        figure.add_scatter(x=rows[schema.PERIOD], y=rows["_y"], name=label,
                           **_line_points(rows["_y"], mode),
                           customdata=np.column_stack([rows[schema.ARTICLES],
                                                       rows[schema.MEAN_TONE]]),
                           hovertemplate=f"<b>{label}</b><br>%{{x|{date}}}: %{{customdata[0]}} "
                                         + ("articles, %{y:.1f} % of all" if share else
                                            "articles")
                                         + "<br>mean tone %{customdata[1]:+.2f}<extra></extra>")
        if key is None and not share:
            figure.add_scatter(x=rows[schema.PERIOD], y=rows[schema.BASELINE], mode="lines",
                               name="baseline", line=dict(dash="dash", color=NEUTRAL),
                               hovertemplate="baseline %{y:.1f}<extra></extra>")
    if not share:
        _spike_markers(figure, frame, key, date)
    _note(figure, _rule_lines(frame, share=share))
    default = f"Share of all articles per {unit}" if share else f"Articles per {unit}"
    style(figure, title=title or default, x_title=unit + " (UTC)",
           y_title=f"% of all articles per {unit}" if share else f"articles per {unit}")
    # the axis title names the period ("week (UTC)"): ticks carry the date only, short enough
    # not to collide with the legend below them
    period_ticks(figure, frame[schema.PERIOD], freq)
    figure.update_yaxes(rangemode="tozero")
    note_lines = len(_rule_lines(frame, share=share))
    figure.update_layout(hovermode="closest",
                         legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"),
                         margin=dict(t=60 + 15 * note_lines))  # room for the rule above
    return no_data(figure) if frame.empty else figure


_DATE_FORMATS = {"D": "%d %b %Y", "W": "week of %d %b %Y", "M": "%b %Y"}
FEW_PERIODS = 12  # up to this many periods, each has its own tick and no other tick is drawn


def period_ticks(figure: go.Figure, periods: pd.Series, freq: str) -> None:
    """Date ticks for a time axis of periods of `freq`: the date only (the axis title names
    the period). Over a few periods Plotly's own ticks fall between them: two days were
    labelled "01 Mar 2005" seven times, or 00:00, 06:00, 12:00; there, a tick per period.
    Over more, at most six ticks: seven dates of three weeks ran into each other on a
    half-page chart (Topics over time)."""
    shown = _DATE_FORMATS.get(freq, "%d %b %Y").removeprefix("week of ")
    starts = pd.Series(periods).dropna().drop_duplicates().sort_values()
    if 0 < len(starts) <= FEW_PERIODS:
        figure.update_xaxes(tickformat=shown, tickmode="array", tickvals=list(starts),
                            ticktext=[f"{day:{shown}}" for day in starts])
    else:
        figure.update_xaxes(tickformat=shown, nticks=6)


def _line_points(values: pd.Series, mode: str) -> dict:
    """The trace's mode and markers: a line alone draws nothing for a value with a gap on both
    sides (a share beside periods with no articles at all), so those values get a marker."""
    present = values.notna().to_numpy()
    alone = present & ~np.r_[False, present[:-1]] & ~np.r_[present[1:], False]
    if mode != "lines" or not alone.any():
        return {"mode": mode}
    return {"mode": "lines+markers", "marker": {"size": np.where(alone, 7, 0)}}


def _spike_markers(figure: go.Figure, frame: pd.DataFrame, key: str | None, date: str) -> None:
    """Triangles on the spikes, the rule in their hover text."""
    rule = frame.attrs.get("spike_rule", "")
    spikes = frame[frame[schema.SPIKE]]
    figure.add_scatter(
        x=spikes[schema.PERIOD], y=spikes["_y"], mode="markers", name="spike",
        marker=dict(symbol="triangle-up", size=13, color=NEGATIVE, line=dict(width=1)),
        text=_spike_text(spikes, key),
        hovertemplate=f"<b>spike</b> %{{x|{date}}}<br>%{{text}}<br>{rule}<extra></extra>",
    )


def _note(figure: go.Figure, lines: list[str]) -> None:
    """`lines` in italics above the chart, at its left."""
    if lines:
        figure.add_annotation(text="<i>" + "<br>".join(lines) + "</i>",
                              xref="paper", yref="paper", x=0, y=1.0, yanchor="bottom",
                              xanchor="left", align="left", showarrow=False,
                              font=dict(size=11))


def _rule_lines(frame: pd.DataFrame, *, share: bool = False) -> list[str]:
    """The spike rule wrapped to fit a half-width chart (on shares, where spikes are marked
    instead), and the count of undated articles."""
    rule = frame.attrs.get("spike_rule", "")
    if not rule:
        return []
    said = ("spikes (a rule over article counts) are marked on the view of articles, not "
            "on shares") if share else rule
    return [*textwrap.wrap(said, 70),
            f"undated articles left out: {frame.attrs.get('undated', 0)}"]


def _spike_text(spikes: pd.DataFrame, key: str | None) -> list[str]:
    names = _texts(spikes[key]) + ": " if key else pd.Series("", index=spikes.index)
    return [f"{name}{n} articles, above the threshold {t:.1f}" for name, n, t in zip(
        names, spikes[schema.ARTICLES], spikes[schema.THRESHOLD], strict=True)]


def cooccurrence_network(frame: pd.DataFrame, *, top: int = 60,
                         title: str = "Actors named together") -> go.Figure:
    """Actors on the two side arcs of a circle, joined by lines as thick as their pair count.

    Draws the `top` most frequent pairs of `query.cooccurrence`; edge colour is the pair's mean
    tone, node size how often the actor co-occurs with any other. Labels point outwards and
    the figure grows with the number of actors, so they never overlap. Hover a node or an
    edge's midpoint for the numbers.
    """
    pairs = frame.sort_values(schema.COUNT, ascending=False, kind="stable").head(top)
    weight = pd.concat([pairs.groupby(schema.ACTOR_A)[schema.COUNT].sum(),
                        pairs.groupby(schema.ACTOR_B)[schema.COUNT].sum()]).groupby(level=0).sum()
    ranked = weight.sort_values(ascending=False, kind="stable").index.tolist()
    nodes = ranked[0::2] + ranked[1::2][::-1]  # heaviest at the top of each side
    position = dict(zip(nodes, arc_layout(len(nodes)), strict=True))
    figure = go.Figure()
    widest = float(pairs[schema.COUNT].max()) if len(pairs) else 1.0
    for a, b, count, tone in pairs[[schema.ACTOR_A, schema.ACTOR_B, schema.COUNT,
                                    schema.MEAN_TONE]].itertuples(index=False):
        (xa, ya), (xb, yb) = position[a], position[b]
        figure.add_scatter(x=[xa, xb], y=[ya, yb], mode="lines", hoverinfo="skip",
                           showlegend=False, line=dict(width=1 + 7 * count / widest,
                                                       color=_tone_colours(np.array([tone]))[0]),
                           opacity=0.6)
    _edge_hover(figure, pairs, position)
    _nodes(figure, nodes, position, weight)
    style(figure, title=title, x_title="", y_title="")
    figure.add_annotation(text="<i>line width: how often named together; colour: mean tone "
                               "(red negative, blue positive, grey neutral)</i>",
                          xref="paper", yref="paper", x=0, y=1.0, xanchor="left",
                          yanchor="bottom", showarrow=False, font=dict(size=11))
    figure.update_xaxes(visible=False, range=[-2.0, 2.0])
    figure.update_yaxes(visible=False, range=[-1.12, 1.12])
    figure.update_layout(height=_network_height((len(nodes) + 1) // 2), showlegend=False)
    return no_data(figure) if pairs.empty else figure


_ARC = np.radians(60)  # nodes lie within 60° of the horizontal: labels go sideways, not up
_LABEL_PX = 18  # vertical room per label


def arc_layout(n: int) -> np.ndarray:
    """`n` points on the unit circle: the right arc top to bottom, then the left bottom to top."""
    right, left = (n + 1) // 2, n // 2
    angles = np.concatenate([np.linspace(_ARC, -_ARC, right) if right > 1 else np.zeros(right),
                             np.pi - (np.linspace(-_ARC, _ARC, left) if left > 1
                                      else np.zeros(left))])
    return np.column_stack([np.cos(angles), np.sin(angles)])


def _network_height(per_side: int) -> int:
    """Pixels that give `per_side` labels on one arc at least _LABEL_PX each, near the ends too."""
    if per_side < 2:
        return 450
    step = 2 * _ARC / (per_side - 1)
    radius = _LABEL_PX / (step * np.cos(_ARC))
    return int(min(2400, max(450, 2.24 * radius + 110)))


def _edge_hover(figure: go.Figure, pairs: pd.DataFrame, position: dict) -> None:
    middle = [((position[a][0] + position[b][0]) / 2, (position[a][1] + position[b][1]) / 2)
              for a, b in zip(pairs[schema.ACTOR_A], pairs[schema.ACTOR_B], strict=True)]
    text = [f"{plotly_text(a)} – {plotly_text(b)}: {c} together, mean tone {t:+.2f}"
            for a, b, c, t in pairs[[schema.ACTOR_A, schema.ACTOR_B, schema.COUNT,
                                     schema.MEAN_TONE]].itertuples(index=False)]
    figure.add_scatter(x=[m[0] for m in middle], y=[m[1] for m in middle], mode="markers",
                       marker=dict(size=6, color="rgba(0,0,0,0)"), text=text, name="pairs",
                       hovertemplate="%{text}<extra></extra>", showlegend=False)


def _nodes(figure: go.Figure, nodes: list[str], position: dict, weight: pd.Series) -> None:
    xy = np.array([position[n] for n in nodes]).reshape(-1, 2)
    size = weight.reindex(nodes).to_numpy(dtype=float)
    scaled = 8 + 16 * np.sqrt(size / size.max()) if len(size) else size
    labels = [plotly_text(n if len(n) <= 28 else n[:27] + "…") for n in nodes]
    figure.add_scatter(
        x=xy[:, 0], y=xy[:, 1], mode="markers+text", name="actors", text=labels,
        hovertext=[plotly_text(n) for n in nodes],
        textposition=["middle right" if x >= 0 else "middle left" for x in xy[:, 0]],
        marker=dict(size=scaled, color=POSITIVE, line=dict(color="white", width=1)),
        customdata=size, hovertemplate="<b>%{hovertext}</b><br>%{customdata} co-occurrences"
                                       "<extra></extra>",
    )


# --- shared layout ---------------------------------------------------------------------------


LABEL_CHARS = 26  # a bar's label is cut to this many characters on the axis (whole in hover)


def _bars(figure: go.Figure, labels: pd.Series, *, title: str, x_title: str) -> go.Figure:
    """Style a horizontal bar chart: first row on top, height grown with the number of bars,
    long labels shortened on the axis so that the bars keep their room in half a page (a
    click still gives the whole label)."""
    order = list(dict.fromkeys(labels.astype(str)))
    style(figure, title=title, x_title=x_title, y_title="")
    figure.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True,
                        tickvals=order, ticktext=[_short(label) for label in order])
    figure.update_layout(height=max(320, 120 + _BAR_PX * len(order)), barmode="overlay",
                         bargap=0.25)
    return no_data(figure) if not order else figure


def _short(label: str) -> str:
    """An escaped label (`plotly_text`) cut to LABEL_CHARS characters of what it shows."""
    shown = html.unescape(label)
    if len(shown) <= LABEL_CHARS:
        return label
    return plotly_text(shown[:LABEL_CHARS - 1].rstrip() + "…")


def style(figure: go.Figure, *, title: str, x_title: str, y_title: str) -> None:
    """The house look: template, font, title at the left, axis titles.

    Property by property, as `update_layout` would merge them: `update_layout` and
    `update_xaxes` also copy the whole layout, template included, to record the change: with
    them (and the whole plotly_white layout) this took 17 ms of CPU a chart, now 10 (median of
    7 x 50 bar charts, load average 10); the Compare page draws four a run.
    """
    layout = figure.layout
    _set_template(layout)
    layout.title.text, layout.title.x, layout.title.xanchor = title, 0, "left"
    layout.font.family, layout.font.size = FONT, 13
    layout.margin.l, layout.margin.r, layout.margin.t, layout.margin.b = 10, 10, 70, 40
    layout.hoverlabel.font.size = 12
    for axis, axis_title in [*((a, x_title) for a in figure.select_xaxes()),
                             *((a, y_title) for a in figure.select_yaxes())]:
        axis.title.text, axis.automargin = axis_title, True


def _set_template(layout: go.Layout) -> None:
    """`layout.template = TEMPLATE` without checking TEMPLATE again: Plotly checks a template
    property by property as it copies it in (2.7 ms of CPU a chart; 0.4 ms unchecked, the same
    figure), and TEMPLATE was checked when it was built. Plotly puts its default template in
    every new figure the same way (`BaseFigure._initialize_layout_template`)."""
    checked = getattr(layout, "_validate", None)
    if checked is None:  # a Plotly without the switch: checked, as any property
        layout.template = TEMPLATE
        return
    layout._validate = False
    try:
        layout.template = TEMPLATE
    finally:
        layout._validate = checked


def no_data(figure: go.Figure) -> go.Figure:
    """`figure` saying, in its middle, that it has nothing to show."""
    figure.add_annotation(text="no data to show", xref="paper", yref="paper", x=0.5, y=0.5,
                          showarrow=False, font=dict(size=16, color=NEUTRAL))
    return figure


# --- tone over time, tone by group, TextBlob beside PressLens --------------------------------


def tone_timeline(frame: pd.DataFrame, *, title: str = "Mean tone over time") -> go.Figure:
    """Mean article tone per period of a one-series `query.timeline`, articles in hover."""
    unit = FREQS.get(frame.attrs.get("freq", "D"), "period")
    figure = go.Figure(go.Scatter(
        x=frame[schema.PERIOD], y=frame[schema.MEAN_TONE], mode="lines+markers",
        line=dict(color=POSITIVE), connectgaps=False, customdata=frame[schema.ARTICLES],
        hovertemplate="%{x|%d %b %Y}<br>mean tone %{y:+.3f} over %{customdata} articles"
                      "<extra></extra>",
    ))
    band = schema.NEUTRAL_BAND
    figure.add_hrect(y0=-band, y1=band, fillcolor=NEUTRAL, opacity=0.2, line_width=0)
    style(figure, title=title, x_title=unit + " (UTC)", y_title=TONE_AXIS)
    period_ticks(figure, frame[schema.PERIOD], frame.attrs.get("freq", "D"))
    return no_data(figure) if frame[schema.MEAN_TONE].notna().sum() == 0 else figure


def group_tone_bar(frame: pd.DataFrame, *, by: str,
                   title: str | None = None) -> go.Figure:
    """Horizontal bars of `query.tone_by`: mean tone per group, low-evidence bars faded."""
    tone = frame[schema.TONE].to_numpy(dtype=float)
    low = frame[schema.LOW_EVIDENCE].astype(bool).to_numpy()
    bar = go.Bar(
        x=tone, y=_texts(frame[by]), orientation="h",
        marker=dict(color=_tone_colours(tone), opacity=np.where(low, 0.45, 1.0)),
        customdata=frame[schema.ARTICLES],
        hovertemplate="<b>%{y}</b><br>mean tone %{x:+.3f} over %{customdata} articles"
                      "<extra></extra>",
    )
    figure = _bars(go.Figure(bar), _texts(frame[by]), title=title or f"Mean tone by {by}",
                   x_title=TONE_AXIS)
    figure.update_xaxes(zeroline=True, zerolinecolor="#555")
    return figure


def tone_comparison(articles: pd.DataFrame, *,
                    title: str = "TextBlob polarity and PressLens tone per article") -> go.Figure:
    """One point per article: TextBlob polarity (x) against PressLens tone (y)."""
    shown = articles.dropna(subset=[schema.POLARITY, schema.TONE])
    figure = go.Figure(go.Scattergl(
        x=shown[schema.POLARITY], y=shown[schema.TONE], mode="markers",
        marker=dict(size=5, color=ACCENT, opacity=0.5), text=_texts(shown[schema.TITLE]),
        hovertemplate="%{text}<br>TextBlob %{x:+.2f} · tone %{y:+.2f}<extra></extra>",
    ))
    figure.add_shape(type="line", x0=-1, y0=-1, x1=1, y1=1, line=dict(color=NEUTRAL, dash="dot"))
    style(figure, title=title, x_title="TextBlob polarity (−1…1)", y_title="PressLens tone (−1…1)")
    figure.update_xaxes(range=[-1, 1])
    figure.update_yaxes(range=[-1, 1])
    return no_data(figure) if shown.empty else figure
