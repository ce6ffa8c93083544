"""Figures drawn once for every user (dashboard/data.py `figure`): the same answer gives the
same figure, drawn as the chart itself draws it; anything that changes the answer or the
drawing gives another."""

from analysis import figures, query, store
from analysis.query import Filters
from dashboard import data


def test_the_same_answer_is_drawn_once_as_the_chart_draws_it(sample_store):
    with store.connect(sample_store) as con:
        actors = query.actor_mentions(con, Filters(), top=15)
        again = query.actor_mentions(con, Filters(), top=15)  # another frame, the same cells
    drawn = data.figure(figures.actor_bar, actors)
    assert data.figure(figures.actor_bar, again) is drawn
    assert drawn.to_json() == figures.actor_bar(actors).to_json()


def test_other_cells_attrs_options_or_charts_draw_another(reuters_store):
    with store.connect(reuters_store) as con:
        weekly = query.timeline(con, Filters(), freq="W")
        topics = query.topic_frequencies(con, Filters())
    assert len(weekly) > 2
    drawn = data.figure(figures.timeline_chart, weekly, measure="articles")
    relabelled = weekly.copy()
    relabelled.attrs = {**weekly.attrs, "freq": "M"}  # the same cells, read as months
    assert data.figure(figures.timeline_chart, relabelled, measure="articles") is not drawn
    assert data.figure(figures.timeline_chart, weekly, measure="share") is not drawn
    assert data.figure(figures.timeline_chart, weekly.head(2), measure="articles") is not drawn
    assert data.figure(figures.topic_bar, topics) is not data.figure(figures.topic_bar,
                                                                     topics.head(3))


def test_answers_in_a_dict_key_the_figure_by_each_frame_and_its_attrs(reuters_store):
    with store.connect(reuters_store) as con:
        lines = {"Set 1": query.timeline(con, Filters(), freq="W"),
                 "Set 2": query.timeline(con, Filters(), freq="M")}
    drawn = data.figure(figures.compare_timeline, lines)
    assert data.figure(figures.compare_timeline, dict(lines)) is drawn
    swapped = {"Set 1": lines["Set 1"], "Set 2": lines["Set 2"].assign(articles=0)}
    assert data.figure(figures.compare_timeline, swapped) is not drawn
    assert not lines["Set 2"].empty


def test_an_answer_given_again_by_the_cache_draws_no_new_figure(reuters_store, monkeypatch):
    """What the pages do: each run gets its own copy of a cached answer (st.cache_data
    unpickles it), and the figure drawn for the first run is the one every later run gets."""
    monkeypatch.setenv("PRESSLENS_STORE", str(reuters_store))
    first = data.ask(query.timeline, Filters(), freq="W")
    again = data.ask(query.timeline, Filters(), freq="W")
    assert first is not again
    drawn = data.figure(figures.timeline_chart, first, measure="articles")
    assert data.figure(figures.timeline_chart, again, measure="articles") is drawn
    assert data.figure(figures.timeline_chart, first.head(3), measure="articles") is not drawn
