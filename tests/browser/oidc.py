"""A real OpenID Connect provider for login tests (npm `oidc-provider`, tests/oidc/provider.mjs)
on 127.0.0.1, the `[auth]` secrets that point a dashboard at it, and a login in Chromium."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import secrets
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import REPO, free_port, wait_until_idle
from tests.conftest import SAMPLE

OIDC = REPO / "tests" / "oidc"
PASSWORD = {"edith@newsroom.test": "edith-pw-1", "victor@newsroom.test": "victor-pw-2",
            "nora@outside.test": "nora-pw-3"}
ROLES = """
[presslens]
editors = ["edith@newsroom.test"]
viewers = ["@newsroom.test"]
"""


def require_node() -> str:
    node = shutil.which("node")
    if node and (OIDC / "node_modules" / "oidc-provider").is_dir():
        missing = [m for m in ("authlib", "httpx") if importlib.util.find_spec(m) is None]
        assert not missing, f"st.login needs streamlit[auth]: {missing} not installed"
        return node
    reason = ("the login test needs Node.js and tests/oidc/node_modules "
              "(apt-get install nodejs npm; npm ci --prefix tests/oidc)")
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI=true: browser tests must not skip)")
    pytest.skip(reason)


def read_issuer(process: subprocess.Popen, log: Path, *, timeout: float = 30) -> str:
    """The issuer from the provider's one JSON line on stdout, once it is ready."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            line = process.stdout.readline()
            if line:
                return json.loads(line)["issuer"]
        if process.poll() is not None:
            break
    raise RuntimeError(f"the OpenID provider did not start: {log.read_text(errors='replace')}")


@contextlib.contextmanager
def provider(folder: Path, callback: str) -> Iterator[dict[str, str]]:
    """The provider, its client registered with redirect URI `callback`; yields the client's
    id and secret and the provider's issuer."""
    node = require_node()
    client = {"client_id": "presslens-test", "client_secret": secrets.token_urlsafe(32),
              "redirect_uri": callback,
              "accounts": [{"email": e, "name": e.split("@")[0].title(), "password": p}
                           for e, p in PASSWORD.items()]}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "provider.json").write_text(json.dumps(client))
    log = folder / "provider.log"
    with open(log, "wb") as said:
        process = subprocess.Popen([node, str(OIDC / "provider.mjs"),
                                    str(folder / "provider.json")],
                                   stdout=subprocess.PIPE, stderr=said)
    try:
        yield {"client_id": client["client_id"], "client_secret": client["client_secret"],
               "issuer": read_issuer(process, log)}
    finally:
        process.terminate()
        process.wait(timeout=15)
        process.stdout.close()


def write_secrets(app: Path, client: dict[str, str], *, callback: str,
                  cookie_secret: str) -> None:
    """`app`/.streamlit/secrets.toml: `[auth]` for `client` of the provider, and the roles."""
    (app / ".streamlit").mkdir(parents=True, exist_ok=True)
    (app / ".streamlit" / "secrets.toml").write_text(f"""
[auth]
redirect_uri = "{callback}"
cookie_secret = "{cookie_secret}"
client_id = "{client['client_id']}"
client_secret = "{client['client_secret']}"
server_metadata_url = "{client['issuer']}/.well-known/openid-configuration"
{ROLES}""")


@dataclass(frozen=True)
class Login:
    """A store with the sample, a provider, and a working folder whose secrets.toml points a
    dashboard on `port` (or a proxy there, with https) at the provider."""

    store: Path
    port: int
    app: Path
    cookie_secret: str
    client_secret: str


@contextlib.contextmanager
def login_site(folder: Path, *, scheme: str = "http") -> Iterator[Login]:
    """The store, the provider and the secrets of a site to serve at `scheme`://127.0.0.1."""
    from analysis.store.ingest import ingest

    store = folder / "store" / "news.duckdb"
    ingest([SAMPLE], store=store)
    port = free_port()
    callback = f"{scheme}://127.0.0.1:{port}/oauth2callback"
    with provider(folder, callback) as client:
        cookie_secret = secrets.token_urlsafe(32)
        write_secrets(folder / "app", client, callback=callback, cookie_secret=cookie_secret)
        yield Login(store=store, port=port, app=folder / "app", cookie_secret=cookie_secret,
                    client_secret=client["client_secret"])


def log_in(page, url: str, email: str, *, password: str | None = None) -> None:
    """Open the dashboard, press Log in, and sign in on the provider's own form."""
    page.goto(url)
    wait_until_idle(page)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#login", timeout=30_000)
    page.fill("#login", email)
    page.fill("#password", password or PASSWORD[email])
    page.click("#sign-in")


def log_out(page, url: str) -> None:
    """Press Log out, confirm at the provider, and wait for the dashboard's Log in button."""
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Log out").click()
    page.wait_for_selector("#sign-out", timeout=30_000)  # the provider asks to confirm
    page.click("#sign-out")
    page.wait_for_url(f"{url}/**", timeout=30_000)
    wait_until_idle(page)
    page.get_by_role("button", name="Log in").wait_for()
