"""Logins that logging out ended: the digests of their identity cookies, kept in a file beside
the store until such a cookie could no longer be used (setting login_max_age_h).

Streamlit's identity cookie is signed, not stored: deleting it from the browser at log-out does
not stop a saved copy from being sent again. `dashboard.guard` records the cookie of each
log-out request here, and `dashboard.auth` refuses any login whose cookie is recorded, in every
session, from its next page run. The file survives restarts; rotating [auth] cookie_secret
ends every login at once (docs/deployment.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import filelock

from analysis.settings import get as setting

log = logging.getLogger(__name__)
FILE_NAME = ".presslens-logouts.json"

_lock = threading.Lock()
_file: dict[str, Any] = {"path": None, "mtime": None, "ended": {}}  # the file as last read
_here: dict[str, float] = {}  # log-outs through this process, also when the file is not writable


def digest(login_cookie: str) -> str | None:
    """The recorded form of an identity cookie (never the cookie itself); None for none."""
    return hashlib.sha256(login_cookie.encode()).hexdigest() if login_cookie else None


def _path() -> Path:
    return Path(str(setting("store"))).resolve().parent / FILE_NAME


def _lifetime_s() -> float:
    return float(setting("login_max_age_h")) * 3600


def _read(path: Path) -> dict[str, float]:
    """{digest: time it was ended} from the file, read again only when it changed."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    # each write is a new file: its inode tells two writes apart within one clock tick
    mtime = (info.st_ino, info.st_mtime_ns)
    if _file["path"] != path or _file["mtime"] != mtime:
        try:
            _file.update(path=path, mtime=mtime,
                         ended=json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            log.exception("cannot read the log-out list %s; keeping the last one read", path)
    return dict(_file["ended"])


def end(login_cookie: str) -> None:
    """Record that the login of `login_cookie` logged out (its digest and the time)."""
    key = digest(login_cookie)
    if key is None:
        return
    path = _path()
    with _lock:
        now = time.time()
        _here[key] = now
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # every dashboard process behind a proxy writes this file: one at a time, each
            # adding to what the last one wrote
            with filelock.FileLock(f"{path}.lock", timeout=10):
                _write(path, {k: t for k, t in {**_read(path), **_here}.items()
                              if now - t < _lifetime_s()})
        except OSError:  # filelock.Timeout too
            log.exception("cannot write the log-out list %s: the log-out holds until a "
                          "restart only", path)


def _write(path: Path, ended: dict[str, float]) -> None:
    with tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=".logouts-", delete=False,
                                     encoding="utf-8") as handle:
        json.dump(ended, handle)
    os.replace(handle.name, path)  # mode 0600, as mkstemp makes it


def ended(login_cookie: str) -> bool:
    """Whether the login of `login_cookie` was logged out."""
    key = digest(login_cookie)
    if key is None:
        return False
    with _lock:
        return key in _here or key in _read(_path())
