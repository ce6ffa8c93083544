"""Load test: concurrent browser sessions changing filters on one dashboard server.

Run: .venv/bin/python bench/load_dashboard.py --store STORE [--sessions 20] [--duration 60]
     [--server-option server.fileWatcherType=none] [--browser-nice 10]

Starts `presslens dashboard` on 127.0.0.1 (a free port) and one headless Chromium with one
browser context per session (each a user with their own Streamlit session). For `--duration`
seconds every session repeats what a reader does: choose an actor, a topic or a source in the
sidebar, type a date range or a search word, clear the filters, switch page in the top
navigation, or open a shared link (a page with filters in its URL), then pauses for a moment
(`--think`). Each action is timed from the click (or Enter, or the link opened) until the server
has finished the run it caused, no spinner is left, every Plotly chart has drawn its SVG and
every table its canvas. The time is split, from the app's websocket in the page, into the
browser sending the request (for a new page: loading it), the server starting the run, the run,
and drawing. Then the page is checked: an exception or `st.error` box, a lost connection or an
answer that does not show the change (the filter in the URL, the page's title) is an error; no
answer within 60 s is counted apart ("unanswered"). Two more views of each answer leave the
browser's drawing out: the server's answer on the wire (Chromium's network stack, read over the
DevTools protocol: the request for a run leaving to the run's last message arriving), and the
server's own time for each page run (the dashboard's slow-run log, every run logged). The
server's RSS and CPU (with its child processes) are sampled every second, and the browser's.
Prints JSON and writes it to `--out` (default bench/results/load_dashboard.json). Results and
findings: docs/reliability.md.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import dataclasses
import json
import os
import random
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlencode, urlparse

import psutil
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analysis import store  # noqa: E402
from analysis.query.filters import Filters  # noqa: E402
from analysis.query.links import to_params  # noqa: E402
from bench.load_common import (  # noqa: E402
    MAX_FILTERS,
    SEARCH_WORDS,
    WEIGHTS,
    Choices,
    date_range,
    machine,
    process_tree,
    read_choices,
    script_runs,
    server_log,
    spread,
    usage,
)
from tests.browser.conftest import CHROMIUM_ARGS, dashboard_server, entered  # noqa: E402

PAGES = {"Overview": "", "Topics": "topics", "Actors": "actors", "Tone": "tone",
         "Quotes": "quotes", "Articles": "articles"}
TIMEOUT_MS = 60_000  # an action not answered by then is an error
POLL_MS = 100  # how often a page checks for the answer (every frame would cost the browser CPU)
FILTER_PARAMS = {item.name for item in dataclasses.fields(Filters)}
# problems of an action that got no answer in time (rather than a wrong one)
UNANSWERED = ("not answered", "page then", "could not start", "after the answer")

# In the page, before the app loads: read the top-level fields of the protobuf messages on the
# app's websocket (one a frame). Sent (BackMsg): 11 is rerun_script (the browser asks for a run).
# Received (ForwardMsg): 4 is new_session (a run starts), 6 script_finished (status 2: stopped
# early for a rerun). Counts finished runs and keeps the times (performance.now(), ms) of the last
# of these; read from the socket, not from the DOM's script state, which React may change twice
# in one commit on a busy machine.
RUN_COUNTER = """(() => {
  window.__runs = 0;
  window.__marks = [];
  const mark = what => {
    window.__marks.push([what, performance.now()]);
    window.__marks = window.__marks.slice(-40);
  };
  const fields = data => {  // [field number, varint value or byte length] at the top level
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : null;
    const found = [];
    let i = 0;
    const varint = () => {
      let value = 0, scale = 1, byte;
      do { byte = bytes[i++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
      return value;
    };
    while (bytes && i < bytes.length) {
      const key = varint(), type = key % 8;
      if (type !== 0 && type !== 2) break;  // not used by these messages at the top level
      const value = varint();
      found.push([Math.floor(key / 8), value]);
      if (type === 2) i += value;
    }
    return found;
  };
  const received = event => {
    for (const [field, value] of fields(event.data)) {
      if (field === 4) mark('started');
      if (field === 6 && value !== 2) { window.__runs += 1; mark('finished'); }
    }
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); this.addEventListener('message', received); }
    send(data) {
      if (fields(data).some(([field]) => field === 11)) mark('sent');
      return super.send(data);
    }
  };
})()"""


def top_fields(data: bytes) -> dict[int, int]:
    """{field number: varint value or byte length} of a protobuf message's top level (the
    RUN_COUNTER's reading, for the frames the browser's network stack reports)."""
    found, i = {}, 0

    def varint() -> int:
        nonlocal i
        value = shift = 0
        while i < len(data):
            byte = data[i]
            i += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        return value
    while i < len(data):
        key = varint()
        if key % 8 not in (0, 2):
            break
        value = varint()
        found.setdefault(key // 8, value)
        if key % 8 == 2:
            i += value
    return found


# the runs started and finished since t0, for the phases of an answer
MARKS = "t0 => window.__marks.filter(m => m[1] >= t0)"
# answered (returns when, in ms): a run finished since `before`, nothing running or stale, every
# chart and table drawn
ANSWERED = """before => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  if (!app || !main || window.__runs <= before) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSpinner"], [data-stale="true"]')) return false;
  for (const chart of main.querySelectorAll('[data-testid="stPlotlyChart"]'))
    if (!chart.querySelector('.main-svg')) return false;
  for (const grid of main.querySelectorAll('[data-testid="stDataFrame"]'))
    if (!grid.querySelector('canvas')) return false;
  return performance.now();
}"""
# what an unanswered action was still waiting for
WAITING = """before => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const charts = main ? [...main.querySelectorAll('[data-testid="stPlotlyChart"]')] : [];
  return {runs_before: before, runs: window.__runs, url: location.href,
          state: app && app.getAttribute('data-test-script-state'),
          spinner: !!document.querySelector('[data-testid="stSpinner"]'),
          stale: document.querySelectorAll('[data-stale="true"]').length,
          charts: charts.length, undrawn: charts.filter(c => !c.querySelector('.main-svg')).length};
}"""
# what went wrong on the page, if anything
PROBLEMS = """() => {
  const found = [];
  for (const e of document.querySelectorAll('[data-testid="stException"]'))
    found.push('exception: ' + e.innerText.slice(0, 300));
  for (const e of document.querySelectorAll('[data-testid="stAlertContentError"]'))
    found.push('st.error: ' + e.innerText.slice(0, 300));
  const app = document.querySelector('[data-testid="stApp"]');
  const link = app && app.getAttribute('data-test-connection-state');
  if (link !== 'CONNECTED') found.push('connection: ' + link);
  return found;
}"""
TITLE = "() => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText ?? ''"


@dataclass
class Action:
    """One timed action of one session."""

    session: int
    kind: str
    page: str  # the page the answer is on
    detail: str
    at_s: float  # when it started, seconds since the test began
    seconds: float | None = None
    # where `seconds` went, measured in the page: the browser turning the action into a request
    # (for a new page: loading it), the server starting the run, running it (and sending its
    # elements), and the browser drawing after it finished
    browser_s: float | None = None
    queue_s: float | None = None
    run_s: float | None = None
    draw_s: float | None = None
    # the server's answer as the browser's network stack saw it, which a starved renderer does
    # not delay: from the request for a run leaving to the run's last message arriving
    server_s: float | None = None
    problems: list[str] = field(default_factory=list)

    def wrong(self) -> bool:
        """Answered wrongly: an exception or error box, a lost connection, a URL or page title
        that does not show the change."""
        return any(not p.startswith(UNANSWERED) for p in self.problems)

    def phases(self, marks: list, *, t0: float, answered: float) -> None:
        """Split the answer by the runs that started and finished since `t0` (ms, in the page)."""
        sent, started, done = ([at for what, at in marks if what == kind]
                               for kind in ("sent", "started", "finished"))
        if sent and started and done:
            self.browser_s = round((sent[0] - t0) / 1000, 3)
            self.queue_s = round((started[0] - sent[0]) / 1000, 3)
            self.run_s = round((done[-1] - started[0]) / 1000, 3)
            self.draw_s = round((answered - done[-1]) / 1000, 3)


@dataclass(frozen=True)
class Load:
    """How hard to push: users, how long, their pauses, and the browser's CPU priority."""

    sessions: int = field(default=20, metadata={"help": "browser contexts (users)"})
    duration: float = field(default=60.0, metadata={
        "help": "seconds during which the sessions start new actions"})
    warmup: float = field(default=15.0, metadata={
        "help": "seconds after which the server's memory must stay flat"})
    think: float = field(default=1.0, metadata={
        "help": "mean pause between a session's actions, s (uniform 0.5x to 1.5x)"})
    ramp: float = field(default=5.0, metadata={"help": "seconds over which the sessions start"})
    seed: int = field(default=0, metadata={"help": "of every session's random choices"})
    min_actions: int = field(default=0, metadata={
        "help": "actions each session makes after opening even if the duration is over"})
    browser_nice: int = field(default=0, metadata={
        "help": "CPU priority (nice) of Chromium: above 0 it yields to the server that shares "
                "the machine, as if the users were elsewhere"})
    renderer_nice: int = field(default=0, metadata={
        "help": "CPU priority of Chromium's page renderers only (every thread): above 0 they "
                "yield to the server and to Chromium's network process, so that the server's "
                "answer on the wire is timed as if each user's machine drew their pages"})


