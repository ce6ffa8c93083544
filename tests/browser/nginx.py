"""A throwaway nginx reverse proxy for tests: servers on free 127.0.0.1 ports, written per test.

Each server is the body of one `server {}` block after its `listen`; `{upstream}` in it is the
dashboard's address. nginx runs in the foreground from a private folder and is stopped after.
Skips where nginx is missing, fails instead in CI (CI=true).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from tests.browser.conftest import free_port, unavailable

NGINX = "/usr/sbin/nginx"
WEBSOCKET = """
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection "upgrade";
        proxy_read_timeout 3600s;
        proxy_buffering off;
"""


def require_nginx() -> str:
    found = NGINX if os.access(NGINX, os.X_OK) else shutil.which("nginx")
    if found:
        return found
    unavailable("no nginx found (apt-get install nginx); the proxy tests need one")


def _listening(port: int, process: subprocess.Popen, *, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped with status {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nginx does not listen on {port}")


@contextlib.contextmanager
def nginx(folder: Path, upstream: str, servers: dict[str, str]) -> Iterator[dict[str, str]]:
    """nginx with one server per entry of `servers` (name: block body); yields name: its URL."""
    ports = {name: free_port() for name in servers}
    blocks = "\n".join(
        f"    server {{\n        listen 127.0.0.1:{ports[name]};\n"
        f"        {body.replace('{upstream}', upstream)}\n    }}"
        for name, body in servers.items())
    with running(folder, blocks + "\n    client_max_body_size 50m;", list(ports.values())):
        yield {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}


@contextlib.contextmanager
def running(folder: Path, http: str, ports: list[int], *,
            main: str = "") -> Iterator[subprocess.Popen]:
    """nginx in the foreground with `http` inside its `http {}` block and `main` (directives
    such as worker_shutdown_timeout) beside it, its pid, logs and temporary files in `folder`;
    yields the process once it listens on every port of `ports`, and stops it afterwards."""
    binary = require_nginx()
    folder.mkdir(parents=True, exist_ok=True)
    # `user` counts only for a master started as root, whose workers would otherwise be nobody
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(f"""
{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{main}
events {{ worker_connections 256; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{http}
}}
""")
    process = subprocess.Popen([binary, "-p", str(folder), "-c", str(folder / "nginx.conf"),
                                "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.STDOUT)
    try:
        for port in ports:
            _listening(port, process)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=15)
