"""Queries over the enrichment tables, checked on small frames made in code with exact answers."""

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import query, schema
from analysis.pipeline import Analysis


def tables() -> dict[str, pd.DataFrame]:
    """Four articles (one undated), six sentences, ten mentions, four topic hits."""
    articles = pd.DataFrame({
        schema.ARTICLE_ID: ["a1", "a2", "a3", "a4"],
        schema.PUBLISHED_AT: pd.to_datetime(["2024-01-01 08:00", "2024-01-01 22:00",
                                             "2024-01-02 09:00", None], utc=True),
        schema.TONE: [0.2, -0.4, 0.0, 0.1],
        schema.SOURCE: ["Reuters", "AP", "Reuters", None],
        schema.TEXT: ["Iran and the United States talked.", "Iran, Iraq.", "Iraq, Iran.",
                      "Iran."],
    })
    sentences = pd.DataFrame({
        schema.ARTICLE_ID: ["a1", "a1", "a2", "a2", "a3", "a4"],
        schema.SENTENCE: [0, 1, 0, 1, 0, 0],
        schema.TONE: [0.5, -0.1, -0.6, 0.0, 0.3, 0.1],
    })
    rows = [("a1", 0, "Iran", "country", "IRN"), ("a1", 0, "United States", "country", "USA"),
            ("a1", 1, "Iran", "country", "IRN"), ("a1", 1, "Iran", "country", "IRN"),
            ("a2", 0, "Iran", "country", "IRN"), ("a2", 0, "Iraq", "country", "IRQ"),
            ("a2", 1, "Ryan Crocker", "person", "USA"), ("a3", 0, "Iraq", "country", "IRQ"),
            ("a3", 0, "Iran", "country", "IRN"), ("a4", 0, "Iran", "country", None)]
    mentions = pd.DataFrame(rows, columns=[schema.ARTICLE_ID, schema.SENTENCE, schema.ACTOR,
                                           schema.ACTOR_TYPE, schema.COUNTRY_CODE])
    topics = pd.DataFrame({
        schema.ARTICLE_ID: ["a1", "a2", "a2", "a3"],
        schema.TOPIC: ["diplomacy", "diplomacy", "bombing", "bombing"],
        schema.HITS: [2, 1, 3, 1],
    })
    return {"articles": articles, "sentences": sentences, "mentions": mentions, "topics": topics}


def records(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in row)
            for row in frame.itertuples(index=False)]


def test_topic_frequencies():
    frame = query.topic_frequencies(tables())
    assert list(frame.columns) == ["topic", "articles", "hits", "share"]
    assert records(frame) == [("bombing", 2, 4, 0.5), ("diplomacy", 2, 3, 0.5)]


def test_actor_mentions():
    frame = query.actor_mentions(tables())
    assert list(frame.columns) == ["actor", "actor_type", "country_code", "mentions", "articles",
                                   "ambiguous"]
    assert records(frame) == [("Iran", "country", "IRN", 6, 4, False),
                              ("Iraq", "country", "IRQ", 2, 2, False),
                              ("Ryan Crocker", "person", "USA", 1, 1, False),
                              ("United States", "country", "USA", 1, 1, False)]
    assert query.actor_mentions(tables(), actor_type="person")["actor"].tolist() == [
        "Ryan Crocker"]
    assert query.actor_mentions(tables(), top=2)["actor"].tolist() == ["Iran", "Iraq"]


def test_an_actor_without_a_country_has_none():
    data = tables()
    data["mentions"] = data["mentions"].assign(country_code=None)
    assert query.actor_mentions(data)["country_code"].tolist() == [None] * 4


def test_actor_tone_averages_each_sentence_once():
    frame = query.actor_tone(tables())
    assert list(frame.columns) == ["actor", "actor_type", "tone", "n_sentences", "low_evidence"]
    # Iran: sentences a1/0, a1/1 (named twice, counted once), a2/0, a3/0, a4/0
    assert records(frame) == [("Iran", "country", 0.04, 5, False),
                              ("Iraq", "country", -0.15, 2, True),
                              ("Ryan Crocker", "person", 0.0, 1, True),
                              ("United States", "country", 0.5, 1, True)]
    assert query.actor_tone(tables(), min_sentences=2)["actor"].tolist() == ["Iran", "Iraq"]


def test_cooccurrence_in_sentences():
    frame = query.cooccurrence(tables())
    assert list(frame.columns) == ["actor_a", "actor_b", "count", "mean_tone"]
    assert records(frame) == [("Iran", "Iraq", 2, -0.15), ("Iran", "United States", 1, 0.5)]
    assert records(query.cooccurrence(tables(), min_count=2)) == [("Iran", "Iraq", 2, -0.15)]


def test_dateline_mentions_pair_only_at_article_level():
    data = tables()
    rows = [("a1", -1, "Baghdad", "place", "IRQ"), ("a1", -1, "Tehran", "place", "IRN")]
    dateline = pd.DataFrame(rows, columns=data["mentions"].columns)
    data["mentions"] = pd.concat([data["mentions"], dateline], ignore_index=True)
    assert "Baghdad" not in set(query.cooccurrence(data)[["actor_a", "actor_b"]].stack())
    assert "Baghdad" in set(query.cooccurrence(data, level="article")["actor_a"])


