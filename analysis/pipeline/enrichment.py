"""Run every enrichment step over an article table and hold the results as one `Analysis`."""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd

from analysis import processes, schema, settings
from analysis.enrich.actors import actor_index, find_mentions, load_actors, mentions_version
from analysis.enrich.duplicates import near_duplicates
from analysis.enrich.events import find_casualties
from analysis.enrich.quotes import find_quotes
from analysis.enrich.sentences import split_sentences
from analysis.enrich.sentiment import score_articles, score_sentences
from analysis.enrich.text_mentions import ActorIndex
from analysis.enrich.topics import Taxonomy, discover_topics, find_topics, load_taxonomy
from analysis.enrich.topics import taxonomy_version as topics_version

log = logging.getLogger(__name__)
T = TypeVar("T")

PARALLEL_FROM = settings.PARALLEL_FROM
CHUNK_ARTICLES = 500  # articles a worker enriches at a time (its actor index is built once,
# not per chunk: analysis.enrich.actors.actor_index)
SCORES = [schema.POLARITY, schema.SUBJECTIVITY, schema.TONE, schema.SCORED_FROM]
_WORKER: dict[str, Any] = {}  # the actor table and taxonomy of a worker process

# the article table as `analyze` returns it: the stored columns, then what enrichment adds
ANALYZED_ARTICLE_COLUMNS: dict[str, str] = {
    **schema.ARTICLE_COLUMNS,
    schema.POLARITY: "float", schema.SUBJECTIVITY: "float", schema.TONE: "float",
    schema.WORD_COUNT: "int", schema.DUPLICATE_OF: "str", schema.SCORED_FROM: "str",
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
    timings: seconds each step took (the per-article steps summed over the worker processes
    when they ran in parallel).
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
            taxonomy: Taxonomy | None = None, discover: bool = True,
            workers: int | None = 1) -> Analysis:
    """Enrich `articles` (an article table; columns it lacks are taken as empty).

    Steps, in order: sentences, sentiment of articles and sentences, actor mentions, quotes,
    taxonomy topics, casualty events (each article on its own: see `enrich_each`), then
    near-duplicates and word counts (while worker processes run the steps before, if any) and
    (if `discover`) NMF topics, which compare articles.
    `actors` and `taxonomy` default to the built-in ones merged with the analyst's files
    (settings `actors_file`, `topics_file`).

    `workers` processes share the per-article steps; the tables are the same as from one.
    None means setting `workers` (0: one per CPU core) for a batch of at least setting
    `parallel_from` (PARALLEL_FROM) articles, else one. The default is one process: worker
    processes re-import the caller's main script, which a notebook cell or a script without
    `if __name__ == "__main__":` (or a Streamlit page) does not survive; `presslens ingest`
    passes None.
    """
    articles = complete_articles(articles)
    actors = load_actors() if actors is None else actors
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    processes = default_workers(len(articles), workers)
    step = _Timer(len(articles))

    def compare_articles() -> dict[str, pd.Series]:  # needs no other step's table
        return step("duplicates", lambda: {schema.DUPLICATE_OF: near_duplicates(articles),
                                           schema.WORD_COUNT: word_count(articles[schema.TEXT])})

    started = time.perf_counter()
    if processes > 1:  # this process compares articles while the workers read them
        tables, timings, compared = enrich_in_parallel(
            articles, actors=actors, taxonomy=taxonomy, workers=processes,
            meanwhile=compare_articles)
    else:
        tables, timings = enrich_each(articles, actors=actors, taxonomy=taxonomy)
        compared = compare_articles()
    log.info("step per-article steps and duplicates, wall clock in %d process(es): %.2f s",
             processes, time.perf_counter() - started)
    scores = tables.pop("scores")
    articles = articles.assign(**{column: scores[column].to_numpy() for column in SCORES},
                               **compared)
    discovered = step("discover", lambda: discover_topics(articles[readable(articles)])
                      if discover else _no_discovered_topics())
    for name, seconds in {**timings, **step.timings}.items():
        log.info("step %s: %.2f s", name, seconds)
    return Analysis(
        articles=schema.conform(articles, ANALYZED_ARTICLE_COLUMNS, name="analysed articles"),
        sentences=schema.conform(tables["sentences"], schema.SENTENCE_COLUMNS, name="sentences"),
        mentions=schema.conform(tables["mentions"], schema.MENTION_COLUMNS, name="mentions"),
        topics=schema.conform(tables["topics"], schema.TOPIC_COLUMNS, name="topics"),
        quotes=schema.conform(tables["quotes"], schema.QUOTE_COLUMNS, name="quotes"),
        events=schema.conform(tables["events"], schema.EVENT_COLUMNS, name="events"),
        article_topics=discovered[0],
        topic_terms=discovered[1],
        versions={"actors": mentions_version(actors), "taxonomy": topics_version(taxonomy)},
        timings={**timings, **step.timings},
    )


