"""The guard's parts without a server: proxy headers, loopback names, who a browser is,
remembered roles and downloads, log-outs that survive a restart, Secure cookies."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from dashboard import access, grants, logouts
from dashboard.guard import secured


@pytest.mark.parametrize("header", [
    "forwarded", "via", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
    "x-real-ip", "cf-connecting-ip", "true-client-ip", "x-client-ip", "fastly-client-ip",
    "x-original-forwarded-for", "cdn-loop",
])
def test_any_forwarding_header_means_proxied(header):
    assert access.proxied({"host": "127.0.0.1:8501", header: "203.0.113.9"})


def test_a_browser_on_this_machine_sends_none():
    assert not access.proxied({"host": "localhost:8501", "user-agent": "x", "cookie": "a=b",
                               "origin": "http://localhost:8501", "sec-fetch-mode": "navigate"})


@pytest.mark.parametrize(("address", "local"), [
    ("127.0.0.1", True), ("127.0.0.1:8501", True), ("localhost:8501", True), ("::1", True),
    ("[::1]:8501", True), ("127.8.9.10", True), ("presslens.test", False), ("10.0.0.5", False),
    ("", False), (None, False),
])
def test_loopback(address, local):
    assert access.loopback(address) is local


def test_a_browser_is_known_by_its_id_its_login_and_its_access_cookie():
    assert access.fingerprint({"_streamlit_user": "signed"}) is None  # no browser id
    plain = access.fingerprint({access.BROWSER_COOKIE: "b1"})
    logged_in = access.fingerprint({access.BROWSER_COOKIE: "b1", "_streamlit_user": "signed"})
    chunked = access.fingerprint({access.BROWSER_COOKIE: "b1", "_streamlit_user": "sig",
                                  "_streamlit_user_1": "ned", "_streamlit_xsrf": "x"})
    assert plain != logged_in
    assert chunked == logged_in  # the chunks are one cookie; the XSRF token is nobody
    assert access.login_cookie({"_streamlit_user": "a", "_streamlit_user_1": "b",
                                "_streamlit_user_tokens": "t"}) == "ab"


def test_a_role_is_remembered_until_forgotten():
    grants.remember_role("browser-a", "editor")
    assert grants.role_of("browser-a") == "editor" and grants.role_of("browser-b") is None
    grants.remember_role("browser-a", None)
    assert grants.role_of("browser-a") is None and grants.role_of(None) is None


def test_a_click_grants_its_two_fetches_to_that_browser_only():
    grants.grant_download("browser-c")
    assert not grants.take_download("browser-d")
    assert grants.take_download("browser-c") and grants.take_download("browser-c")
    assert not grants.take_download("browser-c")


def test_a_log_out_survives_a_restart(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_STORE", str(tmp_path / "news.duckdb"))
    logouts.end("signed-cookie-value")
    assert logouts.ended("signed-cookie-value") and not logouts.ended("another")
    path = tmp_path / logouts.FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "signed-cookie-value" not in path.read_text()  # digests only
    assert list(json.loads(path.read_text())) == [logouts.digest("signed-cookie-value")]
    fresh = subprocess.run([sys.executable, "-c", "from dashboard import logouts; "
                            "print(logouts.ended('signed-cookie-value'))"],
                           capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == "True"


def test_log_outs_in_two_processes_at_once_are_all_kept(tmp_path):
    """Dashboard processes behind one proxy share the list: none may write over another's
    log-out (each reads the file, adds its own and replaces it)."""
    script = ("import sys; from dashboard import logouts\n"
              "for n in range(150): logouts.end(f'{sys.argv[1]}-{n}')")
    env = {**os.environ, "PRESSLENS_STORE": str(tmp_path / "news.duckdb")}
    ending = [subprocess.Popen([sys.executable, "-c", script, name], env=env)
              for name in ("first", "second")]
    assert [process.wait(timeout=120) for process in ending] == [0, 0]
    kept = json.loads((tmp_path / logouts.FILE_NAME).read_text())
    assert len(kept) == 300


@pytest.mark.parametrize(("cookie", "expected"), [
    (b"a=b; Path=/; HttpOnly", b"a=b; Path=/; HttpOnly; Secure"),
    (b"a=b; Path=/; Secure", b"a=b; Path=/; Secure"),
    (b"secure=x; Path=/", b"secure=x; Path=/; Secure"),
])
def test_every_cookie_gets_secure_once(cookie, expected):
    assert secured(cookie) == expected


def test_the_token_redirect_stays_on_this_site(monkeypatch):
    """The first visit's redirect drops the token and keeps the path, never a '//host' one."""
    from dashboard.guard import Request, token_answer

    monkeypatch.setenv("PRESSLENS_LOCAL_TOKEN", "a-token-of-this-start-1234")
    access.token.cache_clear()
    try:
        for path, target in (("/articles", "/articles?article=a1"),
                             ("//evil.example/x", "/evil.example/x?article=a1")):
            request = Request(kind="http", method="GET", path=path,
                              query="article=a1&token=a-token-of-this-start-1234", headers={},
                              cookies={}, client="127.0.0.1", port=8501)
            answer = token_answer(request, "a-token-of-this-start-1234",
                                   [("article", "a1"), ("token", "a-token-of-this-start-1234")])
            assert answer.status_code == 303 and answer.headers["location"] == target
            assert "presslens_local_8501=" in answer.headers["set-cookie"]
    finally:
        access.token.cache_clear()
