"""The dashboard in headless Chromium: it opens on the sample and shows the article."""

import pytest

from tests.browser.conftest import dashboard_server, screenshot, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    from analysis.ingest import ingest
    from tests.conftest import SAMPLE

    path = tmp_path_factory.mktemp("browser") / "sample.duckdb"
    ingest([SAMPLE], store=path)
    return path


def test_sample_article_is_shown(page, sample_store):
    with dashboard_server(sample_store) as url:
        page.goto(url)
        wait_until_idle(page)
        page.get_by_text("U.S. tells Iran to stop backing Iraq militias").first.wait_for()
        page.get_by_text("date unknown").first.wait_for()
        body = page.inner_text('[data-testid="stMain"]')
        assert "Washington’s top official in Iraq" in body
        assert "Canadian Parliament Approves Proposal" in body  # related headline, apart
        assert "Latest news" not in body.split("Related headlines")[0]
        screenshot(page, "articles")
