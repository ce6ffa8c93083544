"""A real dashboard server and headless Chromium (browser tests skip without it, never in CI)."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]
# the access token of every dashboard the tests start with no login (setting local_token)
LOCAL_TOKEN = "browser-tests-" + secrets.token_urlsafe(16)


def entered(url: str, token: str = LOCAL_TOKEN) -> str:
    """`url` with the access token, as the owner opens a dashboard that has no login: the
    server sets the browser's access cookie and sends it on to `url` without the token."""
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, f"token={token}"]))
    return urlunsplit(parts._replace(path=parts.path or "/", query=query))


def unavailable(reason: str) -> NoReturn:
    """Skip a test for a tool this machine lacks, or fail it in CI (CI=true), where it must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI=true: these tests must not skip)")
    pytest.skip(reason)


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    unavailable("no Chromium found (apt-get install chromium); browser tests need one")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serving(url: str, process: subprocess.Popen, *, timeout: float) -> bool:
    """Whether the dashboard at `url` answers its health check before `process` ends or
    `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return True
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.3)


@contextlib.contextmanager
def dashboard_server(store: Path, *, timeout: float = 60, port: int | None = None,
                     cwd: Path | None = None, output: Path | None = None,
                     env: dict[str, str] | None = None,
                     options: list[str] | None = None) -> Iterator[str]:
    """`presslens dashboard` on a free 127.0.0.1 port; yields its URL and stops it afterwards.

    `port` picks the port instead, `cwd` the working folder (where Streamlit looks for
    .streamlit/secrets.toml), `output` a file that receives the server's log, `env` more
    environment variables and `options` more Streamlit options (`--server.x`, `value`).
    With no login configured, open it with `entered(url)`.
    """
    port = port or free_port()
    command = [
        str(Path(sys.executable).with_name("presslens")), "dashboard", "--store", str(store),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false", *(options or []),
    ]
    log = open(output, "wb") if output else None  # noqa: SIM115 - closed in `finally`
    process = subprocess.Popen(command, stdout=log or subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True, cwd=cwd,
                               env={**os.environ, "PRESSLENS_LOCAL_TOKEN": LOCAL_TOKEN,
                                    **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        if not serving(url, process, timeout=timeout):
            said = (process.stdout.read().decode() if process.stdout
                    else Path(output).read_text(errors="replace") if output else "")
            raise RuntimeError(f"dashboard did not start on {url}:\n{said}")
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have stopped by itself
            os.killpg(process.pid, 15)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait(timeout=15)
        if process.stdout:
            process.stdout.close()
        if log:
            log.close()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1200})
    yield context.new_page()
    context.close()


def wait_until_idle(page) -> None:
    """Wait for the app to render, Streamlit's 'running' indicator and any spinner to go."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSpinner\"]')", timeout=60_000
    )


def data_button(page, label: str = "CSV"):
    """The download button `label` of the first "Data" popover on the page, opened."""
    page.locator('[data-testid="stPopover"]').filter(has_text="Data").first.locator(
        "button").first.click()
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text=label).first
    button.wait_for(timeout=30_000)
    return button.locator("button")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
