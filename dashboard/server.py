"""The dashboard's server: Streamlit serving app.py behind `dashboard.guard`.

`presslens dashboard` runs `streamlit run dashboard/server.py`; Streamlit finds the `st.App`
below and serves app.py with the guard in front of every request. With no login configured it
prints the address to open, with this start's access token, and opens it in a browser unless
the server is headless.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import webbrowser
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

import streamlit as st
from starlette.middleware import Middleware

from dashboard import access, guard


def owner_address() -> str:
    """The address the owner opens: this server's, with the access token."""
    host = str(st.get_option("server.address") or "localhost")
    if not access.loopback(host):
        host = "localhost"  # a dashboard with no login serves this machine's browsers only
    if ":" in host:
        host = f"[{host}]"
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    path = f"/{base}/" if base else "/"
    return (f"http://{host}:{st.get_option('server.port')}{path}"
            f"?{access.TOKEN_PARAMETER}={quote(access.token())}")


def _open_in_browser(address: str) -> None:
    """Open `address` through a private file that redirects to it, as Jupyter does: the token
    never appears on a command line that other accounts on this machine could list."""
    folder = tempfile.mkdtemp(prefix="presslens-")  # mode 0700
    page = Path(folder) / "open.html"
    fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" '
                     f'content="0;url={address}"><p><a href="{address}">Open PressLens</a></p>')
    threading.Thread(target=webbrowser.open, args=(page.as_uri(),), daemon=True).start()


@contextlib.asynccontextmanager
async def announce(_app: st.App) -> AsyncIterator[None]:
    """At start, tell the owner of a dashboard with no login where to open it."""
    if guard.local_mode():
        address = owner_address()
        print(f"\n  PressLens has no login here, so only you may use it. Open:\n\n"
              f"    {address}\n\n  (the address holds this start's access token; without "
              f"it the dashboard is refused)\n", flush=True)
        if not st.get_option("server.headless"):
            _open_in_browser(address)
    yield


app = st.App("app.py", middleware=[Middleware(guard.Guard)], lifespan=announce)
