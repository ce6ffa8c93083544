"""What the server checks on every request before a page runs: the owner's access token of a
dashboard with no login, requests that came through a proxy, and who a browser is (its cookies).

Nothing here draws: `dashboard.guard` applies it to every HTTP and WebSocket request, and
`dashboard.auth` checks again in the page. docs/deployment.md says what it protects and what not.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
from collections.abc import Mapping
from functools import cache
from urllib.parse import urlsplit

from analysis.settings import get as setting

# request headers by which a proxy or CDN says whom it forwards: a request bearing any of them
# came through one, so it is never from "this machine"
FORWARDING_HEADERS = frozenset({
    "forwarded", "via", "x-real-ip", "x-client-ip", "x-cluster-client-ip", "client-ip",
    "cf-connecting-ip", "cf-connecting-ipv6", "true-client-ip", "fastly-client-ip",
    "x-original-forwarded-for", "x-original-host", "x-original-url", "x-proxyuser-ip",
    "x-envoy-external-address", "x-appengine-user-ip", "x-azure-clientip", "x-azure-socketip",
    "akamai-origin-hop", "cdn-loop", "x-bluecoat-via", "x-coming-from",
})
_FORWARDING_PREFIXES = ("x-forwarded", "forwarded")
_LOCAL_NAMES = {"localhost", "localhost.localdomain"}
# the header the guard adds to every request it let through, with a value only this process
# knows: a page that does not see it was not served through the guard
GUARD_HEADER = "x-presslens-guard"
TOKEN_PARAMETER = "token"
BROWSER_COOKIE = "presslens_browser"
_LOGIN_COOKIE = re.compile(r"_streamlit_user(_\d+)?")  # Streamlit's identity cookie, chunked
_MIN_TOKEN = 16


def proxied(headers: Mapping[str, str]) -> bool:
    """Whether a request says it came through a proxy (any forwarding header, lower-case keys)."""
    return any(name in FORWARDING_HEADERS or name.startswith(_FORWARDING_PREFIXES)
               for name in headers)


def loopback(address: str | None) -> bool:
    """Whether `address` (an IP, or a Host header's name and port) is this machine's loopback."""
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        pass
    name = urlsplit("//" + (address or "")).hostname or ""
    if name in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@cache
def guard_secret() -> str:
    """The value of GUARD_HEADER in this process (random at each start, never sent out)."""
    return secrets.token_hex(16)


@cache
def token() -> str:
    """The owner's access token: setting local_token, or one made at this start."""
    given = str(setting("local_token"))
    if given and len(given) < _MIN_TOKEN:
        raise ValueError(f"PRESSLENS_LOCAL_TOKEN is {len(given)} characters; it must have at "
                         f"least {_MIN_TOKEN} (or be empty for a new one at each start)")
    return given or secrets.token_urlsafe(24)


def new_browser_id() -> str:
    return secrets.token_urlsafe(24)


def token_matches(given: str) -> bool:
    return hmac.compare_digest(given.encode(), token().encode())


def local_cookie_name(port: int) -> str:
    """One cookie per port: two dashboards on one machine keep their own tokens."""
    return f"presslens_local_{port}"


def local_cookie_value() -> str:
    """What the owner's browser holds once it opened the token's address (not the token)."""
    return hmac.new(token().encode(), b"presslens local cookie", hashlib.sha256).hexdigest()


def local_cookie_valid(cookies: Mapping[str, str], port: int) -> bool:
    held = cookies.get(local_cookie_name(port), "")
    return hmac.compare_digest(held.encode(), local_cookie_value().encode())


def login_cookie(cookies: Mapping[str, str]) -> str:
    """Streamlit's signed identity cookie of a browser (its chunks joined), '' if none."""
    return "".join(cookies[name] for name in sorted(cookies) if _LOGIN_COOKIE.fullmatch(name))


def fingerprint(cookies: Mapping[str, str]) -> str | None:
    """Who a browser is, from its cookies: its browser id, its login and its access cookie.

    The page computes it from `st.context.cookies` and the guard from an upload's or a
    download's request, so both name the same browser and login. None without a browser id.
    """
    browser = cookies.get(BROWSER_COOKIE)
    if not browser:
        return None
    local = "".join(cookies[name] for name in sorted(cookies)
                    if name.startswith("presslens_local_"))
    parts = "\0".join((browser, login_cookie(cookies), local))
    return hashlib.sha256(parts.encode()).hexdigest()
