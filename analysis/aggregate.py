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
from analysis.filters import Filters, to_sql

PERIOD_SQL = {"D": "day", "W": "week", "M": "month"}


def _where(filters: Filters, alias: str = "f") -> tuple[str, list]:
    return to_sql(filters, alias=alias, facts=True)


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    return con.execute(sql, params).df()


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """Articles, undated articles, sources, first and last date and mean tone of the matches."""
    where, params = _where(filters)
    row = con.execute(
        "SELECT count(*), count(*) - count(published_at), count(DISTINCT source), "
        f"min(published_at), max(published_at), avg(tone) FROM facts_articles f WHERE {where}",
        params).fetchall()[0]
    return dict(zip(("articles", "undated", "sources", "first", "last", "mean_tone"), row,
                    strict=True))


def topic_frequencies(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """See `query.topic_frequencies`."""
    where, params = _where(filters)
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
    where, params = _where(filters)
    if actor_type is not None:
        where += " AND f.actor_id IN (SELECT actor_id FROM actor_kinds WHERE actor_type = ?)"
        params = [*params, actor_type]
    limit = "" if top is None else f"LIMIT {int(top)}"
    order = (f"{query.MENTIONS} DESC, {query.ARTICLES} DESC, actor, actor_type NULLS LAST")
    frame = _df(con, f"""
        SELECT c.actor_id, k.actor, k.actor_type, c.{query.MENTIONS}, c.{query.ARTICLES}
        FROM (SELECT actor_id, sum(mentions) AS {query.MENTIONS},
                     count(*) FILTER (lead) AS {query.ARTICLES}
              FROM facts_actors f WHERE {where} GROUP BY actor_id) c
        JOIN actor_kinds k USING (actor_id) ORDER BY {order} {limit}""", params)
    codes = _df(con, f"""
        SELECT actor_id, country_code FROM (
            SELECT *, row_number() OVER (PARTITION BY actor_id
                                         ORDER BY n DESC, country_code) AS rank FROM (
                SELECT actor_id, country_code, sum(mentions) AS n FROM facts_actors f
                WHERE country_code IS NOT NULL AND actor_id IN (SELECT unnest(?)) AND {where}
                GROUP BY actor_id, country_code)) WHERE rank = 1""",
                [frame["actor_id"].tolist(), *params])
    frame = frame.merge(codes, on="actor_id", how="left")
    frame[schema.COUNTRY_CODE] = frame[schema.COUNTRY_CODE].astype(object).where(
        frame[schema.COUNTRY_CODE].notna(), None)
    frame = frame[[schema.ACTOR, schema.ACTOR_TYPE, schema.COUNTRY_CODE, query.MENTIONS,
                   query.ARTICLES]]
    return frame.astype({query.MENTIONS: "int64", query.ARTICLES: "int64"})


def actor_tone(con: duckdb.DuckDBPyConnection, filters: Filters, *, min_sentences: int = 1,
               top: int | None = None) -> pd.DataFrame:
    """See `query.actor_tone`; `top` keeps the first `top` rows."""
    query.check_positive("min_sentences", min_sentences)
    query.check_top(top)
    where, params = _where(filters)
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

    With `top`, pairs are counted among the most named actors only, as many as it takes for
    the answer to be exact: a pair is never named together more often than its less named
    actor is named at all, so once the `top`-th pair count reaches the count of the first
    actor left out, no pair with a left-out actor can enter the list.
    """
    query.check_choice("level", level, query.LEVELS)
    query.check_positive("min_count", min_count)
    query.check_top(top)
    where, params = _where(filters)
    if top is None:
        return _pairs(con, level, where, params, min_count=min_count, top=None, among=None)
    if level == "sentence":  # how many sentences name each actor, an upper bound of its pairs
        bound = "SELECT name_id, sum(sentences) AS n FROM facts_actors f WHERE lead"
    else:
        bound = "SELECT name_id, count(*) AS n FROM facts_actors f WHERE name_lead"
    ranked = con.execute(f"{bound} AND {where} GROUP BY name_id ORDER BY n DESC",
                         params).fetchall()
    among = max(64, 4 * int(top))
    while True:
        chosen = [name for name, _ in ranked[:among]]
        frame = _pairs(con, level, where, params, min_count=min_count, top=top, among=chosen)
        left_out = ranked[among][1] if among < len(ranked) else 0
        needed = frame[query.COUNT].iloc[-1] + 1 if len(frame) == top else min_count
        if left_out < needed:
            return frame
        among *= 4


def _pairs(con: duckdb.DuckDBPyConnection, level: str, where: str, params: list, *,
           min_count: int, top: int | None, among: list[int] | None) -> pd.DataFrame:
    if level == "sentence":
        measures = "sum(sentences) AS n, sum(sentence_tone) / nullif(sum(toned), 0) AS t"
        table = "facts_sentence_pairs"
    else:
        measures, table = "count(*) AS n, avg(tone) AS t", "facts_pairs"
    if among is not None:
        where = ("actor_a IN (SELECT unnest(?)) AND actor_b IN (SELECT unnest(?)) AND "
                 + where)
        params = [among, among, *params]
    limit = "" if top is None else f"LIMIT {int(top)}"
    frame = _df(con, f"""
        SELECT x.actor AS {query.ACTOR_A}, y.actor AS {query.ACTOR_B}, p.n AS {query.COUNT},
               p.t AS {query.MEAN_TONE}
        FROM (SELECT actor_a, actor_b, {measures} FROM {table} f WHERE {where}
              GROUP BY ALL HAVING n >= {int(min_count)}) p
        JOIN actor_names x ON x.name_id = p.actor_a JOIN actor_names y ON y.name_id = p.actor_b
        ORDER BY {query.COUNT} DESC, {query.ACTOR_A}, {query.ACTOR_B} {limit}""", params)
    return frame.astype({query.COUNT: "int64", query.MEAN_TONE: "float64"})


def tone_by(con: duckdb.DuckDBPyConnection, filters: Filters, *, by: str = "topic"
            ) -> pd.DataFrame:
    """See `query.tone_by`."""
    query.check_choice("by", by, query.TONE_BY)
    where, params = _where(filters)
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
    where, params = _where(filters)
    frame = _df(con, f"""
        SELECT least(floor((tone + 1) / {width!r}), {query.tone_bin_count(width) - 1})::BIGINT
               AS bin, count(*) AS {query.ARTICLES}
        FROM facts_articles f WHERE tone IS NOT NULL AND {where} GROUP BY bin ORDER BY bin""",
                params)
    return query.label_bins(frame, width)


def tone_spread(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                top: int = 15) -> pd.DataFrame:
    """See `query.tone_spread`."""
    where, params = _where(filters)
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
    where, params = _where(filters)
    return _df(con, f"""
        SELECT article_id, title, polarity, tone FROM facts_articles f
        WHERE polarity IS NOT NULL AND tone IS NOT NULL AND {where}
        ORDER BY hash(a), a LIMIT {int(size)}""", params)


def quote_table(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                speakers: Sequence[str] = (), limit: int | None = None) -> pd.DataFrame:
    """See `query.quote_table`; `speakers` keeps those speakers' quotes, `limit` the newest."""
    where, params = _where(filters)
    if speakers:
        where += " AND q.speaker IN (SELECT unnest(?))"
        params = [*params, list(speakers)]
    columns = ", ".join(f"q.{c}" for c in schema.ENRICHMENT_TABLES["quotes"])
    limit_sql = "" if limit is None else f"LIMIT {int(limit)}"
    return _df(con, f"""
        SELECT {columns}, f.title, f.source, f.published_at
        FROM quotes q JOIN facts_articles f USING (article_id) WHERE {where}
        ORDER BY f.published_at DESC NULLS LAST, q.article_id, q.start {limit_sql}""", params)


def quote_speakers(con: duckdb.DuckDBPyConnection, filters: Filters, *,
                   top: int = 300) -> pd.DataFrame:
    """Speakers of the matching quotes by how many quotes they have (speaker, count)."""
    where, params = _where(filters)
    return _df(con, f"""
        SELECT q.speaker, count(*) AS {query.COUNT}
        FROM quotes q JOIN facts_articles f USING (article_id)
        WHERE q.speaker IS NOT NULL AND {where}
        GROUP BY 1 ORDER BY {query.COUNT} DESC, q.speaker LIMIT {int(top)}""", params)


def timeline(con: duckdb.DuckDBPyConnection, filters: Filters, *, freq: str = "D",
             by: str | None = None, window: int = 7, z: float = 2.0, min_articles: int = 3,
             keys: Sequence[str] | None = None, top: int | None = None) -> pd.DataFrame:
    """See `query.timeline`."""
    query.check_timeline(freq=freq, by=by, window=window, z=z, min_articles=min_articles,
                         top=top)
    where, params = _where(filters)
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
