"""The Articles page run headless with AppTest on a real store."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app(sample_store, monkeypatch):
    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    return AppTest.from_file(APP, default_timeout=30)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [h.value for h in at.header]
    parts += [c.value for c in at.caption] + [str(m.value) for m in at.metric]
    return "\n".join(parts)


def test_shows_the_sample_article(app, sample_expected):
    at = app.run()
    assert not at.exception
    shown = texts(at)
    assert "U.S. tells Iran to stop backing Iraq militias" in shown.replace("\\", "")
    assert "date unknown" in shown
    assert "Ross Colvin" in shown and "BAGHDAD" in shown
    for headline in sample_expected["related_headlines"][:3]:
        assert headline in shown.replace("\\", "")
    assert "Additional reporting by Fredrik Dahl in Tehran" in shown


def test_search_that_matches_nothing_says_so(app):
    at = app.run()
    at.text_input(key="search").input("zzzz no such words").run()
    assert not at.exception
    assert any("No article matches" in i.value for i in at.info)


def test_article_in_the_url_is_opened(app, sample_store):
    from analysis import store

    with store.connect(sample_store) as con:
        article_id = store.list_articles(con).iloc[0]["article_id"]
    app.query_params["article"] = article_id
    at = app.run()
    assert not at.exception
    assert article_id in texts(at)


def test_missing_store_shows_an_error_not_a_traceback(monkeypatch, tmp_path):
    monkeypatch.setenv("PRESSLENS_STORE", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert any("no store here yet" in e.value for e in at.error)
