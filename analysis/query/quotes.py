"""Questions about quotes: who said what, and who is quoted most."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis import schema
from analysis.query.filters import Filters, facts_sql
from analysis.query.source import Source, answer, connection


def quote_table(source: Source, filters: Filters | None = None, *,
                speakers: Sequence[str] = (), limit: int | None = None) -> pd.DataFrame:
    """Every quote with its article's title, source and date, newest first.

    Columns: article_id, speaker, speaker_surface, verb, quote, start, end, title, source,
    published_at.

    `speakers` keeps those speakers' quotes, `limit` the newest; `.attrs["total"]` says how
    many quotes match in all, so that a list of the newest can say of how many."""
    con = connection(source)
    where, params = facts_sql(con, filters)
    if speakers:
        where += " AND f.speaker IN (SELECT unnest(?))"
        params = [*params, list(speakers)]
    columns = ", ".join(f"q.{c}" for c in schema.ENRICHMENT_TABLES["quotes"])
    limit_sql = "" if limit is None else f"LIMIT {int(limit)}"
    order = "published_at DESC NULLS LAST, article_id, start"
    frame = answer(con, f"""
        WITH picked AS (SELECT article_id, start, title, source, published_at FROM facts_quotes f
                        WHERE {where} ORDER BY {order} {limit_sql})
        SELECT {columns}, p.title, p.source, p.published_at
        FROM picked p JOIN quotes q USING (article_id, start) ORDER BY {order}""", params)
    frame.attrs["total"] = len(frame) if limit is None or len(frame) < limit else int(
        con.execute(f"SELECT count(*) FROM facts_quotes f WHERE {where}", params).fetchall()[0][0])
    return frame


def quote_speakers(source: Source, filters: Filters | None = None, *,
                   top: int = 300) -> pd.DataFrame:
    """Speakers of the matching quotes by how many quotes they have (speaker, count)."""
    con = connection(source)
    where, params = facts_sql(con, filters)
    return answer(con, f"""
        SELECT speaker, count(*) AS {schema.COUNT} FROM facts_quotes f
        WHERE speaker IS NOT NULL AND {where}
        GROUP BY 1 ORDER BY {schema.COUNT} DESC, speaker LIMIT {int(top)}""", params)
