"""Login and roles in Chromium against a real OpenID Connect provider (npm `oidc-provider`).

The provider (tests/oidc/provider.mjs) and the dashboard both run on 127.0.0.1; the dashboard's
.streamlit/secrets.toml is written in a temporary working folder. Every user gets a fresh
browser context, as the provider remembers a session.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from analysis.settings import MIB
from tests.browser.conftest import (
    REPO,
    dashboard_server,
    data_button,
    screenshot,
    wait_until_idle,
)
from tests.browser.nginx import nginx
from tests.browser.oidc import log_in, log_out, login_site
from tests.browser.session import remove_upload, upload, watch_session

pytestmark = pytest.mark.browser

TITLE = "U.S. tells Iran to stop backing Iraq militias"  # the sample's title
SOURCE = "Reuters"  # and its source
UPLOAD = (b'{"title": "Harbour strike ends after talks", "source": "Test Wire", '
          b'"text": "Dock workers in Rotterdam returned to work on Monday after union leaders '
          b'accepted a new pay offer from the port authority."}\n')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The provider and the dashboard (with the sample ingested): their addresses and secrets."""
    folder = tmp_path_factory.mktemp("auth")
    log = folder / "dashboard.log"
    caps = {"PRESSLENS_MAX_UPLOAD_SESSION_MB": "3", "PRESSLENS_MAX_UPLOAD_TOTAL_MB": "4"}
    with (login_site(folder) as login,
          dashboard_server(login.store, port=login.port, cwd=login.app, output=log,
                           env=caps) as url):
        yield {"url": url, "store": login.store, "log": log,
               "cookie_secret": login.cookie_secret, "client_secret": login.client_secret}


def shows_no_data(page) -> None:
    html = page.content()
    assert TITLE not in html and SOURCE not in html
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    assert page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').count() == 0


def data_appears(page) -> None:
    """The store's article or two are listed (the sample, and what an editor uploaded: too few
    for charts)."""
    wait_until_idle(page)
    page.get_by_text(re.compile(r"Only \d articles? match")).wait_for(timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)


def nav_links(page) -> list[str]:
    """The page names in the top navigation (each link's text is its icon's name, then its own)."""
    texts = page.locator('[data-testid="stTopNavLink"]').all_inner_texts()
    return [text.strip().splitlines()[-1] for text in texts]


def article_id(store: Path) -> str:
    from analysis import store as stored

    with stored.connect(store) as con:
        return stored.read_articles(con).iloc[0]["article_id"]


def test_a_visitor_who_is_not_logged_in_sees_no_data(page, site):
    page.goto(f"{site['url']}/articles?article={article_id(site['store'])}")
    wait_until_idle(page)
    page.get_by_role("button", name="Log in").wait_for()
    shows_no_data(page)
    assert not nav_links(page)
    screenshot(page, "auth-logged-out")


def test_a_wrong_password_is_refused_by_the_provider(page, site):
    log_in(page, site["url"], "victor@newsroom.test", password="not-his-password")
    page.get_by_text("Wrong email or password.").wait_for()
    assert not page.url.startswith(site["url"])


def test_a_viewer_reads_but_may_not_upload(page, site):
    log_in(page, site["url"], "victor@newsroom.test")
    data_appears(page)
    assert "Victor" in page.locator('[data-testid="stSidebar"]').inner_text()
    links = nav_links(page)
    assert "Overview" in links and "Articles" in links and "Upload" not in links
    screenshot(page, "auth-viewer")
    page.goto(f"{site['url']}/upload")  # typed by hand: no such page for a viewer
    data_appears(page)  # the Overview instead
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert "Upload articles" not in page.content()


