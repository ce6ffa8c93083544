"""Questions about tone: its distribution, its spread by source, by topic, source or actor type."""

from __future__ import annotations

import pandas as pd

from analysis import schema
from analysis.errors import check_choice
from analysis.query.filters import Filters, facts_sql
from analysis.query.source import Source, answer, connection

TONE_BIN = 0.05  # width of a tone histogram bin


TONE_BY = ("topic", "source", "actor_type")


def tone_bin_count(width: float = TONE_BIN) -> int:
    return int(round(2 / width))


def label_bins(frame: pd.DataFrame, width: float) -> pd.DataFrame:
    """bin numbers (0 = the lowest, from −1) to bin start, centre and end."""
    start = frame["bin"].astype("float64") * width - 1
    return pd.DataFrame({"start": start, "centre": start + width / 2, "end": start + width,
                         schema.ARTICLES: frame[schema.ARTICLES].astype("int64")})


def tone_by(source: Source, filters: Filters | None = None, *, by: str = "topic"
            ) -> pd.DataFrame:
    """Mean article tone per topic, source or actor type.

    Columns: <by>, articles, tone (mean article tone, −1…1), low_evidence (articles < 5).
    Most articles first.
    """
    check_choice("by", by, TONE_BY)
    con = connection(source)
    where, params = facts_sql(con, filters)
    rows = {
        "topic": f"SELECT a, topic AS key, tone FROM facts_topics f WHERE {where}",
        "source": f"SELECT a, coalesce(source, '{schema.UNKNOWN}') AS key, tone "
                  f"FROM facts_articles f WHERE {where}",
        "actor_type": "SELECT DISTINCT f.a, k.actor_type AS key, f.tone FROM facts_actors f "
                      f"JOIN actor_kinds k USING (actor_id) WHERE k.actor_type IS NOT NULL "
                      f"AND {where}",
    }[by]
    frame = answer(con, f"""
        SELECT key AS {by}, count(*) AS {schema.ARTICLES}, avg(tone) AS {schema.TONE},
               count(*) < {schema.LOW_EVIDENCE_BELOW} AS {schema.LOW_EVIDENCE}
        FROM ({rows}) GROUP BY key ORDER BY {schema.ARTICLES} DESC, {by}""", params)
    return frame.astype({schema.ARTICLES: "int64", schema.TONE: "float64",
                         schema.LOW_EVIDENCE: "bool"})


def tone_bins(source: Source, filters: Filters | None = None, *,
              width: float = TONE_BIN) -> pd.DataFrame:
    """How many articles have each tone, in bins of `width` from −1 to 1 (the last includes 1).

    Columns: start, centre, end (of the bin), articles. Only bins with articles are rows.
    """
    con = connection(source)
    where, params = facts_sql(con, filters)
    frame = answer(con, f"""
        SELECT least(floor((tone + 1) / {width!r}), {tone_bin_count(width) - 1})::BIGINT
               AS bin, count(*) AS {schema.ARTICLES}
        FROM facts_articles f WHERE tone IS NOT NULL AND {where} GROUP BY bin ORDER BY bin""",
                params)
    return label_bins(frame, width)


def tone_spread(source: Source, filters: Filters | None = None, *,
                top: int = 15) -> pd.DataFrame:
    """Article tone per source for the `top` sources with most articles: the five numbers of
    a box plot and the mean. Columns: source, articles, low, q1, median, q3, high, mean.
    """
    con = connection(source)
    where, params = facts_sql(con, filters)
    frame = answer(con, f"""
        SELECT coalesce(source, '{schema.UNKNOWN}') AS {schema.SOURCE},
               count(*) AS {schema.ARTICLES},
               min(tone) AS low, quantile_cont(tone, 0.25) AS q1,
               quantile_cont(tone, 0.5) AS median, quantile_cont(tone, 0.75) AS q3,
               max(tone) AS high, avg(tone) AS mean
        FROM facts_articles f WHERE {where} GROUP BY 1
        ORDER BY {schema.ARTICLES} DESC, {schema.SOURCE} LIMIT {int(top)}""", params)
    return frame.astype({schema.ARTICLES: "int64"})


def tone_sample(source: Source, filters: Filters | None = None, *,
                size: int = 2000) -> pd.DataFrame:
    """Title, TextBlob polarity and tone of up to `size` matching articles, picked by a hash
    of their numbers (the same sample each time), for the polarity-against-tone scatter."""
    con = connection(source)
    where, params = facts_sql(con, filters)
    return answer(con, f"""
        SELECT article_id, title, polarity, tone FROM facts_articles f
        WHERE polarity IS NOT NULL AND tone IS NOT NULL AND {where}
        ORDER BY hash(a), a LIMIT {int(size)}""", params)
