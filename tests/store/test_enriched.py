"""Enrichment in the store: ingest enriches new articles only, re-enriches when actors or topics
change, and reads back the same Analysis that `analyze` gives."""

import pandas as pd

from analysis import analyze, load_articles, store
from analysis.enrich.actor_table import load_actors
from analysis.store.enriched import ACTORS_VERSION, read_analysis
from analysis.store.ingest import ingest


def test_ingest_stores_what_analyze_finds(tmp_path, sample_path):
    path = tmp_path / "s.duckdb"
    ingest([sample_path], store=path)
    direct = analyze(load_articles(sample_path), discover=False)
    with store.connect(path) as con:
        stored = read_analysis(con)
    for name in ("sentences", "mentions", "topics", "quotes", "events"):
        pd.testing.assert_frame_equal(
            getattr(stored, name).reset_index(drop=True),
            getattr(direct, name).reset_index(drop=True), check_like=True, obj=name)
    assert stored.articles["tone"].iloc[0] == direct.articles["tone"].iloc[0]
    assert set(stored.quotes["speaker"]) == {"Ryan Crocker"}


def test_a_second_ingest_enriches_nothing_twice(tmp_path, sample_path):
    path = tmp_path / "s.duckdb"

    def counts() -> dict:
        with store.connect(path) as con:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                    for t in ("scores", "sentences", "mentions", "quotes")}

    ingest([sample_path], store=path)
    first = counts()
    ingest([sample_path], store=path)
    assert counts() == first and first["scores"] == 1 and first["quotes"] == 3


def test_changed_actors_re_enrich_the_store(tmp_path, sample_path):
    path = tmp_path / "s.duckdb"
    ingest([sample_path], store=path)
    actors = load_actors()
    # an analyst drops Saddam Hussein from the actor table
    fewer = actors[actors["name"] != "Saddam Hussein"].reset_index(drop=True)
    ingest([], store=path, actors=fewer)
    with store.connect(path) as con:
        names = {r[0] for r in con.execute("SELECT actor FROM mentions").fetchall()}
        version = store.get_meta(con, ACTORS_VERSION)
    assert "Saddam Hussein" not in names and "Ryan Crocker" in names
    from analysis.enrich.actors import actors_version

    assert version == actors_version(fewer)


def test_articles_stored_without_enrichment_are_enriched_later(tmp_path, sample_path):
    path = tmp_path / "s.duckdb"
    ingest([sample_path], store=path, enrich=False)
    with store.connect(path) as con:
        assert con.execute("SELECT count(*) FROM scores").fetchall() == [(0,)]
    ingest([], store=path)
    with store.connect(path) as con:
        assert con.execute("SELECT count(*) FROM scores").fetchall() == [(1,)]
        assert con.execute("SELECT count(*) FROM quotes").fetchall() == [(3,)]
