"""Taking articles out of a store: by id, by origin, by undoing an ingest; with a dry run, the
history, and every count following (issue 14)."""

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analysis import query, schema, store
from analysis.store.ingest import ingest
from analysis.store.remove import history, remove

PRESSLENS = Path(sys.executable).with_name("presslens")
WIRE = [
    {"title": "Iran and Iraq resume talks", "text": "Iranian and Iraqi envoys met in Geneva on "
     "Monday to resume talks on a ceasefire, officials said.", "date": "1987-03-02"},
    {"title": "Oil prices fall", "text": "Oil prices fell on Tuesday after OPEC failed to agree "
     "on output, traders said.", "date": "1987-03-03"},
]
FEED = [
    {"title": "Japan trade surplus grows", "text": "Japan's trade surplus with the United States "
     "grew in February, the finance ministry said.", "date": "1987-03-04"},
]


@pytest.fixture
def two_ingests(tmp_path) -> Path:
    """A store of two ingests: wire.jsonl (2 articles and a broken line), then feed.json."""
    path = tmp_path / "news.duckdb"
    (tmp_path / "wire.jsonl").write_text("\n".join([*map(json.dumps, WIRE), "{broken"]))
    (tmp_path / "feed.json").write_text(json.dumps(FEED))
    ingest([tmp_path / "wire.jsonl"], store=path)
    ingest([tmp_path / "feed.json"], store=path)
    return path


def counts(path: Path) -> dict:
    with store.connect(path) as con:
        numbers = store.stats(con)
        tables = {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                  for name in ("articles", "scores", "sentences", "mentions", "facts_articles",
                               "facts_actors", "article_ingests")}
        summary = query.summary(con)
    return {"stats": numbers, "tables": tables, "summary": summary}


def test_a_dry_run_lists_and_removes_nothing(two_ingests):
    before = counts(two_ingests)
    with store.connect(two_ingests) as con:  # a dry run needs no write connection
        removal = remove(con, ingest=1, dry_run=True)
    assert removal.removal_id is None and removal.what == "ingest 1" and removal.rejects == 1
    assert removal.articles["title"].tolist() == ["Iran and Iraq resume talks", "Oil prices fall"]
    assert list(removal.articles.columns) == ["article_id", "published_at", "source", "title",
                                              "origin"]
    assert counts(two_ingests) == before


def test_undoing_an_ingest_takes_its_articles_rows_and_rejects_out(two_ingests):
    before = counts(two_ingests)
    assert before["tables"]["mentions"] > 0 and before["stats"]["rejects"] == 1
    with store.writer(two_ingests) as con:
        removal = remove(con, ingest=1)
        events = history(con)
    assert removal.removal_id == 1 and len(removal.articles) == 2
    after = counts(two_ingests)
    assert after["stats"]["articles"] == after["summary"]["articles"] == 1
    assert after["stats"]["rejects"] == 0  # the ingest is undone, its rejects too
    assert (after["stats"]["removals"], after["stats"]["removed"]) == (1, 2)
    assert after["tables"]["articles"] == after["tables"]["scores"] == 1
    assert after["tables"]["facts_articles"] == after["tables"]["article_ingests"] == 1
    with store.connect(two_ingests) as con:
        left = con.execute("SELECT DISTINCT actor FROM mentions ORDER BY 1").fetchall()
        facets = query.facets(con)
    assert [row[0] for row in left] == sorted(facets["actors"])
    assert "Iran" not in facets["actors"]
    assert events[["event", "id", "articles"]].values.tolist() == [
        ["ingest", 1, 2], ["ingest", 2, 1], ["removal", 1, 2]]
    assert events["stored"].tolist()[:2] == [0, 1] and events["stored"].isna().tolist()[2]
    assert events["what"].tolist()[-1] == "ingest 1"


