"""The questions of `analysis.query`, answered by DuckDB inside the store for the dashboard.

Each function takes a store connection and `Filters` and returns the frame its namesake in
`analysis.query` returns for the filtered tables (same columns, rows and order; tests hold them
to it), computed from the query tables of `analysis.rollup`, so a chart costs an aggregate over
integer-keyed rows instead of reading the corpus into pandas.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from analysis import query, schema
from analysis.filters import Filters, facts_sql

PERIOD_SQL = {"D": "day", "W": "week", "M": "month"}


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    return con.execute(sql, params).df()


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """Articles, undated articles, sources, first and last date and mean tone of the matches."""
    where, params = facts_sql(con, filters)
    row = con.execute(
        "SELECT count(*), count(*) - count(published_at), count(DISTINCT source), "
        f"min(published_at), max(published_at), avg(tone) FROM facts_articles f WHERE {where}",
        params).fetchall()[0]
    return dict(zip(("articles", "undated", "sources", "first", "last", "mean_tone"), row,
                    strict=True))


def topic_frequencies(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """See `query.topic_frequencies`."""
    where, params = facts_sql(con, filters)
    total = con.execute(f"SELECT count(*) FROM facts_articles f WHERE {where}",
                        params).fetchall()[0][0]
    frame = _df(con, f"""
        SELECT topic, count(*) AS {query.ARTICLES}, sum(hits) AS {schema.HITS},
               count(*) / {max(total, 1)} AS {query.SHARE}
        FROM facts_topics f WHERE {where} GROUP BY topic
        ORDER BY {query.ARTICLES} DESC, {schema.HITS} DESC, topic""", params)
    return frame.astype({query.ARTICLES: "int64", schema.HITS: "int64", query.SHARE: "float64"})


def actor_mentions(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                   actor_type: str | None = None, top: int | None = None) -> pd.DataFrame:
    """See `query.actor_mentions`."""
    if actor_type is not None:
        query.check_choice("actor_type", actor_type, schema.ACTOR_TYPES)
    query.check_top(top)
    where, params = facts_sql(con, filters)
    if actor_type is not None:
        where += " AND f.actor_id IN (SELECT actor_id FROM actor_kinds WHERE actor_type = ?)"
        params = [*params, actor_type]
    limit = "" if top is None else f"LIMIT {int(top)}"
    order = f"{query.MENTIONS} DESC, {query.ARTICLES} DESC, actor, actor_type NULLS LAST"
    # one scan: mentions per actor and country code; an actor's code is its most named one
    frame = _df(con, f"""
        WITH coded AS (SELECT actor_id, country_code, sum(mentions) AS n,
                              count(*) FILTER (lead) AS articles
                       FROM facts_actors f WHERE {where} GROUP BY ALL),
        c AS (SELECT actor_id, sum(n) AS {query.MENTIONS}, sum(articles) AS {query.ARTICLES},
                     arg_max(country_code, (n, -rank)) FILTER (country_code IS NOT NULL)
                         AS {schema.COUNTRY_CODE}
              FROM (SELECT *, dense_rank() OVER (ORDER BY country_code) AS rank FROM coded)
              GROUP BY actor_id)
        SELECT k.actor, k.actor_type, c.{schema.COUNTRY_CODE}, c.{query.MENTIONS},
               c.{query.ARTICLES}
        FROM c JOIN actor_kinds k USING (actor_id) ORDER BY {order} {limit}""", params)
    frame[schema.COUNTRY_CODE] = frame[schema.COUNTRY_CODE].astype(object).where(
        frame[schema.COUNTRY_CODE].notna(), None)
    return frame.astype({query.MENTIONS: "int64", query.ARTICLES: "int64"})


def actor_tone(con: duckdb.DuckDBPyConnection, filters: Filters, *, min_sentences: int = 1,
               top: int | None = None) -> pd.DataFrame:
    """See `query.actor_tone`; `top` keeps the first `top` rows."""
    query.check_positive("min_sentences", min_sentences)
    query.check_top(top)
    where, params = facts_sql(con, filters)
    limit = "" if top is None else f"LIMIT {int(top)}"
    frame = _df(con, f"""
        SELECT k.actor, k.actor_type, t.{schema.TONE}, t.{query.N_SENTENCES},
               t.{query.N_SENTENCES} < {query.LOW_EVIDENCE_BELOW} AS {query.LOW_EVIDENCE}
        FROM (SELECT actor_id, sum(sentence_tone) / nullif(sum(toned), 0) AS {schema.TONE},
                     sum(sentences) AS {query.N_SENTENCES}
              FROM facts_actors f WHERE lead AND {where} GROUP BY actor_id
              HAVING sum(sentences) >= {int(min_sentences)}) t JOIN actor_kinds k USING (actor_id)
        ORDER BY {query.N_SENTENCES} DESC, actor, actor_type NULLS LAST {limit}""", params)
    return frame.astype({schema.TONE: "float64", query.N_SENTENCES: "int64",
                         query.LOW_EVIDENCE: "bool"})


def cooccurrence(con: duckdb.DuckDBPyConnection, filters: Filters, *, level: str = "sentence",
                 min_count: int = 1, top: int | None = None) -> pd.DataFrame:
    """See `query.cooccurrence`; `top` keeps the `top` most frequent pairs.

    With `top`, only the pairs of the most named actors are counted, exactly: a pair is never
    named together more often than its less named actor is named at all. Actor names are
    numbered most named first and the pair tables are stored in the order of a pair's larger
    name number, `hi` (`analysis.rollup`), so "the pairs of the actors numbered up to k" is a
    range of rows. The ranges are read in turn, for the 64 actors most named here, then 256,
    ...: the `top`-th count found so far is a lower bound of the answer's, so a range is read
    only for its pairs counted at least that often, and once every actor left out is named
    less often, no pair of theirs can enter the answer. Each range keeps its own `top` pairs
    in the same order: a pair among the `top` of all is among the `top` of its range.
    """
    query.check_choice("level", level, query.LEVELS)
    query.check_positive("min_count", min_count)
    query.check_top(top)
    where, params = facts_sql(con, filters)
    if top is None:
        return _pairs(con, level, where, params, low=0, high=None, at_least=min_count, top=None)
    if level == "sentence":  # how many sentences name each actor, an upper bound of its pairs
        bound = "SELECT name_id, sum(sentences) AS n FROM facts_actors f WHERE lead"
    else:
        bound = "SELECT name_id, count(*) AS n FROM facts_actors f WHERE name_lead"
    ranked = con.execute(f"{bound} AND {where} GROUP BY name_id ORDER BY n DESC, name_id",
                         params).fetchall()
    found, floor, low, among = [], min_count, 0, AMONG
    while True:
        # the next range of rows: pairs whose larger name number is the `among` most named
        # actors' largest, but no pair of actors named less often than `floor`
        high = min(max((name for name, _ in ranked[:among]), default=0),
                   max((name for name, n in ranked if n >= floor), default=0))
        if high > low:
            found.append(_pairs(con, level, where, params, low=low, high=high,
                                at_least=floor, top=top))
            counts = sorted((n for part in found for n in part[query.COUNT]), reverse=True)
            floor = int(counts[top - 1]) if len(counts) >= top else floor
            low = high
        # (an actor left out as often named as the `top`-th pair could tie with it)
        if next((n for name, n in ranked if name > low), 0) < floor:
            break
        among *= 4
    if not found:
        found = [_pairs(con, level, where, params, low=0, high=0, at_least=min_count, top=top)]
    return _first_pairs(found, top)


AMONG = 64  # the most named actors whose pairs `cooccurrence` counts first


def _pairs(con: duckdb.DuckDBPyConnection, level: str, where: str, params: list, *, low: int,
           high: int | None, at_least: int, top: int | None) -> pd.DataFrame:
    """`query.cooccurrence` rows of the pairs with `low` < hi <= `high` named together at
    least `at_least` times, in its order; with `top`, the first `top`."""
    if level == "sentence":
        measures = "sum(sentences) AS n, sum(sentence_tone) / nullif(sum(toned), 0) AS t"
        table = "facts_sentence_pairs"
    else:
        measures, table = "count(*) AS n, avg(tone) AS t", "facts_pairs"
    span = f"hi > {int(low)}" + ("" if high is None else f" AND hi <= {int(high)}")
    limit = "" if top is None else f"LIMIT {int(top)}"
    frame = _df(con, f"""
        SELECT x.actor AS {query.ACTOR_A}, y.actor AS {query.ACTOR_B}, p.n AS {query.COUNT},
               p.t AS {query.MEAN_TONE}
        FROM (SELECT actor_a, actor_b, {measures} FROM {table} f WHERE {span} AND {where}
              GROUP BY ALL HAVING n >= {int(at_least)}) p
        JOIN actor_names x ON x.name_id = p.actor_a JOIN actor_names y ON y.name_id = p.actor_b
        ORDER BY {query.COUNT} DESC, {query.ACTOR_A}, {query.ACTOR_B} {limit}""", params)
    return frame.astype({query.COUNT: "int64", query.MEAN_TONE: "float64"})


def _first_pairs(frames: list[pd.DataFrame], top: int | None) -> pd.DataFrame:
    """The pairs of several ranges in `query.cooccurrence` order, the first `top`."""
    rows = [frame for frame in frames if len(frame)] or frames[:1]  # empty ones have no dtypes
    frame = pd.concat(rows, ignore_index=True) if len(rows) > 1 else rows[0]
    frame = frame.sort_values([query.COUNT, query.ACTOR_A, query.ACTOR_B],
                              ascending=[False, True, True], kind="stable")
    return (frame if top is None else frame.head(top)).reset_index(drop=True)


def tone_by(con: duckdb.DuckDBPyConnection, filters: Filters, *, by: str = "topic"
            ) -> pd.DataFrame:
    """See `query.tone_by`."""
    query.check_choice("by", by, query.TONE_BY)
    where, params = facts_sql(con, filters)
    rows = {
        "topic": f"SELECT a, topic AS key, tone FROM facts_topics f WHERE {where}",
        "source": "SELECT a, coalesce(source, '(unknown)') AS key, tone FROM facts_articles f "
                  f"WHERE {where}",
        "actor_type": "SELECT DISTINCT f.a, k.actor_type AS key, f.tone FROM facts_actors f "
                      f"JOIN actor_kinds k USING (actor_id) WHERE k.actor_type IS NOT NULL "
                      f"AND {where}",
    }[by]
    frame = _df(con, f"""
        SELECT key AS {by}, count(*) AS {query.ARTICLES}, avg(tone) AS {schema.TONE},
               count(*) < {query.LOW_EVIDENCE_BELOW} AS {query.LOW_EVIDENCE}
        FROM ({rows}) GROUP BY key ORDER BY {query.ARTICLES} DESC, {by}""", params)
    return frame.astype({query.ARTICLES: "int64", schema.TONE: "float64",
                         query.LOW_EVIDENCE: "bool"})


def tone_bins(con: duckdb.DuckDBPyConnection, filters: Filters, *,
              width: float = query.TONE_BIN) -> pd.DataFrame:
    """See `query.tone_bins`."""
    where, params = facts_sql(con, filters)
    frame = _df(con, f"""
        SELECT least(floor((tone + 1) / {width!r}), {query.tone_bin_count(width) - 1})::BIGINT
               AS bin, count(*) AS {query.ARTICLES}
        FROM facts_articles f WHERE tone IS NOT NULL AND {where} GROUP BY bin ORDER BY bin""",
                params)
    return query.label_bins(frame, width)


def tone_spread(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                top: int = 15) -> pd.DataFrame:
    """See `query.tone_spread`."""
    where, params = facts_sql(con, filters)
    frame = _df(con, f"""
        SELECT coalesce(source, '(unknown)') AS {schema.SOURCE}, count(*) AS {query.ARTICLES},
               min(tone) AS low, quantile_cont(tone, 0.25) AS q1,
               quantile_cont(tone, 0.5) AS median, quantile_cont(tone, 0.75) AS q3,
               max(tone) AS high, avg(tone) AS mean
        FROM facts_articles f WHERE {where} GROUP BY 1
        ORDER BY {query.ARTICLES} DESC, {schema.SOURCE} LIMIT {int(top)}""", params)
    return frame.astype({query.ARTICLES: "int64"})


def tone_sample(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                size: int = 2000) -> pd.DataFrame:
    """Title, TextBlob polarity and tone of up to `size` matching articles, picked by a hash
    of their numbers (the same sample each time), for the polarity-against-tone scatter."""
    where, params = facts_sql(con, filters)
    return _df(con, f"""
        SELECT article_id, title, polarity, tone FROM facts_articles f
        WHERE polarity IS NOT NULL AND tone IS NOT NULL AND {where}
        ORDER BY hash(a), a LIMIT {int(size)}""", params)


def quote_table(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                speakers: Sequence[str] = (), limit: int | None = None) -> pd.DataFrame:
    """See `query.quote_table`; `speakers` keeps those speakers' quotes, `limit` the newest."""
    where, params = facts_sql(con, filters)
    if speakers:
        where += " AND f.speaker IN (SELECT unnest(?))"
        params = [*params, list(speakers)]
    columns = ", ".join(f"q.{c}" for c in schema.ENRICHMENT_TABLES["quotes"])
    limit_sql = "" if limit is None else f"LIMIT {int(limit)}"
    order = "published_at DESC NULLS LAST, article_id, start"
    return _df(con, f"""
        WITH picked AS (SELECT article_id, start, title, source, published_at FROM facts_quotes f
                        WHERE {where} ORDER BY {order} {limit_sql})
        SELECT {columns}, p.title, p.source, p.published_at
        FROM picked p JOIN quotes q USING (article_id, start) ORDER BY {order}""", params)


