"""The store's query tables: per-article facts the dashboard aggregates, kept in step with writes.

The enrichment tables hold what was found (one row per mention, sentence, ...); answering a chart
from them at a million articles means joining tens of millions of rows on string ids. So each
write also updates narrow tables keyed by an integer article number `a`, with the columns every
filter needs (UTC day, source, language, tone, and `top_names` and `top_topics`, bit masks of
the article's most named actors and its topics) repeated on each row, and the joins done once:

- facts_articles: one row per article (title and date for lists, scores, its mention count);
- facts_actors: one row per article, actor and country code; `lead` marks one row per article
  and (actor, type), `name_lead` one per article and actor name; the tone of the distinct
  sentences naming the actor is on the lead row;
- facts_topics: one row per article and topic;
- facts_pairs: one row per article and pair of actor names (alphabetical) named in it;
- facts_sentence_pairs: one row per article and pair named together in at least one sentence,
  with how many sentences and their tone; both pair tables carry `hi`, the larger of the two
  name ids, and are written in its order, so that the pairs of the most named actors are a
  few row groups that DuckDB reads alone (`analysis.query.cooccurrence`);
- facts_quotes: one row per quote (its article id and start, the speaker, the article's title
  and time), to list and count quotes without joining the corpus;
- topic_ids: integer ids of topics, numbered as they first appear (most frequent first);
- actor_names, actor_kinds: integer ids of actor names and of (name, type) pairs. Names are
  numbered by how many articles name them, most named first (a rebuild numbers them afresh; a
  later batch's new names come after), so "the most named actors" is nearly a range of ids,
  which a scan filters for free (see `analysis.query.cooccurrence`).

Actor names are read from `resolved_mentions`, the mentions with surnames joined across the
store (`analysis.store.people`): each write joins them afresh and recomputes, beside the
articles it touched, those whose joins changed.

Only the articles a write touched (and those whose joined surnames changed) are (re)computed,
so the cost follows the batch, not the store.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import duckdb

from analysis.store import people

# the filter columns every facts table repeats from its article (`copy`: a near-duplicate of
# an earlier article, so a view can count each story once) (SHARED below)
_SHARED_DDL = ("a INTEGER, day DATE, source VARCHAR, language VARCHAR, tone DOUBLE, "
               "top_names UBIGINT, top_topics UBIGINT, copy BOOLEAN")
_DDL = [
    "CREATE SEQUENCE IF NOT EXISTS article_no START 1",
    "CREATE SEQUENCE IF NOT EXISTS name_no START 1",
    "CREATE SEQUENCE IF NOT EXISTS kind_no START 1",
    "CREATE SEQUENCE IF NOT EXISTS topic_no START 1",
    "CREATE TABLE IF NOT EXISTS topic_ids (topic_id INTEGER, topic VARCHAR)",
    "CREATE TABLE IF NOT EXISTS actor_names (name_id INTEGER, actor VARCHAR)",
    "CREATE TABLE IF NOT EXISTS actor_kinds (actor_id INTEGER, actor VARCHAR, actor_type VARCHAR, "
    "name_id INTEGER)",
    "CREATE TABLE IF NOT EXISTS facts_articles (a INTEGER, article_id VARCHAR, day DATE, "
    "source VARCHAR, language VARCHAR, tone DOUBLE, published_at TIMESTAMPTZ, title VARCHAR, "
    "dateline VARCHAR, polarity DOUBLE, subjectivity DOUBLE, word_count BIGINT, "
    "mentions INTEGER, top_names UBIGINT, top_topics UBIGINT, copy BOOLEAN, "
    "duplicate_of VARCHAR)",
    f"CREATE TABLE IF NOT EXISTS facts_actors ({_SHARED_DDL}, actor_id INTEGER, "
    "name_id INTEGER, country_code VARCHAR, lead BOOLEAN, name_lead BOOLEAN, "
    "mentions INTEGER, sentences INTEGER, toned INTEGER, sentence_tone DOUBLE)",
    f"CREATE TABLE IF NOT EXISTS facts_topics ({_SHARED_DDL}, topic VARCHAR, hits BIGINT)",
    f"CREATE TABLE IF NOT EXISTS facts_pairs ({_SHARED_DDL}, actor_a INTEGER, "
    "actor_b INTEGER, hi INTEGER)",
    f"CREATE TABLE IF NOT EXISTS facts_sentence_pairs ({_SHARED_DDL}, actor_a INTEGER, "
    "actor_b INTEGER, sentences INTEGER, toned INTEGER, sentence_tone DOUBLE, hi INTEGER)",
    f"CREATE TABLE IF NOT EXISTS facts_quotes ({_SHARED_DDL}, published_at TIMESTAMPTZ, "
    "title VARCHAR, article_id VARCHAR, start BIGINT, speaker VARCHAR)",
]
FACTS = ("facts_actors", "facts_topics", "facts_pairs", "facts_sentence_pairs", "facts_quotes")
# the filter columns every facts table repeats from its article
SHARED = "f.a, f.day, f.source, f.language, f.tone, f.top_names, f.top_topics, f.copy"
# actor names numbered up to this have a bit each in `top_names`: bit k - 1 is set when the
# article names actor name k, so a filter on the most named actors is a mask, not a join;
# the same for topics (numbered as they first appear) in `top_topics`
TOP_NAMES = 64
TOP_TOPICS = 64


@dataclass(frozen=True)
class Numbered:
    """Values of an enrichment table numbered in a table of their own (`id`, `value`), the
    first `width` numbers with a bit each in the `mask` column of every query-table row."""

    table: str
    sequence: str
    id: str
    value: str
    source: str
    mask: str
    width: int


# by the `Filters` field that filters on them
NUMBERED = {
    "actors": Numbered("actor_names", "name_no", "name_id", "actor", "resolved_mentions",
                       "top_names", TOP_NAMES),
    "topics": Numbered("topic_ids", "topic_no", "topic_id", "topic", "topics", "top_topics",
                       TOP_TOPICS),
}
# new values of the touched articles, numbered most frequent first
_NUMBER = """
INSERT INTO {table}
SELECT nextval('{sequence}'), {value} FROM (
    SELECT {value}, count(DISTINCT article_id) AS n FROM {source}
    WHERE article_id IN (SELECT article_id FROM touched)
      AND {value} NOT IN (SELECT {value} FROM {table}) GROUP BY 1 ORDER BY n DESC, 1)
