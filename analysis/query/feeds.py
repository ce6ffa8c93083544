"""Freshness of a watched store: each feed's last poll, success and error, and the articles
each feed brought per day (`presslens watch`'s tables, `analysis.store.feeds`)."""

from __future__ import annotations

import pandas as pd

from analysis.query.source import Source, connection

FEED_STATUS_COLUMNS = ["feed", "feed_url", "last_polled", "last_success", "last_error",
                       "last_error_at", "failing", "articles"]
FEED_DAY_COLUMNS = ["feed", "day", "articles"]
# its last error came at or after its last success (a poll whose feed was read but some of
# its pages not sets both to the same time)
_FAILING = "(f.last_error_at IS NOT NULL AND (f.last_success IS NULL OR " \
           "f.last_error_at >= f.last_success))"
_STORED = "e.article_id IN (SELECT article_id FROM articles)"  # not since removed


def _watched(con) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'feeds'"
                            ).fetchall()[0][0])


def feed_status(source: Source) -> pd.DataFrame:
    """One row per watched feed, failing ones first: its name (else URL), URL, last poll, last
    successful poll, last error and when, whether it is failing now, and the articles it
    brought that are still stored. Empty for a store no `presslens watch` has written to."""
    con = connection(source)
    if not _watched(con):
        return pd.DataFrame(columns=FEED_STATUS_COLUMNS)
    return con.execute(
        f"SELECT coalesce(f.name, f.feed_url) AS feed, f.feed_url, f.last_polled, "
        f"f.last_success, f.last_error, f.last_error_at, {_FAILING} AS failing, "
        f"count(e.article_id) AS articles FROM feeds f LEFT JOIN feed_entries e "
        f"ON e.feed_url = f.feed_url AND {_STORED} GROUP BY ALL "
        "ORDER BY failing DESC, feed").df()


def feed_articles_per_day(source: Source) -> pd.DataFrame:
    """Articles each feed brought per day (UTC) of fetching, still stored: feed, day,
    articles; days without any are left out."""
    con = connection(source)
    if not _watched(con):
        return pd.DataFrame(columns=FEED_DAY_COLUMNS)
    return con.execute(
        "SELECT coalesce(f.name, f.feed_url) AS feed, "
        "date_trunc('day', e.fetched_at)::TIMESTAMP AS day, count(*) AS articles "
        f"FROM feed_entries e JOIN feeds f USING (feed_url) WHERE {_STORED} "
        "GROUP BY ALL ORDER BY day, feed").df()
