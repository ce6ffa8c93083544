"""The server's door: an ASGI middleware every HTTP and WebSocket request passes before Streamlit.

- With no login configured (open_access "local"), only the owner gets in: a browser on this
  machine, through no proxy, holding the cookie it got by opening the address with this start's
  access token (`presslens dashboard` prints it). Everyone else gets a page saying why.
- Uploads are taken only from a browser whose page found an editor, within the upload quota.
- An export is served only to the browser that clicked its button, for that click alone (the
  button's own check of the address and its download; see `dashboard.grants`).
- A log-out ends its login for good (`dashboard.logouts`); behind TLS every cookie is Secure.
- /_stcore/metrics and the agent API are not served.
docs/deployment.md says what this protects and what the proxy must do besides.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

import streamlit as st
from starlette.requests import cookie_parser
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from streamlit import runtime
from streamlit.runtime.media_file_storage import MediaFileKind

from analysis.settings import MIB
from analysis.settings import get as setting
from dashboard import access, auth, grants, logouts, upload_quota

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

HEALTH = "/_stcore/health"
UPLOADS = "/_stcore/upload_file/"
MEDIA = "/media/"
LOGOUT = "/auth/logout"
NOT_SERVED = ("/_stcore/metrics", "/_stcore/agent/")


@dataclass(frozen=True)
class Request:
    """What the guard reads of a request: its path below the base URL, headers, cookies."""

    kind: str  # "http" or "websocket"
    method: str
    path: str
    query: str
    headers: dict[str, str]
    cookies: dict[str, str]
    client: str | None
    port: int

    @classmethod
    def of(cls, scope: Scope) -> Request:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        base = "/" + str(st.get_option("server.baseUrlPath") or "").strip("/")
        path = scope["path"]
        if base != "/" and (path == base or path.startswith(base + "/")):
            path = path[len(base):] or "/"
        return cls(kind=scope["type"], method=scope.get("method", "GET"), path=path,
                   query=scope.get("query_string", b"").decode("latin-1"), headers=headers,
                   cookies=cookie_parser(headers.get("cookie", "")),
                   client=(scope.get("client") or (None,))[0],
                   port=int((scope.get("server") or (None, 0))[1] or 0))

    @property
    def who(self) -> str | None:
        return access.fingerprint(self.cookies)


class Guard:
    """The middleware (`st.App(..., middleware=[Middleware(Guard)])` in dashboard/server.py)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request = Request.of(scope)
        answer = refusal(request)
        if answer is None and request.kind == "http" and _is_upload(request):
            await self._upload(request, scope, receive, send)
            return
        if answer is None and request.kind == "http" and request.path.startswith(MEDIA):
            answer = download_refusal(request)
        if answer is not None:
            await _answer(answer, scope, receive, send, request)
            return
        if request.path == LOGOUT:
            logouts.end(access.login_cookie(request.cookies))
        await self.app(_marked(scope), receive, _cookies_out(send, request))

    async def _upload(self, request: Request, scope: Scope, receive: Receive,
                      send: Send) -> None:
        if grants.role_of(request.who) != auth.EDITOR:
            await _refuse_upload("Only editors may upload files.", 403, request, scope, receive,
                                 send)
            return
        session = request.path.removeprefix(UPLOADS).split("/", 1)[0]
        size = 0
        if request.method == "PUT":
            size = _declared_size(request)
            reason = upload_quota.reserve(session, size)
            if reason:
                await _refuse_upload(f"Upload refused: {reason}.", 413, request, scope, receive,
                                     send)
                return
        try:
            await self.app(_marked(scope), receive, _cookies_out(send, request))
        finally:
            upload_quota.release(session, size)


def local_mode() -> bool:
    """No login configured, and open_access is not 'anyone': only the owner is served."""
    return not auth.configured() and setting("open_access") != "anyone"


def refusal(request: Request) -> Response | None:
    """The answer to a request that may not pass, or None when it may."""
    if request.path.startswith(NOT_SERVED):
        return PlainTextResponse("Not Found", 404)
    if not local_mode():
        return None
    if (access.proxied(request.headers) or not access.loopback(request.client)
            or not access.loopback(request.headers.get("host"))):
        return _page(403, "This dashboard has no login configured, so it only serves browsers "
                     "on the machine it runs on, never through a proxy or from another address. "
                     "To share it, configure a login ([auth] in .streamlit/secrets.toml, see "
                     "docs/deployment.md).")
    if request.path == HEALTH:
        return None
    params = parse_qsl(request.query, keep_blank_values=True)
    given = [value for name, value in params if name == access.TOKEN_PARAMETER]
    if given and request.kind == "http":
        return token_answer(request, given[0], params)
    if access.local_cookie_valid(request.cookies, request.port):
        return None
    return _page(403, "This dashboard has no login, so it serves only the person who started "
                 "it. Open the address that `presslens dashboard` printed when it started (it "
                 "ends in ?token=…); this browser has not opened it yet. To share the dashboard, "
                 "configure a login (docs/deployment.md).")


