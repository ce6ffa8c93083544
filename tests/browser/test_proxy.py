"""The team server as docs/deployment.md sets it up, in Chromium: two dashboard processes on one
store behind nginx (deploy/nginx-presslens.conf as shipped) with TLS and sticky sessions, and
the OpenID Connect login (tests/oidc) through the proxy."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.conftest import wait_until_idle
from tests.browser.oidc import log_in, log_out, login_site
from tests.browser.proxy import proxied_dashboards
from tests.browser.session import watch_session

pytestmark = pytest.mark.browser
STICKY = "presslens_backend"  # the cookie nginx routes a browser by
STREAM = "/_stcore/stream"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("proxy")
    with (login_site(folder, scheme="https") as login,
          proxied_dashboards(login.store, folder, processes=2, port=login.port,
                             cwd=login.app) as proxied):
        yield proxied


@pytest.fixture
def new_page(browser):
    """Pages in browser contexts of their own (a browser each), trusting the test's CA."""
    contexts = []

    def make():
        context = browser.new_context(ignore_https_errors=True,
                                      viewport={"width": 1440, "height": 1200})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def cookie(page, name: str) -> dict:
    return next(c for c in page.context.cookies() if c["name"] == name)


def listed(page) -> None:
    """The sample's one article is listed (too few for charts)."""
    wait_until_idle(page)
    page.get_by_text(re.compile(r"Only 1 article matches")).wait_for(timeout=60_000)


def search(page, word: str) -> None:
    """Type `word` in the sidebar's search box; wait for the page to say nothing matches."""
    box = page.locator('[data-testid="stSidebar"]').get_by_label("Search text", exact=True)
    box.fill(word)
    box.press("Enter")
    page.get_by_text("No article matches these filters").wait_for(timeout=60_000)
    page.wait_for_url(re.compile(f"search={word}"), timeout=30_000)


def test_log_in_filter_and_log_out_through_the_proxy(new_page, site):
    page = new_page()
    log_in(page, site.url, "victor@newsroom.test")
    page.wait_for_url(f"{site.url}/**", timeout=30_000)
    listed(page)
    assert cookie(page, "_streamlit_user")["secure"] and cookie(page, STICKY)["secure"]
    search(page, "harbour")
    log_out(page, site.url)
    assert "harbour" not in page.content()
    # every request of this browser, the login's callback included, went to one process
    assert len(site.process_of(cookie(page, STICKY)["value"])) == 1


def test_browsers_spread_over_processes_and_keep_theirs_across_a_reconnect(new_page, site):
    """Two browsers on different processes log in and filter; nginx drops every websocket
    (a reload); each page reconnects to its own process and carries on in the same session."""
    pages: dict[str, object] = {}
    for _ in range(10):  # a new browser lands on either process: one on each, soon
        page = new_page()
        page.goto(site.url)
        wait_until_idle(page)
        [process] = site.process_of(cookie(page, STICKY)["value"])
        pages.setdefault(process, page)
        if len(pages) == 2:
            break
    assert len(pages) == 2, "ten browsers all went to one process"
    sessions = {}
    for number, page in enumerate(pages.values()):
        sessions[number] = watch_session(page)
        log_in(page, site.url, "edith@newsroom.test")
        listed(page)
        search(page, f"strike{number}")
    # the server announces the session at each run: resumed, its id again; new, another one
    before = {number: watched.pop("id") for number, watched in sessions.items()}
    values = [cookie(page, STICKY)["value"] for page in pages.values()]
    closed = [len(site.answered(v, STREAM)) for v in values]
    site.reload()
    deadline = time.monotonic() + 30
    # nginx logs a websocket once it is closed
    while any(len(site.answered(v, STREAM)) <= n for v, n in zip(values, closed, strict=True)):
        assert time.monotonic() < deadline, "nginx's reload did not close the websockets"
        time.sleep(0.2)
    for number, page in enumerate(pages.values()):
        search(page, f"harbour{number}")
    for process, page in pages.items():  # each browser stayed on its process …
        value = cookie(page, STICKY)["value"]
        assert site.process_of(value) == {process}, site.said([value])
    # … and the server took it back into the same session
    assert {n: w.get("id") for n, w in sessions.items()} == before, site.said(values)
    # a browser loading the app asks for over a hundred static files at once: not limited
    assert not [r for r in site.requests() if r[2] == 503], "refused by the rate limit"
