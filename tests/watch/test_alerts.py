"""Alerts after a poll, against a feed, a webhook receiver and an SMTP server the tests start
on 127.0.0.1: each alert reaches both exactly once, a spike once per period, a new article
once per watch, and a failing webhook neither stops the ingest nor loses its alert."""

from __future__ import annotations

import json
import re

import pytest

from analysis.alerts import read_watches
from analysis.store import connect
from tests.watch.alerts import days_before, items, mailbox, poll_then_alert, serve, spike_day
from tests.watch.test_cli_watch import watch
from tests.web_server import Reply

__all__ = ["mailbox"]  # a fixture


@pytest.fixture
def hook(site, monkeypatch):
    """The webhook receiver: POSTs to /hook on the test's server, answered 204."""
    site.routes["/hook"] = Reply(204)
    monkeypatch.setenv("PRESSLENS_ALERT_WEBHOOK", site.url("/hook"))
    return site


def posted(site) -> list[dict]:
    return [json.loads(seen.body) for seen in site.requests_to("/hook")]


def watching(tmp_path, text: str):
    path = tmp_path / "alerts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def stored_alerts(store) -> list[dict]:
    keys = ("kind", "watch", "pending", "last_error", "n")
    with connect(store) as con:
        return [dict(zip(keys, row, strict=True)) for row in con.execute(
            "SELECT kind, watch, pending, last_error, len(article_ids) FROM alerts "
            "ORDER BY alert_id").fetchall()]


def test_a_spike_fires_once_not_at_every_poll(hook, mailbox, tmp_path):
    """Seven quiet days with one article naming Iran each, then a day with six: the day spikes
    by the timelines' rule, and later polls (one bringing a seventh article that day) do not
    fire it again."""
    watches = watching(tmp_path, "- actor: Iran\n  when: spike\n")
    store = tmp_path / "live.duckdb"
    quiet = items("Iran", days_before(7))
    serve(hook, "/rss", quiet + items("Iran", spike_day(6), first=100))
    report, alerts = poll_then_alert(hook, "/rss", store, watches)
    assert report.new == 13 and alerts.fired == 1 and alerts.sent == 1, alerts.failures
    (sent,) = posted(hook)
    assert sent["kind"] == "spike" and sent["watch"] == "actor Iran"
    assert sent["article_count"] == 6 and len(sent["articles"]) == 6
    day = spike_day(1)[0]
    assert sent["reason"].startswith(f"actor Iran spiked: 6 articles on {day.day} {day:%b %Y}, "
                                     "over the threshold of 1.0 (the previous days had 1.0")
    assert "Rule: spike: a day with more articles than" in sent["reason"]
    assert sent["link"] == f"/articles?start={day:%Y-%m-%d}&end={day:%Y-%m-%d}&actors=Iran"
    (mail,) = mailbox.mails
    assert mail["Subject"] == "PressLens alert: actor Iran (spiked)"
    assert mail["To"] == "desk@example.org" and sent["reason"] in mail.get_content()

    again, quiet_check = poll_then_alert(hook, "/rss", store, watches)
    assert again.new == 0 and quiet_check.fired == 0
    serve(hook, "/rss", quiet + items("Iran", spike_day(7), first=100))
    more, later = poll_then_alert(hook, "/rss", store, watches)
    assert more.new == 1 and later.fired == 0
    assert len(posted(hook)) == 1 and len(mailbox.mails) == 1
    assert stored_alerts(store) == [{"kind": "spike", "watch": "actor Iran", "pending": [],
                                     "last_error": None, "n": 6}]


def test_a_new_article_naming_a_watched_actor_fires_once(hook, mailbox, tmp_path):
    watches = watching(tmp_path, "- name: Iran news\n  actor: Iran\n  when: [new]\n")
    store = tmp_path / "live.duckdb"
    first = items("Iran", days_before(1)) + items("France", days_before(1))
    serve(hook, "/rss", first)
    _, alerts = poll_then_alert(hook, "/rss", store, watches)
    assert alerts.fired == 1 and alerts.sent == 1
    _, nothing = poll_then_alert(hook, "/rss", store, watches)
    assert nothing.fired == 0
    serve(hook, "/rss", first + items("Iran", spike_day(1), first=50))
    _, second = poll_then_alert(hook, "/rss", store, watches)
    assert second.fired == 1
    sent = posted(hook)
    assert [[a["title"] for a in alert["articles"]] for alert in sent] == [
        ["Iran talks go on, item 0"], ["Iran talks go on, item 50"]]
    assert sent[0]["reason"] == ("Iran news: 1 new article among articles naming Iran: "
                                 "“Iran talks go on, item 0”.")
    assert "&article=" in sent[0]["link"]  # one article: the link opens it in the reader
    assert [m["Subject"] for m in mailbox.mails] == ["PressLens alert: Iran news (new "
                                                     "articles)"] * 2


