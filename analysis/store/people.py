"""Surnames joined across the store: "Bush" in one article is the "George Bush" of others when he
is the one person of that surname the store names within WINDOW_DAYS of the article's date.

Enrichment resolves a surname only within its article ("Crocker" after "Ryan Crocker"); a
surname alone that its article never gives in full stays a person of one word ("Bush",
actor_id `person/bush`). Joining it needs the whole store, so it is worked out here, where the
store's query tables are (`analysis.store.facts` calls `update` in every write's transaction),
and never in the enrichment of a batch: the stored mentions stay what each article says on its
own, so an article's enrichment does not depend on its batch, and the query tables follow the
whole store, so a store ingested file by file answers as one ingested at once.

`person_merges` holds one row per article and surname alone (a discovered person of one word
that looks like a surname: a capital, then letters, not a title or generic word) that has a
candidate: the full names with that surname (last word, as
`analysis.enrich.discovery.surname_key` reads it) named in articles within WINDOW_DAYS of its
article's date. A full name is a candidate when it looks like one: words joined by single
spaces, none in lower case but a particle ("de", "van", "bin"...), a given name and a surname
of two letters or more ("T. Boone Pickens" is one, "A. Moody" from "single-A. Moody's" and
"Theodore Semegran of Shearson" are not: a tagger's slip would otherwise swallow every
"Moody" of the store). One candidate: `merged_actor` is it. Two or more: `ambiguous`, and
the surname stays apart. An undated article's surname looks at the whole store, and an undated
article's full names are candidates at every date.

Full names are compared as written: "George Bush" and "George W. Bush" are two candidates (a
middle initial tells a father from his son), so "Bush" near both stays apart, flagged; the
actor table is the place to say that two spellings are one person (its aliases).

A surname alone is a company's name when its own article names an organisation of several
words opening with it (initials aside) and no full name of that surname, or, with no
candidate, when such an organisation is named within WINDOW_DAYS and no full name in the store
starts with it: "Hutton" beside "E.F. Hutton Group Inc", "Harper" in a story of "Harper and
Row" though a Neville Harper is named elsewhere. Reuters names many firms after their founders,
and a firm's short name alone reads as a surname to the tagger. A personal title before it in
its article ("Mr Flight", "Lord Strathclyde") keeps it a person, and "Victor" of "Victor
Federal Savings" stays a person when "Victor Posner" is named. Its row keeps its name and has
`merged_type` organisation.

`resolved_mentions` is the mentions table with those surnames joined and those types set: what
the query tables count.
"""

from __future__ import annotations

from functools import cache

import duckdb

WINDOW_DAYS = 366  # a surname looks this many days before and after its article's date
# a personal title right before a name ("Mr Flight", "Lord Strathclyde"): a person, not a firm
TITLE_BEFORE = r"\b(?:Mr|Mrs|Ms|Miss|Dr|Lord|Lady|Sir|Dame|Prof)\.?\s+$"

# the surname key of a person's name, as analysis.enrich.discovery.surname_key reads it
_KEY = ("rtrim(regexp_replace(lower(regexp_extract(trim(m.actor), '(\\S+)$', 1)), "
        "'^(al|el|ul|ad|as|ash|at|az|ed)-', ''), '.')")
_DDL = [
    "CREATE TABLE IF NOT EXISTS person_merges (article_id VARCHAR, actor_id VARCHAR, "
    "actor VARCHAR, merged_actor VARCHAR, country_code VARCHAR, ambiguous BOOLEAN, "
    "merged_type VARCHAR)",
    """CREATE VIEW IF NOT EXISTS resolved_mentions AS
    SELECT m.article_id, m.actor_id, coalesce(p.merged_actor, m.actor) AS actor,
           coalesce(p.merged_type, m.actor_type) AS actor_type,
           coalesce(m.country_code, p.country_code) AS country_code, m.surface, m.sentence,
           m.start, m."end"
    FROM mentions m LEFT JOIN person_merges p
         ON p.article_id = m.article_id AND p.actor_id = m.actor_id AND p.actor = m.actor""",
]


def _near(surname: str, other: str) -> str:
    """SQL: the row `other` is dated within WINDOW_DAYS of the surname's row (or either is
    undated)."""
    return (f"({surname}.day IS NULL OR {other}.day IS NULL OR {other}.day BETWEEN "
            f"{surname}.day - INTERVAL {WINDOW_DAYS} DAY AND {surname}.day + INTERVAL "
            f"{WINDOW_DAYS} DAY)")


