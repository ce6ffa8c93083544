"""Figures of query answers: titles, axis titles with units, a bar or node per row, no Streamlit."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import figures, query, schema
from analysis.figures.charts import arc_layout
from tests.query.test_questions import spiky, tables

ANALYSIS_DIR = Path(__file__).resolve().parents[1] / "analysis"


def bars(figure) -> int:
    return sum(len(trace.y) for trace in figure.data if trace.type == "bar")


def titled(figure, x_title: str) -> None:
    assert figure.layout.title.text
    assert figure.layout.xaxis.title.text == x_title
    figure.to_json()  # every property valid


def test_topic_bar():
    figure = figures.topic_bar(query.topic_frequencies(tables()))
    titled(figure, "articles")
    assert bars(figure) == 2 and figure.data[0].orientation == "h"
    assert list(figure.layout.yaxis.categoryarray) == ["diplomacy", "bombing"]  # first on top


def test_actor_bar_colours_by_type():
    figure = figures.actor_bar(query.actor_mentions(tables()))
    titled(figure, "mentions")
    assert bars(figure) == 4
    assert sorted(trace.name for trace in figure.data) == ["country", "person"]


def test_keyword_bar():
    figure = figures.keyword_bar(query.keywords(tables(), top=3))
    titled(figure, "occurrences")
    assert bars(figure) == len(query.keywords(tables(), top=3))


def test_actor_tone_bar_fades_and_hatches_low_evidence():
    frame = query.actor_tone(tables())
    figure = figures.actor_tone_bar(frame)
    titled(figure, "mean tone")
    bar = figure.data[0]
    assert len(bar.y) == 4
    assert list(bar.marker.opacity) == [1.0, 0.45, 0.45, 0.45]
    assert list(bar.marker.pattern.shape) == ["", "/", "/", "/"]
    assert "sentences" in bar.hovertemplate and bar.customdata[0][0] == "5"


def test_tone_histogram_and_tone_by_source():
    articles = tables()["articles"]
    histogram = figures.tone_histogram(articles)
    titled(histogram, "article tone (−1…1)")
    bars = histogram.data[0]
    assert histogram.layout.yaxis.title.text == "articles" and sum(bars.y) == 4
    for tone in articles["tone"]:  # each article is counted in the bar whose bin holds its tone
        assert any(abs(x - tone) <= 0.025 + 1e-9 for x in bars.x)
    boxes = figures.tone_by_source(articles)
    titled(boxes, "article tone (−1…1)")
    box = boxes.data[0]
    assert list(box.y) == ["Reuters (n=2)", "(unknown) (n=1)", "AP (n=1)"]  # ties by name
    reuters = articles.loc[articles["source"] == "Reuters", "tone"]
    assert box.median[0] == pytest.approx(reuters.median())
    assert (box.lowerfence[0], box.upperfence[0]) == (reuters.min(), reuters.max())


def test_tone_by_source_draws_no_box_for_a_source_not_scored():
    """A source whose articles are all in a language enrichment does not read (tone NULL)
    was drawn as a flat box at 0, "Le Monde (n=2)": a neutral tone it never had."""
    data = tables()
    data["articles"] = data["articles"].assign(**{
        schema.SOURCE: ["Reuters", "Le Monde", "Le Monde", "AP"],
        schema.TONE: [0.2, None, None, -0.1], schema.LANGUAGE: ["en", "fr", "fr", "en"]})
    spread = query.tone_spread(data)
    assert spread.set_index(schema.SOURCE)["scored"].to_dict() == {
        "Le Monde": 0, "AP": 1, "Reuters": 1}
    figure = figures.tone_boxes(spread)
    assert list(figure.layout.yaxis.categoryarray)[::-1] == [
        "Le Monde (2 not scored)", "AP (n=1)", "Reuters (n=1)"]
    assert list(figure.data[0].y) == ["AP (n=1)", "Reuters (n=1)"]  # no box for Le Monde
    data["articles"].loc[0, schema.SOURCE] = "Le Monde"
    label = figures.tone_boxes(query.tone_spread(data)).layout.yaxis.categoryarray[-1]
    assert label == "Le Monde (n=1; 2 not scored)"
    # the mean tone per source is of the scored articles, and counts only them
    by_source = query.tone_by(data, by="source").set_index("source")
    assert by_source["articles"].to_dict() == {"Le Monde": 1, "AP": 1}
    data["articles"] = data["articles"].assign(**{schema.TONE: None})  # none scored at all
    nothing = figures.tone_boxes(query.tone_spread(data))
    assert any(a.text == "no data to show" for a in nothing.layout.annotations)


def test_a_timeline_of_a_few_days_has_a_tick_per_day_and_none_between():
    """Over two days Plotly's own ticks fell between them: the Overview of a store dated
    1-2 March 2005 read "01 Mar 2005" seven times, the tone over time 00:00, 06:00, 12:00."""
    from analysis.figures.compare import compare_timeline

    data = spiky()
    data["articles"] = data["articles"].iloc[:3]  # 1 and 2 March 2024
    frame = query.timeline(data, freq="D")
    days = [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-02")]
    for figure in (figures.timeline_chart(frame), figures.tone_timeline(frame),
                   compare_timeline({"Set 1": frame})):
        axis = figure.layout.xaxis
        assert axis.tickmode == "array" and [pd.Timestamp(t) for t in axis.tickvals] == days
        assert list(axis.ticktext) == ["01 Mar 2024", "02 Mar 2024"]
        figure.to_json()
    weekly = figures.timeline_chart(query.timeline(spiky(), freq="W"))
    assert list(weekly.layout.xaxis.ticktext) == ["26 Feb 2024", "04 Mar 2024", "11 Mar 2024",
                                                  "18 Mar 2024"]  # each week's Monday
    long = figures.timeline_chart(query.timeline(spiky(), freq="D"))  # 20 days: Plotly's ticks
    assert long.layout.xaxis.tickvals is None and long.layout.xaxis.tickformat == "%d %b %Y"
    assert long.layout.xaxis.nticks == 6  # dates that fit side by side on a half-page chart


def test_timeline_chart_marks_the_spike_and_states_the_rule():
    frame = query.timeline(spiky(), freq="D")
    figure = figures.timeline_chart(frame)
    titled(figure, "day (UTC)")
    assert figure.layout.yaxis.title.text == "articles per day"
    spike = next(trace for trace in figure.data if trace.name == "spike")
    assert list(spike.y) == [9]
    assert frame.attrs["spike_rule"] in spike.hovertemplate
    # the note above the chart states the same rule, wrapped onto lines that fit half a screen
    note = next(a.text for a in figure.layout.annotations if a.text.startswith("<i>spike"))
    assert " ".join(note.removeprefix("<i>").removesuffix("</i>").split("<br>")).startswith(
        frame.attrs["spike_rule"])
    assert all(len(line) <= 75 for line in note.split("<br>"))


def test_weekly_ticks_show_the_date_and_the_hover_names_the_week():
    """Ticks 'week of 01 Mar 1987' were long enough to be turned and to run into the legend."""
    figure = figures.timeline_chart(query.timeline(spiky(), freq="W"))
    titled(figure, "week (UTC)")
    assert figure.layout.xaxis.tickformat == "%d %b %Y"
    assert "week of" in figure.data[0].hovertemplate
    assert figure.layout.legend.yref == "container"  # below the axis title, never over ticks


def test_timeline_chart_draws_one_line_per_actor():
    frame = query.timeline(tables(), freq="D", by="actor")
    names = [trace.name for trace in figures.timeline_chart(frame).data]
    assert names == ["Iran", "Iraq", "Ryan Crocker", "United States", "spike"]


def test_a_share_between_days_without_articles_is_drawn():
    """Reuters-21578 has days with no stories: the share there is undefined (a gap), and a day
    of Iran's share between two such days was drawn by no line at all over 60 days."""
    days = pd.to_datetime(["2024-03-01", "2024-03-02", "2024-03-20", "2024-04-29"], utc=True)
    articles = pd.DataFrame({schema.ARTICLE_ID: ["a1", "a2", "a3", "a4"],
                             schema.PUBLISHED_AT: days, schema.TONE: 0.0})
    mentions = pd.DataFrame([(a, 0, "Iran", "country", "IRN") for a in ("a1", "a2", "a3")],
                            columns=[schema.ARTICLE_ID, schema.SENTENCE, schema.ACTOR,
                                     schema.ACTOR_TYPE, schema.COUNTRY_CODE])
    frame = query.timeline({"articles": articles, "mentions": mentions}, freq="D", by="actor")
    assert frame["period"].nunique() > 40  # long enough to be drawn as a line without markers
    line = figures.timeline_chart(frame, measure="share").data[0]
    assert line.marker.size is not None, "no value of the line has a marker"
    points = zip(line.x, line.y, line.marker.size, strict=True)
    marked = {str(pd.Timestamp(x).date()) for x, y, size in points if size and not pd.isna(y)}
    # alone between days without articles: Iran's 100 % on 20 March and its 0 % on 29 April
    assert marked == {"2024-03-20", "2024-04-29"}
    counts = figures.timeline_chart(frame).data[0]  # a count is 0 there, never a gap
    assert counts.mode == "lines"