def test_a_failing_webhook_neither_stops_the_ingest_nor_loses_the_alert(hook, mailbox,
                                                                         tmp_path):
    """The webhook answers 500: the articles are stored, the mail goes, and both alerts wait
    with the reason (the webhook tried once in that check); the next poll sends them."""
    watches = watching(tmp_path, "- actor: Iran\n  when: new\n- search: talks\n  when: new\n")
    store = tmp_path / "live.duckdb"
    hook.routes["/hook"] = Reply(500, b"down")
    serve(hook, "/rss", items("Iran", days_before(2)))
    report, alerts = poll_then_alert(hook, "/rss", store, watches)
    assert report.new == 2 and report.failures == []
    assert alerts.fired == 2 and alerts.pending == 2 and len(mailbox.mails) == 2
    (failure,) = alerts.failures
    assert failure.startswith("webhook: HTTP 500") and "next poll" in failure
    assert len(hook.requests_to("/hook")) == 1
    for row in stored_alerts(store):
        assert row["pending"] == ["webhook"] and row["last_error"].startswith("webhook: HTTP 500")

    hook.routes["/hook"] = Reply(200)
    _, retried = poll_then_alert(hook, "/rss", store, watches)
    assert retried.fired == 0 and retried.sent == 2 and retried.pending == 0
    assert [json.loads(seen.body)["watch"] for seen in hook.requests_to("/hook")] == [
        "actor Iran", "actor Iran", "search talks"]
    assert len(mailbox.mails) == 2  # the mails went the first time: not sent again
    assert [row["pending"] for row in stored_alerts(store)] == [[], []]


def test_watch_once_with_alerts_says_what_fired(hook, tmp_path):
    """`presslens watch --alerts` as a user runs it: one line of alerts after the poll's; a
    second run fires nothing (the mark and the alerts are in the store)."""
    watches = watching(tmp_path, "- name: Iran news\n  actor: Iran\n")
    serve(hook, "/rss", items("Iran", days_before(1)))
    store = str(tmp_path / "live.duckdb")
    first = watch(hook.url("/rss"), "--once", "--store", store, "--alerts", str(watches))
    assert first.returncode == 0, first.stderr
    assert "  alerts: 1 fired, 1 sent, 0 pending (webhook)" in first.stdout
    second = watch(hook.url("/rss"), "--once", "--store", store, "--alerts", str(watches))
    assert "  alerts: 0 fired, 0 sent, 0 pending (webhook)" in second.stdout
    assert len(posted(hook)) == 1


@pytest.mark.parametrize(("text", "said"), [
    ("- actor: Iran\n  topic: Energy\n", "item 1: give exactly one of ['actor', 'topic', "
                                          "'search', 'view'], not ['actor', 'topic']"),
    ("- actor: Iran\n  on: new\n", "item 1: `on:` reads as true in YAML; write `when:`"),
    ("- search: 'Iran AND'\n", "item 1: search 'Iran AND': "),
    ("- actor: Iran\n  period: hour\n", "item 1: period 'hour'; valid: ['day', 'week', "
                                        "'month']"),
])
def test_a_watch_file_that_is_wrong_is_refused_saying_where(tmp_path, text, said):
    path = watching(tmp_path, text)
    with pytest.raises(ValueError, match=re.escape(f"{path} {said}")):
        read_watches(path)


def test_presslens_watch_refuses_a_wrong_watch_file_before_any_poll(tmp_path):
    done = watch("http://127.0.0.1:9/rss", "--once", "--store", str(tmp_path / "s.duckdb"),
                 "--alerts", str(watching(tmp_path, "- actor: Iran\n  period: hour\n")))
    assert done.returncode != 0, done.stderr
    assert "item 1: period 'hour'; valid: ['day', 'week', 'month']" in done.stderr
    assert not (tmp_path / "s.duckdb").exists()  # refused before anything was stored


def test_watching_an_actor_without_enrichment_is_refused(tmp_path):
    done = watch("http://127.0.0.1:9/rss", "--once", "--no-enrich", "--store",
                 str(tmp_path / "s.duckdb"), "--alerts",
                 str(watching(tmp_path, "- actor: Iran\n")))
    assert done.returncode != 0 and "drop --no-enrich" in done.stderr, done.stderr


def test_a_mail_server_without_starttls_is_named_and_the_mail_retried(mailbox, tmp_path,
                                                                       site, monkeypatch):
    """The test's SMTP server offers no STARTTLS, which the default security requires: the
    mail is not sent in the clear, the reason is said, and it goes once the setting allows."""
    monkeypatch.setenv("PRESSLENS_SMTP_SECURITY", "starttls")
    watches = watching(tmp_path, "- actor: Iran\n  when: new\n")
    store = tmp_path / "live.duckdb"
    serve(site, "/rss", items("Iran", days_before(1)))
    _, alerts = poll_then_alert(site, "/rss", store, watches)
    (failure,) = alerts.failures
    assert failure.startswith("mail: SMTP 127.0.0.1:") and "STARTTLS" in failure
    assert alerts.pending == 1 and mailbox.mails == []
    monkeypatch.setenv("PRESSLENS_SMTP_SECURITY", "none")
    _, retried = poll_then_alert(site, "/rss", store, watches)
    assert retried.sent == 1 and len(mailbox.mails) == 1
