"""Does the protocol load test speak as a browser does? One scripted user, in Chromium and in
bench/streamlit_client.py, compared message by message and answer by answer.

Run: .venv/bin/python bench/load_protocol_check.py --store STORE [--repeat 3] [--no-pin]

Starts `presslens dashboard` on STORE (127.0.0.1, a free port, every page run in its log) and
plays one script of user actions: open the Overview, choose an actor, switch to Topics, choose
a topic, search a word, choose a date range, switch to Actors, Quotes and Articles, clear the
filters, switch back to the Overview, open a shared link to the Tone page. It plays it
`--repeat` times in each of two clients, taking turns: headless Chromium driven by Playwright
(clicks and keys in the page, one tab throughout, so that after the first play the app's
static files come from its cache) and the protocol client (the functions
bench/load_protocol.py's users call). Before each play the server's caches are cleared, so that
both clients make the server do the same work. One play of each comes first to warm up,
unmeasured. Unless `--no-pin`, the server gets core 0 and the clients the other cores, as if
the browser ran on the user's machine.

A step lasts until the page is quiet and no fragment is on a timer: a fragment announced with
`run_every` (the Topics page's text mining) is rerun by the client every interval until the
server is done with it, and those reruns belong to the step that caused them.

Compared, step by step:
- the BackMsg messages sent (Chromium's as its network stack reports them over the DevTools
  protocol), as protobuf JSON: every difference is listed. The messages of the user's action
  are compared one for one; the fragment reruns of the timer (`isAutoRerun`) are compared as
  the distinct messages sent, since how many the timer sends follows how long the server's
  mining took. Widget states are compared by id: their order in a message is the order the
  browser's widgets mounted, which follows which widget's code loaded first (a selectbox whose
  code is fetched on its first appearance mounts after a segmented control drawn below it),
  and the server reads them into a dict by id;
- the ForwardMsg messages received until the run finished (a count: a run stopped early for a
  rerun may send a few more or fewer);
- the answer time, from the first rerun request sent to the last `script_finished` of the run
  it caused (Chromium's from its network stack's timestamps, so without drawing), split with
  the server's log into the time before its page run began, the page run itself, and the time
  after the run ended until the client had the last message; and the server's CPU time.

Prints JSON and writes it to `--out` (default bench/results/load_protocol_check.json).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import dataclasses
import json
import os
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode

import psutil
from google.protobuf.json_format import MessageToDict
from playwright.async_api import async_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.load_common import logged_runs, process_tree, read_choices, usage  # noqa: E402
from bench.load_protocol import (  # noqa: E402
    CLEAR_LABEL,
    add_option,
    choose_dates,
    press,
    server_process,
    sidebar,
    type_search,
)
from bench.streamlit_client import (  # noqa: E402
    Answer,
    BackMsg,
    ForwardMsg,
    Session,
    clear_server_caches,
)
from tests.browser.conftest import CHROMIUM_ARGS, LOCAL_TOKEN, dashboard_server, entered  # noqa: E402

SEARCH_WORD = "oil"
# what is compared of each step, after the messages sent
FIELDS = ("received", "seconds", "server_run_s", "to_run_s", "after_run_s", "server_cpu_s")
STEP_TIMEOUT_MS = 60_000
FULL_RUN_ENDS = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
QUIET_S = 0.5  # how long no frame must come before a step is over
# the server logs a run's end before the client has its last message; a timer's next rerun
# comes a second later
LOG_SLACK = timedelta(seconds=0.25)


@dataclass(frozen=True)
class Step:
    """One user action: its kind and what it names (a filter field, a page, a value)."""

    kind: str  # open, pick, page, search, dates, clear, link
    name: str = ""  # pick: the filter field; page: the page
    value: str = ""  # pick: the option; search: the word; dates: start..end; link: path?query

    def __str__(self) -> str:
        return " ".join(part for part in (self.kind, self.name, self.value) if part)


@dataclass
class Played:
    """What one client did in one step: the BackMsg messages it sent (serialised), the
    ForwardMsg messages it received until the run finished, and the answer time."""

    sent: list[bytes]
    received: int
    seconds: float | None
    server_cpu_s: float = 0.0  # the server's CPU time from before the action to the answer
    cached: list[str] = dataclasses.field(default_factory=list)  # cacheable messages received
    window: tuple[datetime, datetime] | None = None  # when the step began and ended (UTC)
    answer: tuple[datetime, datetime] | None = None  # request sent, run's end received (UTC)
    # from the server's log: its own time for the step's page runs, and the answer's time
    # before the first run began (the request, the app's own script) and after the last ended
    server_run_s: float | None = None
    to_run_s: float | None = None
    after_run_s: float | None = None

    def place(self, runs: list[tuple[str, float, datetime]]) -> None:
        """Fill the server's share of the answer from its logged page runs (those that ended
        by the answer's end: not the runs of a fragment's timer after it)."""
        last = min(self.window[1], self.answer[1] + LOG_SLACK) if self.answer else self.window[1]
        mine = [(ended - timedelta(seconds=s), ended) for _, s, ended in runs
                if self.window[0] <= ended <= last]
        self.server_run_s = round(sum((b - a).total_seconds() for a, b in mine), 3)
        if mine and self.answer:
            self.to_run_s = round((mine[0][0] - self.answer[0]).total_seconds(), 3)
            self.after_run_s = round((self.answer[1] - mine[-1][1]).total_seconds(), 3)


async def script(url: str, store: Path) -> tuple[list[Step], dict[str, str]]:
    """The steps, with options the server offers (the first actor and topic in the sidebar),
    and the sidebar's labels of the filter fields the steps pick."""
    session = Session(url)
    await session.enter(LOCAL_TOKEN)
    await session.open()
    actor, topic = (sidebar(session, name).element.options[0] for name in ("actors", "topics"))
    labels = {name: sidebar(session, name).element.label for name in ("actors", "topics")}
    tone = session.pages["Tone"].url_pathname
    await session.close()
    busy = read_choices(store)
    start = busy.first + timedelta(days=1)
    end = min(start + timedelta(days=7), busy.last - timedelta(days=1))
    steps = [Step("open"), Step("pick", "actors", actor), Step("page", "Topics"),
             Step("pick", "topics", topic), Step("search", value=SEARCH_WORD)]
    if end > start:  # a store of a few days has no range strictly inside
        steps.append(Step("dates", value=f"{start}..{end}"))
    link = f"{tone}?{urlencode({'actors': actor})}"
    steps += [Step("page", "Actors"), Step("page", "Quotes"), Step("page", "Articles"),
              Step("clear"), Step("page", "Overview"), Step("link", value=link)]
    return steps, labels


