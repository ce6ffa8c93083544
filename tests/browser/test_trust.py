"""Views that mean what they say, in Chromium on a real store: a click narrows, Enter picks the
exact actor, bad links open with a notice, undated articles are counted openly, shares, Compare,
saved views, every chart's data, nothing fetched from elsewhere, nothing clipped at 1,024 px."""

from __future__ import annotations

import csv
import re
from datetime import date
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from analysis import query, store
from analysis.query import Filters
from tests.browser.conftest import dashboard_server, entered, screenshot, wait_until_idle

pytestmark = pytest.mark.browser
CHART = '[data-testid="stPlotlyChart"]'


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory, sample_path):
    """Two Reuters-21578 files (dated, Feb–Mar 1987) and the undated sample."""
    from analysis.store.ingest import ingest
    from tests.conftest import require_corpora

    path = tmp_path_factory.mktemp("trust") / "mixed.duckdb"
    files = sorted((require_corpora() / "reuters21578").glob("reut2-00[01].sgm"))
    ingest([*files, sample_path], store=path)
    return path


@pytest.fixture(scope="module")
def server(mixed_store):
    with dashboard_server(mixed_store) as url:
        yield url


def answer(path, question, filters: Filters, **options):
    with store.connect(path) as con:
        return question(con, filters, **options)