def quote_speakers(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                   top: int = 300) -> pd.DataFrame:
    """Speakers of the matching quotes by how many quotes they have (speaker, count)."""
    where, params = facts_sql(con, filters)
    return _df(con, f"""
        SELECT speaker, count(*) AS {query.COUNT} FROM facts_quotes f
        WHERE speaker IS NOT NULL AND {where}
        GROUP BY 1 ORDER BY {query.COUNT} DESC, speaker LIMIT {int(top)}""", params)


def timeline(con: duckdb.DuckDBPyConnection, filters: Filters, *, freq: str = "D",
             by: str | None = None, window: int = 7, z: float = 2.0, min_articles: int = 3,
             keys: Sequence[str] | None = None, top: int | None = None) -> pd.DataFrame:
    """See `query.timeline`."""
    query.check_timeline(freq=freq, by=by, window=window, z=z, min_articles=min_articles,
                         top=top)
    where, params = facts_sql(con, filters)
    period = f"date_trunc('{PERIOD_SQL[freq]}', f.day)::TIMESTAMP"
    first, last, undated = con.execute(
        f"SELECT min({period}), max({period}), count(*) - count(f.day) "
        f"FROM facts_articles f WHERE {where}", params).fetchall()[0]
    dated = f"f.day IS NOT NULL AND {where}"
    if by == "actor":
        grouped = _actor_periods(con, period, dated, params, keys=keys, top=top)
    else:
        if by is None:
            units = ("SELECT 'all' AS key, f.mentions, f.tone, {period} AS period "
                     "FROM facts_articles f WHERE {dated}")
        else:
            units = ("SELECT f.topic AS key, x.mentions, f.tone, {period} AS period "
                     "FROM facts_topics f JOIN facts_articles x USING (a) WHERE {dated}")
        units = units.format(period=period, dated=dated)
        if keys is not None:
            units += " AND key IN (SELECT unnest(?))"
            params = [*params, list(keys)]
        chosen = "TRUE"
        if top is not None:
            chosen = (f"key IN (SELECT key FROM units GROUP BY key ORDER BY count(*) DESC, key "
                      f"LIMIT {int(top)})")
        grouped = _df(con, f"""
            WITH units AS ({units})
            SELECT key, period AS {query.PERIOD}, count(*) AS {query.ARTICLES},
                   sum(mentions) AS {query.MENTIONS}, avg(tone) AS {query.MEAN_TONE}
            FROM units WHERE {chosen} GROUP BY ALL""", params)
    grouped[query.PERIOD] = grouped[query.PERIOD].astype("datetime64[us]")
    grouped = grouped.set_index(["key", query.PERIOD])
    span = (None, None) if first is None else (pd.Timestamp(first), pd.Timestamp(last))
    return query.finish_timeline(grouped, span, by=by, freq=freq, window=window, z=z,
                                 min_articles=min_articles, undated=int(undated))