class Session:
    """One user in their own browser context: their page, filters, and the actions they timed."""

    def __init__(self, number: int, page, url: str, choices: Choices, *, seed: int,
                 began: float) -> None:
        self.number, self.page, self.url, self.choices = number, page, url, choices
        self.rng = random.Random(seed * 1000 + number)
        self.began = began
        self.filters = Filters()
        self.here = "Overview"
        self.actions: list[Action] = []
        self.client_errors: list[str] = []
        # (what, network timestamp s, when this process heard of it) for the app's socket
        self.wire: list[tuple[str, float, float]] = []
        page.on("pageerror", lambda error: self.client_errors.append(str(error)[:300]))

    async def listen(self, context) -> None:
        """Hear the app's websocket frames from Chromium's network stack (DevTools protocol)."""
        cdp = await context.new_cdp_session(self.page)
        cdp.on("Network.webSocketFrameSent", lambda event: self.frame(event, sent=True))
        cdp.on("Network.webSocketFrameReceived", lambda event: self.frame(event, sent=False))
        await cdp.send("Network.enable")

    def frame(self, event: dict, *, sent: bool) -> None:
        response = event.get("response", {})
        if response.get("opcode") != 2:  # Streamlit's messages are binary frames
            return
        fields = top_fields(base64.b64decode(response.get("payloadData", "")))
        heard = time.perf_counter()
        if sent and 11 in fields:
            self.wire.append(("sent", event["timestamp"], heard))
        if not sent and 6 in fields and fields[6] != 2:
            self.wire.append(("finished", event["timestamp"], heard))

    def server_time(self, since: float) -> float | None:
        """Seconds from the first request for a run to the last run finished, of the frames
        heard since `since` (perf_counter)."""
        frames = [(what, at) for what, at, heard in self.wire if heard >= since]
        sent = [at for what, at in frames if what == "sent"]
        done = [at for what, at in frames if what == "finished"]
        if not sent or not done or done[-1] < sent[0]:
            return None
        return round(done[-1] - sent[0], 3)

    def filter_count(self) -> int:
        f = self.filters
        return (len(f.actors) + len(f.topics) + len(f.sources) + bool(f.search)
                + (f.start is not None or f.end is not None))

    def next_kind(self) -> str:
        if self.filter_count() >= MAX_FILTERS:
            return "clear"
        kinds = list(WEIGHTS)
        return self.rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]

    async def timed(self, kind: str, detail: str, start, expect=None) -> Action:
        """Run `start` (the click, key or navigation), wait for the answer, then check it."""
        action = Action(self.number, kind, self.here, detail,
                        round(time.monotonic() - self.began, 2))
        self.actions.append(action)
        before, t0 = ((0, 0.0) if kind in ("open", "link")  # a new page counts from its start
                      else await self.page.evaluate("[window.__runs, performance.now()]"))
        started = time.perf_counter()
        try:
            await start()
            answered = await self.page.wait_for_function(ANSWERED, arg=before,
                                                         timeout=TIMEOUT_MS, polling=POLL_MS)
            action.seconds = round(time.perf_counter() - started, 3)
            action.phases(await self.page.evaluate(MARKS, t0), t0=t0,
                          answered=await answered.json_value())
            action.server_s = self.server_time(started)
            action.problems.extend(await self.page.evaluate(PROBLEMS))
            if expect is not None:
                action.problems.extend(await expect())
        except PlaywrightError as err:  # a timeout or a closed page: not answered
            action.problems.append(f"not answered: {type(err).__name__}: {str(err)[:200]}")
            with contextlib.suppress(PlaywrightError):
                action.problems.append(f"page then: {await self.page.evaluate(WAITING, before)}")
        return action

    async def url_has(self, name: str, value: str | None) -> list[str]:
        query = {k: v[0] for k, v in parse_qs(urlparse(self.page.url).query).items()}
        shown = query.get(name)
        ok = shown is None if value is None else value in (shown or "").split("~")
        return [] if ok else [f"URL shows {name}={shown!r}, expected {value!r}"]

    async def titled(self, title: str) -> list[str]:
        shown = await self.page.evaluate(TITLE)
        return [] if shown == title else [f"page title {shown!r}, expected {title!r}"]

    async def pick(self, kind: str) -> Action:
        """Choose one more actor, topic or source in its sidebar multiselect."""
        label, param = {"actor": ("Actors", "actors"), "topic": ("Topics", "topics"),
                        "source": ("Sources", "sources")}[kind]
        chosen = getattr(self.filters, param)
        left = [v for v in getattr(self.choices, param) if v not in chosen]
        if not left:  # e.g. the only source is chosen already: the user looks elsewhere
            return await self.switch_page()
        option = self.rng.choice(left)
        box = self.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
            has=self.page.locator('[data-testid="stWidgetLabel"]', has_text=label))
        await box.locator("input").fill(option)
        item = self.page.get_by_role("option", name=option, exact=True)
        await item.wait_for(timeout=TIMEOUT_MS)
        self.filters = self.filters.replace(**{param: (*chosen, option)})
        return await self.timed(kind, option, item.click, lambda: self.url_has(param, option))

    async def settle(self) -> None:
        """Leave the widget just used, as a user moves on: a focused multiselect is a line
        taller, and a click whose blur shrinks it lands where the next widget no longer is."""
        with contextlib.suppress(PlaywrightError):
            await self.page.keyboard.press("Escape")  # close an option list or calendar
            await self.page.evaluate("document.activeElement?.blur()")

    async def dates(self) -> Action:
        """Type a date range into the sidebar's date fields; closing the calendar applies it."""
        start, end = date_range(self.choices.first, self.choices.last, self.rng)
        field = self.page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]')
        for side, day in (("start", start), ("end", end)):
            await field.locator(f'[data-range-field="{side}"] [data-type="year"]').click()
            await self.page.keyboard.type(day.strftime("%Y%m%d"))  # year, month, day segments
        self.filters = self.filters.replace(start=start, end=end)
        return await self.timed("dates", f"{start}..{end}",
                                lambda: self.page.keyboard.press("Escape"),
                                lambda: self.url_has("start", start.isoformat()))

    async def search(self) -> Action:
        """Type a word into the sidebar's search box and press Enter."""
        word = self.rng.choice([w for w in SEARCH_WORDS if w != self.filters.search])
        box = self.page.locator('[data-testid="stSidebar"]').get_by_label("Search text", exact=True)
        await box.fill(word)
        self.filters = self.filters.replace(search=word)
        return await self.timed("search", word, lambda: box.press("Enter"),
                                lambda: self.url_has("search", word))

    async def clear(self) -> Action:
        """Press 'Clear all filters' in the sidebar."""
        button = self.page.locator('[data-testid="stSidebar"]').get_by_role(
            "button", name="Clear all filters")
        self.filters = Filters()

        async def nothing_left() -> list[str]:
            left = sorted(set(parse_qs(urlparse(self.page.url).query)) & FILTER_PARAMS)
            return [f"URL still has filters {left}"] if left else []
        return await self.timed("clear", "", button.click, nothing_left)

    async def switch_page(self) -> Action:
        """Open another page from the top navigation."""
        name = self.rng.choice([p for p in PAGES if p != self.here])
        link = self.page.locator('[data-testid="stTopNavLink"]').filter(has_text=name)
        self.here = name
        return await self.timed("page", name, link.first.click, lambda: self.titled(name))

    async def open_link(self, *, kind: str = "link") -> Action:
        """Open a page from a shared link: a page and filters in the URL, a new session."""
        name = "Overview" if kind == "open" else self.rng.choice(list(PAGES))
        filters = Filters()
        if kind == "link":
            start, end = date_range(self.choices.first, self.choices.last, self.rng)
            filters = Filters(actors=(self.rng.choice(self.choices.actors),),
                              **({"start": start, "end": end} if self.rng.random() < 0.5
                                 else {}))
        query = urlencode(to_params(filters))
        target = f"{self.url}/{PAGES[name]}" + (f"?{query}" if query else "")
        self.here, self.filters = name, filters
        return await self.timed(kind, target.removeprefix(self.url),
                                lambda: self.page.goto(target), lambda: self.titled(name))

    async def act(self) -> Action:
        """One random action (a clear once MAX_FILTERS are set); a failure to even start it,
        such as a widget not found, is recorded as an action with its problem."""
        kind, count = self.next_kind(), len(self.actions)
        try:
            if kind in ("actor", "topic", "source"):
                action = await self.pick(kind)
            else:
                action = await {"dates": self.dates, "search": self.search, "clear": self.clear,
                                "page": self.switch_page, "link": self.open_link}[kind]()
            await self.settle()
            return action
        except PlaywrightError as err:
            if len(self.actions) > count:  # timed already: the failure came after the answer
                self.actions[-1].problems.append(f"after the answer: {str(err)[:200]}")
                return self.actions[-1]
            action = Action(self.number, kind, self.here, "",
                            round(time.monotonic() - self.began, 2),
                            problems=[f"could not start: {type(err).__name__}: {str(err)[:200]}"])
            self.actions.append(action)
            return action


