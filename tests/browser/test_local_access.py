"""A dashboard with no login serves its owner only: the address it prints, never a proxy.

Issue 20: "local only" was decided from a loopback peer, a local Host and four proxy headers,
so nginx with a bare proxy_pass, a proxy adding only Via and X-Forwarded-Proto, or only
CF-Connecting-IP / True-Client-IP / X-Client-IP let every visitor in as an editor, as did a
host name once server.corsAllowedOrigins allowed it, and any account on the machine. Here the
dashboard runs behind a real nginx (one server per behaviour) and is opened in Chromium.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import secrets
import stat
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import (
    REPO,
    dashboard_server,
    entered,
    free_port,
    serving,
)
from tests.browser.nginx import WEBSOCKET, nginx
from tests.conftest import SAMPLE

pytestmark = pytest.mark.browser
TITLE = "U.S. tells Iran to stop backing Iraq militias"  # the sample's title
CHART = '[data-testid="stPlotlyChart"] .main-svg'
LISTED = '[data-testid="stDataFrame"]'


def _proxy(*headers: str) -> str:
    extra = "".join(f"proxy_set_header {header};\n" for header in headers)
    return f"location / {{\n proxy_pass {{upstream}};\n {extra} {WEBSOCKET} }}"


PROXIES = {
    "bare proxy_pass": _proxy(),  # Host becomes the upstream's, no forwarding header at all
    "Via and X-Forwarded-Proto": _proxy("Via '1.1 edge'", "X-Forwarded-Proto $scheme"),
    "CF-Connecting-IP": _proxy("CF-Connecting-IP $remote_addr"),
    "True-Client-IP": _proxy("True-Client-IP $remote_addr"),
    "X-Client-IP": _proxy("X-Client-IP $remote_addr"),
    "host name": _proxy("Host presslens.test"),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from analysis.store.ingest import ingest

    path = tmp_path_factory.mktemp("local") / "news.duckdb"
    ingest([SAMPLE], store=path)
    return path


@pytest.fixture(scope="module")
def served(store, tmp_path_factory):
    """The dashboard with a token of its own making (as `make demo` starts it), its log, and
    nginx in front of it in every way of issue 20; corsAllowedOrigins set, as an admin would."""
    folder = tmp_path_factory.mktemp("served")
    log = folder / "dashboard.log"
    with dashboard_server(store, output=log, env={"PRESSLENS_LOCAL_TOKEN": ""},
                          options=["--server.corsAllowedOrigins", "http://presslens.test"]
                          ) as url, nginx(folder / "nginx", url, PROXIES) as proxies:
        printed = re.findall(r"http://\S+\?token=\S+", log.read_text())
        yield {"url": url, "printed": printed, "proxies": proxies}


def websocket_status(url: str, cookie: str = "") -> int:
    """The status of a WebSocket handshake with Streamlit's stream at `url` (101 = opened)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", "/_stcore/stream", headers={
        "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": base64.b64encode(secrets.token_bytes(16)).decode(),
        "Sec-WebSocket-Protocol": "streamlit", "Cookie": cookie})
    status = connection.getresponse().status
    connection.close()
    return status


def shows_data(page) -> bool:
    """Whether the page came to show the dashboard's data (the sample's one article is listed,
    too few for charts) rather than the guard's refusal."""
    page.wait_for_selector(f"#presslens-refused, {CHART}, {LISTED}", timeout=60_000)
    return page.locator("#presslens-refused").count() == 0


def test_the_owner_opens_the_printed_address_and_the_token_leaves_the_address_bar(browser,
                                                                                  served):
    [address] = served["printed"]
    assert address.startswith(served["url"] + "/?token=")
    context = browser.new_context()
    page = context.new_page()
    page.goto(address)
    assert shows_data(page)
    assert "token" not in page.url
    page.goto(f"{served['url']}/articles")  # later visits need no token: the browser has it
    page.wait_for_function("t => document.body.innerHTML.includes(t)", arg=TITLE,
                           timeout=60_000)
    context.close()


def test_a_browser_without_the_token_is_refused(browser, served):
    """Another account on this machine, or an SSH forward: a loopback visitor with no token."""
    for address in (served["url"], entered(served["url"], "not-the-token-of-this-start")):
        context = browser.new_context()
        page = context.new_page()
        page.goto(address)
        assert not shows_data(page)
        assert TITLE not in page.content()
        context.close()
    assert websocket_status(served["url"]) == 403


@pytest.mark.parametrize("behaviour", list(PROXIES))
def test_no_proxy_rides_on_local_mode(browser, served, behaviour):
    """Each proxy of the issue: refused without the token; with it, refused whenever the proxy
    says it forwards (a bare proxy_pass says nothing: there the token is all that counts)."""
    proxy = served["proxies"][behaviour]
    context = browser.new_context()
    page = context.new_page()
    page.goto(proxy)
    assert not shows_data(page), f"{behaviour}: a visitor without the token got in"
    assert websocket_status(proxy) == 403
    [address] = served["printed"]
    page.goto(address.replace(served["url"], proxy))
    if behaviour != "bare proxy_pass":
        assert not shows_data(page), f"{behaviour}: a proxied request counted as local"
    context.close()


def test_a_server_started_without_the_guard_shows_nothing(browser, store, tmp_path):
    """`streamlit run dashboard/app.py` by hand has none of the guard's checks: it says so."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard" / "app.py"),
         "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port",
         str(port), "--browser.gatherUsageStats", "false"],
        env={**os.environ, "PRESSLENS_STORE": str(store)}, cwd=tmp_path,
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        assert serving(url, process, timeout=60)
        page = browser.new_page()
        page.goto(url)
        page.get_by_text("This server was not started by").wait_for(timeout=60_000)
        assert TITLE not in page.content()
        page.close()
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=15)


def test_a_desktop_start_opens_the_address_without_the_token_on_a_command_line(store, tmp_path):
    """Not headless, `presslens dashboard` opens the owner's address in a browser (here the
    command in $BROWSER, which records its arguments) through a private file that redirects
    to it: other accounts listing processes never see the token."""
    said = tmp_path / "browser-args.txt"
    recorder = tmp_path / "browser.sh"
    recorder.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {said}\n')
    recorder.chmod(0o700)
    token = "desktop-start-" + secrets.token_urlsafe(16)
    with dashboard_server(store, env={"BROWSER": f"{recorder} %s", "DISPLAY": ":99",
                                      "PRESSLENS_LOCAL_TOKEN": token},
                          options=["--server.headless", "false",
                                   "--server.showEmailPrompt", "false"]) as url:
        for _ in range(100):
            if said.exists() and said.read_text():
                break
            time.sleep(0.1)
        [argument] = said.read_text().split()
    assert token not in argument and argument.startswith("file:///")
    opened = Path(argument.removeprefix("file://"))
    assert stat.S_IMODE(opened.stat().st_mode) == 0o600
    assert stat.S_IMODE(opened.parent.stat().st_mode) == 0o700
    assert f"{url}/?token={token}" in opened.read_text()