def test_cooccurrence_in_articles():
    frame = query.cooccurrence(tables(), level="article")
    assert records(frame) == [("Iran", "Iraq", 2, -0.2), ("Iran", "Ryan Crocker", 1, -0.4),
                              ("Iran", "United States", 1, 0.2), ("Iraq", "Ryan Crocker", 1, -0.4)]


def test_timeline_per_day():
    frame = query.timeline(tables(), freq="D")
    assert list(frame.columns) == ["period", "articles", "share", "mentions", "mean_tone",
                                   "baseline", "threshold", "spike"]
    assert frame["share"].tolist() == [1.0, 1.0]
    assert frame["period"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-02")]
    assert records(frame[["articles", "mentions", "mean_tone"]]) == [(2, 7, -0.1), (1, 2, 0.0)]
    assert not frame["spike"].any()
    assert frame.attrs["undated"] == 1
    assert "previous 7 days" in frame.attrs["spike_rule"]


def test_timeline_per_actor_and_topic():
    by_actor = query.timeline(tables(), by="actor", keys=["Iran", "Iraq"])
    assert records(by_actor[["actor", "articles", "mentions"]]) == [
        ("Iran", 2, 4), ("Iran", 1, 1), ("Iraq", 1, 1), ("Iraq", 1, 1)]
    by_topic = query.timeline(tables(), by="topic")
    assert records(by_topic[["topic", "articles", "mentions"]]) == [
        ("bombing", 1, 3), ("bombing", 1, 2), ("diplomacy", 2, 7), ("diplomacy", 0, 0)]
    assert by_topic["mean_tone"].isna().tolist() == [False, False, False, True]
    assert query.timeline(tables(), by="actor", top=1)["actor"].unique().tolist() == ["Iran"]


def test_a_share_is_of_all_articles_of_the_period_not_of_the_filtered_ones():
    """Share of voice: Iraq is named in one of the two articles of 1 January, and in the only
    one of 2 January, whatever else the view is filtered on."""
    by_actor = query.timeline(tables(), by="actor", keys=["Iraq"])
    assert by_actor["share"].tolist() == [0.5, 1.0]
    under_a_filter = query.timeline(tables(), query.Filters(actors=("Iraq",)))
    assert under_a_filter["articles"].tolist() == [1, 1]
    assert under_a_filter["share"].tolist() == [0.5, 1.0]


def test_timeline_weeks_and_months_start_on_monday_and_the_first():
    data = tables()
    data["articles"] = data["articles"].assign(published_at=pd.to_datetime(
        ["2024-01-03 00:00", "2024-01-07 23:59", "2024-02-29 12:00", None], utc=True))
    weeks = query.timeline(data, freq="W")
    assert weeks["period"].iloc[0] == pd.Timestamp("2024-01-01")  # a Monday
    assert weeks["articles"].iloc[0] == 2 and len(weeks) == 9
    months = query.timeline(data, freq="M")
    assert months["period"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")]
    assert "previous 7 months" in months.attrs["spike_rule"]


def spiky() -> dict[str, pd.DataFrame]:
    """Twenty days of 1 or 2 articles, and 9 on the eleventh day."""
    counts = [1, 2] * 5 + [9] + [1, 2] * 4 + [1]
    days = pd.date_range("2024-03-01", periods=len(counts), freq="D", tz="UTC")
    stamps = [day for day, n in zip(days, counts, strict=True) for _ in range(n)]
    articles = pd.DataFrame({schema.ARTICLE_ID: [f"a{i}" for i in range(len(stamps))],
                             schema.PUBLISHED_AT: stamps, schema.TONE: 0.0})
    mentions = pd.DataFrame(columns=[schema.ARTICLE_ID, schema.SENTENCE, schema.ACTOR])
    return {"articles": articles, "mentions": mentions}


def test_one_obvious_spike_is_flagged_and_nothing_else():
    frame = query.timeline(spiky(), freq="D", window=7, z=2.0)
    assert frame.loc[frame["spike"], "period"].tolist() == [pd.Timestamp("2024-03-11")]
    day = frame.set_index("period").loc[pd.Timestamp("2024-03-11")]
    assert day["baseline"] == pytest.approx(11 / 7)  # the 7 days before: 2,1,2,1,2,1,2
    assert frame["baseline"].isna().sum() == 3  # no baseline before three previous days


def test_the_spike_needs_min_articles():
    frame = query.timeline(spiky(), freq="D", min_articles=10)
    assert not frame["spike"].any()
    assert "at least 10 articles" in frame.attrs["spike_rule"]


def test_queries_accept_an_object_with_table_attributes():
    source = SimpleNamespace(**tables())
    assert query.topic_frequencies(source)["topic"].tolist() == ["bombing", "diplomacy"]


def test_a_missing_table_is_taken_as_empty():
    data = tables()
    del data["topics"]
    assert query.topic_frequencies(data).empty
    assert query.actor_mentions(data)["actor"].iloc[0] == "Iran"


def test_an_analysis_is_loaded_once_and_kept_while_it_lives():
    empty = pd.DataFrame()
    result = Analysis(**tables(), quotes=empty, events=empty, article_topics=empty,
                      topic_terms=empty)
    assert query.connection(result) is query.connection(result)
    assert query.topic_frequencies(result)["topic"].tolist() == ["bombing", "diplomacy"]


def test_empty_tables_give_empty_answers_with_the_columns():
    data = {name: frame.iloc[0:0] for name, frame in tables().items()}
    assert query.topic_frequencies(data).empty
    assert list(query.actor_mentions(data).columns)[-2:] == ["articles", "ambiguous"]
    assert query.actor_tone(data).empty and query.cooccurrence(data).empty
    frame = query.timeline(data, by="actor")
    assert frame.empty and "actor" in frame.columns and frame.attrs["undated"] == 0


@pytest.mark.parametrize(("call", "message"), [
    (lambda d: query.timeline(d, freq="Y"), r"freq='Y' is not valid; choose one of \['D'"),
    (lambda d: query.timeline(d, by="source"), r"by='source'.*\[None, 'actor', 'topic'\]"),
    (lambda d: query.timeline(d, window=1), "window=1 must be >= 2"),
    (lambda d: query.cooccurrence(d, level="paragraph"), r"\['sentence', 'article'\]"),
    (lambda d: query.cooccurrence(d, min_count=0), "min_count=0"),
    (lambda d: query.actor_mentions(d, actor_type="city"), "'organisation'"),
    (lambda d: query.actor_mentions(d, top=0), "top=0"),
    (lambda d: query.actor_tone(d, min_sentences=0), "min_sentences=0"),
    (lambda d: query.topic_frequencies({}), "no 'articles' table in dict"),
])
def test_unknown_options_are_refused_with_the_valid_ones(call, message):
    with pytest.raises(ValueError, match=message):
        call(tables())


def test_keywords_delegates_to_the_keyword_step():
    frame = query.keywords(tables(), top=3)
    assert list(frame.columns) == ["term", "n_words", "count", "articles"]
    assert frame.iloc[0]["term"] == "iran" and frame.iloc[0]["count"] == 4


def test_articles_with_no_source_count_as_one_source_and_can_be_chosen():
    """A view of stories that name no source must not say "Sources 0" (issue 14): the
    missing source is "(unknown)", counted, offered and filtered on like any other."""
    unknown = tables()
    unknown["articles"] = unknown["articles"].assign(**{schema.SOURCE: None})
    assert query.summary(unknown)["sources"] == 1
    assert query.summary(tables())["sources"] == 3
    assert query.facets(tables())["sources"] == ["Reuters", schema.UNKNOWN, "AP"]
    chosen = query.Filters(sources=(schema.UNKNOWN, "AP"))
    assert sorted(query.article_list(tables(), chosen)[0]["article_id"]) == ["a2", "a4"]
    assert query.summary(unknown, query.Filters(sources=("Reuters",)))["articles"] == 0


def test_articles_per_language_and_how_many_were_scored():
    data = tables()
    data["articles"] = data["articles"].assign(**{
        schema.LANGUAGE: ["en", "fr", "en", None], schema.TONE: [0.2, None, 0.0, 0.1]})
    frame = query.languages(data)
    assert records(frame) == [("en", 2, 2), ("fr", 1, 0), (None, 1, 1)]
    assert query.summary(data)["mean_tone"] == pytest.approx(0.1)  # the French one left out
    assert query.tone_bins(data)["articles"].sum() == 3
    assert query.summary(data, query.Filters(tone_min=-1.0))["articles"] == 3


def test_a_tone_bar_lists_exactly_the_articles_it_counts():
    """A click on a histogram bar lists its articles (`tone_bin_filters`): a tone on an edge
    belongs to one bar only, the one above it (0.00 to [0.00, 0.05), not also to
    [-0.05, 0.00)); -0.05, which the quotient (0.95 / 0.05) puts just under 19, to the bar
    that starts at it; 1 to the last bar."""
    data = tables()
    edges = [-0.05, 0.0, 0.0, 1.0]
    data["articles"] = data["articles"].assign(**{schema.TONE: edges})
    bins = query.tone_bins(data)
    assert records(bins[["start", "articles"]]) == [(-0.05, 1), (0.0, 2), (0.95, 1)]
    for row in bins.itertuples(index=False):
        narrowed = query.tone_bin_filters(query.Filters(), row.centre)
        assert query.summary(data, narrowed)["articles"] == row.articles
    assert query.summary(data, query.tone_bin_filters(None, -0.025))["articles"] == 1


def test_each_tone_bar_of_a_reuters_store_lists_as_many_articles_as_it_counts(reuters_store):
    from analysis import store

    with store.connect(reuters_store) as con:
        bins = query.tone_bins(con)
        listed = [query.summary(con, query.tone_bin_filters(None, centre))["articles"]
                  for centre in bins["centre"]]
        scored = con.execute("SELECT count(tone) FROM facts_articles").fetchall()[0][0]
    assert listed == bins["articles"].tolist()
    assert sum(listed) == scored  # each scored article under one bar