def test_an_editor_uploads_an_article(page, site):
    from analysis import store

    with store.connect(site["store"]) as con:
        before = len(store.read_articles(con))
    log_in(page, site["url"], "edith@newsroom.test")
    data_appears(page)
    page.locator('[data-testid="stTopNavLink"]', has_text="Upload").click()
    wait_until_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "strike.jsonl", "mimeType": "application/json", "buffer": UPLOAD})
    page.get_by_text("strike.jsonl").first.wait_for()
    page.get_by_role("button", name="Ingest").click()
    page.get_by_text("1 new, 0 duplicate, 0 rejected.").wait_for(timeout=120_000)
    with store.connect(site["store"]) as con:
        assert len(store.read_articles(con)) == before + 1
    assert [p.name for p in site["store"].parent.iterdir() if p.name.startswith(".uploads")] == []
    html = page.content()
    assert site["client_secret"] not in html and site["cookie_secret"] not in html


def test_an_account_without_a_role_sees_no_data(page, site):
    log_in(page, site["url"], "nora@outside.test")
    wait_until_idle(page)
    page.get_by_text("has no role on this dashboard").wait_for()
    shows_no_data(page)
    assert not nav_links(page)


def test_log_out_ends_the_session(page, site):
    log_in(page, site["url"], "victor@newsroom.test")
    data_appears(page)
    log_out(page, site["url"])
    shows_no_data(page)


def test_a_broken_secrets_file_shows_no_data(page, site, tmp_path):
    """A secrets.toml that does not parse locks everyone out rather than opening the dashboard."""
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('[auth]\nclient_id = "unclosed\n')
    with dashboard_server(site["store"], cwd=tmp_path) as url:
        page.goto(url)
        wait_until_idle(page)
        page.get_by_text("secrets.toml cannot be read").wait_for()
        shows_no_data(page)


def test_no_secret_is_logged(site):
    """Runs last: the server's log of every flow above holds neither secret."""
    log = site["log"].read_text(errors="replace")
    assert site["url"] in log  # the log was captured
    for name in ("client_secret", "cookie_secret"):
        assert site[name] not in log, f"the server log shows the {name}"


# --- issue 20: uploads, exports, log-outs, cookies and endpoints of the team server ---------



def session_of(page, watched: dict[str, str]) -> str:
    page.wait_for_function("() => true")  # let the frame handlers run
    deadline = time.monotonic() + 30
    while "id" not in watched and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return watched["id"]


def test_a_visitor_who_is_not_logged_in_cannot_upload(page, site):
    """A tab showing only 'Log in' could PUT files with its session id and XSRF cookie: six
    of 50 MiB took the server from 166 to 468 MB (issue 20)."""
    watched = watch_session(page)
    page.goto(site["url"])
    wait_until_idle(page)
    page.get_by_role("button", name="Log in").wait_for()
    status, said = upload(page, site["url"], session_of(page, watched), b"x" * MIB)
    assert (status, said) == (403, "Only editors may upload files.")


def test_a_viewer_cannot_upload(page, site):
    watched = watch_session(page)
    log_in(page, site["url"], "victor@newsroom.test")
    data_appears(page)
    status, _ = upload(page, site["url"], session_of(page, watched), b"x" * MIB)
    assert status == 403


def test_uploads_are_capped_per_session_and_in_total(browser, site):
    """The site's server holds at most 3 MiB of uploads for a session and 4 MiB in all."""
    held: list[tuple[object, str, str]] = []
    pages = []
    for _ in range(2):
        page = browser.new_context(viewport={"width": 1440, "height": 1200}).new_page()
        watched = watch_session(page)
        log_in(page, site["url"], "edith@newsroom.test")
        data_appears(page)
        pages.append((page, session_of(page, watched)))
    try:
        (first, one), (second, two) = pages
        answers = []
        for page, session, mib in ((first, one, 2), (first, one, 1.5), (second, two, 1.5),
                                   (second, two, 1)):
            file_id = str(uuid.uuid4())
            status, said = upload(page, site["url"], session, b"x" * int(mib * MIB),
                                  file_id=file_id)
            answers.append((status, said))
            if status == 204:
                held.append((page, session, file_id))
        assert [status for status, _ in answers] == [204, 413, 204, 413], answers
        assert "over 3 MiB (setting max_upload_session_mb)" in answers[1][1]
        assert "over 4 MiB (setting max_upload_total_mb)" in answers[3][1]
    finally:
        for page, session, file_id in held:
            remove_upload(page, site["url"], session, file_id)
        for page, _ in pages:
            page.context.close()


