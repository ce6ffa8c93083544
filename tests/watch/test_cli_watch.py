"""`presslens watch` run as a user runs it, against a server the test starts: full texts
stored, a second run adds nothing, a failing feed listed with exit status 0, and a run killed
mid-poll losing nothing and resuming without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from analysis import store
from tests.watch.feeds import page, rss, story
from tests.web_server import Reply


def watch(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis.cli", "watch", *args],
                          capture_output=True, text=True, timeout=300, check=False)


def serve_feed(site, path: str, places: list[str]) -> str:
    for place in places:
        site.routes[f"/news/{place}"] = Reply(200, page(f"Grain exports rise in {place}",
                                                        story(place)))
    site.routes[path] = Reply(200, rss([
        {"guid": f"urn:{place}", "title": f"Grain exports rise in {place}",
         "link": site.url(f"/news/{place}"), "summary": f"Exports rose in {place}."}
        for place in places]))
    return site.url(path)


def stored(path) -> dict[str, str]:
    with store.connect(path) as con:
        return dict(con.execute("SELECT title, text FROM articles").fetchall())


def test_watch_once_stores_full_texts_then_adds_nothing_and_lists_a_failing_feed(
        site, tmp_path):
    feed = serve_feed(site, "/rss", ["Odessa", "Rouen"])
    path = tmp_path / "live.duckdb"
    first = watch(feed, site.url("/missing.xml"), "--once", "--store", str(path))
    assert first.returncode == 0, first.stderr
    assert "2 feeds polled, 2 new, 0 duplicate, 0 rejected, 1 failed" in first.stdout
    assert f"failed: {site.url('/missing.xml')}: HTTP 404 Not Found" in first.stdout
    texts = stored(path)
    assert sorted(texts) == ["Grain exports rise in Odessa", "Grain exports rise in Rouen"]
    assert all("Paragraph 4 of the" in text for text in texts.values())
    second = watch(feed, "--once", "--store", str(path))
    assert second.returncode == 0, second.stderr
    assert "1 feeds polled, 0 new, 0 duplicate, 0 rejected, 0 failed" in second.stdout
    assert len(stored(path)) == 2


def test_a_feed_list_file_names_the_feeds_and_their_source(site, tmp_path):
    feed = serve_feed(site, "/rss", ["Varna"])
    listed = tmp_path / "feeds.yaml"
    listed.write_text(f"- name: Gazette world\n  url: {feed}\n  source: Gazette\n"
                      "  language: en\n", encoding="utf-8")
    path = tmp_path / "live.duckdb"
    done = watch(str(listed), "--once", "--store", str(path), "--no-enrich")
    assert done.returncode == 0, done.stderr
    with store.connect(path) as con:
        assert con.execute("SELECT source FROM articles").fetchall() == [("Gazette",)]
        assert con.execute("SELECT name FROM feeds").fetchall() == [("Gazette world",)]


def test_a_feed_list_with_an_unknown_key_is_refused_saying_which(tmp_path):
    listed = tmp_path / "feeds.yaml"
    listed.write_text("- url: http://127.0.0.1:9/rss\n  lang: en\n", encoding="utf-8")
    done = watch(str(listed), "--once", "--store", str(tmp_path / "s.duckdb"))
    assert done.returncode != 0
    assert "item 1: unknown keys ['lang']" in done.stderr


def test_a_run_killed_mid_poll_keeps_what_it_stored_and_resumes_without_duplicates(
        site, tmp_path):
    quick = serve_feed(site, "/quick", ["Bari", "Sfax"])
    slow = serve_feed(site, "/slow", ["Izmir"])
    site.routes["/news/Izmir"] = Reply(200, page("Grain exports rise in Izmir", story("Izmir")),
                                       delay_s=60)
    path = tmp_path / "live.duckdb"
    running = subprocess.Popen([sys.executable, "-m", "analysis.cli", "watch", quick, slow,
                                "--store", str(path), "--no-enrich"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not (site.requests_to("/news/Izmir") and path.exists()
                   and len(_titles(path)) == 2):
            assert running.poll() is None, "watch stopped before it was killed"
            time.sleep(0.2)
    finally:
        os.kill(running.pid, signal.SIGKILL)
        running.wait()
    assert sorted(_titles(path)) == ["Grain exports rise in Bari", "Grain exports rise in Sfax"]
    site.routes["/news/Izmir"] = Reply(200, page("Grain exports rise in Izmir", story("Izmir")))
    resumed = watch(quick, slow, "--once", "--store", str(path), "--no-enrich")
    assert "2 feeds polled, 1 new, 0 duplicate" in resumed.stdout, resumed.stdout
    assert len(_titles(path)) == 3
    assert len(site.requests_to("/news/Bari")) == 1  # taken before the kill: not read again


def _titles(path) -> list[str]:
    try:
        with store.connect(path) as con:
            return [row[0] for row in con.execute("SELECT title FROM articles").fetchall()]
    except store.StoreError:  # not created yet
        return []


def test_a_setting_that_is_not_valid_is_said_before_any_poll(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_FETCH_PER_SITE", "0")
    done = watch("http://127.0.0.1:9/rss", "--once", "--store", str(tmp_path / "s.duckdb"))
    assert done.returncode != 0 and "per_site=0" in done.stderr
    assert "Traceback" not in done.stderr
