"""Who may see the dashboard: Streamlit's own login (OpenID Connect) and the viewer/editor roles.

With an `[auth]` section in `.streamlit/secrets.toml` every visitor must log in, and the
`[presslens]` section beside it says who may read (`viewers`) and who may also upload
(`editors`); a login lasts `login_max_age_h` hours and ends for good when its owner logs out
(`dashboard.logouts`). Without `[auth]` the dashboard is for the person who started it (setting
`open_access`): `dashboard.guard` lets in only a browser on this machine that opened the address
with the start's access token, as an editor. docs/deployment.md has the whole set-up.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from analysis.settings import get as setting
from dashboard import access, grants, logouts
from dashboard.render import escape_markdown

EDITOR = "editor"
VIEWER = "viewer"
ROLES_SECTION = "presslens"  # the secrets.toml section that names the editors and viewers
OPEN_ACCESS = ("local", "anyone")


def matches(email: str, pattern: str) -> bool:
    """Whether `email` fits `pattern`: "*" (anyone), "@example.org" (a domain) or an address."""
    email, pattern = email.strip().lower(), pattern.strip().lower()
    if pattern == "*":
        return bool(email)
    if pattern.startswith("@"):
        return email.endswith(pattern) and email.count("@") == 1
    return email == pattern


def role_for(email: str | None, *, editors: Sequence[str], viewers: Sequence[str]) -> str | None:
    """EDITOR or VIEWER for `email` by the patterns of each role (editors first), else None."""
    if not email:
        return None
    if any(matches(email, p) for p in editors):
        return EDITOR
    if any(matches(email, p) for p in viewers):
        return VIEWER
    return None


def _secrets() -> Mapping | None:
    """secrets.toml as a dict ({} where there is none), or None where one cannot be read."""
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError:  # none at all, or one that does not parse
        paths = [Path(p) for p in st.get_option("secrets.files")]
        return None if any(p.exists() for p in paths) else {}


def configured() -> bool:
    """Whether visitors must log in: secrets.toml has `[auth]` (or exists but cannot be read)."""
    secrets = _secrets()
    return secrets is None or bool(secrets.get("auth"))


def auth_section() -> Mapping | None:
    """secrets.toml's `[auth]` section, or None."""
    return (_secrets() or {}).get("auth") or None


def _patterns(roles: Mapping, name: str) -> list[str]:
    value = roles.get(name, [])
    return [value] if isinstance(value, str) else [str(v) for v in value]


def current_role() -> str | None:
    """The role of this session's visitor: EDITOR, VIEWER, or None (not logged in, or no role).

    An account whose provider says its email is not verified gets no role.
    """
    if not configured():
        return None if open_access_refusal() else EDITOR
    user = st.user
    if not logged_in() or str(user.get("email_verified", True)).lower() == "false":
        return None
    roles = (_secrets() or {}).get(ROLES_SECTION, {})
    return role_for(str(user.get("email") or ""), editors=_patterns(roles, "editors"),
                    viewers=_patterns(roles, "viewers"))


def open_access_refusal() -> str | None:
    """Why this visitor may not use a dashboard that has no login, or None when they may."""
    mode = setting("open_access")
    if mode not in OPEN_ACCESS:
        return f"PRESSLENS_OPEN_ACCESS={mode!r} is not one of {list(OPEN_ACCESS)}."
    if mode == "anyone" or _is_local_visitor():
        return None
    return ("This dashboard has no login configured, so it only serves browsers on the machine "
            "it runs on. To share it, configure `[auth]` in `.streamlit/secrets.toml` "
            "(see docs/deployment.md).")


def _is_local_visitor() -> bool:
    """A browser on this machine: a loopback connection, to a loopback name, through no proxy.

    The guard let it in with the owner's access cookie (see `dashboard.guard`); this checks
    again in the page, and that the request did come through the guard.
    """
    headers = {k.lower(): v for k, v in st.context.headers.items()}
    address = st.context.ip_address  # None for a loopback connection
    remote = isinstance(address, str) and bool(address) and not access.loopback(address)
    return (not remote and access.loopback(headers.get("host", "localhost"))
            and not access.proxied(headers))


def through_guard() -> bool:
    """Whether this page's request passed `dashboard.guard` (the server `presslens dashboard`
    starts); True with no request at all (a test harness running the script)."""
    headers = {k.lower(): v for k, v in st.context.headers.items()}
    if not headers:
        return True
    return hmac.compare_digest(headers.get(access.GUARD_HEADER, ""), access.guard_secret())


def logged_in() -> bool:
    """Whether st.user is a login that still holds: not logged out since (dashboard.logouts)
    and not older than the setting login_max_age_h."""
    if not st.user.get("is_logged_in"):
        return False
    if logouts.ended(access.login_cookie(st.context.cookies.to_dict())):
        return False
    issued = st.user.get("iat")
    max_age_s = float(setting("login_max_age_h")) * 3600
    return not (isinstance(issued, int | float) and time.time() - float(issued) > max_age_s)


def gate() -> str:
    """This visitor's role; draws the login (or an explanation) and stops when they see no data."""
    if not through_guard():
        st.title("PressLens", anchor=False)
        st.error("This server was not started by `presslens dashboard`, so the checks that "
                 "keep others out are missing. Start it with `presslens dashboard` "
                 "(or `streamlit run dashboard/server.py`).")
        st.stop()
    if _secrets() is None:
        st.title("PressLens", anchor=False)
        st.error("The server's secrets.toml cannot be read, so nobody can log in. "
                 "Its administrator can find the reason in the server's log.")
        st.stop()
    if not configured():
        refusal = open_access_refusal()
        if refusal:
            st.title("PressLens", anchor=False)
            st.error(refusal)
            st.stop()
        _remember(EDITOR)
        return EDITOR
    if not logged_in():
        _remember(None)
        _login_page(ended=bool(st.user.get("is_logged_in")))
        st.stop()
    role = current_role()
    _remember(role)
    _account(role)
    if role is None:
        _no_role_page()
        st.stop()
    return role


def who() -> str | None:
    """The logged-in visitor's e-mail address (None without a login)."""
    if not configured() or not st.user.get("is_logged_in"):
        return None
    return str(st.user.get("email") or "") or None
def _remember(role: str | None) -> None:
    """Tell the guard this browser's role (an upload needs an editor's)."""
    grants.remember_role(access.fingerprint(st.context.cookies.to_dict()), role)


def require_editor() -> None:
    """Stop the page, with an explanation, unless this visitor is an editor."""
    if current_role() != EDITOR:
        st.error("Only editors may upload and ingest articles.")
        st.stop()


def _login_page(*, ended: bool = False) -> None:
    st.title("PressLens", anchor=False)
    st.write("Your login has ended (logged out, or older than the server allows). Log in again "
             "to see the news analysis on this server." if ended
             else "Log in to see the news analysis on this server.")
    if st.button("Log in", type="primary", key="auth_login"):
        st.login()


def _account(role: str | None) -> None:
    user = st.user
    who = str(user.get("name") or user.get("email") or "unknown user")
    with st.sidebar:
        st.caption(escape_markdown(f"Logged in as {who} · {role or 'no role'}"))
        if st.button("Log out", key="auth_logout"):
            st.logout()


def _no_role_page() -> None:
    email = str(st.user.get("email") or "")
    st.title("PressLens", anchor=False)
    st.warning(escape_markdown(
        f"Your account ({email or 'no email address'}) has no role on this dashboard yet. "
        "Ask an editor to add you to the viewers in the server's secrets.toml."))
