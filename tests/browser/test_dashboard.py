"""The dashboard in headless Chromium on a Reuters-21578 store: filter, click a bar, open an
article, find its highlighted actor; screenshots of every page; filter-to-redraw time."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import (
    SCREENSHOTS,
    dashboard_server,
    entered,
    screenshot,
    wait_until_idle,
)

pytestmark = pytest.mark.browser
PAGES = ["overview", "topics", "actors", "tone", "quotes", "articles", "upload"]
CHART = '[data-testid="stPlotlyChart"]'


@pytest.fixture(scope="module")
def server(reuters_store):
    with dashboard_server(reuters_store) as url:
        yield url


def charts_drawn(page, expected: int) -> None:
    """Wait until the run is over and `expected` Plotly charts have drawn their SVG."""
    wait_until_idle(page)
    page.wait_for_function(
        f"n => document.querySelectorAll('{CHART} .main-svg').length >= n", arg=expected,
        timeout=60_000)


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def click_until(page, x: float, y: float, condition: str, *, tries: int = 3) -> None:
    """Click at (x, y) until the JS `condition` holds: on a loaded machine a chart or grid can
    be drawn a moment before it answers clicks, and a click then does nothing."""
    for attempt in range(tries):
        page.mouse.click(x, y)
        try:
            page.wait_for_function(condition, timeout=20_000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise


def pick(page, label: str, option: str) -> None:
    """Choose `option` in the sidebar multiselect called `label`."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text=label)
    box.locator("input").fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def test_every_page_renders(page, server):
    for name in PAGES:
        page.goto(entered(f"{server}/{'' if name == 'overview' else name}"))
        wait_until_idle(page)
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
        if name not in ("quotes", "articles", "upload"):
            charts_drawn(page, 1)
        elif name == "quotes":  # its table draws on a canvas after the run
            page.locator('[data-testid="stDataFrame"] canvas').first.wait_for(timeout=60_000)
            page.wait_for_timeout(500)
        assert not page.locator('[data-testid="stException"]').count(), name
        screenshot(page, name)


def test_filter_click_and_read(page, server):
    page.goto(entered(server))
    charts_drawn(page, 3)
    before = page.get_by_test_id("stMetricValue").first.inner_text()

    started = time.perf_counter()
    pick(page, "Actors", "Iran")
    page.wait_for_function(
        "before => document.querySelector('[data-testid=\"stMetricValue\"]').innerText"
        " !== before", arg=before, timeout=60_000)
    charts_drawn(page, 3)
    redraw = time.perf_counter() - started
    assert query(page)["actors"] == "Iran"

    # click the first bar of the topics chart: the view narrows to that topic too
    bar = page.locator(CHART).nth(2).locator(".bars path").first
    for attempt in range(3):  # the bar sits below the volume chart, out of the window at first
        wait_until_idle(page)  # a click during a rerun can land on a chart being replaced
        if "topics_all=" in page.url:  # a slow answer to the last click came after its wait:
            break  # clicking the bar again would take the topic off
        bar.wait_for(state="visible", timeout=60_000)  # a redraw may be replacing the SVG
        try:
            bar.scroll_into_view_if_needed()
        except PlaywrightError:  # the redraw replaced the SVG while it scrolled: find it again
            continue
        page.wait_for_timeout(300)  # the scroll settled: the bar is where it is measured
        box = bar.bounding_box()
        if box is None:  # between two draws
            continue
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function("() => location.search.includes('topics_all=')",
                                   timeout=30_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    charts_drawn(page, 3)
    topic = query(page)["topics_all"]
    screenshot(page, "overview-filtered")

    # the matching articles, then the first one opened in the reader
    page.goto(entered(f"{server}/articles?{urlparse(page.url).query}"))
    wait_until_idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.locator("canvas").first.wait_for(timeout=60_000)  # the grid draws after the run
    page.wait_for_timeout(500)
    box = grid.bounding_box()
    click_until(page, box["x"] + 12, box["y"] + 35 + 17,  # the first row's selection cell
                "() => location.search.includes('article=')")
    wait_until_idle(page)
    body = page.locator('[data-testid="stMain"]')
    marked = body.locator("span").filter(has_text=re.compile(r"^(Iran|Iranian|Tehran)"))
    marked.first.wait_for(timeout=60_000)
    background = marked.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(page, "reader")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "timings.json").write_text(json.dumps(
        {"filter_to_redraw_s": round(redraw, 3), "topic_clicked": topic}, indent=2))
    print(f"filter change to all charts redrawn: {redraw:.2f} s")


