"""`analyze`: steps in order, tables conformed, offsets true; on made-up articles and the sample."""

import dataclasses

import pandas as pd
import pytest

from analysis import schema
from analysis.clean.articles import load_articles
from analysis.enrich.actor_table import load_actors
from analysis.enrich.topics import load_taxonomy
from analysis.pipeline.enrichment import (
    ANALYZED_ARTICLE_COLUMNS,
    Analysis,
    analyze,
    complete_articles,
)

TALKS = (
    "Washington's top official in Iraq said he told an Iranian delegation that Tehran should "
    "stop supporting militias in Iraq but described rare talks on Monday as positive.\n\n"
    "United States Ambassador to Iraq Ryan Crocker said the talks ended without setting a date "
    "for another meeting.\n\n"
    "“The talks proceeded positively. What we need to see is Iranian action on the ground,” "
    "Crocker told reporters."
)
BOMB = (
    "A car bomb exploded in the busy commercial area of Sinak in central Baghdad, killing 19 "
    "people and wounding 46 others. Police blamed militants for the terrible attack."
)
TABLES = {
    "articles": ANALYZED_ARTICLE_COLUMNS, "sentences": schema.SENTENCE_COLUMNS,
    "mentions": schema.MENTION_COLUMNS, "topics": schema.TOPIC_COLUMNS,
    "quotes": schema.QUOTE_COLUMNS, "events": schema.EVENT_COLUMNS,
}


def made_up() -> pd.DataFrame:
    return pd.DataFrame({
        schema.ARTICLE_ID: ["talks", "copy", "bomb"],
        schema.TITLE: ["U.S. tells Iran to stop backing Iraq militias"] * 2 + ["Car bomb"],
        schema.TEXT: [TALKS, TALKS.replace("Monday", "Tuesday"), BOMB],
        schema.PUBLISHED_AT: pd.to_datetime(["2007-05-28 10:00", "2007-05-28 12:00",
                                             "2007-05-28 11:00"], utc=True),
        schema.SOURCE: ["Reuters", "Yahoo", "Reuters"],
    })


@pytest.fixture(scope="module")
def small() -> Analysis:
    return analyze(made_up())


@pytest.fixture(scope="module")
def sample(sample_path) -> Analysis:
    return analyze(load_articles(sample_path))


def check_offsets(result: Analysis) -> None:
    texts = dict(zip(result.articles[schema.ARTICLE_ID], result.articles[schema.TEXT],
                     strict=True))
    in_text = result.mentions[result.mentions[schema.START] >= 0]
    for row in in_text.itertuples(index=False):
        assert texts[row.article_id][row.start:row.end] == row.surface, row
    for row in result.sentences.itertuples(index=False):
        assert texts[row.article_id][row.start:row.end].strip() == row.text.strip(), row
    for row in result.quotes.itertuples(index=False):
        assert texts[row.article_id][row.start:row.end] == row.quote, row


def test_every_table_has_exactly_its_schema_columns(small):
    for name, columns in TABLES.items():
        assert list(getattr(small, name).columns) == list(columns), name
    assert list(small.articles[schema.ARTICLE_ID]) == ["talks", "copy", "bomb"]


def test_articles_gain_tone_word_count_and_duplicates(small):
    articles = small.articles
    assert articles[schema.POLARITY].between(-1, 1).all()
    assert articles[schema.SUBJECTIVITY].between(0, 1).all()
    assert articles[schema.TONE].between(-1, 1).all()
    assert articles[schema.WORD_COUNT].tolist() == [len(TALKS.split())] * 2 + [len(BOMB.split())]
    assert articles[schema.DUPLICATE_OF].tolist() == [None, "talks", None]
    bomb = articles.set_index(schema.ARTICLE_ID).loc["bomb"]
    assert bomb[schema.TONE] < 0


def test_offsets_point_at_the_words(small):
    check_offsets(small)
    assert small.sentences.groupby(schema.ARTICLE_ID)[schema.SENTENCE].min().eq(0).all()


def test_mentions_quotes_topics_and_events(small):
    actors = set(small.mentions[schema.ACTOR])
    assert {"United States", "Iran", "Iraq", "Ryan Crocker"} <= actors
    quotes = small.quotes[small.quotes[schema.ARTICLE_ID] == "talks"]
    assert quotes[[schema.SPEAKER, schema.VERB]].values.tolist() == [["Ryan Crocker", "told"]]
    topics = set(small.topics.loc[small.topics[schema.ARTICLE_ID] == "bomb", schema.TOPIC])
    assert "bombing and attacks" in topics
    events = small.events[[schema.ARTICLE_ID, schema.EVENT, schema.KILLED, schema.WOUNDED]]
    assert events.values.tolist() == [["bomb", "car bomb", 19, 46]]


def test_versions_timings_and_discovered_topics(small):
    assert set(small.versions) == {"actors", "taxonomy"}
    assert list(small.timings) == ["sentences", "sentence tone", "article tone", "mentions",
                                   "quotes", "topics", "events", "duplicates", "discover"]
    assert set(small.article_topics[schema.ARTICLE_ID]) <= {"talks", "copy", "bomb"}
    assert len(small.topic_terms) >= 1


