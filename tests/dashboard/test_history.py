"""The editors' History page, the Upload page's names, source and notes, and what the Overview and
the reader say about languages and title-only records (AppTest on real small stores; issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis import store
from analysis.store.ingest import ingest
from tests.dashboard.conftest import APP
from tests.dashboard.test_auth import SECRETS
from tests.dashboard.test_pages import open_page, shown

VIEWS = Path(APP).parent / "views"
WIRE = [{"title": "Harbour strike ends after talks", "text": "Dock workers in Rotterdam "
         "returned to work on Monday after union leaders accepted a new pay offer.",
         "source": "Test Wire"},
        {"title": "Ferry service resumes across the strait after the storm"}]
FRENCH = [{"title": "Le gouvernement annonce un plan pour l'emploi", "source": "Le Fil",
           "text": "Le gouvernement a annoncé mardi un nouveau plan pour l'emploi, qui prévoit "
                   "la création de milliers de postes dans les régions touchées par le chômage."}]


@pytest.fixture
def news(tmp_path, monkeypatch) -> Path:
    """A store of two ingests: WIRE (an article and a title-only record), then FRENCH."""
    path = tmp_path / "news.duckdb"
    for name, records in (("wire.json", WIRE), ("french.json", FRENCH)):
        (tmp_path / name).write_text(json.dumps(records), encoding="utf-8")
        ingest([tmp_path / name], store=path)
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    return path


def open_history(**options) -> AppTest:
    at = AppTest.from_file(str(VIEWS / "history.py"), default_timeout=120)
    for name, value in options.items():
        setattr(at, name, value)
    return at.run()


def articles(path: Path) -> list[str]:
    with store.connect(path) as con:
        return sorted(store.read_articles(con)["title"])


def test_an_editor_undoes_an_ingest_after_seeing_what_goes(news):
    at = open_history()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert table[["event", "id", "articles", "stored"]].values.tolist() == [
        ["ingest", 1, 2, 2], ["ingest", 2, 1, 1]]
    at.selectbox(key="history_ingest").select(1).run()
    listed = shown(at)
    assert "Harbour strike ends after talks" in listed and "Ferry service resumes" in listed
    go = at.button(key="history_undo_1_go")
    assert go.disabled and len(articles(news)) == 3  # nothing goes before the box is ticked
    at.checkbox(key="history_undo_1_sure").check().run()
    at.button(key="history_undo_1_go").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Removal 1: 2 articles removed (ingest 1)."]
    assert articles(news) == ["Le gouvernement annonce un plan pour l'emploi"]
    assert at.dataframe[0].value["event"].tolist() == ["ingest", "ingest", "removal"]


def test_an_editor_removes_an_article_by_id(news):
    with store.connect(news) as con:
        french = con.execute("SELECT article_id FROM articles WHERE language = 'fr'"
                             ).fetchall()[0][0]
    at = open_history()
    at.text_input(key="history_ids").input(f"{french}, not-an-id").run()
    assert "Le gouvernement annonce" in shown(at)
    key = f"history_ids_{'_'.join(sorted([french, 'not-an-id']))}"
    at.checkbox(key=f"{key}_sure").check().run()
    at.button(key=f"{key}_go").click().run()
    assert len(articles(news)) == 2


def test_only_editors_reach_the_history(news):
    at = open_history(secrets=dict(SECRETS),
                      user={"is_logged_in": True, "email": "victor@newsroom.test"})
    assert [e.value for e in at.error] == ["Only editors may upload and ingest articles."]
    assert not at.dataframe and not at.button


def test_the_overview_counts_languages_and_the_reader_says_what_was_not_scored(news):
    overview = shown(open_page(news, "overview"))
    assert "By language: English 2 · French 1 (1 not scored)" in overview
    with store.connect(news) as con:
        ids = dict(con.execute("SELECT title, article_id FROM articles").fetchall())
    french = shown(open_page(news, "articles", {"article": ids[FRENCH[0]["title"]]}))
    assert ("Not scored: this article is in French, and tone, topics and actors are found in "
            "English text only.") in french.replace("\\", "")
    title_only = shown(open_page(news, "articles", {"article": ids[WIRE[1]["title"]]}))
    assert "This record has no body text: its tone is read from its title alone." in title_only
    assert "Tone (from the title alone)" in title_only


def test_an_upload_keeps_its_name_and_takes_a_source(tmp_path, monkeypatch):
    path = tmp_path / "store" / "news.duckdb"
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    at = AppTest.from_file(str(VIEWS / "upload.py"), default_timeout=120).run()
    records = [{"title": "Talks resume", "text": "Envoys met on Monday.", "date": "12/06/1987"},
               {"title": "Markets calm"}]
    at.file_uploader(key="upload_files").upload(
        "gulf-wire export.jsonl", "\n".join(map(json.dumps, records)).encode()).run()
    at.text_input(key="upload_source").input("Gulf Wire").run()
    at.selectbox(key="upload_dayfirst").select("day first (12 June)").run()
    at.button(key="upload_go").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["2 new, 0 duplicate, 0 rejected."]
    notes = [c.value for c in at.caption]
    assert "1 had no date, 1 no body (tone from the title alone)" in notes
    assert "1 ambiguous date, e.g. 12/06/1987 read day first, as 12 Jun 1987" in notes
    with store.connect(path) as con:
        stored = con.execute("SELECT origin, source FROM articles ORDER BY origin").fetchall()
    assert stored == [("gulf-wire export.jsonl#1", "Gulf Wire"),
                      ("gulf-wire export.jsonl#2", "Gulf Wire")]
