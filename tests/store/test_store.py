"""The DuckDB store: round trip, idempotent and atomic ingest, schema version, one writer."""

import json

import duckdb
import filelock
import pandas as pd
import pytest

from analysis import query, schema, store
from analysis.clean.articles import build_batch, load_articles
from analysis.enrich.sentiment import HEADLINE_SLOPE, TEXTBLOB_SHARE
from analysis.query.filters import Filters
from analysis.schema import TONE
from analysis.store.ingest import ingest
from analysis.store.retone import SLOPE_BEFORE_7


def test_round_trip_keeps_every_column(tmp_path, sample_path):
    loaded = load_articles(sample_path)
    path = tmp_path / "s.duckdb"
    ingest([sample_path], store=path)
    with store.connect(path) as con:
        stored = store.read_articles(con)
    pd.testing.assert_frame_equal(stored, loaded, check_like=False)


def test_articles_are_numbered_by_time_then_id(tmp_path):
    # stored in another order than their times: DuckDB draws `nextval` before it sorts, so
    # numbering in the INSERT's ORDER BY followed the stored order, not the times
    stories = [{"id": f"s{i:03d}", "title": f"Story {i}", "text": f"Story number {i}.",
                "published_at": f"2020-{1 + (200 - i) % 12:02d}-{1 + 7 * i % 28:02d}T10:00:00Z"}
               for i in range(200)]
    (tmp_path / "a.json").write_text(json.dumps(stories), encoding="utf-8")
    ingest([tmp_path / "a.json"], store=tmp_path / "s.duckdb", enrich=False)
    with store.connect(tmp_path / "s.duckdb") as con:
        numbered = con.execute("SELECT a FROM facts_articles ORDER BY published_at, article_id"
                               ).fetchall()
    assert [a for (a,) in numbered] == list(range(1, 201))


def test_ingest_is_idempotent(tmp_path, sample_path):
    path = tmp_path / "s.duckdb"
    first = ingest([sample_path], store=path)
    second = ingest([sample_path], store=path)
    assert (first.new, second.new, second.duplicates) == (1, 0, 1)
    with store.connect(path) as con:
        numbers = store.stats(con)
    assert numbers["articles"] == 1 and numbers["ingests"] == 2 and numbers["undated"] == 1


def test_rejects_are_kept_in_the_store(tmp_path):
    (tmp_path / "empty.json").write_text("")
    path = tmp_path / "s.duckdb"
    summary = ingest([tmp_path / "empty.json"], store=path)
    assert summary.rejected == 1
    with store.connect(path) as con:
        rows = con.execute("SELECT file, reason FROM rejects").fetchall()
    assert rows == [(str(tmp_path / "empty.json"), "empty file (no text)")]


def test_failed_write_leaves_the_store_as_it_was(tmp_path, sample_path):
    path = tmp_path / "s.duckdb"
    ingest([sample_path], store=path)
    batch = build_batch([{"title": "New", "text": "Another story.", "origin": "x#0"}])
    with store.writer(path) as con:
        # the last statement of the transaction fails, after the articles went in
        con.execute("ALTER TABLE ingests RENAME TO ingests_elsewhere")
        with pytest.raises(duckdb.CatalogException):
            store.write_batch(con, batch.articles, batch.rejects, paths=["x"], duplicates=0)
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]


def test_schema_version_is_recorded_and_checked(tmp_path, sample_path):
    path = tmp_path / "s.duckdb"
    ingest([sample_path], store=path)
    con = duckdb.connect(str(path))
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (
        str(schema.SCHEMA_VERSION),)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(store.StoreError, match="schema version 999"), store.connect(path):
        pass


# what a store of each earlier schema version lacked, as statements that make one of this
# version 6 scored a sentence's tone as 0.6942 * news-VADER compound, an article's as the mean
# of its sentences' weighted by words (a title-only record's is scored again on upgrading)
# version 7 had no `merged_type` in person_merges (no surname alone was a company's name)
BEFORE_8 = [
    "DROP VIEW resolved_mentions", "ALTER TABLE person_merges DROP COLUMN merged_type",
    """CREATE VIEW resolved_mentions AS
    SELECT m.article_id, m.actor_id, coalesce(p.merged_actor, m.actor) AS actor, m.actor_type,
           coalesce(m.country_code, p.country_code) AS country_code, m.surface, m.sentence,
           m.start, m."end"
    FROM mentions m LEFT JOIN person_merges p
         ON p.article_id = m.article_id AND p.actor_id = m.actor_id AND p.actor = m.actor""",
]
BEFORE_7 = [
    *BEFORE_8,
    f"UPDATE sentences SET tone = {SLOPE_BEFORE_7} * (tone / {HEADLINE_SLOPE} - "
    f"{TEXTBLOB_SHARE} * polarity) WHERE tone IS NOT NULL",
    "UPDATE scores SET tone = m.tone FROM (SELECT article_id, sum(tone * w) / sum(w) AS tone "
    "FROM (SELECT *, len(string_split_regex(trim(text), '\\s+')) AS w FROM sentences) "
    "WHERE tone IS NOT NULL GROUP BY article_id) m WHERE scores.article_id = m.article_id",
    # a title-only record's old tone (its title's sentences weighted by words) is not undone
    # by arithmetic: any old value must give way to the title scored again
    "UPDATE scores SET tone = 0.5 WHERE scored_from = 'title'",
]
# version 5 had no `indirect` column on quotes (every quote was direct)
BEFORE_6 = [*BEFORE_7, "ALTER TABLE quotes DROP COLUMN indirect"]
# version 4 had no surnames joined across the store
BEFORE_5 = [*BEFORE_6, "DROP VIEW resolved_mentions", "DROP TABLE person_merges"]
# version 3 had no ingest ids, no history of removals, no `scored_from`
BEFORE_4 = [*BEFORE_5, "DROP TABLE article_ingests", "DROP TABLE removals",
            "ALTER TABLE ingests DROP COLUMN ingest_id",
            "ALTER TABLE rejects DROP COLUMN ingest_id",
            "ALTER TABLE scores DROP COLUMN scored_from",
            *(f"ALTER TABLE {table} DROP COLUMN copy" for table in (
                "facts_articles", "facts_actors", "facts_topics", "facts_pairs",
                "facts_sentence_pairs", "facts_quotes")),
            "ALTER TABLE facts_articles DROP COLUMN duplicate_of"]
