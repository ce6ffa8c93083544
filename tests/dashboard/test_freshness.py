"""The Freshness page on a store watched from a server the test starts: each feed's last
success, the failing feed with its reason, articles per feed per day; and the questions
behind it, on that store and on one never watched."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analysis import query, store
from analysis.watch import Feed, poll
from tests.dashboard.conftest import APP
from tests.watch.feeds import page, rss, story
from tests.web_server import Reply


@pytest.fixture
def watched(site, tmp_path, monkeypatch):
    for place in ("Odessa", "Rouen"):
        site.routes[f"/news/{place}"] = Reply(200, page(f"Grain exports rise in {place}",
                                                        story(place)))
    site.routes["/rss"] = Reply(200, rss([
        {"guid": f"urn:{place}", "title": f"Grain exports rise in {place}",
         "link": site.url(f"/news/{place}"), "summary": "short"} for place in ("Odessa", "Rouen")]))
    path = tmp_path / "watched.duckdb"
    report = poll([Feed(site.url("/rss"), name="Gazette"), Feed(site.url("/gone"), name="Gone")],
                  store=path)
    assert report.new == 2
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    return path


def test_feed_status_puts_the_failing_feed_first_with_its_reason(watched, site):
    with store.connect(watched) as con:
        status = query.feed_status(con)
        per_day = query.feed_articles_per_day(con)
    assert status["feed"].tolist() == ["Gone", "Gazette"]
    assert status["failing"].tolist() == [True, False]
    assert status["last_error"].iloc[0] == f"{site.url('/gone')}: HTTP 404 Not Found"
    assert status["articles"].tolist() == [0, 2]
    assert per_day[["feed", "articles"]].values.tolist() == [["Gazette", 2]]


def test_a_store_never_watched_has_no_feeds(sample_store):
    with store.connect(sample_store) as con:
        assert query.feed_status(con).empty and query.feed_articles_per_day(con).empty


def test_the_freshness_page_shows_last_success_failures_and_articles_per_day(watched):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("views/freshness.py").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Feeds watched"] == "2" and metrics["Failing now"] == "1"
    assert metrics["Last successful poll"].endswith("UTC")
    (failure,) = at.error
    assert failure.value.startswith("**Gone**: ") and "HTTP 404 Not Found" in failure.value
    assert at.dataframe[0].value["feed"].tolist() == ["Gone", "Gazette"]
    assert len(at.get("plotly_chart")) == 1