# -- the protocol client ------------------------------------------------------------------------

async def protocol_step(session: Session, step: Step) -> Answer:
    if step.kind == "open":
        return await session.open()
    if step.kind == "link":
        path, _, query = step.value.partition("?")
        return await session.open(path, query)
    if step.kind == "pick":
        return await add_option(session, step.name, step.value)
    if step.kind == "search":
        return await type_search(session, step.value)
    if step.kind == "dates":
        start, end = (date.fromisoformat(d) for d in step.value.split(".."))
        return await choose_dates(session, start, end)
    if step.kind == "clear":
        return await press(session, CLEAR_LABEL)
    return await session.goto(step.name)


async def play_protocol(url: str, steps: list[Step], server: psutil.Process) -> list[Played]:
    session = Session(url, record=True)
    await session.enter(LOCAL_TOKEN)
    played = []
    for step in steps:
        before, cpu, began = len(session.sent), server_cpu(server), datetime.now(UTC)
        answer = await protocol_step(session, step)
        if answer.problems:
            raise RuntimeError(f"protocol client, step {step}: {answer.problems}")
        now = datetime.now(UTC)
        used = server_cpu(server) - cpu
        # as Chromium's play waits after each answer, for quiet and the fragments' timers: the
        # server cleans up after a run (a full garbage collection), which would otherwise delay
        # the next request, and the timers' reruns belong to this step
        await session.settled(QUIET_S)
        played.append(Played(session.sent[before:], answer.messages, answer.seconds,
                             round(used, 3), answer.cached, (began, datetime.now(UTC)),
                             (now - timedelta(seconds=answer.seconds), now)))
    await session.close()
    return played


def server_cpu(server: psutil.Process) -> float:
    return usage(process_tree(server))[1]


# -- Chromium -------------------------------------------------------------------------------------

