"""Manners toward each site: a delay between requests and a cap on open ones (per host), and
its robots.txt (RFC 9309) read once a day and asked before any of its pages is fetched."""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from analysis.load.web import Client, FetchError

ROBOTS_TOKEN = "PressLens"  # the product token robots.txt rules name
ROBOTS_TTL_S = 24 * 3600.0  # RFC 9309: a crawler should not cache robots.txt for over 24 hours


def site(url: str) -> str:
    """The site of `url` as manners apply to it: scheme, host and port."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


@dataclass
class _Gate:
    open: threading.BoundedSemaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class Sites:
    """Per-site gates: at most `per_site` requests open to one site, their starts `delay_s`
    apart. `with sites.turn(url):` around a request; `wait(url)` only spaces the start."""

    def __init__(self, *, delay_s: float, per_site: int) -> None:
        if per_site < 1:
            raise ValueError(f"per_site={per_site}: at least 1 request to a site must be allowed "
                             "(setting fetch_per_site, env PRESSLENS_FETCH_PER_SITE)")
        self.delay_s = delay_s
        self.per_site = per_site
        self._gates: dict[str, _Gate] = {}
        self._lock = threading.Lock()

    def _gate(self, url: str) -> _Gate:
        with self._lock:
            return self._gates.setdefault(
                site(url), _Gate(threading.BoundedSemaphore(self.per_site)))

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        gate = self._gate(url)
        with gate.open:
            self.wait(url)
            yield

    def wait(self, url: str) -> None:
        """Sleep until `delay_s` has passed since the last request to the site began."""
        gate = self._gate(url)
        with gate.lock:
            now = time.monotonic()
            start = max(now, gate.next_start)
            gate.next_start = start + self.delay_s
        time.sleep(start - now)


class Robots:
    """Each site's robots.txt, fetched with `client` and kept for ROBOTS_TTL_S. As RFC 9309
    says: a robots.txt that is absent (4xx) allows everything; one that cannot be reached (5xx,
    no connection) allows nothing, until it can be read."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self._parsed: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}
        self._lock = threading.Lock()

    def allows(self, url: str) -> bool:
        """Whether the site's robots.txt lets PressLens fetch `url`; raises FetchError when
        the robots.txt cannot be reached (so the page is tried again later)."""
        return self._rules(site(url)).can_fetch(ROBOTS_TOKEN, url)

    def _rules(self, home: str) -> urllib.robotparser.RobotFileParser:
        with self._lock:
            kept = self._parsed.get(home)
        if kept and time.monotonic() - kept[0] < ROBOTS_TTL_S:
            return kept[1]
        rules = urllib.robotparser.RobotFileParser(f"{home}/robots.txt")
        try:
            answer = self.client.get(f"{home}/robots.txt")
            rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        except FetchError as err:
            if not err.reason.startswith("HTTP 4") or err.reason.startswith("HTTP 429"):
                raise FetchError(f"its site's robots.txt could not be read: {err.reason}",
                                 retry_at=err.retry_at) from None
            rules.parse([])  # none: everything allowed
        with self._lock:
            self._parsed[home] = (time.monotonic(), rules)
        return rules