async def run_session(browser, number: int, url: str, choices: Choices, load: Load, *,
                      began: float) -> Session:
    """One user: opens the Overview, then acts and pauses until the load's duration is over."""
    await asyncio.sleep(load.ramp * number / load.sessions)
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    await context.add_init_script(RUN_COUNTER)
    # the access cookie of a dashboard with no login, as its owner gets it (not timed)
    await context.request.get(entered(url), max_redirects=0)
    session = Session(number, await context.new_page(), url, choices, seed=load.seed,
                      began=began)
    await session.listen(context)
    action = await session.open_link(kind="open")
    until, acted = began + load.duration, 0

    def going() -> bool:
        return time.monotonic() < until or acted < load.min_actions
    while going():
        if action.problems:  # as a user would: start again from the Overview
            action = await session.open_link(kind="open")
            continue
        await asyncio.sleep(session.rng.uniform(0.5, 1.5) * load.think)
        if not going():
            break
        action, acted = await session.act(), acted + 1
    await context.close()
    return session


def find_server(url: str) -> psutil.Process:
    """The `presslens dashboard` process serving `url` (a child of this one; it runs
    `streamlit run .../dashboard/app.py` in place of itself)."""
    port = str(urlparse(url).port)
    for process in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            line = process.cmdline()
            if port in line and any("dashboard" in part for part in line):
                return process
    raise RuntimeError(f"no presslens dashboard process found for {url}")


