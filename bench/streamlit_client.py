"""A browser tab without the browser: one Streamlit session over the app's websocket.

It sends the BackMsg messages Streamlit's frontend sends (`rerun_script` with the page, the
query string, every active widget's state, the hashes of cached messages and the browser's
context) and reads the ForwardMsg messages the server answers with, without drawing them.
What it models of the frontend (Streamlit 1.67; bench/load_protocol_check.py compares it with
Chromium):

- a page load: GET the page, `/_stcore/health` (which sets the XSRF cookie) and
  `/_stcore/host-config`, then the websocket with the `streamlit` subprotocol and the XSRF token;
  static files are not fetched (a returning browser has them cached);
- widget states: a widget reports its value once its element arrives (the element's value when
  the server sets it, else its default) and the user's value after a change; widgets not in the
  last finished run are dropped; a page change keeps only the main script's widgets (the
  sidebar) and sends no query string; buttons send a one-off trigger;
- the message cache: messages marked cacheable are kept by hash, their hashes sent with each
  rerun and dropped after `max_cached_message_age` runs unused (a fragment's run ages only that
  fragment's messages); the server then sends a reference instead of the message;
- fragments: a fragment's run redraws only its own elements; a fragment announced with
  `run_every` (the `auto_rerun` message) is rerun on a timer, every interval from when it was
  announced, with every widget's state, as the frontend's `setInterval` does, until the server
  stops it (`stop_auto_rerun`), a full run of the app begins, the page changes or the tab
  closes; a timer already running for that fragment and interval is kept.

An answer is timed from the rerun request sent to the `script_finished` of the full run it
caused (a run stopped early for a rerun, e.g. by `st.rerun`, is followed to the run that
replaces it; the runs of fragments the timers rerun in between are not the answer).
"""

from __future__ import annotations

import asyncio
import contextlib
import http.cookiejar
import itertools
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.RootContainer_pb2 import MAIN
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

# what headless Chromium on this machine reports about itself in every rerun
CONTEXT = {"timezone": "UTC", "timezone_offset": 0, "locale": "en-US", "is_embedded": False,
           "color_scheme": "light"}
TIMEOUT_S = 60.0  # an answer not finished by then is a problem
EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
XSRF_COOKIE = "_streamlit_xsrf"


def _checkbox(state: WidgetState, e) -> None:
    state.bool_value = e.value if e.set_value else e.default


def _multiselect(state: WidgetState, e) -> None:
    values = list(e.raw_values) if e.set_value else [e.options[i] for i in e.default]
    state.string_array_value.data.extend(values)


def _dates_or_range(state: WidgetState, e) -> None:  # date_input
    state.string_array_value.data.extend(e.value if e.set_value else e.default)


def _slider(state: WidgetState, e) -> None:
    state.double_array_value.data.extend(e.value if e.set_value else e.default)


def _text_input(state: WidgetState, e) -> None:
    state.string_value = e.value if e.set_value else e.default


def _number_input(state: WidgetState, e) -> None:
    value = e.value if e.set_value else e.default
    if e.data_type == NumberInput.INT:
        state.int_value = int(value)
    else:
        state.double_value = value


def _selectbox(state: WidgetState, e) -> None:
    # its value is the option's text; none chosen (`index=None`, or no options) is a state with
    # no value, as the frontend's null string is sent
    if e.set_value:
        if e.HasField("raw_value"):
            state.string_value = e.raw_value
    elif e.HasField("default") and e.options:
        state.string_value = e.options[e.default]


def _button_group(state: WidgetState, e) -> None:  # st.segmented_control, st.pills
    values = list(e.raw_values) if e.set_value else [e.options[i].content for i in e.default]
    state.string_array_value.data.extend(values)


# widget elements whose value the frontend reports as soon as they are drawn, and how
MOUNTED: dict[str, Callable[[WidgetState, object], None]] = {
    "checkbox": _checkbox, "multiselect": _multiselect, "date_input": _dates_or_range,
    "slider": _slider, "text_input": _text_input, "number_input": _number_input,
    "button_group": _button_group, "selectbox": _selectbox,
}
# widget elements that report nothing until the user acts (a click, a selection)
SILENT = {"button", "download_button", "plotly_chart", "dataframe"}
# widget elements this client does not model: drawing one is a problem to fix here
UNMODELLED = {"radio", "text_area", "time_input", "date_time_input",
              "color_picker", "file_uploader", "camera_input", "audio_input", "chat_input",
              "component_instance", "bidi_component", "feedback", "vega_lite_chart",
              "deck_gl_json_chart"}


