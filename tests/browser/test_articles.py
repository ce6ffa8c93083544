"""The dashboard in headless Chromium on the bundled sample: the reader shows the article."""

import pytest

from tests.browser.conftest import dashboard_server, entered, screenshot, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    from analysis.store.ingest import ingest
    from tests.conftest import SAMPLE

    path = tmp_path_factory.mktemp("browser") / "sample.duckdb"
    ingest([SAMPLE], store=path)
    return path


def test_sample_article_is_shown(page, sample_store):
    from analysis import store

    with store.connect(sample_store) as con:
        article_id = store.read_articles(con).iloc[0]["article_id"]
    with dashboard_server(sample_store) as url:
        page.goto(entered(f"{url}/articles?article={article_id}"))
        wait_until_idle(page)
        page.get_by_text("U.S. tells Iran to stop backing Iraq militias").first.wait_for()
        page.get_by_text("date unknown").first.wait_for()
        # a related headline, shown apart from the story
        page.get_by_text("Canadian Parliament Approves Proposal").first.wait_for()
        wait_until_idle(page)
        main = page.locator('[data-testid="stMain"]')
        assert "top official in Iraq said he told an Iranian delegation" in main.inner_text()
        crocker = main.locator("span", has_text="Crocker").first
        colour = crocker.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted as an actor
        screenshot(page, "sample-reader")