def test_cooccurrence_network_has_a_node_per_actor_and_an_edge_per_pair():
    frame = query.cooccurrence(tables(), level="article")
    figure = figures.cooccurrence_network(frame)
    nodes = next(trace for trace in figure.data if trace.name == "actors")
    assert sorted(nodes.text) == ["Iran", "Iraq", "Ryan Crocker", "United States"]
    edges = [trace for trace in figure.data if trace.mode == "lines"]
    assert len(edges) == 4
    assert edges[0].line.width == 8  # the most frequent pair is the widest
    assert figure.layout.title.text
    figure.to_json()
    assert len(figures.cooccurrence_network(frame, top=1).data[-1].text) == 2


def test_arc_layout_puts_nodes_on_the_sides_of_the_unit_circle():
    points = arc_layout(5)
    assert (points**2).sum(axis=1) == pytest.approx([1.0] * 5)
    assert points[0] == pytest.approx([0.5, 3**0.5 / 2])  # 60° up on the right
    assert (points[:3, 0] > 0).all() and (points[3:, 0] < 0).all()
    assert (abs(points[:, 1]) <= 3**0.5 / 2 + 1e-9).all()  # none at the top or bottom


def test_network_labels_keep_their_distance_however_many_actors():
    actors = [f"Actor number {i}" for i in range(40)]
    frame = pd.DataFrame({"actor_a": actors[:-1], "actor_b": actors[1:], "count": range(39, 0, -1),
                          "mean_tone": 0.0})
    figure = figures.cooccurrence_network(frame)
    nodes = next(trace for trace in figure.data if trace.name == "actors")
    assert len(nodes.x) == 40
    y_per_px = (figure.layout.yaxis.range[1] - figure.layout.yaxis.range[0]) / (
        figure.layout.height - figure.layout.margin.t - figure.layout.margin.b)
    for side in (nodes.x[:20], nodes.x[20:]):
        assert len({x > 0 for x in side}) == 1
    gaps = [abs(a - b) / y_per_px for a, b in zip(nodes.y[:19], nodes.y[1:20], strict=True)]
    assert min(gaps) >= 17


