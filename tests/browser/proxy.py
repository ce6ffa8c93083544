"""The team server as deploy/nginx-presslens.conf sets it up: several `presslens dashboard`
processes on one store behind nginx with TLS and sticky sessions, on free 127.0.0.1 ports.

The shipped config runs as it is; only its example values (host's certificate, ports, the
upstream's processes) are replaced. The certificate is made here by a throwaway CA (trustme).
Tests and bench/serve_proxied.py use it.
"""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.browser.conftest import REPO, dashboard_server, free_port
from tests.browser.nginx import running

TEMPLATE = REPO / "deploy" / "nginx-presslens.conf"
EXAMPLE_UPSTREAM = "    server 127.0.0.1:8501;\n    server 127.0.0.1:8502;\n"
EXAMPLE_CERTIFICATE = "/etc/letsencrypt/live/presslens.example.org/fullchain.pem"
EXAMPLE_KEY = "/etc/letsencrypt/live/presslens.example.org/privkey.pem"
# each request: the browser's sticky cookie, the status, the path, and the processes tried (tests
# read it); nginx lists every upstream it tried ("A, B": A failed, B answered), so that is last
ROUTES_LOG = ("    log_format routes "
              "'$cookie_presslens_backend $status $request_uri $upstream_addr';\n"
              "    access_log {folder}/routes.log routes;\n")


@dataclass(frozen=True)
class Proxied:
    """The site: its https URL, the CA that signed its certificate, the dashboards' URLs, the
    log of which process answered each request, nginx itself, and each dashboard's log."""

    url: str
    ca: Path
    dashboards: list[str]
    routes: Path
    nginx: subprocess.Popen
    logs: list[Path]

    def reload(self) -> None:
        """Reload nginx: its old workers close every connection, websockets included, after a
        second (worker_shutdown_timeout), and browsers reconnect to the new ones."""
        self.nginx.send_signal(signal.SIGHUP)

    def requests(self) -> list[tuple[str, str, int, str]]:
        """Each request so far: (sticky cookie, dashboard that answered or "-", status, path);
        nginx logs a websocket once it is closed."""
        found = []
        for line in self.routes.read_text().splitlines():
            cookie, status, uri, tried = line.split(" ", 3)
            upstream = tried.split(", ")[-1]
            found.append((cookie, upstream if upstream == "-" else f"http://{upstream}",
                          int(status), uri))
        return found

    def answered(self, cookie: str, path: str = "") -> list[str]:
        """The dashboard that answered each request (whose address contains `path`) of the
        browser with sticky cookie `cookie`, in order."""
        return [upstream for sent, upstream, _, uri in self.requests()
                if sent == cookie and path in uri and upstream != "-"]

    def said(self, cookies: list[str]) -> str:
        """For a failure message: the routes log's lines of the browsers with these sticky
        cookies, and what the dashboards logged beside their start-up lines."""
        routes = [line for line in self.routes.read_text().splitlines()
                  if line.split(" ", 1)[0] in cookies]
        logged = [f"{log.name}: {line}" for log in self.logs
                  for line in log.read_text(errors="replace").splitlines()
                  if "WARNING" in line or "ERROR" in line or "session" in line.lower()]
        return "\n".join(routes + logged)

    def process_of(self, cookie: str, path: str = "") -> set[str]:
        return set(self.answered(cookie, path))

def certificate(folder: Path) -> tuple[Path, Path, Path]:
    """A certificate for 127.0.0.1 and localhost: (its chain, its key, the CA's certificate)."""
    import trustme

    folder.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    issued = ca.issue_cert("127.0.0.1", "localhost")
    chain, key, root = folder / "chain.pem", folder / "key.pem", folder / "ca.pem"
    chain.write_bytes(b"".join(blob.bytes() for blob in issued.cert_chain_pems))
    key.write_bytes(issued.private_key_pem.bytes())
    key.chmod(0o600)
    root.write_bytes(ca.cert_pem.bytes())
    return chain, key, root


def render(template: str, *, port: int, redirect_port: int, upstreams: list[str],
           chain: Path, key: Path) -> str:
    """The shipped config with this machine's values; fails if an example value is missing,
    so that the test keeps running the config the documentation gives."""
    lines = "".join(f"    server {url.removeprefix('http://')};\n" for url in upstreams)
    replacements = [("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
                    ("listen 80;", f"listen 127.0.0.1:{redirect_port};"),
                    (EXAMPLE_UPSTREAM, lines), (EXAMPLE_CERTIFICATE, str(chain)),
                    (EXAMPLE_KEY, str(key))]
    for example, value in replacements:
        if template.count(example) != 1:
            raise ValueError(f"{TEMPLATE.name} no longer has {example!r} once")
        template = template.replace(example, value)
    return re.sub(r"(?m)^#.*\n", "", template)


@contextlib.contextmanager
def proxied_dashboards(store: Path, folder: Path, *, processes: int = 2,
                       port: int | None = None, cwd: Path | None = None,
                       env: dict[str, str] | None = None) -> Iterator[Proxied]:
    """`processes` dashboards on `store` (working folder `cwd`, where .streamlit/ is) behind
    nginx at https://127.0.0.1:`port`; their logs are dashboard-N.log in `folder`."""
    port = port or free_port()
    chain, key, ca = certificate(folder / "tls")
    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(dashboard_server(
            store, cwd=cwd, env=env, output=folder / f"dashboard-{number}.log"))
            for number in range(processes)]
        config = render(TEMPLATE.read_text(encoding="utf-8"), port=port,
                        redirect_port=free_port(), upstreams=urls, chain=chain, key=key)
        routes = ROUTES_LOG.format(folder=folder / "nginx")
        process = stack.enter_context(running(folder / "nginx", routes + config, [port],
                                              main="worker_shutdown_timeout 1s;"))
        yield Proxied(url=f"https://127.0.0.1:{port}", ca=ca, dashboards=urls,
                      routes=folder / "nginx" / "routes.log", nginx=process,
                      logs=[folder / f"dashboard-{number}.log" for number in range(processes)])
