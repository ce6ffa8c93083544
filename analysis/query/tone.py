"""Questions about tone: its distribution, its spread by source, by topic, source or actor type."""

from __future__ import annotations

import math

import pandas as pd

from analysis import schema
from analysis.errors import check_choice
from analysis.query.filters import Filters, facts_sql
from analysis.query.source import Source, answer, connection

TONE_BIN = 0.05  # width of a tone histogram bin


TONE_BY = ("topic", "source", "actor_type")


def tone_bin_count(width: float = TONE_BIN) -> int:
    return int(round(2 / width))


def tone_edges(width: float = TONE_BIN) -> list[float]:
    """The edges of the tone bins, from −1 to 1: bin k holds the tones from edge k up to, not
    including, edge k + 1 (the last bin includes 1). One list for the histogram and for the
    filter of a clicked bar, so that both compare a tone with the very same numbers."""
    count = tone_bin_count(width)
    return [round(k * width - 1, 10) for k in range(count)] + [1.0]


def label_bins(frame: pd.DataFrame, width: float) -> pd.DataFrame:
    """bin numbers (0 = the lowest, from −1) to bin start, centre and end."""
    edges = tone_edges(width)
    bins = frame["bin"].astype("int64")
    start = pd.Series([edges[k] for k in bins], dtype="float64")
    end = pd.Series([edges[k + 1] for k in bins], dtype="float64")
    return pd.DataFrame({"start": start, "centre": start + width / 2, "end": end,
                         schema.ARTICLES: frame[schema.ARTICLES].astype("int64").to_numpy()})


def tone_bin_filters(filters: Filters | None, centre: float, *,
                     width: float = TONE_BIN) -> Filters:
    """`filters` narrowed to the articles of the `tone_bins` bin whose centre is `centre`
    (what a click on a histogram bar lists): exactly the articles the bar counts. The bin's
    upper edge belongs to the next bin, so the filter's (inclusive) `tone_max` is the last
    number below it; an article of tone 0.00 is listed under the bar that counts it,
    [0.00, 0.05), not also under [−0.05, 0.00)."""
    filters = filters or Filters()
    edges = tone_edges(width)
    k = min(max(int(round((centre + 1) / width - 0.5)), 0), len(edges) - 2)
    low, high = edges[k], edges[k + 1]
    if k < len(edges) - 2:
        high = math.nextafter(high, -math.inf)
    return filters.replace(
        tone_min=low if filters.tone_min is None else max(low, filters.tone_min),
        tone_max=high if filters.tone_max is None else min(high, filters.tone_max))


def tone_by(source: Source, filters: Filters | None = None, *, by: str = "topic"
            ) -> pd.DataFrame:
    """Mean article tone per topic, source or actor type, of the articles that have a tone.

    Columns: <by>, articles (with a tone: those in a language enrichment does not read are
    left out, never counted as neutral), tone (mean article tone, −1…1), low_evidence
    (articles < 5). Most articles first.
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
        FROM ({rows}) WHERE tone IS NOT NULL GROUP BY key
        ORDER BY {schema.ARTICLES} DESC, {by}""", params)
    return frame.astype({schema.ARTICLES: "int64", schema.TONE: "float64",
                         schema.LOW_EVIDENCE: "bool"})


def tone_bins(source: Source, filters: Filters | None = None, *,
              width: float = TONE_BIN) -> pd.DataFrame:
    """How many articles have each tone, in bins of `width` from −1 to 1 (the last includes 1).

    Columns: start, centre, end (of the bin), articles. Only bins with articles are rows.
    """
    con = connection(source)
    where, params = facts_sql(con, filters)
    last = tone_bin_count(width) - 1
    # the quotient's rounding can put a tone on an edge (−0.05) in the bin below it: the
    # edges themselves decide, as the filter of a clicked bar compares with them
    frame = answer(con, f"""
        SELECT least(k - (tone < ?[k + 1])::INT + (tone >= ?[k + 2])::INT, {last})::BIGINT
               AS bin, count(*) AS {schema.ARTICLES}
        FROM (SELECT tone, least(greatest(floor((tone + 1) / {width!r}), 0), {last})::BIGINT
                     AS k
              FROM facts_articles f WHERE tone IS NOT NULL AND {where})
        GROUP BY bin ORDER BY bin""", [tone_edges(width), tone_edges(width), *params])
    return label_bins(frame, width)


def tone_spread(source: Source, filters: Filters | None = None, *,
                top: int = 15) -> pd.DataFrame:
    """Article tone per source for the `top` sources with most articles: the five numbers of
    a box plot and the mean. Columns: source, articles, scored (the articles with a tone, of
    which the numbers are: none for a source whose articles are all in a language enrichment
    does not read), low, q1, median, q3, high, mean.
    """
    con = connection(source)
    where, params = facts_sql(con, filters)
    frame = answer(con, f"""
        SELECT coalesce(source, '{schema.UNKNOWN}') AS {schema.SOURCE},
               count(*) AS {schema.ARTICLES}, count(tone) AS scored,
               min(tone) AS low, quantile_cont(tone, 0.25) AS q1,
               quantile_cont(tone, 0.5) AS median, quantile_cont(tone, 0.75) AS q3,
               max(tone) AS high, avg(tone) AS mean
        FROM facts_articles f WHERE {where} GROUP BY 1
        ORDER BY {schema.ARTICLES} DESC, {schema.SOURCE} LIMIT {int(top)}""", params)
    return frame.astype({schema.ARTICLES: "int64", "scored": "int64"})


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
