"""One web request, politely and within limits: a total time limit, redirects to a limit,
retries with backoff (Retry-After honoured), size and decompression limits on every answer."""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from analysis import settings
from analysis.settings import MIB

REDIRECTS = {301, 302, 303, 307, 308}
RETRIED = {429, 500, 502, 503, 504}
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A request that brought no usable answer; `reason` says why in words, `retry_at` (epoch
    seconds) when the site asked to be left alone until then."""

    def __init__(self, reason: str, *, retry_at: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_at = retry_at


class Disallowed(FetchError):
    """An address the site's robots.txt keeps PressLens from."""


@dataclass(frozen=True)
class Answer:
    """A successful (2xx) or not-modified (304) answer: its final URL, status, headers, body."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes


def user_agent() -> str:
    """PressLens' User-Agent: its name, version and the operator's contact (setting contact)."""
    contact = str(settings.get("contact")).strip()
    try:
        release = version("presslens")
    except PackageNotFoundError:  # run from a checkout that was not installed
        release = "dev"
    return f"PressLens/{release}" + (f" (+{contact})" if contact else "")


@dataclass(frozen=True)
class Limits:
    """The limits of one request, from the settings unless given."""

    timeout_s: float
    retries: int
    backoff_s: float
    retry_after_max_s: float
    max_bytes: int
    max_redirects: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(timeout_s=float(settings.get("fetch_timeout_s")),
                   retries=int(settings.get("fetch_retries")),
                   backoff_s=float(settings.get("fetch_backoff_s")),
                   retry_after_max_s=float(settings.get("retry_after_max_s")),
                   max_bytes=int(settings.get("fetch_max_mb")) * MIB,
                   max_redirects=int(settings.get("fetch_max_redirects")))


class Client:
    """GET with the limits; one `requests.Session` per thread (a Session is not thread-safe).
    Each request (each hop of a redirect chain) runs inside `turn(url)`, the per-site gate
    (`analysis.load.polite.Sites.turn`)."""

    def __init__(self, limits: Limits | None = None, *,
                 turn: Callable[[str], AbstractContextManager[None]] | None = None) -> None:
        self.limits = limits or Limits.from_settings()
        self.turn = turn or (lambda url: nullcontext())
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.headers.update({"User-Agent": user_agent(),
                                    # only what can be decompressed here within the limits
                                    "Accept-Encoding": "gzip, deflate"})
        return session

    def get(self, url: str, *, headers: Mapping[str, str] | None = None,
            allowed: Callable[[str], bool] | None = None) -> Answer:
        """The answer at `url`, retried on timeouts, dropped connections and 429/5xx. Each
        address of a redirect chain must be `allowed` (robots.txt), else Disallowed."""
        return self._retried(lambda: self._follow(url, headers or {}, allowed))

    def post(self, url: str, *, body: bytes, headers: Mapping[str, str] | None = None
             ) -> Answer:
        """POST `body` to `url` (a webhook), retried as `get` is. Any answer but a 2xx is a
        FetchError: a redirect is not followed (a webhook that moved names its new address,
        for whoever runs PressLens to set)."""
        def once() -> Answer:
            with self.turn(url):
                answer = self._request(url, headers or {}, body=body)
            if not 200 <= answer.status < 300:
                raise FetchError(f"HTTP {answer.status} to a POST (redirects are not followed)")
            return answer

        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{url}: not an http(s) address")
        return self._retried(once)

    def _retried(self, attempt_once: Callable[[], Answer]) -> Answer:
        limits = self.limits
        for attempt in range(limits.retries + 1):
            try:
                return attempt_once()
            except _Retriable as err:
                wait = err.wait if err.wait is not None else limits.backoff_s * 2 ** attempt
                if err.wait is not None and err.wait > limits.retry_after_max_s:
                    raise FetchError(f"{err.reason}; the site asks to wait {err.wait:g} s",
                                     retry_at=time.time() + err.wait) from None
                if attempt == limits.retries:
                    tries = "try" if attempt == 0 else f"{attempt + 1} tries"
                    raise FetchError(f"{err.reason} (after {tries})") from None
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _follow(self, url: str, headers: Mapping[str, str],
                allowed: Callable[[str], bool] | None) -> Answer:
        seen = [url]
        while True:
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError(f"{url}: not an http(s) address")
            if allowed is not None and not allowed(url):
                raise Disallowed(f"{url}: its site's robots.txt disallows it")
            answer = self._once(url, headers)
            location = answer.headers.get("location")
            if answer.status not in REDIRECTS or not location:
                return answer
            url = urljoin(url, location)
            if url in seen:
                raise FetchError(f"redirect loop: {' → '.join([*seen, url])}")
            seen.append(url)
            if len(seen) > self.limits.max_redirects + 1:
                raise FetchError(f"more than {self.limits.max_redirects} redirects "
                                 "(setting fetch_max_redirects)")

    def _once(self, url: str, headers: Mapping[str, str]) -> Answer:
        with self.turn(url):
            return self._request(url, headers)

    def _request(self, url: str, headers: Mapping[str, str], *,
                 body: bytes | None = None) -> Answer:
        deadline = time.monotonic() + self.limits.timeout_s
        try:
            with self._session().request("GET" if body is None else "POST", url, data=body,
                                         headers=dict(headers), stream=True,
                                         allow_redirects=False,
                                         timeout=self.limits.timeout_s) as response:
                status = response.status_code
                if status in RETRIED:
                    raise _Retriable(f"HTTP {status} {response.reason}",
                                     wait=retry_after(response.headers.get("retry-after")))
                if status in REDIRECTS or status == 304:
                    return Answer(url, status, response.headers, b"")
                if not 200 <= status < 300:
                    raise FetchError(f"HTTP {status} {response.reason}")
                body = read_limited(response, max_bytes=self.limits.max_bytes,
                                    deadline=deadline)
                return Answer(url, status, response.headers, body)
        # the body is read from urllib3 itself (read_limited): its errors come unwrapped
        except (requests.Timeout, urllib3.exceptions.ReadTimeoutError):
            raise _Retriable(f"no answer within {self.limits.timeout_s:g} s") from None
        except (requests.ConnectionError, urllib3.exceptions.ProtocolError) as err:
            raise _Retriable(f"connection failed: {type(err).__name__}") from None
        except (requests.RequestException, urllib3.exceptions.HTTPError) as err:
            raise FetchError(f"request failed: {err}") from None


class _Retriable(Exception):
    def __init__(self, reason: str, *, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number, or an HTTP date); None if absent or
    unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def read_limited(response: requests.Response, *, max_bytes: int, deadline: float) -> bytes:
    """The body, decompressed here (gzip, deflate) so that neither what was sent nor what it
    decompresses to may pass `max_bytes`, nor the reading the `deadline` (a trickling server)."""
    limit = f"{max_bytes / MIB:g} MiB (setting fetch_max_mb)"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the answer is {int(declared):,} bytes, over {limit}")
    inflater = _inflater(response.headers.get("content-encoding", ""))
    received = 0
    parts: list[bytes] = []
    size = 0
    while chunk := response.raw.read1(_CHUNK, decode_content=False):  # what has arrived
        received += len(chunk)
        if received > max_bytes:
            raise FetchError(f"the answer is over {limit}")
        if time.monotonic() > deadline:
            raise _Retriable("the answer took too long to arrive (setting fetch_timeout_s)")
        data = chunk
        while inflater is not None and data:
            # at most what is left of the limit (+1 to notice passing it) from each call
            out = inflater.decompress(data, max_bytes - size + 1)
            data = inflater.unconsumed_tail
            size += len(out)
            if size > max_bytes:
                raise FetchError(f"the answer decompresses to over {limit} (a compression bomb?)")
            parts.append(out)
        if inflater is None:
            size = received
            parts.append(chunk)
    return b"".join(parts)


def _inflater(encoding: str) -> zlib._Decompress | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise FetchError(f"content encoding {encoding!r} was not asked for and cannot be read")