def params(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def drawn(page, charts: int = 1) -> None:
    wait_until_idle(page)
    page.wait_for_function(
        f"n => document.querySelectorAll('{CHART} .main-svg').length >= n", arg=charts,
        timeout=60_000)


def articles_shown(page) -> int:
    value = page.get_by_test_id("stMetricValue").first.inner_text()
    return int(value.replace(",", ""))


def click_bar(page, chart: int, label: str, *, until: str) -> None:
    """Click the bar of `label` in the `chart`-th Plotly chart (a horizontal bar chart) until
    the JS `until` holds: a chart just drawn may let a first click pass."""
    figure = page.locator(CHART).nth(chart)
    tick = figure.locator(".ytick text").filter(has_text=re.compile(f"^{re.escape(label)}$"))
    tick.first.wait_for(timeout=60_000)
    tick.first.scroll_into_view_if_needed()
    row = tick.first.bounding_box()
    middle = row["y"] + row["height"] / 2
    for bar in figure.locator(".bars path").all():
        box = bar.bounding_box()
        if box and box["y"] <= middle <= box["y"] + box["height"]:
            for _ in range(3):
                page.mouse.click(box["x"] + box["width"] / 2, middle)
                try:
                    page.wait_for_function(until, timeout=15_000)
                    return
                except PlaywrightTimeout:
                    continue
            raise AssertionError(f"clicking the bar of {label!r} did nothing")
    raise AssertionError(f"no bar drawn beside the label {label!r}")


def test_a_click_on_a_bar_narrows_to_articles_naming_both(page, server, mixed_store):
    page.goto(entered(f"{server}/?actors=Iran"))
    drawn(page, 3)
    alone = articles_shown(page)
    click_bar(page, 1, "Iraq", until="() => location.search.includes('actors_all=Iraq')")
    page.get_by_text("Showing articles naming Iran and Iraq").wait_for(timeout=60_000)
    drawn(page, 3)
    both = answer(mixed_store, query.summary, Filters(actors_all=("Iran", "Iraq")))["articles"]
    assert params(page)["actors"] == "Iran" and params(page)["actors_all"] == "Iraq"
    page.wait_for_function(
        "n => document.querySelector('[data-testid=\"stMetricValue\"]').innerText === n",
        arg=f"{both:,}", timeout=30_000)
    assert articles_shown(page) == both < alone
    screenshot(page, "trust-narrowed")


def test_enter_picks_the_exact_actor_not_every_fuzzy_match(page, server):
    page.goto(entered(server))
    drawn(page)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Actors").first
    box.locator("input").fill("Iran")
    page.wait_for_timeout(500)
    box.locator("input").press("Enter")
    page.wait_for_function("() => location.search.includes('actors=')", timeout=60_000)
    wait_until_idle(page)
    assert params(page)["actors"] == "Iran"


@pytest.mark.parametrize(("link", "notice"), [
    ("start=2030-01-01&end=2031-01-01", "outside the stored articles"),
    ("start=1980-01-01", "before the first stored article"),
    ("start=1987-03-20&end=1987-03-01", "reversed"),
    ("actors=Atlantis~Iran", "No stored article has the actor Atlantis"),
    ("topics=no+such+topic", "No stored article has the topic no such topic"),
    ("tone_min=7", "tone_min='7' ignored"),
    ("start=yesterday", "start='yesterday' ignored"),
])
def test_a_bad_link_opens_with_a_notice_never_a_traceback(page, server, link, notice):
    page.goto(entered(f"{server}/?{link}"))
    wait_until_idle(page)
    page.locator('[data-testid="stAlert"]').filter(has_text=notice).first.wait_for(
        timeout=60_000)
    drawn(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_date_range_leaves_undated_articles_out_and_says_how_many(page, server, mixed_store):
    page.goto(entered(f"{server}/?start=1987-02-26&end=1987-03-02"))
    drawn(page)
    ranged = Filters(start=date(1987, 2, 26), end=date(1987, 3, 2))
    dated = answer(mixed_store, query.summary, ranged)["articles"]
    assert articles_shown(page) == dated
    box = page.get_by_test_id("stSidebar").get_by_text("Include 1 articles with no date")
    assert not page.get_by_test_id("stSidebar").locator("input[type=checkbox]").first.is_checked()
    box.click()
    page.wait_for_function("() => location.search.includes('include_undated=1')",
                           timeout=60_000)
    with_undated = answer(mixed_store, query.summary, ranged.replace(include_undated=True))
    assert with_undated["articles"] == dated + 1
    # the address changes as the click is taken, the count when the run that follows is drawn
    page.wait_for_function(
        "n => document.querySelector('[data-testid=\"stMetricValue\"]')?.innerText"
        ".replace(/,/g, '') === String(n)", arg=dated + 1, timeout=60_000)
    drawn(page)
    page.get_by_text("1 of these articles state no date").first.wait_for(timeout=30_000)


def test_a_timeline_shows_counts_or_shares(page, server):
    page.goto(entered(server))
    drawn(page, 3)
    axis = page.locator(CHART).first.locator(".ytitle")
    assert "articles per" in axis.text_content()
    page.get_by_test_id("stButtonGroup").get_by_text("Share of all articles").first.click()
    # the chart is drawn again: for a moment it has no axis title (a null, not yet false)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .ytitle')"
        "?.textContent.includes('% of all articles')", timeout=60_000)


def test_compare_draws_each_set_and_lists_its_articles(page, server, mixed_store):
    page.goto(entered(f"{server}/compare?actors=Iran&set_b={quote('actors=Japan')}"))
    drawn(page, 4)
    legend = page.locator(CHART).first.locator(".legendtext")
    assert [t.text_content() for t in legend.all()][:2] == ["Set 1: naming Iran",
                                                          "Set 2: naming Japan"]
    japan = answer(mixed_store, query.summary, Filters(actors=("Japan",)))["articles"]
    page.get_by_role("button", name=f"{japan:,} articles").click()
    page.get_by_text(re.compile("Set 2: articles naming Japan")).first.wait_for(timeout=60_000)
    screenshot(page, "trust-compare")


def test_a_saved_view_is_saved_opened_renamed_and_deleted(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 1200})
    page = context.new_page()
    page.goto(entered(f"{server}/?actors=Iran&topics=economy"))
    wait_until_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Saved views").click()
    sidebar.get_by_label("Save this view as").fill("Iran economy")
    sidebar.get_by_role("button", name="Save").click()
    page.get_by_text("Saved “Iran economy”. Its link: ?view=Iran+economy").wait_for(
        timeout=60_000)
    other = context.new_page()
    other.goto(entered(f"{server}/tone?view={quote('Iran economy')}"))
    other.wait_for_function("() => location.search.includes('actors=Iran')", timeout=60_000)
    assert params(other)["topics"] == "economy"
    # the page says which saved view it shows, until a filter changes
    other.get_by_text("Showing saved view “Iran economy”: articles naming Iran").wait_for(
        timeout=60_000)
    context.close()


def test_every_chart_has_its_data_named_for_the_filters(page, server, mixed_store):
    page.goto(entered(f"{server}/?actors=Iran"))
    drawn(page, 3)
    wait_until_idle(page)  # a rerun would close the popover before its button is clicked
    page.get_by_role("button", name="Data").nth(1).click()  # the actors chart's data
    button = page.get_by_role("button", name="CSV").first
    button.wait_for(timeout=30_000)
    with page.expect_download() as caught:
        button.click()
    download = caught.value
    assert download.suggested_filename == "actor_mentions - articles naming Iran.csv"
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    want = answer(mixed_store, query.actor_mentions, Filters(actors=("Iran",)), top=15)
    assert [row["actor"] for row in rows] == want["actor"].tolist()
    assert [int(row["mentions"]) for row in rows] == want["mentions"].tolist()