@dataclass
class Widget:
    """A widget drawn in the last run: its element and who drew it."""

    id: str
    kind: str  # the element type, e.g. "multiselect"
    element: object  # the element's own message, e.g. a MultiSelect
    by_main_script: bool  # drawn by the app's entry script (kept when the page changes)
    fragment: str = ""  # the fragment that drew it, if any

    @property
    def key(self) -> str:
        """The user's key: element ids are `$$ID-<hash>-<key>`."""
        return self.id.split("-", 2)[2] if self.id.startswith("$$ID-") else ""


@dataclass
class Answer:
    """The server's answer to one rerun request."""

    seconds: float | None = None  # request sent to script_finished received; None: no answer
    runs: int = 0  # script runs (more than one when a run asked for a rerun)
    messages: int = 0
    bytes: int = 0
    problems: list[str] = field(default_factory=list)  # exceptions, st.error boxes, no answer
    page: str = ""  # the page's name
    query: str = ""  # the URL's query string after the run
    title: str = ""  # the page's first h1
    load_s: float | None = None  # a page load: HTTP requests and websocket before the rerun
    cached: list[str] = field(default_factory=list)  # hashes of the cacheable messages sent


class MessageCache:
    """The frontend's cache of large element messages, by hash, with their age in runs."""

    def __init__(self) -> None:
        self.messages: dict[str, tuple[ForwardMsg, int]] = {}
        self.runs = 0

    def keep(self, msg: ForwardMsg) -> None:
        if msg.metadata.cacheable and msg.hash and msg.hash not in self.messages:
            self.messages[msg.hash] = (msg, self.runs)

    def take(self, ref: ForwardMsg) -> ForwardMsg:
        """The message a reference stands for, with the reference's metadata."""
        if ref.ref_hash not in self.messages:
            raise KeyError(f"cached message {ref.ref_hash} is not in this client's cache")
        msg = ForwardMsg()
        msg.CopyFrom(self.messages[ref.ref_hash][0])
        self.messages[ref.ref_hash] = (self.messages[ref.ref_hash][0], self.runs)
        msg.metadata.CopyFrom(ref.metadata)
        return msg

    def run_finished(self, max_age: int, fragments: Iterable[str] = ()) -> None:
        """One more run: messages unused for over `max_age` runs go, only those of
        `fragments` after a fragment run."""
        self.runs += 1
        fragments = set(fragments)
        for key in [k for k, (msg, at) in self.messages.items() if self.runs - at > max_age
                    and (not fragments or msg.delta.fragment_id in fragments)]:
            del self.messages[key]


def _get(opener: urllib.request.OpenerDirector, url: str) -> None:
    """GET `url` as the tab's browser does: its cookies sent, the ones set kept (the access
    cookie a `?token=` address sets, the XSRF cookie), redirects followed."""
    with opener.open(url, timeout=TIMEOUT_S) as reply:
        reply.read()


@dataclass
class _Waiting:
    """A rerun request waiting for its run to finish."""

    answer: Answer
    started: float
    done: asyncio.Event = field(default_factory=asyncio.Event)
    running: bool = False  # a run began after the request


