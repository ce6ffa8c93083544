"""Questions about actors: who is named, how often, in what tone, with whom."""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis import schema
from analysis.errors import check_choice, check_positive, check_top
from analysis.query.filters import Filters, facts_sql
from analysis.query.source import Source, answer, connection

LEVELS = ("sentence", "article")



def actor_mentions(source: Source, filters: Filters | None = None, *,
                   actor_type: str | None = None, top: int | None = None) -> pd.DataFrame:
    """Actors by how often they are mentioned.

    Columns: actor, actor_type, country_code (the one most of its mentions carry), mentions,
    articles (articles mentioning it), ambiguous (a surname alone that some article of the
    store left apart because several people of that name are named around its date:
    `analysis.store.people`). Most mentioned first; `actor_type` keeps one type of
    `schema.ACTOR_TYPES`, `top` the first `top` rows.
    """
    check_top(top)
    con = connection(source)
    where, params = _of_type(*facts_sql(con, filters), actor_type)
    limit = "" if top is None else f"LIMIT {int(top)}"
    order = f"{schema.MENTIONS} DESC, {schema.ARTICLES} DESC, actor, actor_type NULLS LAST"
    # one scan: mentions per actor and country code; an actor's code is its most named one
    frame = answer(con, f"""
        WITH coded AS (SELECT actor_id, country_code, sum(mentions) AS n,
                              count(*) FILTER (lead) AS articles
                       FROM facts_actors f WHERE {where} GROUP BY ALL),
        c AS (SELECT actor_id, sum(n) AS {schema.MENTIONS}, sum(articles) AS {schema.ARTICLES},
                     arg_max(country_code, (n, -rank)) FILTER (country_code IS NOT NULL)
                         AS {schema.COUNTRY_CODE}
              FROM (SELECT *, dense_rank() OVER (ORDER BY country_code) AS rank FROM coded)
              GROUP BY actor_id)
        SELECT k.actor, k.actor_type, c.{schema.COUNTRY_CODE}, c.{schema.MENTIONS},
               c.{schema.ARTICLES},
               coalesce(k.actor_type = 'person' AND k.actor IN (
                   SELECT actor FROM person_merges WHERE ambiguous), false) AS {schema.AMBIGUOUS}
        FROM c JOIN actor_kinds k USING (actor_id) ORDER BY {order} {limit}""", params)
    frame[schema.COUNTRY_CODE] = frame[schema.COUNTRY_CODE].astype(object).where(
        frame[schema.COUNTRY_CODE].notna(), None)
    return frame.astype({schema.MENTIONS: "int64", schema.ARTICLES: "int64",
                         schema.AMBIGUOUS: "bool"})


def _of_type(where: str, params: list, actor_type: str | None) -> tuple[str, list]:
    """The condition `where` over facts_actors, also keeping one actor type (None: all)."""
    if actor_type is None:
        return where, params
    check_choice("actor_type", actor_type, schema.ACTOR_TYPES)
    return (where + " AND f.actor_id IN (SELECT actor_id FROM actor_kinds WHERE actor_type = ?)",
            [*params, actor_type])


def actor_tone(source: Source, filters: Filters | None = None, *, min_sentences: int = 1,
               actor_type: str | None = None, top: int | None = None) -> pd.DataFrame:
    """The tone of the sentences that mention each actor.

    Columns: actor, actor_type, tone (mean tone, −1…1, of the distinct sentences naming the
    actor), n_sentences (how many), low_evidence (n_sentences < 5: read with care). Actors with
    fewer than `min_sentences` sentences are left out. Most evidence first.

    Sentence tone rather than `sentiment.score_targets` (tone of the clause naming the actor):
    on 4,000 NewsMTSC targets the clause tone agreed no better with the annotators (Spearman
    0.44 against 0.46) and would cost a second scoring pass over every mention.

    `actor_type` keeps one type of `schema.ACTOR_TYPES`, `top` the first `top` rows."""
    check_positive("min_sentences", min_sentences)
    check_top(top)
    con = connection(source)
    where, params = _of_type(*facts_sql(con, filters), actor_type)
    limit = "" if top is None else f"LIMIT {int(top)}"
    frame = answer(con, f"""
        SELECT k.actor, k.actor_type, t.{schema.TONE}, t.{schema.N_SENTENCES},
               t.{schema.N_SENTENCES} < {schema.LOW_EVIDENCE_BELOW} AS {schema.LOW_EVIDENCE}
        FROM (SELECT actor_id, sum(sentence_tone) / nullif(sum(toned), 0) AS {schema.TONE},
                     sum(sentences) AS {schema.N_SENTENCES}
              FROM facts_actors f WHERE lead AND {where} GROUP BY actor_id
              HAVING sum(sentences) >= {int(min_sentences)}) t JOIN actor_kinds k USING (actor_id)
        ORDER BY {schema.N_SENTENCES} DESC, actor, actor_type NULLS LAST {limit}""", params)
    return frame.astype({schema.TONE: "float64", schema.N_SENTENCES: "int64",
                         schema.LOW_EVIDENCE: "bool"})


def cooccurrence(source: Source, filters: Filters | None = None, *, level: str = "sentence",
                 min_count: int = 1, top: int | None = None) -> pd.DataFrame:
    """See `query.cooccurrence`; `top` keeps the `top` most frequent pairs.

    With `top`, only the pairs of the most named actors are counted, exactly: a pair is never
    named together more often than its less named actor is named at all. Actor names are
    numbered most named first and the pair tables are stored in the order of a pair's larger
    name number, `hi` (`analysis.store.facts`), so "the pairs of the actors numbered up to k" is a
    range of rows. The ranges are read in turn, for the 64 actors most named here, then 256,
    ...: the `top`-th count found so far is a lower bound of the answer's, so a range is read
    only for its pairs counted at least that often, and once every actor left out is named
    less often, no pair of theirs can enter the answer. Each range keeps its own `top` pairs
    in the same order: a pair among the `top` of all is among the `top` of its range.
    """
    check_choice("level", level, LEVELS)
    check_positive("min_count", min_count)
    check_top(top)
    con = connection(source)
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
            counts = sorted((n for part in found for n in part[schema.COUNT]), reverse=True)
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
    frame = answer(con, f"""
        SELECT x.actor AS {schema.ACTOR_A}, y.actor AS {schema.ACTOR_B}, p.n AS {schema.COUNT},
               p.t AS {schema.MEAN_TONE}
        FROM (SELECT actor_a, actor_b, {measures} FROM {table} f WHERE {span} AND {where}
              GROUP BY ALL HAVING n >= {int(at_least)}) p
        JOIN actor_names x ON x.name_id = p.actor_a JOIN actor_names y ON y.name_id = p.actor_b
        ORDER BY {schema.COUNT} DESC, {schema.ACTOR_A}, {schema.ACTOR_B} {limit}""", params)
    return frame.astype({schema.COUNT: "int64", schema.MEAN_TONE: "float64"})


def _first_pairs(frames: list[pd.DataFrame], top: int | None) -> pd.DataFrame:
    """The pairs of several ranges in `query.cooccurrence` order, the first `top`."""
    rows = [frame for frame in frames if len(frame)] or frames[:1]  # empty ones have no dtypes
    frame = pd.concat(rows, ignore_index=True) if len(rows) > 1 else rows[0]
    frame = frame.sort_values([schema.COUNT, schema.ACTOR_A, schema.ACTOR_B],
                              ascending=[False, True, True], kind="stable")
    return (frame if top is None else frame.head(top)).reset_index(drop=True)
