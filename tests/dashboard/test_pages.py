"""Every page run headless with AppTest on real stores: no exception, filters change the numbers,
a URL with filters reproduces the view."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import APP

PAGES = ["overview", "topics", "actors", "tone", "quotes", "articles", "upload", "history",
         "freshness", "alerts"]


def open_page(store, page: str, params: dict | None = None) -> AppTest:
    """Run the app on `page` with URL `params`. AppTest runs a switched-to page's script on its
    own, without app.py's sidebar: filter widgets are only there on the default page."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(params or {})
    at.run()
    if page != "overview":
        at.switch_page(f"views/{page}.py").run()
    return at


def shown(at: AppTest) -> str:
    """Everything a reader sees as text: markdown, headings, captions, metrics, alerts."""
    parts = [e.value for e in (*at.markdown, *at.header, *at.subheader, *at.caption, *at.title)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [e.value for e in (*at.info, *at.warning, *at.error, *at.success)]
    return "\n".join(str(p) for p in parts)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture
def sample(sample_store, monkeypatch):
    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    return sample_store


@pytest.fixture
def reuters(reuters_store, monkeypatch):
    monkeypatch.setenv("PRESSLENS_STORE", str(reuters_store))
    return reuters_store


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample(sample, page):
    at = open_page(sample, page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.corpora
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_reuters(reuters, page):
    at = open_page(reuters, page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", ["overview", "topics", "actors", "tone"])
def test_too_few_articles_for_charts_are_listed_instead(sample, page):
    """One article makes degenerate charts (a 0/0.5/1 axis, a box of one, an empty timeline):
    the page says so in one line and lists the article instead."""
    at = open_page(sample, page)
    assert "Only 1 article matches these filters: too few for charts" in shown(at)
    listed = at.dataframe[0].value["title"].tolist()
    assert "U.S. tells Iran to stop backing Iraq militias" in listed
    assert not at.get("plotly_chart") and not at.metric


# AppTest (Streamlit 1.67) drops app.py's own elements on a rerun of a multipage app, so widget
# clicks are driven in the browser test; here a filter arrives the way a shared link brings it.
@pytest.mark.corpora
def test_a_filter_changes_the_numbers(reuters):
    everything = int(metric(open_page(reuters, "overview"), "Articles").replace(",", ""))
    at = open_page(reuters, "overview", {"actors": "Iran"})
    narrowed = int(metric(at, "Articles").replace(",", ""))
    assert 0 < narrowed < everything
    assert at.multiselect(key="f_actors").value == ["Iran"]


@pytest.mark.corpora
def test_a_url_with_filters_reproduces_the_view(reuters):
    from analysis import query, store
    from analysis.query import Filters
    from analysis.query.links import from_params, to_params

    wanted = Filters(topics=("oil and energy",), search="OPEC", tone_max=0.5)
    at = open_page(reuters, "overview", to_params(wanted))
    assert from_params({k: v[0] if isinstance(v, list) else v
                        for k, v in at.query_params.items()}) == (wanted, [])
    assert at.multiselect(key="f_topics").value == ["oil and energy"]
    assert at.text_input(key="f_search").value == "OPEC"
    with store.connect(reuters) as con:
        expected = query.summary(con, wanted)["articles"]
    assert expected > 0 and metric(at, "Articles") == f"{expected:,}"


@pytest.mark.corpora
def test_search_narrows_the_article_list(reuters):
    everything = shown(open_page(reuters, "articles"))
    narrowed = shown(open_page(reuters, "articles", {"search": "Bahia cocoa"}))
    count = re.compile(r"([\d,]+) articles match the filters")
    assert int(count.search(narrowed)[1].replace(",", "")) < int(
        count.search(everything)[1].replace(",", ""))


def test_reader_shows_the_article_with_highlights(sample, sample_store):
    from analysis import store

    with store.connect(sample_store) as con:
        article_id = store.read_articles(con).iloc[0]["article_id"]
    at = open_page(sample, "articles", {"article": article_id})
    assert not at.exception
    text = shown(at).replace("\\", "")
    assert "U.S. tells Iran to stop backing Iraq militias" in text
    assert ":blue-background[Crocker]" in text  # an actor, highlighted
    assert ":red-background[car bomb]" in text  # the casualty report
    assert "date unknown" in text and "Fredrik Dahl" in text
    assert "Canadian Parliament Approves Proposal to Proscribe Iran’s IRGC" in text


def test_filters_that_match_nothing_say_so(sample):
    at = open_page(sample, "overview", {"search": "no such words anywhere"})
    assert not at.exception
    assert "No article matches these filters" in shown(at)


def test_a_bad_url_value_is_dropped_with_a_notice_not_an_error(sample):
    at = open_page(sample, "overview", {"start": "not-a-date", "tone_min": "7"})
    assert not at.exception
    notices = [w.value for w in at.warning]
    assert any("start='not-a-date' ignored: not a date" in n for n in notices)
    assert any("tone_min='7' ignored" in n for n in notices)
    assert "Only 1 article matches" in shown(at)


def test_missing_store_shows_an_error_not_a_traceback(monkeypatch, tmp_path):
    monkeypatch.setenv("PRESSLENS_STORE", str(tmp_path / "none.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("no store here yet" in e.value for e in at.error)


def test_the_reader_marks_the_words_of_the_search(sample, sample_store):
    from analysis import store

    with store.connect(sample_store) as con:
        article_id = store.read_articles(con).iloc[0]["article_id"]
    at = open_page(sample, "articles", {"article": article_id, "search": "militias OR Crocker"})
    assert not at.exception
    text = shown(at).replace("\\", "")
    assert ":yellow-background[militias]" in text and ":yellow-background[Crocker]" in text
    assert "words of your search" in text


def test_keyword_in_context_lists_each_match_with_its_words(sample):
    at = open_page(sample, "articles", {"search": "Iran"})
    assert not at.exception, at.exception
    lines = next(frame.value for frame in at.dataframe if "match" in frame.value.columns)
    assert len(lines) > 3 and set(lines["match"]) == {"Iran"}
    assert all(before or after for before, after in zip(lines["before"], lines["after"],
                                                         strict=True))
    assert list(lines["before"]) == sorted(lines["before"], key=lambda s: " ".join(
        reversed(s.lower().split())))  # by the word right before the match


def test_a_malformed_search_is_said_in_one_line_and_not_applied(sample):
    at = open_page(sample, "overview", {"search": 'iran "militias'})
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Search not applied: this quote is never closed (at character 6)"]
    # the filters in words say no search is applied; the sample's one article is listed
    assert "Showing all articles." in [c.value for c in at.caption]
    assert "Only 1 article matches" in shown(at)


def test_a_store_busy_past_the_read_wait_is_a_message_not_a_traceback(sample_store, tmp_path,
                                                                      monkeypatch):
    """While an ingest held the store past the reader's wait, pages showed StoreError as a
    traceback with the server's paths (issue 20)."""
    import shutil
    import subprocess
    import sys

    from analysis.store import database

    path = tmp_path / "busy.duckdb"
    shutil.copy(sample_store, path)
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    # the module that reads it (the package's re-export is a copy): readers give up in 0.3 s
    monkeypatch.setattr(database, "READ_WAIT_S", 0.3)
    open_page(path, "overview")  # the sidebar's facets are cached from here on
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
         "print('holding', flush=True); time.sleep(120)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        at = open_page(path, "overview", {"search": "harbour strike"})  # queries not cached
        assert not at.exception, at.exception
        errors = [e.value for e in at.error]
        assert errors and all(e.startswith("The news store cannot be read just now: another "
                                           "process has been writing to the store") for e in errors)
        assert all(str(path) not in e for e in errors), errors
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


@pytest.mark.corpora
def test_the_quotes_page_marks_indirect_quotes(reuters):
    at = open_page(reuters, "quotes")
    table = at.dataframe[0].value
    indirect = table[table["indirect"]]
    assert len(indirect) > 0 and (indirect["verb"] == "according to").all()
    assert "Indirect: words reported" in shown(at)


@pytest.mark.corpora
def test_a_search_found_in_the_title_is_marked_there_and_listed_in_context(reuters):
    """`title:opec` keeps 22 Reuters stories for their headlines: the keyword-in-context view
    said "0 matches in the 22 newest matching articles", and the reader marked nothing."""
    from analysis import query, store

    with store.connect(reuters) as con:
        frame, total = query.article_list(con, query.Filters(search="title:opec"), limit=500)
    at = open_page(reuters, "articles", {"search": "title:opec"})
    assert not at.exception, at.exception
    lines = next(frame.value for frame in at.dataframe if "match" in frame.value.columns)
    assert set(lines["field"]) == {"title"} and set(lines["match"].str.lower()) == {"opec"}
    assert len(lines) >= total > 0
    at = open_page(reuters, "articles", {"search": "title:opec",
                                         "article": frame["article_id"].iloc[0]})
    heading = at.header[0].value.replace("\\", "")
    assert re.search(r":yellow-background\[opec\]", heading, flags=re.IGNORECASE), heading
    assert "words of your search] (in the title only)" in shown(at)


@pytest.mark.corpora
def test_the_quotes_page_says_of_how_many_quotes_it_lists_the_newest(reuters):
    """It said "The 1,000 newest quotes" of 2,779 (reut2-000..005), and the download held
    those 1,000: nothing told an analyst the rest existed."""
    from analysis import query, store

    with store.connect(reuters) as con:
        every = len(query.quote_table(con))
    assert every > 1000
    at = open_page(reuters, "quotes")
    assert not at.exception, at.exception
    assert any(c.value.startswith(f"The 1,000 newest of {every:,} quotes (the download "
                                  "holds these).") for c in at.caption), shown(at)


def chart_bars(at: AppTest, title: str) -> dict[str, dict[str, float]]:
    """Each trace of the Plotly chart called `title`: its bars' values by label."""
    import base64
    import json

    import numpy as np

    def values(field):  # Plotly sends numeric arrays base64-encoded
        if isinstance(field, dict):
            return np.frombuffer(base64.b64decode(field["bdata"]), dtype=field["dtype"]).tolist()
        return field

    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if spec["layout"].get("title", {}).get("text") == title:
            return {trace["name"]: dict(zip(values(trace["y"]), values(trace["x"]), strict=True))
                    for trace in spec["data"]}
    raise AssertionError(f"no chart {title!r}")


@pytest.mark.corpora
def test_compare_counts_an_actor_outside_a_sets_own_top_ten_instead_of_drawing_0(reuters):
    """Compare drew each set's bar of an actor from its own ten most named: Iran's top actors
    had 0 articles in the set naming Japan (Washington 0 where 64 Japan articles name it, on
    reut2-000..005), and Japan 0 among the Iran articles."""
    from analysis import query, store

    at = open_page(reuters, "compare", {"actors": "Iran", "set_b": "actors=Japan"})
    assert not at.exception, at.exception
    drawn = chart_bars(at, "Articles naming each actor")
    sets = {"Set 1: naming Iran": query.Filters(actors=("Iran",)),
            "Set 2: naming Japan": query.Filters(actors=("Japan",))}
    with store.connect(reuters) as con:
        for name, kept in sets.items():
            own = set(query.actor_mentions(con, kept, top=10)["actor"])
            others = [actor for actor in drawn[name] if actor not in own]
            assert others
            listed = {actor: query.summary(con, kept.narrowed(actor=actor))["articles"]
                      for actor in others}
            assert {actor: drawn[name][actor] for actor in others} == listed
            assert any(listed.values())  # these were all drawn as 0


@pytest.mark.corpora
def test_the_tone_page_of_articles_with_no_tone_says_so_instead_of_empty_charts(
        tmp_path, monkeypatch):
    """GDELT GKG records carry no words: the Tone page drew six empty charts for them (a box
    chart without a label, "a fixed sample of 0 of the 50 articles")."""
    from analysis.store.ingest import ingest
    from tests.conftest import require_corpora

    path = tmp_path / "gkg.duckdb"
    ingest([require_corpora() / "gdelt" / "gkg2samp.csv"], store=path)
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    at = open_page(path, "tone")
    assert not at.exception, at.exception
    said = [i.value for i in at.info]
    assert any(s.startswith("None of these 50 articles has a tone") for s in said), said
    assert not at.get("plotly_chart")


def test_the_tone_sample_says_it_is_of_the_articles_with_a_tone(tmp_path, monkeypatch):
    """'A fixed sample of 2,000 of the 2,129 articles' (BBC and three articles in French and
    German): the sample can only hold articles with a tone, and the caption did not say so."""
    import json

    from analysis.store.ingest import ingest

    english = ["The parliament passed the budget on Tuesday after a long debate.",
               "Heavy rain flooded towns along the river and forced thousands from their homes.",
               "The central bank held its main interest rate steady on Wednesday.",
               "Negotiators resumed talks on farm trade in Geneva on Wednesday.",
               "Oil prices rose as ministers met in Vienna to discuss output."]
    french = "Le gouvernement a annoncé mardi une hausse des impôts sur les grandes entreprises."
    records = tmp_path / "news.jsonl"
    records.write_text("".join(json.dumps({"title": text[:30], "text": text, "source": "Wire"})
                               + "\n" for text in [*english, french]))
    ingest([records], store=tmp_path / "s.duckdb")
    monkeypatch.setenv("PRESSLENS_STORE", str(tmp_path / "s.duckdb"))
    at = open_page(tmp_path / "s.duckdb", "tone")
    assert not at.exception, at.exception
    assert "The 5 articles with a tone; 1 not scored are left out." in [
        c.value for c in at.caption]