VERSIONS = {  # each later change first, so a table is altered before an older version drops it
    1: [*BEFORE_4, "DROP TABLE facts_articles", "DROP TABLE facts_actors",
        "DROP TABLE facts_topics", "DROP TABLE facts_pairs", "DROP TABLE facts_sentence_pairs",
        "DROP TABLE facts_quotes",
        "DROP TABLE actor_names", "DROP TABLE actor_kinds"],
    2: [*BEFORE_4, "DROP TABLE facts_quotes", "ALTER TABLE facts_pairs DROP COLUMN hi",
        "ALTER TABLE facts_sentence_pairs DROP COLUMN hi"],
    3: BEFORE_4,
    4: BEFORE_5,
    5: BEFORE_6,
    6: BEFORE_7,
    7: BEFORE_8,
}


def tones(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    return {table: con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").df()
            for table, columns in (("scores", "article_id, tone"),
                                   ("sentences", "article_id, sentence, tone"))}


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_an_earlier_store_is_refused_then_upgraded(tmp_path, sample_path, version):
    path = tmp_path / "s.duckdb"
    # a title-only record with two sentences, whose old tone cannot be turned into the new one
    (tmp_path / "t.jsonl").write_text('{"title": "Floods kill dozens. Aid is a disgrace.", '
                                      '"url": "https://example.org/t"}\n')
    ingest([sample_path, tmp_path / "t.jsonl"], store=path)
    with store.connect(path) as con:
        want = {name: query.quote_table(con, Filters()) if name == "quotes" else
                query.cooccurrence(con, Filters(), level="article", top=20)
                for name in ("quotes", "pairs")}
        want_tones = tones(con)
        want_facts = con.execute("SELECT a, tone FROM facts_articles ORDER BY a").fetchall()
    con = duckdb.connect(str(path))
    for statement in VERSIONS[version]:
        con.execute(statement)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    con.close()
    with pytest.raises(store.StoreError, match=f"version {version}.*presslens upgrade"), \
            store.connect(path):
        pass
    with store.writer(path) as con:  # what `presslens upgrade` does
        assert store.get_meta(con, "schema_version") == str(schema.SCHEMA_VERSION)
    with store.connect(path) as con:
        assert len(want["quotes"]) > 0 and len(want["pairs"]) > 0
        pd.testing.assert_frame_equal(query.quote_table(con, Filters()), want["quotes"])
        pd.testing.assert_frame_equal(
            query.cooccurrence(con, Filters(), level="article", top=20), want["pairs"])
        for table, frame in tones(con).items():
            assert frame[TONE].notna().sum() > 1, table
            pd.testing.assert_frame_equal(frame, want_tones[table], rtol=1e-12, obj=table)
        got_facts = con.execute("SELECT a, tone FROM facts_articles ORDER BY a").fetchall()
        assert [a for a, _ in got_facts] == [a for a, _ in want_facts]
        assert [t for _, t in got_facts] == pytest.approx([t for _, t in want_facts], rel=1e-12)


def test_a_second_writer_waits_then_gives_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_LOCK_TIMEOUT_S", "0.2")
    path = tmp_path / "s.duckdb"
    lock = filelock.FileLock(f"{path}.lock")
    with lock, pytest.raises(store.StoreError, match="another ingest"), store.writer(path):
        pass


def test_reading_a_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(store.StoreError, match="presslens ingest"), store.connect(
        tmp_path / "none.duckdb"
    ):
        pass


def test_list_search_and_get(tmp_path, sample_path):
    path = tmp_path / "s.duckdb"
    ingest([sample_path], store=path)
    with store.connect(path) as con:
        assert len(query.article_list(con, Filters())[0]) == 1
        assert len(query.article_list(con, Filters(search="crocker"))[0]) == 1
        assert query.article_list(con, Filters(search="no such words"))[0].empty
        article_id = query.article_list(con, Filters())[0].iloc[0]["article_id"]
        assert store.get_article(con, article_id)["title"].startswith("U.S. tells Iran")
        assert store.get_article(con, "missing") is None
