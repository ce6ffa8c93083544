"""Polls of feeds served by a server the test starts: what lands in the store, what is sent
the second time, what fails and is tried again."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import pandas as pd

from analysis import store
from analysis.watch import Feed, poll
from tests.watch.feeds import atom, page, rss, story
from tests.web_server import Reply


def articles(path) -> list[dict]:
    with store.connect(path) as con:
        return store.read_articles(con).to_dict("records")


def entries(path) -> list[dict]:
    with store.connect(path) as con:
        return con.execute("SELECT * FROM feed_entries ORDER BY entry_id").df().to_dict("records")


def feed_state(path, url) -> dict:
    with store.connect(path) as con:
        return con.execute("SELECT * FROM feeds WHERE feed_url = ?", [url]).df().iloc[0].to_dict()


def summary_items(site, places: list[str]) -> list[dict]:
    """Summary-only RSS items whose pages the site serves."""
    for place in places:
        site.routes[f"/news/{place}"] = Reply(200, page(f"Grain exports rise in {place}",
                                                        story(place)))
    return [{"guid": f"urn:{place}", "title": f"Grain exports rise in {place}",
             "link": site.url(f"/news/{place}"), "summary": f"Exports rose in {place}."}
            for place in places]


def test_summary_only_rss_entries_are_stored_with_their_pages_full_text(site, tmp_path):
    site.routes["/rss"] = Reply(200, rss(summary_items(site, ["Odessa", "Rouen"])))
    path = tmp_path / "s.duckdb"
    report = poll([Feed(site.url("/rss"))], store=path, enrich=False)
    assert (report.new, report.failures) == (2, [])
    stored = {row["title"]: row for row in articles(path)}
    odessa = stored["Grain exports rise in Odessa"]
    assert "Paragraph 4 of the Odessa report" in odessa["text"]
    assert "Copyright" not in odessa["text"] and "Sport" not in odessa["text"]
    assert odessa["source"] == "The Test Gazette"
    assert odessa["origin"] == f"{site.url('/rss')}#urn:Odessa"
    assert odessa["published_at"] == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    rows = entries(path)
    assert [(row["entry_id"], row["text_from"]) for row in rows] == [
        ("urn:Odessa", "page"), ("urn:Rouen", "page")]
    assert {row["article_id"] for row in rows} == {row["article_id"] for row in stored.values()}
    assert all(row["fetched_at"] is not None for row in rows)


def test_atom_entries_with_their_full_text_are_stored_without_fetching_pages(site, tmp_path):
    text = " ".join(story("Gdansk"))
    site.routes["/atom"] = Reply(200, atom([{"guid": "urn:g", "title": "Gdansk grain",
                                             "link": site.url("/news/g"), "summary": "short",
                                             "content": f"<p>{text}</p>"}]))
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/atom"), source="Herald Wire")], store=path,
                enrich=False).new == 1
    (article,) = articles(path)
    assert article["text"].startswith("The harbour authority of Gdansk")
    assert article["source"] == "Herald Wire"
    assert site.requests_to("/news/g") == []
    assert entries(path)[0]["text_from"] == "feed"


def test_the_second_poll_sends_the_validators_and_adds_nothing(site, tmp_path):
    body = rss(summary_items(site, ["Varna"]))

    def conditional(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return Reply(304)
        return Reply(200, body, headers={"ETag": '"v1"',
                                         "Last-Modified": "Mon, 02 Nov 2026 10:00:00 GMT"})

    site.routes["/rss"] = conditional
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 1
    second = poll([Feed(site.url("/rss"))], store=path, enrich=False)
    assert (second.new, second.failures) == (0, [])
    last = site.requests_to("/rss")[-1].headers
    assert last["if-none-match"] == '"v1"'
    assert last["if-modified-since"] == "Mon, 02 Nov 2026 10:00:00 GMT"
    assert len(site.requests_to("/news/Varna")) == 1
    with store.connect(path) as con:
        assert con.execute("SELECT count(*) FROM ingests").fetchall()[0][0] == 1
    assert len(articles(path)) == 1


def test_a_feed_that_changes_between_polls_brings_only_its_new_entries(site, tmp_path):
    items = summary_items(site, ["Bari", "Sfax", "Izmir"])
    site.routes["/rss"] = Reply(200, rss(items[:2]))  # no validators: read whole each time
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 2
    site.routes["/rss"] = Reply(200, rss(items[1:]))
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 1
    assert sorted(row["title"][-5:] for row in articles(path)) == [" Bari", " Sfax", "Izmir"]
    assert len(site.requests_to("/news/Sfax")) == 1  # a seen entry's page is not fetched again


def test_pages_robots_txt_disallows_are_not_fetched_and_keep_their_summary(site, tmp_path):
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /news/\n")
    site.routes["/rss"] = Reply(200, rss(summary_items(site, ["Split"])))
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 1
    assert site.requests_to("/news/Split") == []
    assert articles(path)[0]["text"] == "Exports rose in Split."
    assert entries(path)[0]["text_from"] == "summary"


def test_a_failing_feed_is_reported_and_the_others_go_on(site, tmp_path):
    site.routes["/rss"] = Reply(200, rss(summary_items(site, ["Kotor"])))
    site.routes["/broken"] = Reply(200, b"<?xml version='1.0'?><rss version='2.0'><channel>"
                                        b"<title>T</title></item>&&<<")
    path = tmp_path / "s.duckdb"
    report = poll([Feed(site.url("/gone")), Feed(site.url("/broken")), Feed(site.url("/rss"))],
                  store=path, enrich=False)
    assert report.new == 1
    broken, gone = sorted(report.failures)
    assert broken.startswith(f"{site.url('/broken')}: not a readable feed: ")
    assert gone == f"{site.url('/gone')}: HTTP 404 Not Found"
    state = feed_state(path, site.url("/gone"))
    assert state["last_error"] == gone and pd.isna(state["last_success"])


def test_a_failed_page_is_tried_again_at_the_next_poll_despite_an_etag(site, tmp_path):
    items = summary_items(site, ["Sète"])
    items[0]["link"] = site.url("/news/later")
    site.routes["/rss"] = lambda headers: (Reply(304) if headers.get("if-none-match")
                                           else Reply(200, rss(items), headers={"ETag": '"e"'}))
    site.routes["/news/later"] = Reply(500)
    path = tmp_path / "s.duckdb"
    first = poll([Feed(site.url("/rss"))], store=path, enrich=False)
    assert first.new == 0 and "HTTP 500" in first.failures[0]
    assert "page(s) of" in feed_state(path, site.url("/rss"))["last_error"]
    site.routes["/news/later"] = Reply(200, page("Grain exports rise in Sète", story("Sète")))
    second = poll([Feed(site.url("/rss"))], store=path, enrich=False)
    assert (second.new, second.failures) == (1, [])
    assert "if-none-match" not in site.requests_to("/rss")[-1].headers


def test_a_site_asking_to_wait_is_left_alone_until_then(site, tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_RETRY_AFTER_MAX_S", "5")
    site.routes["/rss"] = Reply(503, headers={"Retry-After": "600"})
    path = tmp_path / "s.duckdb"
    first = poll([Feed(site.url("/rss"))], store=path, enrich=False)
    assert "asks to wait 600 s" in first.failures[0]
    state = feed_state(path, site.url("/rss"))
    assert state["not_before"] > datetime.now(UTC) + timedelta(minutes=9)
    second = poll([Feed(site.url("/rss"))], store=path, enrich=False)
    assert "not polled: the site asked to wait until" in second.failures[0]
    assert len(site.requests_to("/rss")) == 1


def test_watched_articles_are_enriched_and_searchable(site, tmp_path):
    from analysis import query

    site.routes["/rss"] = Reply(200, rss(summary_items(site, ["Piraeus"])))
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/rss"))], store=path).new == 1
    with store.connect(path) as con:
        found, total = query.article_list(con, query.Filters(search="freight"))
        scored = con.execute("SELECT count(*) FROM scores WHERE tone IS NOT NULL").fetchall()
    assert total == 1 and found.iloc[0]["title"] == "Grain exports rise in Piraeus"
    assert scored[0][0] == 1


def test_a_store_busy_past_the_lock_timeout_is_reported_and_taken_next_poll(
        site, tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_LOCK_TIMEOUT_S", "0.2")
    site.routes["/rss"] = Reply(200, rss(summary_items(site, ["Tunis"])))
    path = tmp_path / "s.duckdb"
    with store.locked(path):  # another ingest, a backup or a restore at work
        busy = poll([Feed(site.url("/rss"))], store=path, enrich=False)
    assert busy.new == 0 and "not stored: " in busy.failures[0]
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 1


def test_relative_links_are_read_against_the_feeds_address(site, tmp_path):
    items = summary_items(site, ["Oran"])
    items[0]["link"] = "/news/Oran"
    site.routes["/feeds/rss"] = Reply(200, rss(items))
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/feeds/rss"))], store=path, enrich=False).new == 1
    assert articles(path)[0]["url"] == site.url("/news/Oran")
    assert "Paragraph 4 of the Oran report" in articles(path)[0]["text"]


def test_a_store_written_before_watch_existed_is_watched_into(site, tmp_path):
    import duckdb

    from analysis.store.ingest import ingest

    story_file = tmp_path / "story.txt"
    story_file.write_text("Port strike ends\n\n" + " ".join(story("Cadiz")), encoding="utf-8")
    path = tmp_path / "s.duckdb"
    ingest([story_file], store=path, enrich=False)
    with duckdb.connect(str(path)) as con:  # as an earlier PressLens left it
        con.execute("DROP TABLE feeds; DROP TABLE feed_entries")
    site.routes["/rss"] = Reply(200, rss(summary_items(site, ["Vigo"])))
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 1
    assert len(articles(path)) == 2


def test_a_feeds_articles_removed_by_origin_do_not_come_back(site, tmp_path):
    from analysis.store.remove import remove

    site.routes["/rss"] = Reply(200, rss(summary_items(site, ["Sousse", "Bizerte"])))
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 2
    with store.writer(path) as con:
        assert len(remove(con, origin=site.url("/rss") + "#*").articles) == 2
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 0
    assert articles(path) == []


def test_a_page_redirecting_where_robots_txt_disallows_is_not_followed(site, tmp_path):
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /members/\n")
    items = summary_items(site, ["Rijeka"])
    site.routes["/news/Rijeka"] = Reply(302, headers={"Location": "/members/Rijeka"})
    site.routes["/rss"] = Reply(200, rss(items))
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 1
    assert site.requests_to("/members/Rijeka") == []
    assert articles(path)[0]["text"] == "Exports rose in Rijeka."


def test_an_entry_listed_twice_in_a_feed_is_taken_once(site, tmp_path):
    items = summary_items(site, ["Tartus"])
    site.routes["/rss"] = Reply(200, rss([*items, {**items[0], "summary": "Updated."}]))
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/rss"))], store=path, enrich=False).new == 1
    assert len(site.requests_to("/news/Tartus")) == 1 and len(entries(path)) == 1


def test_summary_only_atom_entries_get_their_pages_text_too(site, tmp_path):
    items = summary_items(site, ["Galati"])
    site.routes["/atom"] = Reply(200, atom(items))
    path = tmp_path / "s.duckdb"
    assert poll([Feed(site.url("/atom"))], store=path, enrich=False).new == 1
    (article,) = articles(path)
    assert "Paragraph 4 of the Galati report" in article["text"]
    assert article["source"] == "Atom Herald"


def test_a_bomb_or_an_oversize_page_fails_alone_and_the_feed_goes_on(site, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setenv("PRESSLENS_FETCH_MAX_MB", "1")
    items = summary_items(site, ["Constanta", "Burgas", "Poti"])
    site.routes["/news/Burgas"] = Reply(200, gzip.compress(b" " * (30 * 2**20)),
                                        headers={"Content-Encoding": "gzip"})
    site.routes["/news/Poti"] = Reply(200, b"<p>" + b"x" * (2 * 2**20))
    site.routes["/rss"] = Reply(200, rss(items))
    path = tmp_path / "s.duckdb"
    report = poll([Feed(site.url("/rss"))], store=path, enrich=False)
    assert report.new == 1 and [row["title"] for row in articles(path)] == [
        "Grain exports rise in Constanta"]
    bomb, oversize = report.failures
    assert "/news/Burgas" in bomb and "decompresses to over 1 MiB" in bomb
    assert "/news/Poti" in oversize and "over 1 MiB" in oversize
