"""The shared filter set: URL round trip, tolerance of bad URLs, and its SQL on a real store."""

from datetime import date

import pytest

from analysis import explore, store
from analysis.filters import Filters, from_params, to_params, to_sql
from analysis.ingest import ingest

EXAMPLES = [
    Filters(),
    Filters(start=date(1987, 3, 1), end=date(1987, 3, 31), include_undated=False),
    Filters(sources=("Reuters", "AP"), actors=("Iran", "Ryan Crocker"), topics=("oil and energy",)),
    Filters(tone_min=-0.5, tone_max=0.25, search="50% of O'Brien_s"),
]


@pytest.mark.parametrize("filters", EXAMPLES)
def test_url_round_trip(filters):
    assert from_params(to_params(filters)) == filters


def test_no_filter_is_an_empty_url_and_true_sql():
    assert to_params(Filters()) == {} and to_sql(Filters()) == ("TRUE", [])


@pytest.mark.parametrize("params", [{"start": "yesterday"}, {"tone_min": "7"},
                                    {"tone_max": "x"}, {"include_undated": "maybe"}])
def test_malformed_values_are_ignored(params):
    assert from_params(params).start is None and from_params(params).tone_min is None


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, sample_path):
    path = tmp_path_factory.mktemp("f") / "s.duckdb"
    ingest([sample_path], store=path)
    return path


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), 1),
    (Filters(actors=("Ryan Crocker",)), 1),
    (Filters(actors=("Canada",)), 0),  # only in the removed boilerplate
    (Filters(topics=("nuclear programme",)), 1),
    (Filters(topics=("elections",)), 0),
    (Filters(search="car bomb"), 1),
    (Filters(search="Exit mobile version"), 0),
    (Filters(start=date(2000, 1, 1)), 1),  # the sample has no date: kept with include_undated
    (Filters(start=date(2000, 1, 1), include_undated=False), 0),
    (Filters(tone_min=0.9), 0),
])
def test_filters_select_the_right_articles(sample_store, filters, expected):
    with store.connect(sample_store) as con:
        tables = explore.filtered_tables(con, filters)
        page, total = explore.article_list(con, filters)
    assert len(tables["articles"]) == expected == total == len(page)
    assert set(tables["mentions"]["article_id"]) <= set(tables["articles"]["article_id"])


def test_facets_offer_what_is_stored(sample_store):
    with store.connect(sample_store) as con:
        facets = explore.facets(con)
    assert facets["sources"] == ["Reuters"] and facets["undated"] == 1
    assert {"Iran", "Ryan Crocker"} <= set(facets["actors"])
    assert "sectarian violence" in facets["topics"] and facets["first"] is None


def test_export_has_every_column_of_the_matching_articles(sample_store):
    with store.connect(sample_store) as con:
        everything = explore.export_articles(con, Filters())
        nothing = explore.export_articles(con, Filters(search="no such words"))
    assert len(everything) == 1 and nothing.empty
    assert {"text", "title", "related_headlines", "tone", "polarity"} <= set(everything.columns)