def browser_processes(served: set[int]) -> list[psutil.Process]:
    """This process's Chromium processes (not the server's)."""
    found = []
    for process in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if process.pid not in served and "chrom" in process.name():
                found.append(process)
    return found


async def sample(server: psutil.Process, began: float, stop: asyncio.Event,
                 into: list[dict]) -> None:
    """Every second until `stop`: the server's and the browser's RSS and CPU, the machine's CPU."""
    psutil.cpu_percent()
    while not stop.is_set():
        ours = process_tree(server)
        browser = browser_processes({p.pid for p in ours})
        (server_rss, server_cpu), (browser_rss, browser_cpu) = usage(ours), usage(browser)
        into.append({"t": round(time.monotonic() - began, 2),
                     "server_rss_mb": round(server_rss, 1), "server_cpu_s": round(server_cpu, 2),
                     "browser_rss_mb": round(browser_rss, 1),
                     "browser_cpu_s": round(browser_cpu, 2),
                     "machine_cpu_pct": psutil.cpu_percent()})
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)


async def renice_renderers(server: psutil.Process, nice: int, stop: asyncio.Event) -> None:
    """Until `stop`: give every thread of each Chromium renderer the CPU priority `nice` (on
    Linux a priority is a thread's own; threads started later inherit their starter's)."""
    while not stop.is_set():
        served = {p.pid for p in process_tree(server)}
        for process in browser_processes(served):
            with contextlib.suppress(psutil.Error, OSError):
                if "--type=renderer" not in process.cmdline():
                    continue
                for thread in process.threads():
                    if os.getpriority(os.PRIO_PROCESS, thread.id) != nice:
                        os.setpriority(os.PRIO_PROCESS, thread.id, nice)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.25)