class Tab:
    """A Chromium tab on the app, with the app's websocket frames as its network stack saw them:
    (what, timestamp s, payload) for each BackMsg sent and each ForwardMsg received."""

    def __init__(self, page, url: str, labels: dict[str, str]) -> None:
        self.page, self.url, self.labels = page, url, labels
        self.frames: list[tuple[str, float, bytes]] = []
        self.timers: set[str] = set()  # fragments the frontend reruns on a timer
        self.clock = 0.0  # wall clock (s since 1970) less the DevTools timestamps
        self.loading: set = set()  # HTTP requests under way (Playwright's Request objects)

    async def listen(self, context) -> None:
        cdp = await context.new_cdp_session(self.page)
        cdp.on("Network.webSocketFrameSent", lambda event: self.frame(event, "sent"))
        cdp.on("Network.webSocketFrameReceived", lambda event: self.frame(event, "received"))
        cdp.on("Network.requestWillBeSent", self.request)
        # requests under way as Playwright sees them: DevTools announces a module the page
        # already holds (a dynamic import of it again) and never says it finished
        self.page.on("request", lambda request: self.loading.add(request))
        for done in ("requestfinished", "requestfailed"):
            self.page.on(done, lambda request: self.loading.discard(request))
        await cdp.send("Network.enable")

    def request(self, event: dict) -> None:
        self.clock = event["wallTime"] - event["timestamp"]

    def frame(self, event: dict, what: str) -> None:
        response = event.get("response", {})
        if response.get("opcode") == 2:  # Streamlit's messages are binary frames
            payload = base64.b64decode(response.get("payloadData", ""))
            if what == "received":
                what = _kind(payload)
                self.follow_timers(ForwardMsg.FromString(payload))
            self.frames.append((what, event["timestamp"], payload))

    def follow_timers(self, msg: ForwardMsg) -> None:
        """Which fragments the frontend has on a timer, as it sets and clears them."""
        kind = msg.WhichOneof("type")
        if kind == "auto_rerun":
            self.timers.add(msg.auto_rerun.fragment_id)
        elif kind == "stop_auto_rerun":
            self.timers.difference_update(msg.stop_auto_rerun.fragment_ids)
        elif kind == "new_session" and not msg.metadata.run.fragment_ids:
            self.timers.clear()

    async def play(self, step: Step, server: psutil.Process) -> Played:
        mark, cpu, began = len(self.frames), server_cpu(server), datetime.now(UTC)
        await self.act(step)
        deadline = time.monotonic() + STEP_TIMEOUT_MS / 1000
        while not any(what == "finished" for what, _, _ in self.frames[mark:]):
            if time.monotonic() > deadline:
                raise RuntimeError(f"Chromium, step {step}: no run finished within "
                                   f"{STEP_TIMEOUT_MS / 1000:.0f} s")
            await asyncio.sleep(0.05)
        used = server_cpu(server) - cpu
        await self.settle()
        played = _played(self.frames[mark:])
        return dataclasses.replace(
            played, server_cpu_s=round(used, 3), window=(began, datetime.now(UTC)),
            answer=tuple(datetime.fromtimestamp(at + self.clock, UTC) for at in played.answer))

    async def settle(self) -> None:
        """Leave the widget just used (as bench/load_dashboard.py's users do), then wait until
        the app is idle, the code of every element drawn has loaded (a widget reports its value
        only once drawn, and a first visit loads each kind's code when it first appears), no
        fragment is on a timer and no frame has come for half a second: a rerun the browser
        sends on its own afterwards belongs to this step."""
        await self.page.keyboard.press("Escape")
        await self.page.evaluate("document.activeElement?.blur()")
        await self.page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=STEP_TIMEOUT_MS)
        count, deadline = -1, time.monotonic() + STEP_TIMEOUT_MS / 1000
        while ((count != len(self.frames) or self.loading or self.timers)
               and time.monotonic() < deadline):
            count = len(self.frames)
            await asyncio.sleep(QUIET_S)

    async def act(self, step: Step) -> None:
        page = self.page
        side = page.locator('[data-testid="stSidebar"]')
        if step.kind in ("open", "link", "page"):  # a new page stops the frontend's timers
            self.timers.clear()
        if step.kind in ("open", "link"):
            await page.goto(f"{self.url}/{step.value}")
        elif step.kind == "pick":
            box = side.locator('[data-testid="stMultiSelect"]').filter(has=page.locator(
                '[data-testid="stWidgetLabel"]', has_text=self.labels[step.name]))
            await box.locator("input").fill(step.value)
            await page.get_by_role("option", name=step.value, exact=True).click()
        elif step.kind == "search":
            box = side.get_by_label("Search text", exact=True)
            await box.fill(step.value)
            await box.press("Enter")
        elif step.kind == "dates":
            field = side.locator('[data-testid="stDateInput"]')
            for end, day in zip(("start", "end"), step.value.split(".."), strict=True):
                await field.locator(f'[data-range-field="{end}"] [data-type="year"]').click()
                await page.keyboard.type(day.replace("-", ""))  # year, month, day segments
            await page.keyboard.press("Escape")  # closing the calendar applies the range
        elif step.kind == "clear":
            await side.get_by_role("button", name=CLEAR_LABEL).click()
        else:
            await page.locator('[data-testid="stTopNavLink"]').filter(
                has_text=step.name).first.click()