def test_nothing_is_fetched_from_another_host(page, server):
    elsewhere = []
    page.on("request", lambda r: elsewhere.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) else None)
    for path in ("", "actors", "compare"):
        page.goto(entered(f"{server}/{path}"))
        drawn(page)
    assert elsewhere == []


def test_at_1024_pixels_nothing_is_clipped(browser, server):
    context = browser.new_context(viewport={"width": 1024, "height": 1400})
    page = context.new_page()
    page.goto(entered(f"{server}/actors"))
    drawn(page, 3)
    page.wait_for_timeout(1000)
    clipped = page.evaluate("""() => {
        const out = [];
        for (const b of document.querySelectorAll('[data-testid="stButtonGroup"] button')) {
            const group = b.closest('[data-testid="stButtonGroup"]').getBoundingClientRect();
            const r = b.getBoundingClientRect();
            if (r.right > group.right + 1 || b.scrollWidth > b.clientWidth + 1)
                out.push('button ' + b.innerText);
        }
        for (const svg of document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')) {
            const box = svg.getBoundingClientRect();
            for (const t of svg.querySelectorAll('.gtitle, .xtitle, .ytitle')) {
                const r = t.getBoundingClientRect();
                if (r.width && (r.right > box.right + 1 || r.left < box.left - 1))
                    out.push('title ' + t.textContent);
            }
        }
        return out;
    }""")
    screenshot(page, "trust-actors-1024")
    context.close()
    assert clipped == []


STORIES = [  # (day, title, text): English news of two days, written for this test
    ("2005-03-01", "Parliament passes budget after long debate",
     "The parliament passed the budget on Tuesday after a debate that lasted two days. The "
     "finance minister said the plan would cut the deficit and protect schools."),
    ("2005-03-02", "Car bomb kills twenty in Baghdad market",
     "At least twenty people were killed by a car bomb in a crowded Baghdad market, Iraqi "
     "police said. The prime minister condemned the attack."),
    ("2005-03-02", "Oil prices rise as OPEC meets in Vienna",
     "Oil prices rose on Wednesday as OPEC ministers met in Vienna to discuss output. "
     "Analysts said a cut was unlikely before the summer."),
    ("2005-03-02", "Talks on trade resume in Geneva",
     "Negotiators from forty countries resumed talks on farm trade in Geneva on Wednesday, "
     "hoping to settle their differences before the next ministerial meeting."),
    ("2005-03-01", "Floods force thousands from their homes",
     "Heavy rain flooded towns along the river on Tuesday and forced thousands of people from "
     "their homes, officials said. Rescue teams used boats to reach villages."),
    ("2005-03-02", "Central bank holds interest rates steady",
     "The central bank held its main interest rate steady on Wednesday, saying inflation was "
     "under control but that growth remained weak."),
]


@pytest.fixture(scope="module")
def two_days(tmp_path_factory):
    import json

    from analysis.store.ingest import ingest

    folder = tmp_path_factory.mktemp("two-days")
    records = folder / "stories.jsonl"
    records.write_text("".join(json.dumps({"published_at": day, "title": title, "text": text,
                                           "source": "Test Wire"}) + "\n"
                               for day, title, text in STORIES))
    ingest([records], store=folder / "two.duckdb")
    with dashboard_server(folder / "two.duckdb") as url:
        yield url


@pytest.mark.parametrize(("path", "chart"), [("", 0), ("tone", 1), ("compare", 0)])
def test_a_timeline_of_two_days_labels_each_day_once(page, two_days, path, chart):
    """Plotly's own ticks over two days fell between them: "01 Mar 2005" seven times on the
    Overview, 00:00 / 06:00 / 12:00 on the tone over time (six stories: with fewer than five
    a page lists them instead of drawing charts)."""
    page.goto(entered(f"{two_days}/{path}"))
    drawn(page, chart + 1)
    page.wait_for_timeout(500)
    ticks = [t.text_content() for t in
             page.locator(CHART).nth(chart).locator(".xtick text").all()]
    assert ticks == ["01 Mar 2005", "02 Mar 2005"]