class Session:
    """One browser tab on the app at `url` (its base path included): page loads, reruns with
    widget states, page changes; each timed to the end of the run it caused.

    `record` keeps every BackMsg sent (`sent`), to compare with what a browser sends; `auto_reruns`
    counts the fragment reruns its timers sent.
    """

    def __init__(self, url: str, *, record: bool = False) -> None:
        parts = urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.base = parts.path.rstrip("/")
        self.record, self.sent = record, []
        self.jar = http.cookiejar.CookieJar()  # this tab's browser's cookies
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.ws: ClientConnection | None = None
        self._reader: asyncio.Task | None = None
        self._waiting: _Waiting | None = None
        self._timers: dict[str, tuple[float, asyncio.Task]] = {}  # interval, timer by fragment
        self.auto_reruns = 0
        self.session_id = ""  # the server's id of this tab's session (a new one per page load)
        self.received_at = time.monotonic()  # when the last message came
        self._reset(pathname="", query="")

    def _reset(self, *, pathname: str, query: str) -> None:
        """A new page load: nothing drawn, nothing cached, no timer, the URL's path and query."""
        self._stop_timers()
        self.pathname, self.query = pathname, query
        self.pages: dict[str, object] = {}  # AppPage by page name, from the navigation
        self.page_hash = self.main_hash = ""
        self.max_age = 2
        self.widgets: dict[str, Widget] = {}  # drawn in the last finished run, by id
        self._drawing: dict[str, Widget] = {}  # drawn so far in the current run
        self.states: dict[str, WidgetState] = {}  # what the frontend reports, by widget id
        self.cache = MessageCache()
        self.title = ""
        self._fragments: list[str] = []  # the fragments the current run reruns

    # -- what a user does ------------------------------------------------------------------

    def cookie_header(self) -> str:
        """This tab's cookies as its browser sends them on the websocket ('' if none)."""
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    async def enter(self, token: str) -> None:
        """Visit the address with the access token once, as the owner of a dashboard with no
        login does: the server sets this tab's access cookie, sent with every later request."""
        await asyncio.to_thread(_get, self.opener, f"{self.origin}{self.base}/?token={token}")

    async def open(self, pathname: str = "", query: str = "") -> Answer:
        """Load the page at `pathname` (e.g. "topics") with `query` in a new connection, as a
        typed URL or a shared link does; `load_s` of the answer is the load before the run."""
        await self.close()
        self._reset(pathname=pathname, query=query)
        began = time.perf_counter()
        try:
            xsrf = await asyncio.to_thread(self._page_load)
            cookies = self.cookie_header()
            self.ws = await connect(
                f"{self.origin.replace('http', 'ws', 1)}{self.base}/_stcore/stream",
                subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
                origin=self.origin, additional_headers={"Cookie": cookies} if cookies else None,
                max_size=None, open_timeout=TIMEOUT_S, ping_interval=None)
        except (OSError, WebSocketException) as err:
            return Answer(problems=[f"page load failed: {type(err).__name__}: {err}"])
        loaded = time.perf_counter()
        self._reader = asyncio.create_task(self._read())
        answer = await self._rerun(ClientState(query_string=query, page_name=pathname))
        answer.load_s = round(loaded - began, 3)
        return answer

    async def change(self, widget_id: str, state: WidgetState) -> Answer:
        """Set a widget's value, as the frontend does when the user changes it."""
        state.id = widget_id
        self.states[widget_id] = state
        return await self._rerun(ClientState(query_string=self.query,
                                             page_script_hash=self.page_hash))

    async def rerun(self) -> Answer:
        """Rerun the page as it is (the app menu's "Rerun")."""
        return await self._rerun(ClientState(query_string=self.query,
                                             page_script_hash=self.page_hash))

    async def click(self, widget_id: str) -> Answer:
        """Press a button: its trigger goes with this one request only."""
        return await self._rerun(ClientState(query_string=self.query,
                                             page_script_hash=self.page_hash),
                                 trigger=widget_id)

    async def goto(self, page: str) -> Answer:
        """Open another page from the navigation: no query string, the main script's widgets."""
        if page not in self.pages:
            return Answer(problems=[f"no page {page!r}: the app has {sorted(self.pages)}"])
        kept = {i for i, w in self.widgets.items() if w.by_main_script}
        self._stop_timers()  # the frontend stops them before it asks for the other page
        return await self._rerun(ClientState(page_script_hash=self.pages[page].page_script_hash),
                                 kept=kept)

    async def settled(self, quiet: float) -> None:
        """Wait until no fragment is on a timer and no message has come for `quiet` seconds
        (or TIMEOUT_S has passed): the page as it ends up, its fragments' reruns done."""
        until = time.monotonic() + TIMEOUT_S
        while time.monotonic() < until and self.ws is not None:
            calm = time.monotonic() - self.received_at
            if not self._timers and calm >= quiet:
                return
            await asyncio.sleep(max(quiet - calm, 0.05))

    async def close(self) -> None:
        self._stop_timers()
        if self.ws is not None:
            with contextlib.suppress(WebSocketException, OSError):
                await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        self.ws = self._reader = None

    @property
    def page(self) -> str:
        """The name of the page shown."""
        return next((n for n, p in self.pages.items() if p.page_script_hash == self.page_hash),
                    "")

    def widget(self, key: str) -> Widget | None:
        """The widget drawn with user key `key`, or `key_<n>` (a newer generation of it)."""
        for item in self.widgets.values():
            base, _, generation = item.key.rpartition("_")
            if item.key == key or (base == key and generation.isdigit()):
                return item
        return None

    # -- the conversation ------------------------------------------------------------------

    def _page_load(self) -> str:
        """What the browser fetches before it opens the websocket; returns the XSRF token."""
        page = f"{self.origin}{self.base}/{self.pathname}"
        _get(self.opener, f"{page}?{self.query}" if self.query else page)
        _get(self.opener, f"{self.origin}{self.base}/_stcore/health")
        _get(self.opener, f"{self.origin}{self.base}/_stcore/host-config")
        return next((c.value for c in self.jar if c.name == XSRF_COOKIE), "")

    def _message(self, state: ClientState, *, kept: Iterable[str] | None = None,
                 trigger: str | None = None) -> bytes:
        """The `rerun_script` BackMsg: `state` with the widgets' states (those in `kept`, if
        given), a button's trigger, the cached messages' hashes and the browser's context."""
        kept = None if kept is None else set(kept)
        state.widget_states.SetInParent()
        state.widget_states.widgets.extend(
            s for i, s in self.states.items() if kept is None or i in kept)
        if trigger:
            state.widget_states.widgets.append(WidgetState(id=trigger, trigger_value=True))
        state.cached_message_hashes.extend(self.cache.messages)
        state.context_info.CopyFrom(ContextInfo(
            **CONTEXT, url=f"{self.origin}{self.base}/{self.pathname}"))
        payload = BackMsg(rerun_script=state).SerializeToString()
        if self.record:
            self.sent.append(payload)
        return payload

    async def _rerun(self, state: ClientState, *, kept: Iterable[str] | None = None,
                     trigger: str | None = None) -> Answer:
        if self.ws is None:
            return Answer(problems=["not connected: open a page first"])
        payload = self._message(state, kept=kept, trigger=trigger)
        waiting = self._waiting = _Waiting(Answer(), time.perf_counter())
        try:
            await self.ws.send(payload)
            await asyncio.wait_for(waiting.done.wait(), TIMEOUT_S)
        except TimeoutError:
            waiting.answer.problems.append(f"not answered within {TIMEOUT_S:.0f} s")
        except (WebSocketException, OSError) as err:
            waiting.answer.problems.append(f"connection lost: {type(err).__name__}: {err}")
        finally:
            self._waiting = None
        answer = waiting.answer
        answer.page, answer.query, answer.title = self.page, self.query, self.title
        return answer

    # -- fragments on a timer --------------------------------------------------------------

    def _announced(self, fragment: str, interval: float) -> None:
        """The server asks for `fragment` to be rerun every `interval` seconds."""
        if fragment in self._timers and self._timers[fragment][0] == interval:
            return  # the frontend keeps the timer it has
        self._stop_timers([fragment])
        self._timers[fragment] = (interval, asyncio.create_task(self._every(fragment, interval)))

    async def _every(self, fragment: str, interval: float) -> None:
        """Rerun `fragment` every `interval` seconds from now, as `setInterval` does."""
        began = time.monotonic()
        with contextlib.suppress(WebSocketException, OSError):
            for beat in itertools.count(1):
                await asyncio.sleep(max(began + beat * interval - time.monotonic(), 0))
                if self.ws is None:
                    return
                await self.tick(fragment)

    async def tick(self, fragment: str) -> None:
        """What a fragment's timer sends: a rerun of `fragment`, answered by no one waiting."""
        if self.ws is None:
            raise ConnectionError("not connected: open a page first")
        self.auto_reruns += 1
        await self.ws.send(self._message(ClientState(
            query_string=self.query, page_script_hash=self.page_hash,
            fragment_id=fragment, is_auto_rerun=True)))

    @property
    def timers(self) -> list[str]:
        """The fragments on a timer now."""
        return list(self._timers)

    def stop_timers(self) -> None:
        """Stop every timer, as closing the tab would (the server is not told)."""
        self._stop_timers()

    def _stop_timers(self, fragments: Iterable[str] | None = None) -> None:
        """Stop the timers of `fragments` (all when None)."""
        for fragment in list(self._timers if fragments is None else fragments):
            if fragment in self._timers:
                self._timers.pop(fragment)[1].cancel()

    async def _read(self) -> None:
        problem = "connection closed by the server"
        try:
            async for raw in self.ws:
                self._receive(raw)
        except WebSocketException as err:
            problem = f"connection lost: {type(err).__name__}: {err}"
        if self._waiting is not None:
            self._waiting.answer.problems.append(problem)
            self._waiting.done.set()

    def _receive(self, raw: bytes) -> None:
        msg = ForwardMsg.FromString(raw)
        self.received_at = time.monotonic()
        waiting = self._waiting
        if waiting is not None and not waiting.done.is_set():
            waiting.answer.messages += 1
            waiting.answer.bytes += len(raw)
            if msg.metadata.cacheable:
                waiting.answer.cached.append(msg.hash)
        if msg.WhichOneof("type") == "ref_hash":
            msg = self.cache.take(msg)
        else:
            self.cache.keep(msg)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._run_began(msg.new_session, list(msg.metadata.run.fragment_ids))
        elif kind == "auto_rerun":
            self._announced(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            self._stop_timers(msg.stop_auto_rerun.fragment_ids)
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash
            self.pages = {p.page_name: p for p in msg.navigation.app_pages}
            self.pathname = next((p.url_pathname for p in msg.navigation.app_pages
                                  if p.page_script_hash == self.page_hash), self.pathname)
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._drawn(msg, msg.delta.new_element)
        elif kind == "page_not_found":
            self._problem(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "script_finished":
            self._run_finished(msg.script_finished)

    def _run_began(self, new: object, fragments: list[str]) -> None:
        self.session_id = new.initialize.session_id or self.session_id
        self.page_hash, self.main_hash = new.page_script_hash, new.main_script_hash
        self.max_age = new.config.max_cached_message_age
        self._fragments = fragments  # the fragments this run reruns; none: a full run
        if fragments:  # the rest of the page stays as it is
            self._drawing = {i: w for i, w in self.widgets.items() if w.fragment not in fragments}
            return
        self._stop_timers()  # a full run announces again the fragments it still has
        self._drawing, self.title = {}, ""
        if self._waiting is not None:  # a user's request always causes a full run
            self._waiting.running = True
            self._waiting.answer.runs += 1

    def _drawn(self, msg: ForwardMsg, element: Element) -> None:
        kind = element.WhichOneof("type")
        inner = getattr(element, kind)
        if kind == "exception":
            self._problem(f"exception: {inner.type}: {inner.message[:300]}")
        elif kind == "alert" and inner.format == inner.ERROR:
            self._problem(f"st.error: {inner.body[:300]}")
        elif (kind == "heading" and inner.tag == "h1" and not self.title
              and msg.metadata.delta_path[:1] == [MAIN]):
            self.title = inner.body
        elif kind in UNMODELLED:
            self._problem(f"a {kind} widget was drawn, which bench/streamlit_client.py does not "
                          f"model (it models {sorted(MOUNTED)} and {sorted(SILENT)})")
        if kind not in MOUNTED and kind not in SILENT:
            return
        by_main = msg.metadata.active_script_hash == self.main_hash
        self._drawing[inner.id] = Widget(inner.id, kind, inner, by_main, msg.delta.fragment_id)
        if kind in MOUNTED and (inner.id not in self.states or inner.set_value):
            state = WidgetState(id=inner.id)
            MOUNTED[kind](state, inner)
            self.states[inner.id] = state

    def _run_finished(self, status: int) -> None:
        if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            self._problem("the script did not compile")
        if status == EARLY:  # a rerun follows at once; the frontend keeps its state
            return
        self.widgets = self._drawing
        self.states = {i: s for i, s in self.states.items() if i in self.widgets}
        self.cache.run_finished(self.max_age, self._fragments)
        waiting = self._waiting
        if waiting is not None and waiting.running and not self._fragments:
            waiting.answer.seconds = round(time.perf_counter() - waiting.started, 4)
            waiting.done.set()

    def _problem(self, text: str) -> None:
        if self._waiting is not None:
            self._waiting.answer.problems.append(text)


async def clear_server_caches(url: str, *, token: str | None = None) -> None:
    """Send the `clear_cache` message (the frontend's "Clear cache" menu item) to the app at
    `url`: it empties `st.cache_data` and `st.cache_resource` for every user of that server.
    `token` is the access token of a dashboard with no login (its cookie is then sent)."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    session = Session(url)
    if token:
        await session.enter(token)
    cookies = session.cookie_header()
    async with connect(f"{origin.replace('http', 'ws', 1)}{parts.path.rstrip('/')}"
                       "/_stcore/stream", subprotocols=["streamlit"], origin=origin,
                       additional_headers={"Cookie": cookies} if cookies else None,
                       open_timeout=TIMEOUT_S, ping_interval=None) as ws:
        await ws.send(BackMsg(clear_cache=True).SerializeToString())
        # the server handles a connection's messages in order, and has no answer to this one:
        # a moment for it to read the message before the close
        await asyncio.sleep(0.5)
