"""Exports in Chromium: a CSV whose cells cannot run as formulas, served once to the browser
that clicked and to no other (issue 20: formula injection, and /media/<id>.csv for anyone)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.browser.conftest import dashboard_server, data_button, entered, wait_until_idle

pytestmark = pytest.mark.browser
SOURCE = '=HYPERLINK("https://evil.example","click")'
TITLE = "@SUM(1+1) harbour strike ends"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from analysis.store.ingest import ingest

    folder = tmp_path_factory.mktemp("exports")
    row = {"title": TITLE, "source": SOURCE, "published_at": "2024-03-04T09:00:00Z",
           "text": "Dock workers in Rotterdam returned to work on Monday after union leaders "
                   "accepted a new pay offer from the port authority."}
    (folder / "a.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    ingest([folder / "a.jsonl"], store=folder / "news.duckdb")
    return folder / "news.duckdb"


def download_csv(page, url: str):
    page.goto(entered(f"{url}/articles"))
    wait_until_idle(page)
    with page.expect_download(timeout=60_000) as caught:
        data_button(page, "CSV").click()
    return caught.value


def test_a_csv_export_is_inert_and_only_for_the_browser_that_clicked(browser, store):
    with dashboard_server(store) as url:
        owner, other = (browser.new_context(accept_downloads=True) for _ in range(2))
        download = download_csv(owner.new_page(), url)
        rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text("utf-8"),
                                               newline="")))
        assert [(r["source"], r["title"]) for r in rows] == [("'" + SOURCE, "'" + TITLE)]
        other.request.get(entered(url), max_redirects=0)  # the owner's second browser
        assert other.request.get(download.url).status == 404
        assert owner.request.get(download.url).status == 404  # its click was served already
        owner.close()
        other.close()


def test_tables_offer_no_csv_export_of_their_own(page, store):
    """Streamlit's table toolbar writes cells as they are, formulas included: it is off, and
    the page's own download buttons (above) write inert CSV."""
    with dashboard_server(store) as url:
        page.goto(entered(f"{url}/articles"))
        wait_until_idle(page)
        table = page.locator('[data-testid="stDataFrame"]').first
        table.wait_for()
        table.hover()
        page.locator('[data-testid="stElementToolbar"]').first.wait_for(state="attached")
        page.wait_for_timeout(500)
        assert page.get_by_role("button", name="Download as CSV").count() == 0
        # the page's own button, in the Data popover drawn after the table
        data_button(page, "CSV").wait_for()