def test_clicking_a_tone_bar_lists_the_articles_it_counts(page, server, reuters_store):
    """The bar left of the tallest, [-0.05, 0.00), lists as many articles as it counts: the
    many articles of tone 0.00 belong to the bar right of it (the list once took them too)."""
    from analysis import query as questions
    from analysis import store

    with store.connect(reuters_store) as con:
        bins = questions.tone_bins(con)
    page.goto(entered(f"{server}/tone"))
    charts_drawn(page, 4)
    bars = page.locator(CHART).first.locator(".bars path")
    assert bars.count() == len(bins)
    tallest = max(range(bars.count()), key=lambda i: bars.nth(i).bounding_box()["height"])
    assert bins["start"].iloc[tallest] == 0.0
    counted = int(bins["articles"].iloc[tallest - 1])
    assert counted > 200  # the list shows 200 and says of how many
    bar = bars.nth(tallest - 1).bounding_box()
    click_until(page, bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] - 3,
                "() => document.body.innerText.includes('Articles with tone')")
    wait_until_idle(page)
    page.get_by_text(re.compile(r"Showing 200 of [\d,]+ articles\.")).first.wait_for(
        timeout=60_000)
    listed = page.get_by_text(re.compile(r"Showing 200 of [\d,]+ articles\.")).first.inner_text()
    assert listed == f"Showing 200 of {counted:,} articles."
    assert page.get_by_text("Articles with tone from -0.05 to under +0.00").count() == 1
    screenshot(page, "tone-drill")


def test_clear_all_filters_stays_cleared(page, server):
    """After "Clear all filters" the next widget change must not bring the old filters back."""
    page.goto(entered(server))
    charts_drawn(page, 3)
    pick(page, "Actors", "Iran")
    page.wait_for_function("() => location.search.includes('actors=Iran')", timeout=60_000)
    page.keyboard.press("Escape")  # close the multiselect's open list, which covers the button
    page.get_by_test_id("stSidebar").locator("h2").first.click()
    wait_until_idle(page)
    page.get_by_test_id("stSidebar").locator("button").filter(has_text="Clear all filters").click()
    page.wait_for_function("() => !location.search.includes('actors=')", timeout=60_000)
    wait_until_idle(page)
    page.wait_for_function(  # the widgets are drawn anew, without Iran
        "() => ![...document.querySelectorAll('[data-testid=\"stSidebar\"] "
        "[data-testid=\"stMultiSelect\"]')].some(e => e.innerText.includes('Iran'))",
        timeout=60_000)
    pick(page, "Actors", "Japan")  # the next change: only Japan, not Iran again
    page.wait_for_function("() => location.search.includes('actors=Japan')", timeout=60_000)
    assert query(page)["actors"] == "Japan"


def test_the_filters_stay_in_the_address_on_every_page(page, server):
    """A link copied on any page reproduces the view: the top navigation keeps the filters."""
    page.goto(entered(f"{server}/?actors=Iran"))
    charts_drawn(page, 3)
    page.get_by_test_id("stTopNavLink").filter(has_text="Tone").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/tone')", timeout=60_000)
    wait_until_idle(page)
    page.wait_for_function("() => location.search.includes('actors=Iran')", timeout=30_000)
    assert query(page)["actors"] == "Iran"


def test_the_chart_code_loads_before_any_chart_is_sent(page, server):
    """dashboard/preload.py: a page without charts still has the browser load Plotly's module
    (so a first chart does not wait ~1.5 s for it), and the preload takes no room on the page."""
    page.goto(entered(f"{server}/articles"))
    wait_until_idle(page)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    page.wait_for_function(
        "() => performance.getEntriesByType('resource')"
        ".some(r => r.name.includes('/static/js/PlotlyChart.'))", timeout=30_000)
    assert page.locator(CHART).count() == 0
    assert page.evaluate(
        "() => [...document.querySelectorAll('script[data-chart-preload]')]"
        ".map(s => s.closest('[data-testid=stElementContainer]').getBoundingClientRect().height)"
    ) == [0]