def phases(actions: list[Action]) -> dict:
    """Median seconds of each phase of the answers (see Action)."""
    out = {}
    for part in ("browser_s", "queue_s", "run_s", "draw_s", "server_s"):
        values = [getattr(a, part) for a in actions if getattr(a, part) is not None]
        out[f"median_{part}"] = round(statistics.median(values), 2) if values else None
    return out


def by(actions: list[Action], key: str) -> dict:
    """Response times and their phases per action kind or per page."""
    out = {}
    for group in sorted({getattr(a, key) for a in actions}):
        mine = [a for a in actions if getattr(a, key) == group and a.seconds is not None]
        out[group] = {**spread([a.seconds for a in mine]), **phases(mine)}
    return out


def memory(samples: list[dict], *, warmup: float, all_open: float) -> dict:
    """Server RSS after warm-up against the end of the test; flat is under 10 % growth.

    Warm-up is `warmup` seconds, or longer if not every session had its first page by then
    (`all_open`, seconds): until then new sessions and first cache fills still come in.
    """
    since = max(warmup, all_open)
    after = [s for s in samples if s["t"] >= since] or samples[-1:]
    warm, end = after[0]["server_rss_mb"], after[-1]["server_rss_mb"]
    slope = (statistics.linear_regression([s["t"] for s in after],
                                          [s["server_rss_mb"] for s in after]).slope * 60
             if len(after) > 2 else 0.0)
    at_warmup = next((s for s in samples if s["t"] >= warmup), samples[-1])["server_rss_mb"]
    growth = 100 * (end - warm) / warm
    return {"rss_start_mb": samples[0]["server_rss_mb"], "rss_at_warmup_mb": at_warmup,
            "all_open_at_s": round(all_open, 1), "rss_after_warmup_mb": warm,
            "rss_end_mb": end, "rss_max_mb": max(s["server_rss_mb"] for s in samples),
            "growth_after_warmup_pct": round(growth, 1),
            "slope_after_warmup_mb_per_min": round(slope, 1), "flat": growth < 10}


