"""Filters in a URL: a round trip, and links that do not fit (malformed, reversed, out of the
store's range, naming what the store lacks) opening with a notice of each change."""

from datetime import date

import pytest

from analysis import store
from analysis.query import Filters
from analysis.query.links import fit_to_store, from_params, to_params

EXAMPLES = [
    Filters(),
    Filters(start=date(1987, 3, 1), end=date(1987, 3, 31), include_undated=False),
    Filters(sources=("Reuters", "AP"), actors=("Iran", "Ryan Crocker"), topics=("oil and energy",)),
    Filters(actors=("Iran",), actors_all=("Iraq", "Syria"), topics_all=("economy",)),
    Filters(tone_min=-0.5, tone_max=0.25, search="50% of O'Brien_s"),
]


@pytest.mark.parametrize("filters", EXAMPLES)
def test_url_round_trip(filters):
    assert from_params(to_params(filters)) == (filters, [])


@pytest.mark.parametrize(("params", "said"), [
    ({"start": "yesterday"}, "start='yesterday' ignored: not a date"),
    ({"tone_min": "7"}, "tone_min='7' ignored: tone lies within -1 and 1"),
    ({"tone_max": "x"}, "tone_max='x' ignored: not a number"),
    ({"include_undated": "maybe"}, "include_undated='maybe' ignored: must be 0 or 1"),
])
def test_malformed_values_are_dropped_with_a_notice(params, said):
    filters, notices = from_params(params)
    assert filters == Filters()
    assert len(notices) == 1 and said in notices[0]


def test_reversed_dates_are_swapped_with_a_notice():
    filters, notices = from_params({"start": "1987-04-30", "end": "1987-03-01"})
    assert (filters.start, filters.end) == (date(1987, 3, 1), date(1987, 4, 30))
    assert "reversed" in notices[0]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, sample_path):
    from analysis.store.ingest import ingest

    path = tmp_path_factory.mktemp("links") / "s.duckdb"
    ingest([sample_path], store=path)
    return path


def test_values_the_store_lacks_are_dropped_with_a_notice(sample_store):
    wanted = Filters(actors=("Iran", "Atlantis"), actors_all=("Ryan Crocker",),
                     sources=("Reuters", "Pravda"), topics=("no such topic",))
    with store.connect(sample_store) as con:
        fitted, notices = fit_to_store(con, wanted, first=None, last=None)
    assert fitted == Filters(actors=("Iran",), actors_all=("Ryan Crocker",),
                             sources=("Reuters",))
    assert len(notices) == 3
    assert any("actor Atlantis" in n for n in notices)
    assert any("source Pravda" in n for n in notices)


@pytest.mark.parametrize(("wanted", "fitted", "said"), [
    (Filters(start=date(1980, 1, 1)), Filters(start=date(1987, 2, 26)), "before the first"),
    (Filters(end=date(2031, 1, 1)), Filters(end=date(1987, 10, 20)), "after the last"),
    (Filters(start=date(2030, 1, 1), end=date(2031, 1, 1)), Filters(), "outside"),
    (Filters(start=date(1987, 3, 1)), Filters(start=date(1987, 3, 1)), None),
])
def test_dates_are_clamped_to_the_stored_span(sample_store, wanted, fitted, said):
    with store.connect(sample_store) as con:
        got, notices = fit_to_store(con, wanted, first=date(1987, 2, 26),
                                    last=date(1987, 10, 20))
    assert got == fitted
    assert (notices == []) if said is None else (said in notices[0])