@pytest.mark.parametrize("make", [
    lambda d: figures.topic_bar(query.topic_frequencies(d)),
    lambda d: figures.actor_bar(query.actor_mentions(d)),
    lambda d: figures.actor_tone_bar(query.actor_tone(d)),
    lambda d: figures.cooccurrence_network(query.cooccurrence(d)),
    lambda d: figures.timeline_chart(query.timeline(d)),
    lambda d: figures.tone_histogram(d["articles"]),
    lambda d: figures.tone_by_source(d["articles"]),
])
def test_empty_answers_draw_an_empty_figure_that_says_so(make):
    empty = {name: frame.iloc[0:0] for name, frame in tables().items()}
    figure = make(empty)
    assert any(a.text == "no data to show" for a in figure.layout.annotations)
    figure.to_json()


def test_analysis_never_imports_streamlit():
    code = ("import sys, analysis, analysis.pipeline, analysis.query, analysis.figures\n"
            "assert 'streamlit' not in sys.modules, 'streamlit imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
    offenders = [str(path) for path in ANALYSIS_DIR.rglob("*.py")
                 if "import streamlit" in path.read_text(encoding="utf-8")
                 or "from streamlit" in path.read_text(encoding="utf-8")]
    assert offenders == []


def test_figures_take_frames_not_analyses():
    frame = pd.DataFrame({"topic": ["a"], "articles": [1], "hits": [2], "share": [1.0]})
    assert bars(figures.topic_bar(frame)) == 1


def test_long_labels_are_shortened_on_the_axis_but_not_in_the_data():
    """A half-page chart keeps its bars: a long name is cut on the axis, whole in the data (a
    click gives the actor) and in the hover."""
    frame = pd.DataFrame({"actor": ["Securities and Exchange Commission", "Iran"],
                          "actor_type": ["organisation", "country"], "country_code": [None, None],
                          "mentions": [5, 3], "articles": [2, 1]})
    figure = figures.actor_bar(frame)
    assert "Securities and Exchange Commission" in set(figure.data[0].y)
    axis = figure.layout.yaxis
    assert list(axis.tickvals) == ["Securities and Exchange Commission", "Iran"]
    assert axis.ticktext[0].endswith("…") and len(axis.ticktext[0]) <= 26


def test_shares_mark_no_spike_of_article_counts_and_say_where_spikes_are():
    """The spike rule counts articles: on the Actors page's shares (reut2-000..005) 2 March,
    when the whole collection went from 39 articles to 600, was marked a spike on the
    United States' share, which had fallen from 31 % to 20 %."""
    frame = query.timeline(spiky(), freq="D")
    assert frame["spike"].any()
    counts = figures.timeline_chart(frame)
    assert [t.name for t in counts.data if t.name == "spike"] == ["spike"]
    shares = figures.timeline_chart(frame, measure="share")
    assert "spike" not in [t.name for t in shares.data]
    note = shares.layout.annotations[0].text
    assert "marked on the view of<br>articles, not on shares" in note and "undated" in note


def test_a_timeline_of_shares_plots_percentages():
    frame = query.timeline(tables(), by="actor", keys=["Iraq"])
    figure = figures.timeline_chart(frame, measure="share")
    assert list(figure.data[0].y) == [50.0, 100.0]
    assert "% of all articles" in figure.layout.yaxis.title.text
    with pytest.raises(ValueError, match="measure='count'"):
        figures.timeline_chart(frame, measure="count")
# article fields as an attacker writes them: a link, Plotly's formatting tags, a template field
LINK = '<a href="https://evil.example" style="font-size:400px;opacity:0.01">Iran</a>'
HOSTILE = {"Iran": LINK, "Iraq": "Iraq<br><sup>%{x}</sup>", "Reuters": '<span style="x">R</span>',
           "bombing": "<b>bombing</b> &amp; <i>more</i>", "diplomacy": "dip%{meta}"}


def hostile_tables() -> dict[str, pd.DataFrame]:
    data = tables()
    data["mentions"]["actor"] = data["mentions"]["actor"].replace(HOSTILE)
    data["topics"]["topic"] = data["topics"]["topic"].replace(HOSTILE)
    articles = data["articles"]
    articles["source"] = articles["source"].replace(HOSTILE)
    articles["title"] = [LINK, "<sub>t</sub>", "%{y}", None]
    articles["polarity"] = [0.1, -0.2, 0.0, 0.3]
    articles["text"] = ["<b>Iran</b> and <a href=x>Iraq</a> talked.", *articles["text"][1:]]
    return data


def strings(value, key: str = ""):
    """(key, string) for every string in a figure's JSON tree."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from strings(item, name)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item, key)
    elif hasattr(value, "tolist"):
        yield from strings(value.tolist(), key)
    elif isinstance(value, str):
        yield key, value


@pytest.mark.parametrize("make", [
    lambda t: figures.topic_bar(query.topic_frequencies(t)),
    lambda t: figures.actor_bar(query.actor_mentions(t)),
    lambda t: figures.keyword_bar(pd.DataFrame({"term": [LINK, "<sup>x</sup>"], "count": [3, 2],
                                                "articles": [2, 1]})),
    lambda t: figures.actor_tone_bar(query.actor_tone(t)),
    lambda t: figures.tone_by_source(t["articles"]),
    lambda t: figures.timeline_chart(query.timeline(t, freq="D", by="actor")),
    lambda t: figures.cooccurrence_network(query.cooccurrence(t, level="article")),
    lambda t: figures.group_tone_bar(query.tone_by(t, by="topic"), by="topic"),
    lambda t: figures.tone_comparison(t["articles"]),
], ids=["topics", "actors", "keywords", "actor_tone", "sources", "timeline", "network",
        "topic_tone", "comparison"])
def test_article_fields_reach_plotly_as_text_never_as_markup(make):
    """A source '<a href=…>' became a live link over a chart (issue 20): every article field
    is escaped; only the figure's own hover templates and notes hold markup."""
    figure = make(hostile_tables())
    found = list(strings(figure.to_plotly_json()))
    ours = {"hovertemplate", "text"}  # templates, and notes: checked for the fields below
    for key, text in found:
        if key not in ours and not text.startswith("<br><i>fewer than"):  # a bar's own note
            assert "<" not in text and "%{" not in text, (key, text)
        for raw in (*HOSTILE.values(), LINK, "<sub>t</sub>", "<b>iran</b>", "<b>Iran</b>"):
            assert raw not in text, (key, text)
    shown = " ".join(text for _, text in found)
    assert "&lt;" in shown  # the fields are there, written as text


def test_a_clicked_label_gives_back_the_field_itself():
    for value in (*HOSTILE.values(), "AT&T", "100% sure", "plain"):
        assert figures.plain_text(figures.plotly_text(value)) == value
    assert figures.plain_text(3.5) == 3.5


def test_the_house_template_is_put_in_unchecked_yet_the_same_and_a_copy():
    """`style` skips Plotly's second check of the template it built: the figure is the one a
    checked assignment gives, and changing one figure's template changes no other."""
    from analysis.figures.charts import TEMPLATE, style

    fast = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    style(fast, title="t", x_title="x", y_title="y")
    checked = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    style(checked, title="t", x_title="x", y_title="y")
    checked.layout.template = TEMPLATE  # Plotly's own assignment, checked
    assert fast.to_json() == checked.to_json()
    assert fast.layout._validate  # checking is back on for what the chart sets next
    fast.layout.template.layout.font.size = 99
    assert TEMPLATE.layout.font.size != 99 and checked.layout.template.layout.font.size != 99
