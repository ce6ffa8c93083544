"""Who may see the dashboard: Streamlit's own login (OpenID Connect) and the viewer/editor roles.

With an `[auth]` section in `.streamlit/secrets.toml` every visitor must log in, and the
`[presslens]` section beside it says who may read (`viewers`) and who may also upload
(`editors`). Without `[auth]` the dashboard is for one person on their own machine: it serves
browsers on this machine only (setting `open_access`), each as an editor. docs/deployment.md
has the whole set-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from analysis.settings import get as setting
from dashboard.render import escape_markdown

EDITOR = "editor"
VIEWER = "viewer"
ROLES_SECTION = "presslens"  # the secrets.toml section that names the editors and viewers
OPEN_ACCESS = ("local", "anyone")
# request headers a reverse proxy adds: a visitor behind one is not on this machine
_PROXY_HEADERS = {"forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip"}
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


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
    if not user.get("is_logged_in") or str(user.get("email_verified", True)).lower() == "false":
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
    """A browser on this machine: a loopback connection, to a loopback name, through no proxy."""
    headers = {k.lower(): v for k, v in st.context.headers.items()}
    host = urlsplit("//" + headers.get("host", "localhost")).hostname or ""
    address = st.context.ip_address  # None for a loopback connection
    remote = isinstance(address, str) and bool(address)
    return not remote and host in _LOCAL_HOSTS and not headers.keys() & _PROXY_HEADERS


def gate() -> str:
    """This visitor's role; draws the login (or an explanation) and stops when they see no data."""
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
        return EDITOR
    if not st.user.get("is_logged_in"):
        _login_page()
        st.stop()
    role = current_role()
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


def require_editor() -> None:
    """Stop the page, with an explanation, unless this visitor is an editor."""
    if current_role() != EDITOR:
        st.error("Only editors may upload and ingest articles.")
        st.stop()


def _login_page() -> None:
    st.title("PressLens", anchor=False)
    st.write("Log in to see the news analysis on this server.")
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
