"""What the server remembers of each browser between its requests: the role its page found
(uploads need an editor's) and the downloads it asked for (each served once, to it alone).

Keyed by `access.fingerprint`: the page records, and the guard checks the upload or download
request of the same browser and login. Bounded and short-lived, in this process only.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

ROLE_TTL_S = 24 * 3600  # a page run refreshes it; a browser idle for a day runs its page again
DOWNLOAD_TTL_S = 60.0  # a click's file is fetched within a second; a minute leaves slack
# requests one click makes for its file: Streamlit's button checks the address with a fetch,
# then downloads it
FETCHES_PER_CLICK = 2
_MOST = 10_000  # browsers remembered; the oldest are forgotten first
_MOST_DOWNLOADS = 2 * FETCHES_PER_CLICK * 10  # fetches one browser may have pending

_lock = threading.Lock()
_roles: OrderedDict[str, tuple[str, float]] = OrderedDict()
_downloads: OrderedDict[str, list[float]] = OrderedDict()


def remember_role(who: str | None, role: str | None) -> None:
    """Record the role a page run found for browser `who` (None forgets it)."""
    if who is None:
        return
    with _lock:
        _roles.pop(who, None)
        if role is not None:
            _roles[who] = (role, time.monotonic())
            while len(_roles) > _MOST:
                _roles.popitem(last=False)


def role_of(who: str | None) -> str | None:
    """The role last recorded for browser `who` within ROLE_TTL_S, else None."""
    if who is None:
        return None
    with _lock:
        found = _roles.get(who)
    if found is None or time.monotonic() - found[1] > ROLE_TTL_S:
        return None
    return found[0]


def grant_download(who: str | None) -> None:
    """Let browser `who` fetch the file of one click on a download button (server side)."""
    if who is None:
        return
    now = time.monotonic()
    with _lock:
        pending = [t for t in _downloads.pop(who, []) if now - t <= DOWNLOAD_TTL_S]
        _downloads[who] = [*pending, *[now] * FETCHES_PER_CLICK][-_MOST_DOWNLOADS:]
        while len(_downloads) > _MOST:
            _downloads.popitem(last=False)


def take_download(who: str | None) -> bool:
    """Use one of `who`'s granted fetches; False when it has none left (or none in time)."""
    if who is None:
        return False
    now = time.monotonic()
    with _lock:
        pending = [t for t in _downloads.pop(who, []) if now - t <= DOWNLOAD_TTL_S]
        if not pending:
            return False
        if len(pending) > 1:
            _downloads[who] = pending[1:]
        return True