def token_answer(request: Request, given: str, params: list[tuple[str, str]]) -> Response:
    """The owner's first visit: the cookie, and the same address without the token."""
    if not access.token_matches(given):
        return _page(403, "This access token is not the one of this dashboard's start. Open the "
                     "address that `presslens dashboard` printed when it last started.")
    kept = urlencode([(n, v) for n, v in params if n != access.TOKEN_PARAMETER])
    base = "/" + str(st.get_option("server.baseUrlPath") or "").strip("/")
    # one leading slash: "//host/…" would send the browser to another site
    target = "/" + (base.rstrip("/") + request.path).lstrip("/") + (f"?{kept}" if kept else "")
    answer = RedirectResponse(target, status_code=303)
    answer.headers.append("set-cookie", _cookie(access.local_cookie_name(request.port),
                                                access.local_cookie_value()))
    answer.headers["cache-control"] = "no-store"
    answer.headers["referrer-policy"] = "no-referrer"
    return answer


def download_refusal(request: Request) -> Response | None:
    """404 for an export the requesting browser did not just click for (see grants)."""
    if request.method not in ("GET", "HEAD") or not runtime.exists():
        return None
    manager = runtime.get_instance().media_file_mgr
    found = manager.read_file(request.path.removeprefix(MEDIA)) if manager.can_read_files else None
    if found is None or found.kind != MediaFileKind.DOWNLOADABLE:
        return None
    return None if grants.take_download(request.who) else PlainTextResponse("Not Found", 404)


def _is_upload(request: Request) -> bool:
    return request.path.startswith(UPLOADS)


async def _refuse_upload(message: str, status: int, request: Request, scope: Scope,
                         receive: Receive, send: Send) -> None:
    """Answer a refused upload once its body is read and dropped (up to the most Streamlit
    would take; past that the connection is closed): a client still sending would otherwise
    wait, its connection held, for a server that no longer reads."""
    limit, read, more = (int(st.get_option("server.maxUploadSize")) + 1) * MIB, 0, True
    while more and read <= limit:
        message_in = await receive()
        read += len(message_in.get("body", b""))
        more = message_in.get("more_body", False) and message_in["type"] == "http.request"
    answer = PlainTextResponse(message, status)
    if more:
        answer.headers["connection"] = "close"
    await _answer(answer, scope, receive, send, request)


def _declared_size(request: Request) -> int:
    """An upload's size from Content-Length; without one, the most Streamlit would take."""
    try:
        return max(0, int(request.headers["content-length"]))
    except (KeyError, ValueError):
        return (int(st.get_option("server.maxUploadSize")) + 1) * MIB


def _page(status: int, message: str) -> Response:
    body = (f"<!doctype html><html lang=en><meta charset=utf-8><title>PressLens</title>"
            f"<body style='font-family:sans-serif;max-width:40em;margin:4em auto'>"
            f"<main id=presslens-refused><h1>PressLens</h1><p>{html.escape(message)}</p>"
            f"</main></body></html>")
    return HTMLResponse(body, status, headers={"cache-control": "no-store"})


async def _answer(answer: Response, scope: Scope, receive: Receive, send: Send,
                  request: Request) -> None:
    if request.kind == "websocket":  # before accept: the handshake gets 403
        await send({"type": "websocket.close", "code": 1008})
        return
    await answer(scope, receive, _cookies_out(send, request))


def _marked(scope: Scope) -> Scope:
    """`scope` with the guard's header (any the client sent is dropped)."""
    name = access.GUARD_HEADER.encode()
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != name]
    return {**scope, "headers": [*headers, (name, access.guard_secret().encode())]}


def _cookie(name: str, value: str) -> str:
    path = "/" + str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{name}={value}; Path={path}; HttpOnly; SameSite=Lax"


def _behind_tls(request: Request) -> bool:
    """Whether the browser speaks HTTPS: to this server, to its proxy, or by [auth]'s address."""
    forwarded = request.headers.get("forwarded", "").lower().replace(" ", "")
    redirect = str((auth.auth_section() or {}).get("redirect_uri", ""))
    return (request.headers.get("x-forwarded-proto", "").lower() == "https"
            or "proto=https" in forwarded or redirect.lower().startswith("https://")
            or bool(st.get_option("server.sslCertFile")))


def secured(cookie: bytes) -> bytes:
    """A Set-Cookie value with the Secure attribute (added unless it has it)."""
    attributes = [part.strip().lower() for part in cookie.split(b";")[1:]]
    return cookie if b"secure" in attributes else cookie + b"; Secure"


def _cookies_out(send: Send, request: Request) -> Send:
    """`send` that gives a browser its id cookie once, and marks every cookie Secure behind TLS."""
    new_browser = request.kind == "http" and not request.cookies.get(access.BROWSER_COOKIE)
    secure = _behind_tls(request)

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start" and (new_browser or secure):
            headers = list(message.get("headers", []))
            if new_browser:
                headers.append((b"set-cookie", _cookie(access.BROWSER_COOKIE,
                                                       access.new_browser_id()).encode()))
            if secure:
                headers = [(k, secured(v) if k.lower() == b"set-cookie" else v)
                           for k, v in headers]
            message = {**message, "headers": headers}
        await send(message)

    return sending
