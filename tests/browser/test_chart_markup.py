"""Article fields in charts are text, never markup: a hostile source and actor, in Chromium.

Plotly draws a subset of HTML in axis labels, hover text and legends (<a href>, <b>, <sup>,
<span style>) and decodes character references. A source written as an encoded link and an
actor whose name is a link (an actors file from elsewhere) must show as written, with no link
or styled span in any chart, and clicking the actor's bar must filter by its real name.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from analysis.figures.charts import LABEL_CHARS
from tests.browser.conftest import dashboard_server, entered, screenshot, wait_until_idle

pytestmark = pytest.mark.browser
SOURCE = '&lt;a href="https://evil.example" style="font-size:400px"&gt;Planet&lt;/a&gt;'
ACTOR = '<a href="https://evil.example">Harbour Board</a> <sup>%{x}</sup>'
ACTORS_FILE = f"""
organisations:
  - name: '{ACTOR}'
    id: harbour-board
    aliases: ["Harbour Board"]
"""
TEXT = ("The Harbour Board said on Monday that dock workers in Rotterdam would return to work "
        "after union leaders accepted a new pay offer. The Harbour Board welcomed the deal.")
# what only markup in a field could have made inside a chart
MARKUP_IN_CHARTS = """() => {
  const found = [];
  for (const svg of document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')) {
    for (const el of svg.querySelectorAll('a')) found.push('a ' + el.outerHTML.slice(0, 120));
    for (const el of svg.querySelectorAll('tspan[style*="font-size"], tspan[dy]:not(.line)'))
      found.push('tspan ' + el.outerHTML.slice(0, 120));
  }
  return found;
}"""
LABELS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg'))
  .map(svg => svg.textContent).join(' ')"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from analysis.settings import SETTINGS
    from analysis.store.ingest import ingest

    assert "actors_file" in {s.name for s in SETTINGS}
    folder = tmp_path_factory.mktemp("charts")
    (folder / "actors.yaml").write_text(ACTORS_FILE, encoding="utf-8")
    rows = [{"title": f"Harbour talks, day {day}", "source": SOURCE, "text": TEXT,
             "published_at": f"2024-03-0{day}T10:00:00Z"} for day in range(1, 6)]
    (folder / "harbour.jsonl").write_text("\n".join(map(json.dumps, rows)), encoding="utf-8")
    path = folder / "news.duckdb"
    import os

    os.environ["PRESSLENS_ACTORS_FILE"] = str(folder / "actors.yaml")
    try:
        ingest([folder / "harbour.jsonl"], store=path)
    finally:
        del os.environ["PRESSLENS_ACTORS_FILE"]
    return path


def charts(page, n: int) -> None:
    wait_until_idle(page)
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= n",
        arg=n, timeout=60_000)


def test_fields_in_charts_are_text_and_a_click_gives_the_real_name(page, store):
    with dashboard_server(store) as url:
        page.goto(entered(f"{url}/tone"))
        charts(page, 3)
        # the tone-by-source and tone-toward-actors charts may be drawn after the first three:
        # wait for both labels (the actor's was missing once, two test workers running)
        page.wait_for_function(f"wanted => wanted.every(w => ({LABELS})().includes(w))",
                               arg=["Planet (n=5)", ACTOR[:LABEL_CHARS - 1]], timeout=30_000)
        labels = page.evaluate(LABELS)
        assert "Planet (n=5)" in labels and 'style="font-size:400px"' not in labels
        # "Tone toward each actor": the name as written, cut short on the axis
        assert ACTOR[:LABEL_CHARS - 1] in labels
        assert page.evaluate(MARKUP_IN_CHARTS) == []
        screenshot(page, "chart-markup-tone")

        page.goto(entered(url))
        charts(page, 3)  # the volume over time, the actors, the topics
        page.wait_for_function(f"want => ({LABELS})().includes(want)",
                               arg=ACTOR[:LABEL_CHARS - 1], timeout=30_000)
        assert ACTOR[:LABEL_CHARS - 1] in page.evaluate(LABELS)  # as written, tags and all
        assert page.evaluate(MARKUP_IN_CHARTS) == []
        bar = page.locator('[data-testid="stPlotlyChart"]').nth(1).locator("g.point path").first
        bar.scroll_into_view_if_needed()
        box = bar.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        # a click narrows to the articles that also name the actor (issue 12), by its real name
        page.wait_for_function("() => location.search.includes('actors_all=')", timeout=30_000)
        assert parse_qs(urlparse(page.url).query)["actors_all"] == [ACTOR]
