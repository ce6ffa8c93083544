"""The alerts `presslens watch --alerts` fired, newest first, each with its first articles
(`analysis.store.alerts`)."""

from __future__ import annotations

import pandas as pd

from analysis.query.source import Source, connection
from analysis.store.alerts import has_alerts

ALERT_COLUMNS = ["alert_id", "fired_at", "watch", "kind", "period", "reason", "link",
                 "articles", "pending", "last_error", "last_error_at", "shown"]


def fired_alerts(source: Source, *, limit: int = 200, shown: int = 10) -> pd.DataFrame:
    """The `limit` latest alerts, newest first: when, which watch, its kind (spike, new), the
    period that spiked, why in words, the Articles page's query string that shows its
    articles, how many articles it named, the channels it has not reached yet, its last
    delivery error, and `shown`: its `shown` newest articles still stored, each a dict of
    article_id, title, source, published_at. Empty for a store no alert fired in."""
    con = connection(source)
    if not has_alerts(con):
        return pd.DataFrame(columns=ALERT_COLUMNS)
    return con.execute("""
        WITH latest AS (SELECT * FROM alerts ORDER BY fired_at DESC, alert_id DESC LIMIT ?),
        named AS (SELECT alert_id, unnest(article_ids) AS article_id FROM latest),
        listed AS (
            SELECT alert_id, list({'article_id': article_id, 'title': f.title,
                                   'source': f.source, 'published_at': f.published_at}
                                  ORDER BY f.published_at DESC NULLS LAST, article_id)[1:?]
                   AS shown
            FROM named JOIN facts_articles f USING (article_id) GROUP BY alert_id)
        SELECT l.alert_id, l.fired_at, l.watch, l.kind, l.period, l.reason, l.link,
               len(l.article_ids) AS articles, l.pending, l.last_error, l.last_error_at,
               coalesce(s.shown, []) AS shown
        FROM latest l LEFT JOIN listed s USING (alert_id)
        ORDER BY l.fired_at DESC, l.alert_id DESC""", [int(limit), int(shown)]).df()
