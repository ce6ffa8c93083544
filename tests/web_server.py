"""A web server on 127.0.0.1 that tests start and script: each path answers as the test says
(status, headers, body, a delay), and every request is recorded with its headers (and the
body of a POST: a webhook receiver)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    """One answer: `body` (bytes, or a callable writing to the socket for endless bodies),
    `delay_s` before the status line."""

    status: int = 200
    body: bytes | Callable[[object], None] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


Route = Reply | Callable[[dict[str, str]], Reply]  # a reply, or one made from the headers


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: bytes = b""


class Site:
    """The server: `routes[path]` answers `path` (404 for others), `seen` lists requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                self.do_GET(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def do_GET(self, body: bytes = b"") -> None:  # noqa: N802
                headers = {key.lower(): value for key, value in self.headers.items()}
                site.seen.append(Seen(self.path, headers, body))
                route = site.routes.get(self.path, Reply(404, b"not here"))
                reply = route(headers) if callable(route) else route
                time.sleep(reply.delay_s)
                try:
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    if isinstance(reply.body, bytes):
                        self.send_header("Content-Length", str(len(reply.body)))
                        self.end_headers()
                        self.wfile.write(reply.body)
                    else:
                        self.send_header("Connection", "close")
                        self.end_headers()
                        reply.body(self.wfile)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading: what a limit does

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests_to(self, path: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path == path]


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A running Site, and fetch settings that do not wait between requests or retries."""
    for name, value in {"FETCH_DELAY_S": "0", "FETCH_BACKOFF_S": "0", "FETCH_TIMEOUT_S": "5",
                        "CONTACT": "tests@example.org"}.items():
        monkeypatch.setenv(f"PRESSLENS_{name}", value)
    served = Site()
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()