_MERGES = rf"""
CREATE OR REPLACE TEMP TABLE new_person_merges AS
WITH named AS (
    SELECT m.article_id, m.actor_id, m.actor, m.country_code, a.published_at::DATE AS day,
           {_KEY} AS key, string_split(m.actor, ' ') AS words
    FROM mentions m JOIN articles a USING (article_id) WHERE m.actor_type = 'person'),
people AS (
    SELECT *, len(words) = 1 AS alone,
           len(words) > 1 AND regexp_full_match(actor, '\S+( \S+)+')
           AND len(list_filter(words, lambda w: lower(w[1]) = w[1] AND upper(w[1]) <> w[1]
                                                AND NOT list_contains($particles, w))) = 0
           AND len(list_filter(words, lambda w: length(w) > 1 AND NOT ends_with(w, '.'))) >= 2
           AS whole_name
    FROM named WHERE NOT list_contains($not_surnames, key)),
surnames AS (
    SELECT DISTINCT article_id, actor_id, actor, key, day FROM people
    WHERE alone AND actor_id LIKE 'person/%' AND upper(actor[1]) = actor[1]
      AND lower(actor[1]) <> actor[1] AND regexp_full_match(actor, '[^\s.]{{2,}}')),
full_names AS (
    SELECT DISTINCT key, actor, day FROM people
    WHERE whole_name AND key IN (SELECT key FROM surnames)),
countries AS (
    SELECT actor, max(country_code) AS country_code FROM people
    WHERE whole_name AND key IN (SELECT key FROM surnames) GROUP BY actor),
candidates AS (
    SELECT DISTINCT s.article_id, s.actor_id, s.actor, f.actor AS candidate
    FROM surnames s JOIN full_names f ON f.key = s.key AND {_near("s", "f")}),
firms AS (  -- organisations of several words by their first word after any initials, where
            -- that word is a surname alone somewhere
    SELECT DISTINCT f.article_id, a.published_at::DATE AS day, f.head
    FROM (SELECT DISTINCT article_id,
                 regexp_extract(actor, '^(?:(?:\p{{Lu}}\.)+\s*)?(\S+)', 1) AS head
          FROM mentions
          WHERE actor_type = 'organisation' AND regexp_matches(actor, '\S\s+\S')) f
    JOIN articles a USING (article_id)
    WHERE f.head IN (SELECT actor FROM surnames)),
titled AS (  -- a personal title before some mention of the surname in its article: a person
    SELECT DISTINCT m.article_id, m.actor FROM mentions m JOIN articles a USING (article_id)
    WHERE m.actor_type = 'person' AND m.start IS NOT NULL
      AND m.article_id IN (SELECT article_id FROM surnames)
      AND m.actor IN (SELECT actor FROM surnames)
      AND regexp_matches(substr(a.text, greatest(m.start - 8, 0) + 1,
                                m.start - greatest(m.start - 8, 0)), $title_before)),
untitled AS (  -- the surnames alone that may be a firm's
    SELECT * FROM surnames s
    WHERE NOT EXISTS (SELECT 1 FROM titled t WHERE t.article_id = s.article_id
                      AND t.actor = s.actor)),
here AS (  -- the article names such a firm itself and no one of that surname in full
    SELECT s.article_id, s.actor_id, s.actor FROM untitled s
    WHERE EXISTS (SELECT 1 FROM firms f WHERE f.article_id = s.article_id AND f.head = s.actor)
      AND NOT EXISTS (SELECT 1 FROM people p WHERE p.article_id = s.article_id
                      AND p.whole_name AND p.key = s.key)),
joined AS (
    SELECT c.article_id, c.actor_id, c.actor,
           CASE WHEN count(*) = 1 THEN min(c.candidate) END AS merged_actor,
           CASE WHEN count(*) = 1 THEN min(k.country_code) END AS country_code,
           count(*) > 1 AS ambiguous, NULL::VARCHAR AS merged_type
    FROM candidates c JOIN countries k ON k.actor = c.candidate
    WHERE NOT EXISTS (SELECT 1 FROM here h WHERE h.article_id = c.article_id
                      AND h.actor_id = c.actor_id AND h.actor = c.actor)
    GROUP BY c.article_id, c.actor_id, c.actor),
given_names AS (SELECT DISTINCT words[1] AS word FROM people WHERE whole_name),
company_names AS (
    SELECT DISTINCT s.article_id, s.actor_id, s.actor, NULL::VARCHAR AS merged_actor,
           NULL::VARCHAR AS country_code, false AS ambiguous, 'organisation' AS merged_type
    FROM untitled s
    WHERE (s.article_id, s.actor_id, s.actor) IN (SELECT * FROM here)
       OR (s.actor NOT IN (SELECT word FROM given_names)
           AND EXISTS (SELECT 1 FROM firms f WHERE f.head = s.actor AND {_near("s", "f")})
           AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.article_id = s.article_id
                           AND c.actor_id = s.actor_id AND c.actor = s.actor)))
SELECT * FROM joined UNION ALL SELECT * FROM company_names
"""
# the articles whose joined surnames change: their query-table rows are recomputed
_CHANGED = """
INSERT INTO touched
SELECT DISTINCT article_id FROM (
    (SELECT * FROM person_merges EXCEPT SELECT * FROM new_person_merges)
    UNION ALL
    (SELECT * FROM new_person_merges EXCEPT SELECT * FROM person_merges))
WHERE article_id NOT IN (SELECT article_id FROM touched)
  AND article_id IN (SELECT article_id FROM articles)
"""


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> None:
    con.execute(sql, params).fetchall()


@cache
def _words() -> tuple[list[str], list[str]]:
    """The particles a name may hold in lower case ("de", "van"), and the words that are no
    surname ("He", "Report", "Minister"), as the cue rules read them. Imported when a write
    joins surnames: the word lists bring scikit-learn, which a dashboard page does not load."""
    from analysis.enrich.discovery import GENERIC, PARTICLES, TITLES

    return sorted(PARTICLES), sorted(GENERIC | TITLES)


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create the merges table and the resolved mentions view if the store has none yet."""
    for statement in _DDL:
        _run(con, statement)


def update(con: duckdb.DuckDBPyConnection) -> None:
    """Join the store's surnames afresh, adding to the temp table `touched` (article_id) the
    articles whose joins changed; call inside the transaction of a write, after its change and
    before the query tables of `touched` are recomputed (`analysis.store.facts.refresh`)."""
    particles, not_surnames = _words()
    _run(con, _MERGES, {"particles": particles, "not_surnames": not_surnames,
                        "title_before": TITLE_BEFORE})
    _run(con, _CHANGED)
    _run(con, "DELETE FROM person_merges")
    _run(con, "INSERT INTO person_merges SELECT * FROM new_person_merges "
              "ORDER BY article_id, actor_id, actor")
    _run(con, "DROP TABLE new_person_merges")
