"""Roles from secrets.toml, and what app.py shows to each kind of visitor (AppTest, no browser).

The login itself, against a real OpenID Connect provider, is in tests/browser/test_auth.py.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth import EDITOR, VIEWER, matches, role_for
from tests.dashboard.conftest import APP

TITLE = "U.S. tells Iran to stop backing Iraq militias"  # the sample's title
SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback",
             "cookie_secret": "a-cookie-secret-for-the-test", "client_id": "presslens",
             "client_secret": "a-client-secret-for-the-test",
             "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"},
    "presslens": {"editors": ["edith@newsroom.test"], "viewers": ["@newsroom.test"]},
}


@pytest.mark.parametrize(("email", "pattern", "expected"), [
    ("Alice@Example.org", "alice@example.org", True),
    ("alice@example.org", "bob@example.org", False),
    ("alice@example.org", "@example.org", True),
    ("alice@sub.example.org", "@example.org", False),
    ("alice@notexample.org", "@example.org", False),
    ("alice@example.org", "*", True),
    ("", "*", False),
])
def test_matches(email, pattern, expected):
    assert matches(email, pattern) is expected


@pytest.mark.parametrize(("email", "expected"), [
    ("edith@newsroom.test", EDITOR),
    ("victor@newsroom.test", VIEWER),
    ("nora@outside.test", None),
    (None, None),
])
def test_role_for(email, expected):
    assert role_for(email, editors=["edith@newsroom.test"], viewers=["@newsroom.test"]) == expected


def run_app(store, monkeypatch, *, user: dict | None, secrets: dict | None = SECRETS) -> AppTest:
    monkeypatch.setenv("PRESSLENS_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=120)
    for name, section in (secrets or {}).items():
        at.secrets[name] = section
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.title, *at.caption, *at.header, *at.warning,
                               *at.error, *at.info)]
    return "\n".join(map(str, parts))


def sees_the_sample(at: AppTest) -> bool:
    """The sample's one article, listed (one article is too few for charts)."""
    return ("Only 1 article matches" in texts(at)
            and TITLE in at.dataframe[0].value["title"].tolist())


def shows_no_data(at: AppTest) -> None:
    assert not at.metric and not at.multiselect and not at.get("plotly_chart")
    assert TITLE not in texts(at) and "Reuters" not in texts(at)


def test_a_visitor_who_is_not_logged_in_sees_only_the_login(sample_store, monkeypatch):
    at = run_app(sample_store, monkeypatch, user={"is_logged_in": False})
    assert [b.label for b in at.button] == ["Log in"]
    shows_no_data(at)


def test_an_account_without_a_role_is_told_whom_to_ask(sample_store, monkeypatch):
    at = run_app(sample_store, monkeypatch,
                 user={"is_logged_in": True, "email": "nora@outside.test", "name": "Nora"})
    assert "has no role on this dashboard" in texts(at) and "Ask an editor" in texts(at)
    assert [b.label for b in at.button] == ["Log out"]
    shows_no_data(at)


def test_an_unverified_email_gets_no_role(sample_store, monkeypatch):
    at = run_app(sample_store, monkeypatch, user={
        "is_logged_in": True, "email": "edith@newsroom.test", "email_verified": False})
    assert "has no role on this dashboard" in texts(at)
    shows_no_data(at)


def test_without_a_roles_section_nobody_has_a_role(sample_store, monkeypatch):
    at = run_app(sample_store, monkeypatch, secrets={"auth": SECRETS["auth"]},
                 user={"is_logged_in": True, "email": "edith@newsroom.test"})
    assert "has no role on this dashboard" in texts(at)
    shows_no_data(at)


@pytest.mark.parametrize(("email", "role"), [("victor@newsroom.test", VIEWER),
                                             ("edith@newsroom.test", EDITOR)])
def test_a_logged_in_reader_sees_the_data(sample_store, monkeypatch, email, role):
    at = run_app(sample_store, monkeypatch,
                 user={"is_logged_in": True, "email": email, "name": email.split("@")[0]})
    assert sees_the_sample(at)
    assert f"· {role}" in texts(at)
    assert "Log out" in [b.label for b in at.button]


def test_without_auth_the_dashboard_is_open_on_this_machine(sample_store, monkeypatch):
    at = run_app(sample_store, monkeypatch, user=None, secrets=None)
    assert sees_the_sample(at)
    assert "Log in" not in [b.label for b in at.button]


def test_a_bad_open_access_setting_lists_the_valid_ones(sample_store, monkeypatch):
    monkeypatch.setenv("PRESSLENS_OPEN_ACCESS", "everybody")
    at = run_app(sample_store, monkeypatch, user=None, secrets=None)
    assert "PRESSLENS_OPEN_ACCESS='everybody' is not one of ['local', 'anyone']" in texts(at)
    shows_no_data(at)


@pytest.mark.parametrize(("hours_ago", "data_shown"), [(1, True), (13, False)])
def test_a_login_lasts_login_max_age_h(sample_store, monkeypatch, hours_ago, data_shown):
    """Streamlit's login cookie lasts 30 days; a login now ends after 12 hours (its ID token's
    issue time), and the visitor is asked to log in again."""
    import time

    issued = time.time() - hours_ago * 3600
    at = run_app(sample_store, monkeypatch,
                 user={"is_logged_in": True, "email": "victor@newsroom.test", "iat": issued})
    if data_shown:
        assert sees_the_sample(at)
    else:
        assert "Your login has ended" in texts(at)
        assert [b.label for b in at.button] == ["Log in"]
        shows_no_data(at)