def enrich_each(articles: pd.DataFrame, *, actors: pd.DataFrame, taxonomy: Taxonomy,
                index: ActorIndex | None = None
                ) -> tuple[dict[str, pd.DataFrame], dict[str, float]]:
    """The steps that read each article on its own, over a complete article table.

    Returns the tables by name (scores: polarity, subjectivity, tone and scored_from, one row
    per article in table order; sentences, mentions, quotes, topics, events) and the seconds
    each step took. Articles in a language the steps do not read (`readable`) are not scored:
    no sentences, mentions, quotes, topics or events, and missing scores. `index` is the
    actor index of `actors` (`analysis.enrich.actors.actor_index`), when the caller keeps it.
    """
    step = _Timer(len(articles))
    read = readable(articles)
    chosen = articles[read].reset_index(drop=True)
    sentences = step("sentences", lambda: split_sentences(chosen))
    sentences = step("sentence tone", lambda: score_sentences(sentences))
    scored = step("article tone", lambda: score_articles(chosen, sentences))
    mentions = step("mentions", lambda: find_mentions(chosen, sentences, actors=actors,
                                                          index=index))
    quotes = step("quotes", lambda: find_quotes(chosen, mentions))
    topics = step("topics", lambda: find_topics(chosen, taxonomy=taxonomy))
    events = step("events", lambda: find_casualties(chosen))
    tables = {"scores": _every_row(scored[SCORES], read), "sentences": sentences,
              "mentions": mentions, "quotes": quotes, "topics": topics, "events": events}
    return tables, step.timings


def readable(articles: pd.DataFrame) -> pd.Series:
    """Which articles enrichment reads: those in one of `schema.SCORED_LANGUAGES`, or in a
    language not known (too short to tell, e.g. a title alone)."""
    language = articles[schema.LANGUAGE]
    return language.isna() | language.isin(schema.SCORED_LANGUAGES)


def _every_row(scores: pd.DataFrame, read: pd.Series) -> pd.DataFrame:
    """The scores of the articles `read`, with a row of missing scores for each of the others."""
    rows = pd.DataFrame({schema.POLARITY: math.nan, schema.SUBJECTIVITY: math.nan,
                         schema.TONE: math.nan, schema.SCORED_FROM: None},
                        index=range(len(read)), columns=SCORES)
    rows = rows.astype({schema.SCORED_FROM: object})
    positions = read.to_numpy().nonzero()[0]
    for column in SCORES:
        rows.loc[positions, column] = scores[column].to_numpy()
    return rows


def default_workers(count: int, workers: int | None = None) -> int:
    """Processes `analyze` uses for `count` articles: `workers` when the caller gives it, else
    setting `workers` for a batch of at least setting `parallel_from` (PARALLEL_FROM by
    default)."""
    if workers is not None:
        return workers
    wanted = int(settings.get("workers"))
    if wanted < 0:
        raise ValueError(f"setting workers={wanted}: must be 0 (one per CPU core) or more")
    if count < int(settings.get("parallel_from")) or multiprocessing.current_process().daemon:
        return 1  # a daemonic process (a Dask or pool worker) may not start processes
    return wanted or os.cpu_count() or 1


def enrich_in_parallel(articles: pd.DataFrame, *, actors: pd.DataFrame, taxonomy: Taxonomy,
                       workers: int, meanwhile: Callable[[], T]
                       ) -> tuple[dict[str, pd.DataFrame], dict[str, float], T]:
    """`enrich_each` over chunks of `articles` in `workers` processes, joined in table order,
    and what `meanwhile` returns, run in this process while the workers start and work.

    Workers inherit no state from this process: each gets the actor table and taxonomy once.
    """
    size = max(1, min(CHUNK_ARTICLES, math.ceil(len(articles) / (workers * 4))))
    chunks = [articles.iloc[at:at + size] for at in range(0, len(articles), size)]
    if not chunks:
        return (*enrich_each(articles, actors=actors, taxonomy=taxonomy), meanwhile())
    with processes.pool(workers, initializer=_start_worker, initargs=(actors, taxonomy)) as pool:
        pending = pool.map(_enrich_chunk, chunks)  # submits every chunk now
        result = meanwhile()
        parts = list(pending)
    tables = {name: _concat([part[0][name] for part in parts]) for name in parts[0][0]}
    timings: dict[str, float] = {}
    for _tables, seconds in parts:
        for name, value in seconds.items():
            timings[name] = timings.get(name, 0.0) + value
    return tables, timings, result


def _start_worker(actors: pd.DataFrame, taxonomy: Taxonomy) -> None:
    _WORKER.clear()  # (a fork of a process that ran a pool before holds its last index)
    _WORKER.update(actors=actors, taxonomy=taxonomy)


def _enrich_chunk(chunk: pd.DataFrame) -> tuple[dict[str, pd.DataFrame], dict[str, float]]:
    if "index" not in _WORKER:  # built on the first chunk, kept for the others
        _WORKER["index"] = actor_index(_WORKER["actors"])
    return enrich_each(chunk, actors=_WORKER["actors"], taxonomy=_WORKER["taxonomy"],
                       index=_WORKER["index"])


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames one after the other; empty ones left out (they add rows of no kind)."""
    rows = [frame for frame in frames if len(frame)]
    return pd.concat(rows, ignore_index=True) if rows else frames[0].reset_index(drop=True)


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
    counts = [len(text.split()) for text in texts.fillna("").astype(str)]  # pandas' .str: 3x
    return pd.Series(counts, index=texts.index, name=texts.name, dtype="int64")


def _no_discovered_topics() -> tuple[pd.DataFrame, pd.DataFrame]:
    return discover_topics(pd.DataFrame({schema.ARTICLE_ID: [], schema.TEXT: []}))
