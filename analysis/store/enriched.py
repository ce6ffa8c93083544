"""An Analysis to and from the store: write the enrichment tables, read them back, re-enrich."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analysis import schema
from analysis.enrich.actors import find_mentions, load_actors, mentions_version
from analysis.enrich.quotes import find_quotes
from analysis.enrich.topics import Taxonomy, find_topics, load_taxonomy, taxonomy_version
from analysis.pipeline import ANALYZED_ARTICLE_COLUMNS, Analysis, analyze
from analysis.store import rows
from analysis.store.database import get_meta

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


def enrich_articles(articles: pd.DataFrame, *, actors: pd.DataFrame | None = None,
                    taxonomy: Taxonomy | None = None, workers: int | None = 1
                    ) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Enrichment tables and version meta of `articles`, ready for `store.write_batch`
    (`workers` as for `analyze`)."""
    result = analyze(articles, actors=actors, taxonomy=taxonomy, discover=False,
                     workers=workers)
    return tables_of(result), versions_meta(result)


@dataclass(frozen=True)
class Stale:
    """What a store holds that its enrichment no longer matches, read for redoing: the steps
    whose actors or taxonomy changed (with the articles and sentences they need) and the
    articles stored without enrichment (`--no-enrich`)."""

    changed: tuple[str, ...] = ()
    articles: pd.DataFrame | None = None
    sentences: pd.DataFrame | None = None
    unscored: pd.DataFrame | None = None


@dataclass(frozen=True)
class Redo:
    """The enrichment a `Stale` store needs: whole tables to replace, rows to add."""

    replace: dict[str, pd.DataFrame] = field(default_factory=dict)
    replace_meta: dict[str, str] = field(default_factory=dict)
    add: dict[str, pd.DataFrame] = field(default_factory=dict)
    add_meta: dict[str, str] = field(default_factory=dict)


def read_stale(con: duckdb.DuckDBPyConnection, *, actors: pd.DataFrame,
               taxonomy: Taxonomy) -> Stale:
    """What of the store must be re-enriched (a read connection is enough)."""
    changed = []
    has_articles = con.execute("SELECT count(*) FROM scores").fetchall()[0][0] > 0
    if has_articles and get_meta(con, ACTORS_VERSION) not in (None, mentions_version(actors)):
        changed.append("actors")
    if has_articles and get_meta(con, TAXONOMY_VERSION) not in (None,
                                                                taxonomy_version(taxonomy)):
        changed.append("taxonomy")
    scored = "article_id IN (SELECT article_id FROM scores)"
    return Stale(
        changed=tuple(changed),
        articles=rows.read_articles(con, where=scored) if changed else None,
        sentences=rows.read_table(con, "sentences") if "actors" in changed else None,
        unscored=_unscored(con),
    )


def _unscored(con: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    # a score row is written with its article, never without one: equal counts, none to do
    # (counting is free; the comparison of ids below takes 0.6 s at a million articles)
    if con.execute("SELECT (SELECT count(*) FROM articles) = "
                   "(SELECT count(*) FROM scores)").fetchall()[0][0]:
        return None
    return rows.read_articles(con, where="article_id NOT IN (SELECT article_id FROM scores)")


def enrich_stale(stale: Stale, *, actors: pd.DataFrame, taxonomy: Taxonomy) -> Redo:
    """The tables that bring a stale store up to date (no connection held: it may take
    minutes, and the store stays readable and writable meanwhile)."""
    replace: dict[str, pd.DataFrame] = {}
    meta: dict[str, str] = {}
    if "actors" in stale.changed:
        mentions = find_mentions(stale.articles, stale.sentences, actors=actors)
        replace.update(mentions=mentions, quotes=find_quotes(stale.articles, mentions))
        meta[ACTORS_VERSION] = mentions_version(actors)
    if "taxonomy" in stale.changed:
        replace["topics"] = find_topics(stale.articles, taxonomy=taxonomy)
        meta[TAXONOMY_VERSION] = taxonomy_version(taxonomy)
    if replace:
        log.warning("re-enriching stored articles: %s changed", ", ".join(stale.changed))
    add, add_meta = ({}, {}) if stale.unscored is None or stale.unscored.empty else \
        enrich_articles(stale.unscored, actors=actors, taxonomy=taxonomy)
    return Redo(replace={name: schema.conform(frame, schema.ENRICHMENT_TABLES[name], name=name)
                         for name, frame in replace.items()},
                replace_meta=meta, add=add, add_meta=add_meta)


def write_redo(con: duckdb.DuckDBPyConnection, redo: Redo) -> None:
    """Write what `enrich_stale` computed (each part in its own transaction)."""
    if redo.replace:
        rows.replace_tables(con, redo.replace, meta=redo.replace_meta)
    if redo.add:
        rows.add_tables(con, redo.add, meta=redo.add_meta)


def refresh_store(con: duckdb.DuckDBPyConnection, *, actors: pd.DataFrame | None = None,
                  taxonomy: Taxonomy | None = None) -> list[str]:
    """Bring the store behind the write connection `con` up to date in one call (the steps
    that changed are returned); an ingest splits this to hold no connection meanwhile."""
    actors = load_actors() if actors is None else actors
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    stale = read_stale(con, actors=actors, taxonomy=taxonomy)
    write_redo(con, enrich_stale(stale, actors=actors, taxonomy=taxonomy))
    return list(stale.changed)


def read_analysis(con: duckdb.DuckDBPyConnection, *, article_ids: list[str] | None = None
                  ) -> Analysis:
    """The stored articles (all, or `article_ids`) and their enrichment as an Analysis."""
    if article_ids is None:
        articles = rows.read_articles(con)
    else:
        articles = rows.read_articles(con, where="article_id IN (SELECT unnest(?))",
                                       params=[article_ids])
    ids = articles[schema.ARTICLE_ID].tolist()
    tables = {name: rows.read_table(con, name, article_ids=ids)
              for name in schema.ENRICHMENT_TABLES}
    merged = articles.merge(tables.pop("scores"), on=schema.ARTICLE_ID, how="left")
    empty = pd.DataFrame()
    return Analysis(
        articles=schema.conform(merged, ANALYZED_ARTICLE_COLUMNS, name="stored articles"),
        article_topics=empty, topic_terms=empty,
        versions={"actors": get_meta(con, ACTORS_VERSION) or "",
                  "taxonomy": get_meta(con, TAXONOMY_VERSION) or ""},
        **tables,
    )
