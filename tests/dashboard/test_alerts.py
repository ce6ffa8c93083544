"""The Alerts page on a store `presslens watch --alerts` fired in: the alert, why, its
articles, a link that opens them on the Articles page, and its delivery still pending; and
the question behind it, on that store and on one no alert fired in."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from analysis import query, store
from analysis.alerts import Channels, read_watches, run_alerts
from analysis.watch import Feed, poll
from tests.dashboard.conftest import APP
from tests.watch.alerts import days_before, items, serve, spike_day
from tests.web_server import Reply

SPIKED = [f"Iran talks go on, item {n}" for n in range(105, 99, -1)]  # newest first


@pytest.fixture
def alerted(site, tmp_path, monkeypatch):
    """Seven quiet days naming Iran, then six articles in a day: a spike alert that the
    webhook (answering 503) has not taken."""
    serve(site, "/rss", items("Iran", days_before(7)) + items("Iran", spike_day(6), first=100))
    site.routes["/hook"] = Reply(503)
    monkeypatch.setenv("PRESSLENS_FETCH_RETRIES", "0")
    path = tmp_path / "alerted.duckdb"
    assert poll([Feed(site.url("/rss"))], store=path).new == 13
    watches = tmp_path / "alerts.yaml"
    watches.write_text("- name: Iran\n  actor: Iran\n  when: spike\n", encoding="utf-8")
    done = run_alerts(path, read_watches(watches), since=0,
                      channels=Channels(webhook=site.url("/hook")))
    assert done.fired == 1 and done.pending == 1
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    return path


def test_fired_alerts_lists_each_alert_with_its_newest_articles(alerted, sample_store):
    with store.connect(alerted) as con:
        (alert,) = query.fired_alerts(con).to_dict("records")
        assert len(query.fired_alerts(con, shown=2)["shown"].iloc[0]) == 2
    assert alert["watch"] == "Iran" and alert["kind"] == "spike" and alert["articles"] == 6
    assert alert["reason"].startswith("Iran spiked: 6 articles on ")
    assert list(alert["pending"]) == ["webhook"]
    assert alert["last_error"].startswith("webhook: HTTP 503")
    assert [a["title"] for a in alert["shown"]] == SPIKED
    with store.connect(sample_store) as con:
        assert query.fired_alerts(con).empty


def open_page(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(params or {})
    at.run()
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, at.exception
    return at


def test_the_alerts_page_shows_the_alert_and_a_link_that_opens_its_articles(alerted):
    at = open_page("alerts")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Alerts"] == "1" and metrics["Not sent yet"] == "1"
    text = "\n".join(m.value for m in at.markdown)
    assert "**Iran** spiked" in text
    assert "Iran spiked\\: 6 articles on" in text  # the reason, escaped: text, not markdown
    (pending,) = at.warning
    assert pending.value.startswith("Not sent yet by webhook: webhook\\: HTTP 503")
    links = [line for line in text.splitlines() if "on the Articles page](" in line]
    (link,) = links
    address = link.split("](", 1)[1].rstrip(")")
    assert urlsplit(address).path == "articles"
    opened = open_page("articles", dict(parse_qsl(urlsplit(address).query)))
    assert sorted(opened.dataframe[0].value["title"]) == sorted(SPIKED)


def test_each_article_of_an_alert_opens_in_the_reader(alerted):
    at = open_page("alerts")
    first = next(line for m in at.markdown for line in m.value.splitlines()
                 if line.startswith("- ["))
    address = first.split("](", 1)[1].split(")", 1)[0]
    opened = open_page("articles", dict(parse_qsl(urlsplit(address).query)))
    assert opened.header[0].value == SPIKED[0]