def test_removing_by_id_and_by_origin(two_ingests):
    with store.connect(two_ingests) as con:
        oil = con.execute("SELECT article_id FROM articles WHERE title LIKE 'Oil%'"
                          ).fetchall()[0][0]
    with store.writer(two_ingests) as con:
        by_id = remove(con, ids=[oil, "not-an-id"])
        by_origin = remove(con, origin="*/feed.json")  # every record of that file
        nothing = remove(con, origin="*/other.json")
    assert by_id.articles["article_id"].tolist() == [oil]
    assert by_origin.articles["title"].tolist() == ["Japan trade surplus grows"]
    assert len(nothing.articles) == 0
    assert counts(two_ingests)["stats"]["articles"] == 1
    assert by_origin.what == "origin '*/feed.json'" and by_id.rejects == 0


def test_an_unknown_ingest_or_no_choice_is_refused_with_what_is_valid(two_ingests):
    with store.writer(two_ingests) as con:
        with pytest.raises(ValueError, match=r"ingest=7: no such ingest.*ingests: 1 to 2"):
            remove(con, ingest=7)
        with pytest.raises(ValueError, match="article ids, an origin pattern or an ingest"):
            remove(con)


def test_an_article_removed_can_be_ingested_again(two_ingests, tmp_path):
    with store.writer(two_ingests) as con:
        remove(con, ingest=2)
    again = ingest([tmp_path / "feed.json"], store=two_ingests)
    assert (again.new, again.ingest_id) == (1, 3)


def test_the_command_line(two_ingests):
    def presslens(*args: str) -> str:
        done = subprocess.run([str(PRESSLENS), *args, "--store", str(two_ingests)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    dry = presslens("remove", "--ingest", "1", "--dry-run")
    assert "would remove 2 articles and its 1 rejects (ingest 1):" in dry
    assert "1987-03-02  Iran and Iraq resume talks" in dry
    assert "removal 1: removed 2 articles" in presslens("remove", "--ingest", "1")
    stats = presslens("stats")
    assert "removals: 1 (2 articles)" in stats
    assert "ingest 1: 2 new (0 still stored), 1 rejected" in stats
    assert "removal 1: 2 articles removed: ingest 1" in stats
    refused = subprocess.run([str(PRESSLENS), "remove", "--store", str(two_ingests)],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "nothing chosen to remove" in refused.stderr


def test_an_earlier_store_gets_ingest_ids_and_stops_scoring_what_it_cannot_read(tmp_path):
    """A schema-3 store scored a French article as neutral; the upgrade leaves it unscored,
    gives the ingests their ids in order, and the articles then stored can be undone."""
    path = tmp_path / "old.duckdb"
    (tmp_path / "fr.json").write_text(json.dumps([{
        "title": "Le gouvernement annonce un plan", "text": "Le gouvernement a annoncé mardi "
        "un nouveau plan pour l'emploi dans les régions touchées par le chômage."}]))
    ingest([tmp_path / "fr.json"], store=path)
    con = duckdb.connect(str(path))
    for statement in ("DROP TABLE article_ingests", "DROP TABLE removals",
                      "ALTER TABLE ingests DROP COLUMN ingest_id",
                      "ALTER TABLE rejects DROP COLUMN ingest_id",
                      "ALTER TABLE scores DROP COLUMN scored_from"):
        con.execute(statement)
    con.execute("UPDATE scores SET tone = 0.0, polarity = 0.0, subjectivity = 0.0")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.close()
    with store.writer(path) as con:
        assert store.get_meta(con, "schema_version") == str(schema.SCHEMA_VERSION)
        assert con.execute("SELECT tone, scored_from FROM scores").fetchall() == [(None, None)]
        assert con.execute("SELECT ingest_id FROM ingests").fetchall() == [(1,)]
        assert query.summary(con)["mean_tone"] is None
    later = ingest([tmp_path / "fr.json", Path("missing.json")], store=path)
    assert later.ingest_id == 2 and later.rejected == 1
