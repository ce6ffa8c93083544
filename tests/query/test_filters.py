"""The filter parts: from arguments to SQL, parameters and words without a database; then what
they select on a real store."""

from datetime import date

import pytest

from analysis import query, store
from analysis.query import Filters, describe, to_sql
from analysis.query.filters import Dates, Listed, Named, Search, Tone
from analysis.query.matches import Found
from analysis.store.ingest import ingest

IDS = {"actors": {"Iran": 1, "Iraq": 2, "Nakasone": 70}, "topics": {"economy": 1}}


def test_no_filter_is_true_sql_and_all_articles():
    assert to_sql(Filters()) == ("TRUE", [])
    assert describe(Filters()) == "all articles"


@pytest.mark.parametrize(("filters", "sql", "params", "words"), [
    (Filters(start=date(1987, 3, 1), end=date(1987, 4, 30)),
     "(f.day >= ?::DATE AND f.day <= ?::DATE)", ["1987-03-01", "1987-04-30"],
     "1 Mar – 30 Apr 1987"),
    (Filters(start=date(1987, 3, 1), end=date(1987, 3, 9), include_undated=True),
     "((f.day >= ?::DATE AND f.day <= ?::DATE) OR f.day IS NULL)", ["1987-03-01", "1987-03-09"],
     "1 – 9 Mar 1987, and undated ones"),
    (Filters(start=date(1987, 3, 1)), "(f.day >= ?::DATE)", ["1987-03-01"], "from 1 Mar 1987"),
    (Filters(include_undated=False), "f.day IS NOT NULL", [], "with a date"),
])
def test_dates(filters, sql, params, words):
    assert Dates().sql(filters, query.filters.Context()) == (sql, params)
    assert Dates().words(filters) == words


def test_a_date_range_leaves_undated_articles_out_unless_asked():
    assert not Filters(end=date(1987, 1, 1)).undated_kept()
    assert Filters(end=date(1987, 1, 1), include_undated=True).undated_kept()
    assert Filters().undated_kept() and not Filters(include_undated=False).undated_kept()


def test_sources_and_languages():
    part = Listed("sources", "source", "from")
    filters = Filters(sources=("Reuters", "AP"))
    assert part.sql(filters, query.filters.Context(alias="x")) == (
        "list_contains(?, x.source)", [["Reuters", "AP"]])
    unknown = Listed("sources", "source", "from", missing="(unknown)")
    assert unknown.sql(Filters(sources=("(unknown)",)), query.filters.Context(alias="x")) == (
        "list_contains(?, coalesce(x.source, ?))", [["(unknown)"], "(unknown)"])
    assert part.words(filters) == "from Reuters or AP"
    assert part.sql(Filters(), query.filters.Context()) is None


def test_any_actor_is_one_mask_or_a_join_for_rare_ones():
    ctx = query.filters.Context(ids=IDS)
    part = Named("actors", "actors", every=False, lead="naming")
    assert part.sql(Filters(actors=("Iran", "Iraq")), ctx) == (
        "((f.top_names & 3::UBIGINT) <> 0)", [])
    sql, params = part.sql(Filters(actors=("Iran", "Nakasone")), ctx)
    assert sql == ("((f.top_names & 1::UBIGINT) <> 0 OR f.a IN (SELECT a FROM facts_actors "
                   "WHERE name_lead AND name_id IN (SELECT unnest(?))))")
    assert params == [[70]]
    assert part.words(Filters(actors=("Iran", "Iraq"))) == "naming Iran or Iraq"


def test_all_actors_is_a_condition_each():
    ctx = query.filters.Context(ids=IDS)
    part = Named("actors", "actors_all", every=True, lead="naming")
    assert part.sql(Filters(actors_all=("Iran", "Iraq")), ctx) == (
        "((f.top_names & 1::UBIGINT) <> 0) AND ((f.top_names & 2::UBIGINT) <> 0)", [])
    # an actor the store does not know is in no article: nothing can name all of them
    assert part.sql(Filters(actors_all=("Iran", "Atlantis")), ctx) == ("FALSE", [])


@pytest.mark.parametrize(("filters", "words"), [
    (Filters(actors=("Iran",)).narrowed(actor="Iraq"), "articles naming Iran and Iraq"),
    (Filters(actors=("Iran", "Iraq")).narrowed(actor="Syria"),
     "articles naming Iran or Iraq, and Syria"),
    (Filters().narrowed(topic="economy"), "articles about economy"),
    (Filters(actors=("Iran",), start=date(1987, 3, 1), end=date(1987, 4, 30),
             sources=("Reuters",)).narrowed(actor="Iraq"),
     "articles naming Iran and Iraq, 1 Mar – 30 Apr 1987, from Reuters"),
])
def test_the_filter_set_in_words(filters, words):
    assert describe(filters) == words


def test_a_click_narrows_and_never_repeats_a_value():
    once = Filters(actors=("Iran",)).narrowed(actor="Iraq")
    assert once == Filters(actors=("Iran",), actors_all=("Iraq",))
    assert once.narrowed(actor="Iraq") == once
    assert Filters(actors=("Iran",)).narrowed(actor="Iran") == Filters(actors=("Iran",))


def test_tone_and_search():
    ctx = query.filters.Context(found=Found(bits="0101", negated=True, matched=2))
    assert Tone().sql(Filters(tone_min=-0.2), ctx) == ("f.tone >= ?", [-0.2])
    assert Tone().words(Filters(tone_min=-0.2, tone_max=0.1)) == "with tone -0.20 to +0.10"
    # a query that keeps what it does not match (-oil) keeps the articles whose bit is 0
    assert Search().sql(Filters(search="-oil"), ctx) == ("get_bit(?::BIT, f.a) = 0", ["0101"])


def test_a_filter_on_actors_needs_their_ids():
    with pytest.raises(ValueError, match="use facts_sql"):
        to_sql(Filters(actors=("Iran",)))


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, sample_path):
    path = tmp_path_factory.mktemp("f") / "s.duckdb"
    ingest([sample_path], store=path)
    return path


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), 1),
    (Filters(actors=("Ryan Crocker",)), 1),
    (Filters(actors=("Canada",)), 0),  # only in the removed boilerplate
    (Filters(actors_all=("Iran", "Ryan Crocker")), 1),
    (Filters(actors_all=("Iran", "Canada")), 0),
    (Filters(topics=("nuclear programme",)), 1),
    (Filters(topics=("elections",)), 0),
    (Filters(search="car bomb"), 1),
    (Filters(search="Exit mobile version"), 0),
    (Filters(start=date(2000, 1, 1)), 0),  # the sample has no date: out of any range
    (Filters(start=date(2000, 1, 1), include_undated=True), 1),
    (Filters(tone_min=0.9), 0),
])
def test_filters_select_the_right_articles(sample_store, filters, expected):
    with store.connect(sample_store) as con:
        page, total = query.article_list(con, filters)
        exported = query.export_articles(con, filters)
    assert expected == total == len(page) == len(exported)


def test_facets_offer_what_is_stored(sample_store):
    with store.connect(sample_store) as con:
        facets = query.facets(con)
    assert facets["sources"] == ["Reuters"] and facets["undated"] == 1
    assert {"Iran", "Ryan Crocker"} <= set(facets["actors"])
    assert "sectarian violence" in facets["topics"] and facets["first"] is None


def test_export_has_every_column_of_the_matching_articles(sample_store):
    with store.connect(sample_store) as con:
        everything = query.export_articles(con, Filters())
    assert {"text", "title", "related_headlines", "tone", "polarity"} <= set(everything.columns)