"""
# each touched article's mask of the values it has among the first `width` numbers
_MASK = """
LEFT JOIN (SELECT v.article_id, bit_or(1::UBIGINT << (i.{id} - 1)) AS {mask}
           FROM (SELECT DISTINCT article_id, {value} FROM {source}
                 WHERE article_id IN (SELECT article_id FROM touched)) v
           JOIN {table} i USING ({value}) WHERE i.{id} <= {width} GROUP BY 1) {mask}
     USING (article_id)"""
_NUMBERING = [_NUMBER.format(**asdict(numbered)) for numbered in NUMBERED.values()]
# the touched articles numbered by time, then id: DuckDB draws `nextval` before it sorts (and
# in several threads), so the numbers drawn are sorted apart and the k-th goes to the k-th row
_ARTICLES = f"""
INSERT INTO facts_articles
WITH rows AS (
    SELECT row_number() OVER (ORDER BY a.published_at NULLS LAST, a.article_id) AS k,
           a.article_id, a.published_at::DATE, a.source, a.language,
           s.tone, a.published_at, a.title, a.dateline, s.polarity, s.subjectivity,
           s.word_count, coalesce(m.n, 0),
           {", ".join(f"coalesce({n.mask}.{n.mask}, 0::UBIGINT)" for n in NUMBERED.values())},
           s.duplicate_of IS NOT NULL, s.duplicate_of
    FROM articles a LEFT JOIN scores s USING (article_id)
    LEFT JOIN (SELECT article_id, count(*) AS n FROM mentions
               WHERE article_id IN (SELECT article_id FROM touched) GROUP BY 1) m
         USING (article_id)
    {"".join(_MASK.format(**asdict(numbered)) for numbered in NUMBERED.values())}
    WHERE a.article_id IN (SELECT article_id FROM touched)),
numbers AS (
    SELECT row_number() OVER (ORDER BY no) AS k, no
    FROM (SELECT nextval('article_no') AS no FROM (SELECT k FROM rows)))
SELECT numbers.no, rows.* EXCLUDE (k) FROM rows JOIN numbers USING (k) ORDER BY k
"""
_KINDS = """
INSERT INTO actor_kinds
SELECT nextval('kind_no'), k.actor, k.actor_type, n.name_id FROM (
    SELECT DISTINCT actor, actor_type FROM resolved_mentions m
    WHERE article_id IN (SELECT article_id FROM touched) AND NOT EXISTS (
        SELECT 1 FROM actor_kinds x
        WHERE x.actor = m.actor AND x.actor_type IS NOT DISTINCT FROM m.actor_type)
    ORDER BY actor, actor_type) k JOIN actor_names n USING (actor)