def test_an_export_is_served_once_to_the_browser_that_asked(page, site, browser):
    """A viewer's articles CSV at /media/<id>.csv was served to a request with no cookie,
    still 65 s after the viewer left (issue 20)."""
    log_in(page, site["url"], "victor@newsroom.test")
    data_appears(page)
    page.goto(f"{site['url']}/articles")
    wait_until_idle(page)
    with page.expect_download(timeout=60_000) as caught:
        data_button(page, "CSV").click()
    download = caught.value
    assert TITLE in Path(download.path()).read_text(encoding="utf-8")
    assert download.url.startswith(f"{site['url']}/media/")
    stranger = browser.new_context()
    assert stranger.request.get(download.url).status == 404  # no cookie
    stranger.close()
    assert page.context.request.get(download.url).status == 404  # used once already


def test_a_logged_out_login_cookie_does_not_come_back(page, site, browser):
    """A saved _streamlit_user cookie replayed after log-out was the viewer again for 30 days."""
    log_in(page, site["url"], "victor@newsroom.test")
    data_appears(page)
    saved = page.context.storage_state()
    assert any(c["name"] == "_streamlit_user" for c in saved["cookies"])
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Log out").click()
    page.wait_for_selector("#sign-out", timeout=30_000)
    page.click("#sign-out")
    page.wait_for_url(f"{site['url']}/**", timeout=30_000)
    replay = browser.new_context(storage_state=saved)
    again = replay.new_page()
    again.goto(site["url"])
    wait_until_idle(again)
    again.get_by_text("Your login has ended").wait_for()
    shows_no_data(again)
    replay.close()


def test_metrics_are_not_served(site):
    with urllib.request.urlopen(f"{site['url']}/_stcore/health", timeout=10) as answer:
        assert answer.status == 200
    for path in ("/_stcore/metrics", "/_stcore/agent/openapi.json"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{site['url']}{path}", timeout=10)
        refused.value.close()
        assert refused.value.code == 404, path


def test_cookies_are_secure_behind_tls(site, tmp_path):
    """Behind a proxy that terminates TLS (X-Forwarded-Proto: https), every cookie the server
    sets is Secure; the login cookie goes through the same rewriting."""
    proxied = {"tls": "location / { proxy_pass {upstream}; "
                      "proxy_set_header X-Forwarded-Proto https; }"}
    with (nginx(tmp_path / "nginx", site["url"], proxied) as proxies,
          urllib.request.urlopen(proxies["tls"] + "/", timeout=30) as answer):
        cookies = answer.headers.get_all("set-cookie")
    assert cookies and all("; Secure" in cookie for cookie in cookies), cookies
    with urllib.request.urlopen(site["url"] + "/", timeout=30) as answer:
        direct = answer.headers.get_all("set-cookie") or []
    assert all("Secure" not in cookie for cookie in direct), direct


def test_the_documented_proxy_rule_keeps_anonymous_uploads_out(page, site, tmp_path):
    """docs/deployment.md's nginx rule answers an upload without an identity cookie itself."""
    rule = 'if ($cookie__streamlit_user = "") { return 403; }'
    assert rule in (REPO / "docs" / "deployment.md").read_text(encoding="utf-8")
    servers = {"site": "location ^~ /_stcore/upload_file/ { " + rule + " proxy_pass {upstream}; }"
                       " location / { proxy_pass {upstream}; }"}
    with nginx(tmp_path / "nginx", site["url"], servers) as proxies:
        watched = watch_session(page)
        page.goto(site["url"])
        page.get_by_role("button", name="Log in").wait_for()
        status, said = upload(page, proxies["site"], session_of(page, watched), b"x" * MIB)
        assert status == 403 and "nginx" in said  # answered by the proxy, not the server
        log_in(page, site["url"], "edith@newsroom.test")
        data_appears(page)
        session = session_of(page, watched)
        file_id = str(uuid.uuid4())
        assert upload(page, proxies["site"], session, b"x" * 1024, file_id=file_id)[0] == 204
        remove_upload(page, site["url"], session, file_id)
