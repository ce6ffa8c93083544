"""Run every enrichment step over an article table and hold the results as one `Analysis`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import pandas as pd

from analysis import schema
from analysis.enrich.actors import actors_version, find_mentions, load_actors
from analysis.enrich.duplicates import near_duplicates
from analysis.enrich.events import find_casualties
from analysis.enrich.quotes import find_quotes
from analysis.enrich.sentences import split_sentences
from analysis.enrich.sentiment import score_articles, score_sentences
from analysis.enrich.topics import Taxonomy, discover_topics, find_topics, load_taxonomy
from analysis.enrich.topics import taxonomy_version as topics_version

log = logging.getLogger(__name__)
T = TypeVar("T")

# the article table as `analyze` returns it: the stored columns, then what enrichment adds
ANALYZED_ARTICLE_COLUMNS: dict[str, str] = {
    **schema.ARTICLE_COLUMNS,
    schema.POLARITY: "float", schema.SUBJECTIVITY: "float", schema.TONE: "float",
    schema.WORD_COUNT: "int", schema.DUPLICATE_OF: "str",
}


@dataclass(frozen=True, eq=False)
class Analysis:
    """The enriched tables of a set of articles, joined by `article_id`.

    articles: the article table plus polarity, subjectivity, tone, word_count, duplicate_of.
    sentences: article_id, sentence, text, start, end, polarity, tone.
    mentions: article_id, actor_id, actor, actor_type, country_code, surface, sentence, start, end.
    topics: article_id, topic, hits, evidence (taxonomy topics).
    quotes: article_id, speaker, speaker_surface, verb, quote, start, end.
    events: casualty reports: article_id, event, place, killed, wounded.
    article_topics, topic_terms: topics discovered by NMF (empty when `discover=False`).
    versions: the actor table's and taxonomy's versions the tables were made with.
    timings: seconds each step took.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    topics: pd.DataFrame
    quotes: pd.DataFrame
    events: pd.DataFrame
    article_topics: pd.DataFrame
    topic_terms: pd.DataFrame
    versions: Mapping[str, str] = field(default_factory=dict)
    timings: Mapping[str, float] = field(default_factory=dict)


def analyze(articles: pd.DataFrame, *, actors: pd.DataFrame | None = None,
            taxonomy: Taxonomy | None = None, discover: bool = True) -> Analysis:
    """Enrich `articles` (an article table; columns it lacks are taken as empty).

    Steps, in order: sentences, sentiment of articles and sentences, actor mentions, quotes,
    taxonomy topics, casualty events, near-duplicates and word counts, then (if `discover`)
    NMF topics. `actors` and `taxonomy` default to the built-in ones merged with the analyst's
    files (settings `actors_file`, `topics_file`).
    """
    articles = complete_articles(articles)
    actors = load_actors() if actors is None else actors
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    step = _Timer(len(articles))
    sentences = step("sentences", lambda: split_sentences(articles))
    sentences = step("sentence tone", lambda: score_sentences(sentences))
    articles = step("article tone", lambda: score_articles(articles, sentences))
    mentions = step("mentions", lambda: find_mentions(articles, sentences, actors=actors))
    quotes = step("quotes", lambda: find_quotes(articles, mentions))
    topics = step("topics", lambda: find_topics(articles, taxonomy=taxonomy))
    events = step("events", lambda: find_casualties(articles))
    articles = step("duplicates", lambda: articles.assign(**{
        schema.DUPLICATE_OF: near_duplicates(articles),
        schema.WORD_COUNT: word_count(articles[schema.TEXT]),
    }))
    discovered = step("discover", lambda: discover_topics(articles) if discover else
                      _no_discovered_topics())
    return Analysis(
        articles=schema.conform(articles, ANALYZED_ARTICLE_COLUMNS, name="analysed articles"),
        sentences=schema.conform(sentences, schema.SENTENCE_COLUMNS, name="sentences"),
        mentions=schema.conform(mentions, schema.MENTION_COLUMNS, name="mentions"),
        topics=schema.conform(topics, schema.TOPIC_COLUMNS, name="topics"),
        quotes=schema.conform(quotes, schema.QUOTE_COLUMNS, name="quotes"),
        events=schema.conform(events, schema.EVENT_COLUMNS, name="events"),
        article_topics=discovered[0],
        topic_terms=discovered[1],
        versions={"actors": actors_version(actors), "taxonomy": topics_version(taxonomy)},
        timings=step.timings,
    )


class _Timer:
    """Runs the steps of `analyze`, keeping the seconds each took."""

    def __init__(self, n_articles: int) -> None:
        self.timings: dict[str, float] = {}
        self.n_articles = n_articles

    def __call__(self, name: str, run: Callable[[], T]) -> T:
        start = time.perf_counter()
        result = run()
        self.timings[name] = time.perf_counter() - start
        log.debug("%s: %.2f s for %d articles", name, self.timings[name], self.n_articles)
        return result


def complete_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """A validated article table from `articles`, missing schema columns filled as empty."""
    if schema.ARTICLE_ID not in articles.columns:
        raise ValueError(f"articles: missing column {schema.ARTICLE_ID!r}; "
                         f"an article table has {list(schema.ARTICLE_COLUMNS)}")
    filled = articles.copy()
    for column, kind in schema.ARTICLE_COLUMNS.items():
        if column not in filled.columns:
            filled[column] = [schema.empty_value(kind) for _ in range(len(filled))]
    return schema.validate_articles(filled)


def word_count(texts: pd.Series) -> pd.Series:
    """Whitespace-separated words of each text (0 for none)."""
    return texts.fillna("").astype(str).str.split().str.len().astype("int64")


def _no_discovered_topics() -> tuple[pd.DataFrame, pd.DataFrame]:
    return discover_topics(pd.DataFrame({schema.ARTICLE_ID: [], schema.TEXT: []}))