"""
# the touched mentions with their article number and actor ids
_NAMED = """
CREATE OR REPLACE TEMP TABLE named AS
SELECT f.a, k.actor_id, k.name_id, k.actor, k.actor_type, m.country_code, m.sentence
FROM resolved_mentions m JOIN facts_articles f USING (article_id)
JOIN actor_kinds k ON k.actor = m.actor AND k.actor_type IS NOT DISTINCT FROM m.actor_type
WHERE m.article_id IN (SELECT article_id FROM touched)
"""
_SENTENCE_TONE = """
CREATE OR REPLACE TEMP TABLE sentence_tone AS
SELECT f.a, s.sentence, s.tone FROM sentences s JOIN facts_articles f USING (article_id)
WHERE s.article_id IN (SELECT article_id FROM touched)
"""
_ACTORS = f"""
INSERT INTO facts_actors
WITH per_code AS (
    SELECT a, actor_id, name_id, actor_type, country_code, count(*) AS mentions FROM named
    GROUP BY ALL),
ranked AS (
    -- a name's lead row by its type, not by the kind's number: an article naming "Salomon"
    -- as a company and as a person leads with the same row whatever order kinds were numbered
    SELECT *, row_number() OVER (PARTITION BY a, actor_id ORDER BY country_code NULLS LAST) = 1
              AS lead,
              row_number() OVER (PARTITION BY a, name_id ORDER BY actor_type NULLS LAST,
                                 country_code NULLS LAST) = 1 AS name_lead
    FROM per_code),
toned AS (
    SELECT n.a, n.actor_id, count(*) AS sentences, count(t.tone) AS toned,
           sum(t.tone) AS sentence_tone
    FROM (SELECT DISTINCT a, actor_id, sentence FROM named) n
    JOIN sentence_tone t USING (a, sentence) GROUP BY ALL)
SELECT {SHARED}, r.actor_id, r.name_id, r.country_code, r.lead, r.name_lead, r.mentions,
       CASE WHEN r.lead THEN coalesce(t.sentences, 0) ELSE 0 END,
       CASE WHEN r.lead THEN coalesce(t.toned, 0) ELSE 0 END,
       CASE WHEN r.lead THEN t.sentence_tone END
FROM ranked r JOIN facts_articles f USING (a) LEFT JOIN toned t USING (a, actor_id)
ORDER BY f.a, r.actor_id
"""
_TOPICS = f"""
INSERT INTO facts_topics
SELECT {SHARED}, t.topic, sum(t.hits) FROM topics t JOIN facts_articles f USING (article_id)
WHERE t.article_id IN (SELECT article_id FROM touched) GROUP BY ALL ORDER BY f.a, t.topic
"""
_PAIRS = f"""
INSERT INTO facts_pairs
WITH names AS (SELECT DISTINCT a, name_id, actor FROM named)
SELECT {SHARED}, x.name_id, y.name_id, greatest(x.name_id, y.name_id) AS hi FROM names x
JOIN names y ON x.a = y.a AND x.actor < y.actor JOIN facts_articles f ON f.a = x.a
ORDER BY hi, f.a, x.name_id, y.name_id
"""
_SENTENCE_PAIRS = f"""
INSERT INTO facts_sentence_pairs
WITH names AS (SELECT DISTINCT a, sentence, name_id, actor FROM named WHERE sentence >= 0),
together AS (
    SELECT x.a, x.name_id AS actor_a, y.name_id AS actor_b, count(*) AS sentences,
           count(t.tone) AS toned, sum(t.tone) AS sentence_tone
    FROM names x JOIN names y ON x.a = y.a AND x.sentence = y.sentence AND x.actor < y.actor
    LEFT JOIN sentence_tone t ON t.a = x.a AND t.sentence = x.sentence
    GROUP BY ALL)
SELECT {SHARED}, p.actor_a, p.actor_b, p.sentences, p.toned, p.sentence_tone,
       greatest(p.actor_a, p.actor_b) AS hi
FROM together p JOIN facts_articles f USING (a) ORDER BY hi, f.a, p.actor_a, p.actor_b
"""

_QUOTES = f"""
INSERT INTO facts_quotes
SELECT {SHARED}, f.published_at, f.title, q.article_id, q.start, q.speaker
FROM quotes q JOIN facts_articles f USING (article_id)
WHERE q.article_id IN (SELECT article_id FROM touched) ORDER BY f.a, q.start
"""


def _run(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    con.execute(sql).fetchall()


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create the query tables if the store has none yet."""
    for statement in _DDL:
        _run(con, statement)
    people.create(con)