def _kind(payload: bytes) -> str:
    """"finished" (the end of a run of the whole app), "cacheable <hash>" or "received", for a
    ForwardMsg (a fragment's run ends with "received")."""
    msg = ForwardMsg.FromString(payload)
    if msg.WhichOneof("type") == "script_finished" and msg.script_finished in FULL_RUN_ENDS:
        return "finished"
    return f"cacheable {msg.hash}" if msg.metadata.cacheable else "received"


def _played(frames: list[tuple[str, float, bytes]]) -> Played:
    """A step's frames: the answer runs from the first request to the end of the first run of
    the whole app after it (as the protocol client times it; the fragment reruns of a timer,
    and the runs they cause, come after)."""
    sent = [(at, payload) for what, at, payload in frames if what == "sent"]
    first = sent[0][0] if sent else None
    finished = [at for what, at, _ in frames if what == "finished"]
    end = next((at for at in finished if first is not None and at >= first), finished[-1])
    received = [what for what, at, _ in frames if what != "sent"
                and first is not None and first <= at <= end]
    seconds = round(end - first, 4) if first is not None else None
    return Played([payload for _, payload in sent], len(received), seconds,
                  cached=[what.split()[1] for what in received if what.startswith("cacheable")],
                  answer=(first, end))


async def chromium_tab(browser, url: str, labels: dict[str, str]) -> Tab:
    """One tab for every play: after the first, Chromium has the app's static files in its
    cache, as a returning user has (and as the protocol client assumes)."""
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(STEP_TIMEOUT_MS)
    tab = Tab(await context.new_page(), url, labels)
    await tab.listen(context)
    await tab.page.goto(entered(url))  # the access token once: its cookie then lets it in
    return tab


# -- comparing ------------------------------------------------------------------------------------

def as_json(payload: bytes) -> dict:
    """A BackMsg as protobuf JSON, its widget states in the order of their ids (see the
    module's docstring)."""
    message = MessageToDict(BackMsg.FromString(payload))
    states = message.get("rerunScript", {}).get("widgetStates", {})
    if "widgets" in states:
        states["widgets"].sort(key=lambda state: state["id"])
    return message


def by_whom(payloads: list[bytes]) -> tuple[list[dict], list[dict]]:
    """A step's messages as JSON: the user's, and the distinct fragment reruns of a timer."""
    messages = [as_json(p) for p in payloads]
    timed = [m for m in messages if m.get("rerunScript", {}).get("isAutoRerun")]
    return ([m for m in messages if m not in timed],
            [m for i, m in enumerate(timed) if m not in timed[:i]])


def differences(left: object, right: object, path: str = "") -> list[str]:
    """Where two JSON values differ, as paths ("rerunScript.widgetStates.widgets[3].id: …")."""
    if isinstance(left, dict) and isinstance(right, dict):
        return [d for key in sorted(set(left) | set(right))
                for d in differences(left.get(key), right.get(key), f"{path}.{key}".lstrip("."))]
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        return [d for i, (a, b) in enumerate(zip(left, right, strict=True))
                for d in differences(a, b, f"{path}[{i}]")]
    return [] if left == right else [f"{path}: Chromium {left!r}, protocol {right!r}"]


def compare(steps: list[Step], chromium: list[Played], protocol: list[Played]) -> list[dict]:
    """Per step: both clients' messages sent, their differences, messages received, times."""
    rows = []
    for step, ours, theirs in zip(steps, protocol, chromium, strict=True):
        (sent_c, timer_c), (sent_p, timer_p) = by_whom(theirs.sent), by_whom(ours.sent)
        rows.append({"step": str(step), "sent": {"chromium": len(sent_c), "protocol": len(sent_p)},
                     "auto_reruns": {"chromium": len(theirs.sent) - len(sent_c),
                                     "protocol": len(ours.sent) - len(sent_p)},
                     "differences": differences(sent_c, sent_p) + [
                         f"auto rerun {d}" for d in differences(timer_c, timer_p)],
                     # the server's large messages, by hash: the same for both, or not
                     "answered_alike": theirs.cached == ours.cached,
                     **{field: {"chromium": getattr(theirs, field),
                                "protocol": getattr(ours, field)}
                        for field in FIELDS}})
    return rows


