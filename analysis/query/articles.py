"""Articles that pass the filters: how many, their facets, a page of them, one to read, texts."""

from __future__ import annotations

import pandas as pd

from analysis import schema
from analysis.query.filters import Filters, facts_sql
from analysis.query.source import Source, connection
from analysis.store import database, rows

SCORE_COLUMNS = (schema.POLARITY, schema.SUBJECTIVITY, schema.TONE, schema.WORD_COUNT,
                 schema.DUPLICATE_OF)


def summary(source: Source, filters: Filters | None = None) -> dict:
    """Articles, undated articles, sources, first and last date and mean tone of the matches."""
    con = connection(source)
    where, params = facts_sql(con, filters)
    row = con.execute(
        "SELECT count(*), count(*) - count(published_at), count(DISTINCT source), "
        f"min(published_at), max(published_at), avg(tone) FROM facts_articles f WHERE {where}",
        params).fetchall()[0]
    return dict(zip(("articles", "undated", "sources", "first", "last", "mean_tone"), row,
                    strict=True))


def facets(source: Source, *, top_actors: int = 300) -> dict:
    """The values filter widgets offer: sources, actors, topics, languages, date span."""
    con = connection(source)

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


def article_list(source: Source, filters: Filters | None = None, *,
                 article_ids: list[str] | None = None, limit: int = 200,
                 offset: int = 0) -> tuple[pd.DataFrame, int]:
    """One page of matching articles (id, title, source, date, tone) and how many match."""
    con = connection(source)
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


def article_detail(source: Source, article_id: str) -> dict | None:
    """One article with its text, scores and every enrichment row, for the reader."""
    con = connection(source)
    article = rows.get_article(con, article_id)
    if article is None:
        return None
    detail = {"article": article}
    for name in schema.ENRICHMENT_TABLES:
        detail[name] = rows.read_table(con, name, article_ids=[article_id])
    return detail


def _newest(where: str) -> str:
    """The matching articles' ids, newest first, up to a limit (the last parameter)."""
    return ("SELECT article_id, published_at FROM facts_articles f "
            f"WHERE {where} ORDER BY published_at DESC NULLS LAST, article_id LIMIT ?")


def article_texts(source: Source, filters: Filters | None = None, *,
                  limit: int = 3000) -> pd.DataFrame:
    """Id, title, text and time of up to `limit` matching articles (newest first), for text
    mining."""
    con = connection(source)
    where, params = facts_sql(con, filters)
    return con.execute(
        f"WITH newest AS ({_newest(where)}) "
        "SELECT a.article_id, a.title, a.text, n.published_at FROM articles a "
        "JOIN newest n USING (article_id) "
        "ORDER BY n.published_at DESC NULLS LAST, a.article_id",
        [*params, int(limit)]).df()


def export_articles(source: Source, filters: Filters | None = None) -> pd.DataFrame:
    """Every column of the matching articles, texts included, with their scores: for export."""
    con = connection(source)
    where, params = facts_sql(con, filters)
    scores = ", ".join(f"s.{database.quote(c)}" for c in SCORE_COLUMNS)
    return con.execute(
        f"SELECT a.*, {scores} FROM articles a LEFT JOIN scores s USING (article_id) "
        f"WHERE a.article_id IN (SELECT article_id FROM facts_articles f WHERE {where}) "
        "ORDER BY a.published_at NULLS LAST, a.article_id", params).df()