def _actor_periods(con: duckdb.DuckDBPyConnection, period: str, dated: str, params: list, *,
                   keys: Sequence[str] | None, top: int | None) -> pd.DataFrame:
    """Articles, mentions and mean tone per (actor name, period): the chosen names first."""
    chosen, chosen_params = "", []
    if keys is not None:
        chosen, chosen_params = ("AND f.name_id IN (SELECT name_id FROM actor_names "
                                 "WHERE actor IN (SELECT unnest(?)))"), [list(keys)]
    if top is not None:
        best = con.execute(f"""
            SELECT c.name_id FROM (SELECT name_id, count(*) AS n FROM facts_actors f
                                   WHERE name_lead AND {dated} {chosen} GROUP BY name_id) c
            JOIN actor_names USING (name_id) ORDER BY n DESC, actor LIMIT {int(top)}""",
                           [*params, *chosen_params]).fetchall()
        chosen, chosen_params = "AND f.name_id IN (SELECT unnest(?))", [[r[0] for r in best]]
    return _df(con, f"""
        SELECT n.actor AS key, c.* EXCLUDE (name_id) FROM (
            SELECT name_id, {period} AS {query.PERIOD},
                   count(*) FILTER (name_lead) AS {query.ARTICLES},
                   sum(mentions) AS {query.MENTIONS},
                   avg(tone) FILTER (name_lead) AS {query.MEAN_TONE}
            FROM facts_actors f WHERE {dated} {chosen} GROUP BY ALL) c
        JOIN actor_names n USING (name_id)""", [*params, *chosen_params])