def test_analysis_is_frozen(small):
    with pytest.raises(dataclasses.FrozenInstanceError):
        small.articles = small.articles.head(1)  # type: ignore[misc]


def test_without_discovery_the_discovered_tables_are_empty():
    result = analyze(made_up().head(1), discover=False)
    assert result.article_topics.empty and result.topic_terms.empty
    assert len(result.articles) == 1


def test_an_empty_table_gives_empty_tables():
    result = analyze(made_up().head(0))
    for name, columns in TABLES.items():
        frame = getattr(result, name)
        assert frame.empty and list(frame.columns) == list(columns), name


def test_missing_columns_are_filled_but_an_id_is_required():
    filled = complete_articles(pd.DataFrame({schema.ARTICLE_ID: ["x"], schema.TEXT: ["Hi."]}))
    assert list(filled.columns) == list(schema.ARTICLE_COLUMNS)
    assert filled.loc[0, schema.BYLINE] == [] and pd.isna(filled.loc[0, schema.PUBLISHED_AT])
    with pytest.raises(ValueError, match="missing column 'article_id'"):
        complete_articles(pd.DataFrame({schema.TEXT: ["Hi."]}))


def test_the_sample_end_to_end(sample, sample_expected):
    check_offsets(sample)
    actors = set(sample.mentions[schema.ACTOR])
    assert {actor["name"] for actor in sample_expected["actors"]} <= actors
    assert not actors & {"Canada", "Malaysia", "Ross Colvin", "Fredrik Dahl"}
    assert set(sample_expected["topics"]) <= set(sample.topics[schema.TOPIC])
    quotes = sample.quotes[[schema.SPEAKER, schema.VERB]].values.tolist()
    assert quotes == [[q["speaker"], q["verb"]] for q in sample_expected["quotes"]]
    for quote, expected in zip(sample.quotes[schema.QUOTE], sample_expected["quotes"],
                               strict=True):
        assert quote.startswith(expected["starts_with"])
    events = sample.events[[schema.EVENT, schema.KILLED, schema.WOUNDED]].values.tolist()
    assert events == [["car bomb", 19, 46]]
    article = sample.articles.iloc[0]
    assert article[schema.POLARITY] == pytest.approx(0.08, abs=0.03)
    assert article[schema.SUBJECTIVITY] == pytest.approx(0.37, abs=0.05)
    assert article[schema.WORD_COUNT] == pytest.approx(
        sample_expected["body_word_count_approx"], rel=0.1)
    assert article[schema.DUPLICATE_OF] is None


@pytest.mark.corpora
def test_an_articles_scores_do_not_depend_on_its_batch(corpora_dir):
    """Scored alone or with others (chunks, workers, a Dask cluster): the same bits."""
    articles = load_articles(corpora_dir / "reuters21578" / "reut2-000.sgm")
    columns = [schema.ARTICLE_ID, schema.TONE, schema.POLARITY, schema.SUBJECTIVITY]
    tables = {"actors": load_actors(), "taxonomy": load_taxonomy()}  # read once, not 81 times
    whole = analyze(articles, discover=False, **tables).articles[columns].head(80)
    alone = pd.concat([analyze(articles.iloc[[i]], discover=False, **tables).articles[columns]
                       for i in range(80)], ignore_index=True)
    pd.testing.assert_frame_equal(whole, alone, check_exact=True)


FRENCH = ("Un attentat à la voiture piégée a tué dix-neuf personnes dans le centre de Bagdad, "
          "a annoncé la police, qui accuse des miliciens d'avoir organisé cette terrible attaque.")


def test_an_article_in_a_language_not_read_is_not_scored():
    """A French article once got a silent neutral tone from the English lexicons: now its
    tone, topics and actors are missing, and what was read is said (issue 14)."""
    articles = pd.DataFrame({
        schema.ARTICLE_ID: ["bomb", "bombe", "headline", "short"],
        schema.TITLE: ["Car bomb", "Attentat à Bagdad", "Car bomb kills 19 in Baghdad", None],
        schema.TEXT: [BOMB, FRENCH, "", "Iraq."],
        schema.LANGUAGE: ["en", "fr", "en", None],
    })
    result = analyze(articles, discover=False)
    scored = result.articles.set_index(schema.ARTICLE_ID)
    assert scored[schema.SCORED_FROM].to_dict() == {
        "bomb": "text", "bombe": None, "headline": "title", "short": "text"}
    assert scored.loc["bombe", [schema.TONE, schema.POLARITY, schema.SUBJECTIVITY]].isna().all()
    assert scored.loc["headline", schema.TONE] < -0.05  # the title's own words
    for table in (result.sentences, result.mentions, result.topics, result.quotes, result.events):
        assert "bombe" not in set(table[schema.ARTICLE_ID])
    assert "Baghdad" in set(result.mentions.loc[result.mentions[schema.ARTICLE_ID] == "bomb",
                                                schema.ACTOR])


def test_each_step_logs_its_seconds(caplog):
    with caplog.at_level("INFO", logger="analysis.pipeline.enrichment"):
        result = analyze(made_up())
    logged = {record.getMessage().split(":")[0] for record in caplog.records}
    assert {f"step {name}" for name in result.timings} <= logged
    assert "step per-article steps and duplicates, wall clock in 1 process(es)" in logged