def explained(rows: list[dict]) -> list[str]:
    """Steps of one round whose only differences are the hashes of cached messages, after a
    step in which the server sent the two clients different large messages (it does: the
    last bit of a float that DuckDB sums in parallel): the clients cached what they got."""
    found, told_apart = [], False
    for row in rows:
        if row["differences"] and told_apart and all(
                ".cachedMessageHashes" in d for d in row["differences"]):
            found.append(row["step"])
        told_apart = told_apart or not row["answered_alike"]
    return found


def unexplained(rows: list[dict]) -> list[str]:
    """Steps of one round in which the clients sent different messages, not explained."""
    ok = set(explained(rows))
    return [row["step"] for row in rows if row["step"] not in ok and (
        row["differences"] or row["sent"]["chromium"] != row["sent"]["protocol"])]


def timing(steps: list[Step], rounds: list[list[dict]]) -> dict:
    """Median answer time and server CPU per step over the measured rounds, each client; the
    totals of each round."""
    clients = ("chromium", "protocol")
    per_step = []
    for i, step in enumerate(steps):
        row = {"step": str(step)}
        for field in FIELDS[1:]:
            for who in clients:
                row[f"{who}_{field}"] = round(statistics.median(
                    r[i][field][who] or 0.0 for r in rounds), 3)
        per_step.append(row)
    totals = {f"{who}_{field}": [round(sum(row[field][who] or 0.0 for row in r), 2)
                                 for r in rounds]
              for field in FIELDS[1:] for who in clients}
    return {"per_step_median": per_step, "totals_per_round": totals}


async def check(url: str, store: Path, *, log: Path, repeat: int, warmup: bool = True,
                pin: bool = True) -> dict:
    """Play the script in both clients, `repeat` measured rounds (after one warm-up round);
    with `pin`, the server on a core of its own (see `pin_apart`). `log` is the server's log,
    with every page run timed."""
    server = server_process(url)
    cores = pin_apart(server) if pin else {"pinned": False}
    steps, labels = await script(url, store)
    plays = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium(),
                                                   args=CHROMIUM_ARGS)
        tab = await chromium_tab(browser, url, labels)
        for round_ in range(repeat + warmup):
            played = {}
            order = ("chromium", "protocol") if round_ % 2 == 0 else ("protocol", "chromium")
            for who in order:
                await clear_server_caches(url, token=LOCAL_TOKEN)
                played[who] = ([await tab.play(step, server) for step in steps]
                               if who == "chromium" else
                               await play_protocol(url, steps, server))
            plays.append(played)
        await browser.close()
    runs = logged_runs(log)
    for item in (p for played in plays for steps_played in played.values()
                 for p in steps_played):
        item.place(runs)
    rounds = [compare(steps, played["chromium"], played["protocol"]) for played in plays]
    measured = rounds[warmup:] or rounds
    return {"steps": [str(s) for s in steps],
            "same_messages": not any(unexplained(r) for r in rounds),
            "explained_differences": sum(len(explained(r)) for r in rounds),
            "load_average": [round(x, 2) for x in os.getloadavg()], "cores": cores,
            "rounds": rounds, "timing": timing(steps, measured)}


def pin_apart(server: psutil.Process) -> dict:
    """Give the server core 0 and this process (with the Chromium it starts from now on) the
    other cores: as if the browser ran on the user's own machine, it no longer takes the
    server's CPU (other users of the machine still may)."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return {"pinned": False, "why": f"only {len(cores)} core"}
    for process in process_tree(server):
        for thread in process.threads():  # a new thread inherits its starter's cores
            os.sched_setaffinity(thread.id, {cores[0]})
    os.sched_setaffinity(0, set(cores[1:]))
    return {"pinned": True, "server_cores": cores[:1], "clients_cores": cores[1:]}


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("no Chromium found (apt-get install chromium)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3, help="measured rounds (default 3)")
    parser.add_argument("--no-pin", dest="pin", action="store_false",
                        help="let Chromium and the server share every core")
    parser.add_argument("--out", type=Path,
                        default=REPO / "bench/results/load_protocol_check.json")
    args = parser.parse_args()
    log = args.out.with_suffix(".server.log")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with mock.patch.dict(os.environ, {"PRESSLENS_SLOW_RUN_S": "0.000001"}), \
            dashboard_server(args.store, output=log) as url:
        report = asyncio.run(check(url, args.store, log=log, repeat=args.repeat,
                                   pin=args.pin))
    report["command"] = " ".join([".venv/bin/python", "bench/load_protocol_check.py",
                                  *sys.argv[1:]])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "rounds"}, indent=2))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