def refresh(con: duckdb.DuckDBPyConnection, touched: str) -> None:
    """Recompute the facts of the articles whose ids the query `touched` selects, and of those
    whose joined surnames the change changed; call inside the transaction that changed them,
    after the change."""
    _run(con, f"CREATE OR REPLACE TEMP TABLE touched AS {touched}")
    people.update(con)
    _run(con, "CREATE OR REPLACE TEMP TABLE stale AS SELECT a FROM facts_articles "
              "WHERE article_id IN (SELECT article_id FROM touched)")
    _run(con, "CREATE OR REPLACE TEMP TABLE stale_kinds AS SELECT DISTINCT actor_id, name_id "
              "FROM facts_actors WHERE a IN (SELECT a FROM stale)")
    # new articles have no facts yet: skip scanning every table (millions of rows) to delete
    if con.execute("SELECT count(*) FROM stale").fetchall()[0][0]:
        for table in ("facts_articles", *FACTS):
            _run(con, f"DELETE FROM {table} WHERE a IN (SELECT a FROM stale)")
    for statement in (*_NUMBERING, _KINDS, _ARTICLES, _NAMED, _SENTENCE_TONE, _ACTORS,
                      _TOPICS, _PAIRS, _SENTENCE_PAIRS, _QUOTES):
        _run(con, statement)
    _unnumber_kinds(con)  # a surname now joined to its full name is no longer a name
    for temp in ("touched", "stale", "stale_kinds", "named", "sentence_tone"):
        _run(con, f"DROP TABLE {temp}")


def rejoin(con: duckdb.DuckDBPyConnection) -> None:
    """Join the store's surnames afresh after articles were taken out (`forget`, then their
    rows deleted), recomputing the facts of the articles whose joins changed."""
    refresh(con, "SELECT article_id FROM articles WHERE FALSE")


def _unnumber_kinds(con: duckdb.DuckDBPyConnection) -> None:
    """Take the actors and names of `stale_kinds` that no query-table row has any more out of
    the numbering (they are no longer offered as filters)."""
    for table, column in (("actor_kinds", "actor_id"), ("actor_names", "name_id")):
        _run(con, f"DELETE FROM {table} WHERE {column} IN (SELECT {column} FROM stale_kinds) "
                  f"AND {column} NOT IN (SELECT {column} FROM facts_actors "
                  f"WHERE {column} IN (SELECT {column} FROM stale_kinds))")


def forget(con: duckdb.DuckDBPyConnection, gone: str) -> None:
    """Take out the query-table rows of the articles whose ids the query `gone` selects; call
    inside the transaction that removes them, before they go. Actors and topics keep their
    numbers (the masks of the other articles stay right); the names and topics no article has
    any more are taken out of the numbering, so that they are no longer offered as filters."""
    _run(con, "CREATE OR REPLACE TEMP TABLE stale AS SELECT a FROM facts_articles "
              f"WHERE article_id IN ({gone})")
    _run(con, "CREATE OR REPLACE TEMP TABLE stale_kinds AS SELECT DISTINCT actor_id, name_id "
              "FROM facts_actors WHERE a IN (SELECT a FROM stale)")
    _run(con, "CREATE OR REPLACE TEMP TABLE stale_topics AS SELECT DISTINCT topic "
              "FROM facts_topics WHERE a IN (SELECT a FROM stale)")
    for table in ("facts_articles", *FACTS):
        _run(con, f"DELETE FROM {table} WHERE a IN (SELECT a FROM stale)")
    _unnumber_kinds(con)
    _run(con, "DELETE FROM topic_ids WHERE topic IN (SELECT topic FROM stale_topics) "
              "AND topic NOT IN (SELECT topic FROM facts_topics "
              "WHERE topic IN (SELECT topic FROM stale_topics))")
    for temp in ("stale", "stale_kinds", "stale_topics"):
        _run(con, f"DROP TABLE {temp}")


def recopy(con: duckdb.DuckDBPyConnection, touched: str) -> None:
    """Bring the query tables' `copy` and `duplicate_of` of the articles whose ids the query
    `touched` selects up to date with their scores (after near-copies were re-pointed)."""
    _run(con, f"""
        UPDATE facts_articles SET copy = s.duplicate_of IS NOT NULL, duplicate_of = s.duplicate_of
        FROM scores s WHERE facts_articles.article_id = s.article_id
          AND s.article_id IN ({touched})""")
    for table in FACTS:
        _run(con, f"""
            UPDATE {table} SET copy = f.copy FROM facts_articles f
            WHERE {table}.a = f.a AND f.article_id IN ({touched})""")


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every fact (after whole enrichment tables were replaced, or on upgrade: the
    tables are made again in this version's shape), numbering articles and names afresh."""
    numbered = NUMBERED.values()
    for table in ("facts_articles", *FACTS, "actor_kinds", *(n.table for n in numbered)):
        _run(con, f"DROP TABLE IF EXISTS {table}")
    for sequence in ("article_no", "kind_no", *(n.sequence for n in numbered)):
        _run(con, f"DROP SEQUENCE IF EXISTS {sequence}")
    create(con)
    refresh(con, "SELECT article_id FROM articles")


def missing(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether some stored article has no facts (a store written before the query tables)."""
    return bool(con.execute("SELECT EXISTS (SELECT 1 FROM articles a WHERE NOT EXISTS "
                            "(SELECT 1 FROM facts_articles f WHERE f.article_id = a.article_id))"
                            ).fetchall()[0][0])