def cpu(samples: list[dict], *, duration: float) -> dict:
    """Mean and peak cores busy while the sessions act (the first `duration` seconds): the
    server (with children), the browser, the whole machine."""
    samples = [s for s in samples if s["t"] <= duration] or samples[:1]
    wall = samples[-1]["t"] - samples[0]["t"] or 1.0
    steps = list(zip(samples, samples[1:], strict=False))
    server = [(b["server_cpu_s"] - a["server_cpu_s"]) / (b["t"] - a["t"]) for a, b in steps]
    browser = [max(0.0, b["browser_cpu_s"] - a["browser_cpu_s"]) / (b["t"] - a["t"])
               for a, b in steps]
    return {"server_mean_cores": round((samples[-1]["server_cpu_s"]
                                        - samples[0]["server_cpu_s"]) / wall, 2),
            "server_peak_cores": round(max(server, default=0.0), 2),
            "browser_mean_cores": round(statistics.fmean(browser) if browser else 0.0, 2),
            "machine_mean_cores": round(psutil.cpu_count() / 100 * statistics.fmean(
                s["machine_cpu_pct"] for s in samples[1:] or samples), 2)}


def summarise(sessions: list[Session], samples: list[dict], *, warmup: float,
              duration: float, goal_s: float = 2.0) -> dict:
    actions = [a for s in sessions for a in s.actions]
    answered = [a.seconds for a in actions if a.seconds is not None]
    overall = spread(answered)
    return {
        "actions": len(actions),
        "errors": len([a for a in actions if a.wrong()]),
        "unanswered": len([a for a in actions if a.problems and not a.wrong()]),
        "client_errors": [e for s in sessions for e in s.client_errors],
        "response": overall,
        "phases": phases(actions),
        "server_response": spread([a.server_s for a in actions if a.server_s is not None]),
        "server_response_after_warmup": spread([a.server_s for a in actions
                                                if a.server_s is not None and a.at_s >= warmup]),
        "response_after_warmup": spread([a.seconds for a in actions
                                         if a.seconds is not None and a.at_s >= warmup]),
        "p95_within_goal": overall.get("p95_s", float("inf")) <= goal_s,
        "by_action": by(actions, "kind"),
        "by_page": by(actions, "page"),
        "slowest": [asdict(a) for a in sorted(
            (a for a in actions if a.seconds is not None), key=lambda a: -a.seconds)[:10]],
        "failed": [asdict(a) for a in actions if a.problems],
        # the server's CPU time per answer, whole run: its capacity, whatever else shares the box
        "server_cpu_s_per_answer": round((samples[-1]["server_cpu_s"] - samples[0]["server_cpu_s"])
                                         / max(1, len(answered)), 2),
        "memory": memory(samples, warmup=warmup, all_open=max(
            (a.at_s + a.seconds for a in actions if a.kind == "open" and a.seconds), default=0.0)),
        "cpu": cpu(samples, duration=duration),
    }


