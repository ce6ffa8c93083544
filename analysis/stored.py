"""An Analysis to and from the store: write the enrichment tables, read them back, re-enrich."""

from __future__ import annotations

import logging

import duckdb
import pandas as pd

from analysis import schema, store
from analysis.analyze import ANALYZED_ARTICLE_COLUMNS, Analysis, analyze
from analysis.enrich.actors import actors_version, find_mentions, load_actors
from analysis.enrich.quotes import find_quotes
from analysis.enrich.topics import Taxonomy, find_topics, load_taxonomy, taxonomy_version

log = logging.getLogger(__name__)

ACTORS_VERSION = "actors_version"
TAXONOMY_VERSION = "taxonomy_version"


def tables_of(result: Analysis) -> dict[str, pd.DataFrame]:
    """The store's enrichment tables, by name, from an Analysis."""
    return {
        "scores": result.articles[list(schema.SCORE_COLUMNS)],
        "sentences": result.sentences,
        "mentions": result.mentions,
        "topics": result.topics,
        "quotes": result.quotes,
        "events": result.events,
    }


def versions_meta(result: Analysis) -> dict[str, str]:
    """What the store records about how `result` was made."""
    return {ACTORS_VERSION: result.versions["actors"],
            TAXONOMY_VERSION: result.versions["taxonomy"]}


def enrich_new(con: duckdb.DuckDBPyConnection, articles: pd.DataFrame, *,
               actors: pd.DataFrame | None = None, taxonomy: Taxonomy | None = None
               ) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Enrichment tables and version meta for the articles the store does not hold yet."""
    return enrich_articles(store.unseen(con, articles), actors=actors, taxonomy=taxonomy)


def enrich_articles(articles: pd.DataFrame, *, actors: pd.DataFrame | None = None,
                    taxonomy: Taxonomy | None = None, workers: int | None = 1
                    ) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Enrichment tables and version meta of `articles`, ready for `store.write_batch`
    (`workers` as for `analyze`)."""
    result = analyze(articles, actors=actors, taxonomy=taxonomy, discover=False,
                     workers=workers)
    return tables_of(result), versions_meta(result)


def enrich_unscored(con: duckdb.DuckDBPyConnection, *, actors: pd.DataFrame | None = None,
                    taxonomy: Taxonomy | None = None) -> int:
    """Enrich stored articles that have no scores yet (ingested with `--no-enrich`)."""
    # a score row is written with its article, never without one: equal counts, none to do
    # (counting is free; the comparison of ids below takes 0.6 s at a million articles)
    if con.execute("SELECT (SELECT count(*) FROM articles) = "
                   "(SELECT count(*) FROM scores)").fetchall()[0][0]:
        return 0
    articles = store.read_articles(
        con, where="article_id NOT IN (SELECT article_id FROM scores)")
    if articles.empty:
        return 0
    result = analyze(articles, actors=actors, taxonomy=taxonomy, discover=False)
    store.add_tables(con, tables_of(result), meta=versions_meta(result))
    return len(articles)


def refresh_if_changed(con: duckdb.DuckDBPyConnection, *, actors: pd.DataFrame | None = None,
                       taxonomy: Taxonomy | None = None) -> list[str]:
    """Re-enrich stored articles whose actors or topics changed since; the tables redone."""
    actors = load_actors() if actors is None else actors
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    stored_actors = store.get_meta(con, ACTORS_VERSION)
    stored_taxonomy = store.get_meta(con, TAXONOMY_VERSION)
    has_articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0] > 0
    redo: dict[str, pd.DataFrame] = {}
    meta: dict[str, str] = {}
    if has_articles and stored_actors not in (None, actors_version(actors)):
        articles = store.read_articles(con)
        mentions = find_mentions(articles, store.read_table(con, "sentences"), actors=actors)
        redo.update(mentions=mentions, quotes=find_quotes(articles, mentions))
        meta[ACTORS_VERSION] = actors_version(actors)
    if has_articles and stored_taxonomy not in (None, taxonomy_version(taxonomy)):
        redo["topics"] = find_topics(store.read_articles(con), taxonomy=taxonomy)
        meta[TAXONOMY_VERSION] = taxonomy_version(taxonomy)
    if redo:
        log.warning("re-enriching stored articles: %s changed", ", ".join(sorted(redo)))
        store.replace_tables(con, {name: schema.conform(frame, schema.ENRICHMENT_TABLES[name],
                                                        name=name)
                                   for name, frame in redo.items()}, meta=meta)
    return sorted(redo)


def read_analysis(con: duckdb.DuckDBPyConnection, *, article_ids: list[str] | None = None
                  ) -> Analysis:
    """The stored articles (all, or `article_ids`) and their enrichment as an Analysis."""
    if article_ids is None:
        articles = store.read_articles(con)
    else:
        articles = store.read_articles(con, where="article_id IN (SELECT unnest(?))",
                                       params=[article_ids])
    ids = articles[schema.ARTICLE_ID].tolist()
    tables = {name: store.read_table(con, name, article_ids=ids)
              for name in schema.ENRICHMENT_TABLES}
    merged = articles.merge(tables.pop("scores"), on=schema.ARTICLE_ID, how="left")
    empty = pd.DataFrame()
    return Analysis(
        articles=schema.conform(merged, ANALYZED_ARTICLE_COLUMNS, name="stored articles"),
        article_topics=empty, topic_terms=empty,
        versions={"actors": store.get_meta(con, ACTORS_VERSION) or "",
                  "taxonomy": store.get_meta(con, TAXONOMY_VERSION) or ""},
        **tables,
    )
