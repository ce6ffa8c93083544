"""Filtered reads of the store: the tables behind every view (no texts), facets, one article."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis import schema, store
from analysis.filters import Filters, facts_sql, to_sql

# article columns the views need; the text is read only when one article is opened
LIST_COLUMNS = (
    schema.ARTICLE_ID, schema.TITLE, schema.SOURCE, schema.PUBLISHED_AT, schema.DATELINE,
    schema.LANGUAGE, schema.SECTION, schema.URL,
)
SCORE_COLUMNS = (schema.POLARITY, schema.SUBJECTIVITY, schema.TONE, schema.WORD_COUNT,
                 schema.DUPLICATE_OF)
_SENTENCE_COLUMNS = (schema.ARTICLE_ID, schema.SENTENCE, schema.START, schema.END,
                     schema.POLARITY, schema.TONE)


def _picked(filters: Filters) -> tuple[str, list]:
    where, params = to_sql(filters)
    return ("SELECT a.article_id FROM articles a LEFT JOIN scores s USING (article_id) "
            f"WHERE {where}"), params


def filtered_tables(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, pd.DataFrame]:
    """articles (with scores, without text), sentences (without text), mentions, topics, quotes
    and events of the articles that pass `filters`; what `analysis.query` functions take."""
    picked, params = _picked(filters)
    columns = ", ".join(f"a.{store.quote(c)}" for c in LIST_COLUMNS)
    scores = ", ".join(f"s.{store.quote(c)}" for c in SCORE_COLUMNS)
    articles = con.execute(
        f"SELECT {columns}, {scores} FROM articles a LEFT JOIN scores s USING (article_id) "
        f"WHERE a.article_id IN ({picked}) ORDER BY a.published_at NULLS LAST, a.article_id",
        params).df()
    tables = {"articles": articles}
    for name in ("sentences", "mentions", "topics", "quotes", "events"):
        wanted = _SENTENCE_COLUMNS if name == "sentences" else schema.ENRICHMENT_TABLES[name]
        select = ", ".join(store.quote(c) for c in wanted)
        tables[name] = con.execute(
            f"SELECT {select} FROM {name} WHERE article_id IN ({picked})", params).df()
    return tables


def facets(con: duckdb.DuckDBPyConnection, *, top_actors: int = 300) -> dict:
    """The values filter widgets offer: sources, actors, topics, languages, date and tone span."""
    def column(sql: str) -> list:
        return [row[0] for row in con.execute(sql).fetchall()]

    first, last, undated = con.execute(
        "SELECT min(published_at), max(published_at), count(*) - count(published_at) "
        "FROM facts_articles").fetchall()[0]
    return {
        "sources": column("SELECT source FROM facts_articles WHERE source IS NOT NULL "
                          "GROUP BY source ORDER BY count(*) DESC, source"),
        "actors": column("SELECT n.actor FROM (SELECT name_id, sum(mentions) AS n FROM "
                         "facts_actors GROUP BY name_id) c JOIN actor_names n USING (name_id) "
                         f"ORDER BY c.n DESC, n.actor LIMIT {int(top_actors)}"),
        "topics": column("SELECT topic FROM facts_topics GROUP BY topic "
                         "ORDER BY count(*) DESC, topic"),
        "languages": column("SELECT language FROM facts_articles WHERE language IS NOT NULL "
                            "GROUP BY language ORDER BY count(*) DESC"),
        "first": None if first is None else pd.Timestamp(first).date(),
        "last": None if last is None else pd.Timestamp(last).date(),
        "undated": int(undated),
    }


def article_list(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                 article_ids: list[str] | None = None, limit: int = 200,
                 offset: int = 0) -> tuple[pd.DataFrame, int]:
    """One page of matching articles (id, title, source, date, tone) and how many match."""
    where, params = facts_sql(con, filters)
    if article_ids is not None:
        where += " AND f.article_id IN (SELECT unnest(?))"
        params = [*params, list(article_ids)]
    total = con.execute(f"SELECT count(*) FROM facts_articles f WHERE {where}",
                        params).fetchall()[0][0]
    page = con.execute(
        "SELECT article_id, title, source, published_at, dateline, tone "
        f"FROM facts_articles f WHERE {where} "
        "ORDER BY published_at DESC NULLS LAST, title LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)]).df()
    return page, int(total)


def article_detail(con: duckdb.DuckDBPyConnection, article_id: str) -> dict | None:
    """One article with its text, scores and every enrichment row, for the reader."""
    article = store.get_article(con, article_id)
    if article is None:
        return None
    detail = {"article": article}
    for name in schema.ENRICHMENT_TABLES:
        detail[name] = store.read_table(con, name, article_ids=[article_id])
    return detail


def article_texts(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                  limit: int = 3000) -> pd.DataFrame:
    """Id, title and text of up to `limit` matching articles (newest first), for text mining."""
    where, params = facts_sql(con, filters)
    return con.execute(
        "WITH newest AS (SELECT article_id, published_at FROM facts_articles f "
        f"WHERE {where} ORDER BY published_at DESC NULLS LAST, article_id LIMIT ?) "
        "SELECT a.article_id, a.title, a.text FROM articles a JOIN newest n USING (article_id) "
        "ORDER BY n.published_at DESC NULLS LAST, a.article_id",
        [*params, int(limit)]).df()


def export_articles(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every column of the matching articles, texts included, with their scores: for export."""
    picked, params = _picked(filters)
    scores = ", ".join(f"s.{store.quote(c)}" for c in SCORE_COLUMNS)
    return con.execute(
        f"SELECT a.*, {scores} FROM articles a LEFT JOIN scores s USING (article_id) "
        f"WHERE a.article_id IN ({picked}) ORDER BY a.published_at NULLS LAST, a.article_id",
        params).df()