def chromium(folder: Path, *, nice: int = 0) -> str:
    """The Chromium to launch; with `nice`, a script in `folder` that starts it at that CPU
    priority, so every process and thread of it has it from the start."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("no Chromium found (apt-get install chromium)")
    if not nice:
        return found
    script = folder / "chromium-nice"
    script.write_text(f'#!/bin/sh\nexec nice -n {int(nice)} {shlex.quote(found)} "$@"\n')
    script.chmod(0o755)
    return str(script)


async def drive(url: str, server: psutil.Process, choices: Choices,
                load: Load) -> tuple[list[Session], list[dict], str]:
    """All sessions in one Chromium while the server is sampled: (sessions, samples, version)."""
    with tempfile.TemporaryDirectory() as folder:
        return await _drive(url, server, choices, load,
                            executable=chromium(Path(folder), nice=load.browser_nice))


async def _drive(url: str, server: psutil.Process, choices: Choices, load: Load, *,
                 executable: str) -> tuple[list[Session], list[dict], str]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable,
                                                   args=CHROMIUM_ARGS)
        began = time.monotonic()
        samples: list[dict] = []
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample(server, began, stop, samples))
        renicer = (asyncio.create_task(renice_renderers(server, load.renderer_nice, stop))
                   if load.renderer_nice else None)
        done = await asyncio.gather(*(run_session(browser, n, url, choices, load, began=began)
                                      for n in range(load.sessions)))
        stop.set()
        await sampler
        if renicer is not None:
            await renicer
        version = browser.version
        await browser.close()
    return list(done), samples, version


@contextlib.contextmanager
def streamlit_options(options: dict[str, str]) -> Iterator[None]:
    """Streamlit options (e.g. `server.fileWatcherType`: `none`) for a server started meanwhile,
    as the environment variables Streamlit reads (STREAMLIT_SERVER_FILE_WATCHER_TYPE)."""
    from streamlit import config

    known = config.get_config_options()
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise ValueError(f"not Streamlit options: {unknown} (see `streamlit config show`)")
    names = {known[option].env_var: value for option, value in options.items()}
    before = {name: os.environ.get(name) for name in names}
    os.environ.update(names)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


async def run_load(path: Path, load: Load = Load(), *, log: Path | None = None,
                   server_options: dict[str, str] | None = None) -> dict:
    """Serve the store at `path` (with Streamlit `server_options`), drive the load's users at
    it, and return the report: actions, errors, response times, the server's memory and CPU."""
    import streamlit

    choices = read_choices(path)
    log = log or Path(f"{path}.server.log")
    with store.connect(path) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    before = machine()
    # the dashboard logs every page run with its time (dashboard/timing.py)
    with streamlit_options(server_options or {}), \
            mock.patch.dict(os.environ, {"PRESSLENS_SLOW_RUN_S": "0.000001"}), \
            dashboard_server(path, output=log) as url:
        began = datetime.now(UTC)
        done, samples, version = await drive(url, find_server(url), choices, load)
    return {
        "benchmark": "concurrent browser sessions changing filters (headless Chromium)",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "store": {"path": str(path), "articles": articles, "actors_offered": len(choices.actors),
                  "topics": len(choices.topics), "sources": len(choices.sources),
                  "busy_span": [choices.first, choices.last]},
        "config": {**asdict(load), "server_options": server_options or {},
                   "weights": WEIGHTS, "max_filters": MAX_FILTERS, "poll_ms": POLL_MS},
        "machine": {**before, "chromium": version, "streamlit": streamlit.__version__},
        **summarise(done, samples, warmup=load.warmup, duration=load.duration),
        "server_log": server_log(log),
        "script_runs": script_runs(log, began=began, warmup=load.warmup),
        "samples": samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    for item in dataclasses.fields(Load):
        parser.add_argument(f"--{item.name.replace('_', '-')}", type=type(item.default),
                            default=item.default,
                            help=f"{item.metadata['help']} (default {item.default})")
    parser.add_argument("--out", type=Path, default=REPO / "bench/results/load_dashboard.json")
    parser.add_argument("--log", type=Path, help="the server's log (default STORE.server.log)")
    parser.add_argument("--server-option", action="append", default=[], metavar="NAME=VALUE",
                        help="a Streamlit option for the server, e.g. "
                             "server.fileWatcherType=none (repeatable)")
    args = parser.parse_args()
    load = Load(**{item.name: getattr(args, item.name) for item in dataclasses.fields(Load)})
    options = dict(option.split("=", 1) for option in args.server_option)
    report = asyncio.run(run_load(args.store, load, log=args.log, server_options=options))
    report["command"] = " ".join([".venv/bin/python", "bench/load_dashboard.py", *sys.argv[1:]])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    shown = {k: v for k, v in report.items() if k not in ("samples", "failed")}
    shown["failed"] = report["failed"][:10]
    print(json.dumps(shown, indent=2, default=str))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
