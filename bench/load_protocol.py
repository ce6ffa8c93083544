"""Load test without browsers: simulated users speaking Streamlit's protocol to one dashboard.

Run: .venv/bin/python bench/load_protocol.py --store STORE --sessions 20 --seconds 120 --json
     .venv/bin/python bench/load_protocol.py --url 'http://127.0.0.1:8501/?token=T' --json

With `--store` it starts `presslens dashboard` on a free 127.0.0.1 port (its log, with every
page run timed, goes to STORE.protocol.log); with `--url` it loads a server already running
there, and every page it opens carries the URL's query parameters (and each `--param`), e.g. an
access token. Each session is one user in their own browser tab, without the browser
(bench/streamlit_client.py): it opens the Overview, then, after a pause of 0.5 to 1.5 times
`--think` seconds, makes one change at a time as a reader does in the sidebar (an actor, a topic
or a source more; a date range; a search word; "Clear all filters" once three filters are set),
switches page, or opens a shared link (a page with filters in its URL, a new connection). The
changes are the widget states Streamlit's frontend sends (bench/load_protocol_check.py compares
them with Chromium's). An action is timed from its request sent to the end of the run it caused
(the `script_finished` message). An exception or `st.error` box on the page, an answer that
does not show the change (the filters in the URL, the page's title), a lost connection or no
answer within 60 s is an error.

The first `--warmup` seconds (sessions arriving, caches filling) are not measured; then
`--seconds` are. The server's CPU time and memory (psutil, with its child processes) are read
every second; the load generator's own CPU is reported too, as it shares the machine. Prints a
summary (`--json`: one JSON object) and writes the whole report to `--out`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qsl, urlencode, urlsplit

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analysis.query.filters import Filters  # noqa: E402
from analysis.query.links import from_params, to_params  # noqa: E402
from bench.load_common import (  # noqa: E402
    MAX_FILTERS,
    SEARCH_WORDS,
    WEIGHTS,
    date_range,
    machine,
    process_tree,
    read_choices,
    read_runs,
    run_cpu,
    script_runs,
    server_log,
    spread,
    usage,
)
from bench.streamlit_client import Answer, Session, Widget, WidgetState  # noqa: E402
from dashboard.state import WIDGET_KEYS  # noqa: E402
from tests.browser.conftest import LOCAL_TOKEN, dashboard_server  # noqa: E402

# what a pick adds to: the action kind's sidebar filter (a key of WIDGET_KEYS, a Filters field)
PICKS = {"actor": "actors", "topic": "topics", "source": "sources"}
TOP_OPTIONS = 40  # a user picks among the first options offered (the most frequent)
SKIPPED_PAGES = {"Upload"}  # an editor's page that changes the store: not part of this load
CLEAR_LABEL = "Clear all filters"


# -- what a user does, in protocol terms (also used by bench/load_protocol_check.py) ----------

def sidebar(session: Session, name: str) -> Widget:
    """The sidebar widget of filter field `name` (dashboard/state.py WIDGET_KEYS)."""
    found = session.widget(WIDGET_KEYS[name])
    if found is None:
        raise LookupError(f"no sidebar widget {WIDGET_KEYS[name]!r} on page {session.title!r}; "
                          f"drawn: {sorted(w.key for w in session.widgets.values())}")
    return found


async def add_option(session: Session, name: str, option: str) -> Answer:
    """Choose one more option in the sidebar multiselect of filter field `name`."""
    widget = sidebar(session, name)
    state = WidgetState()
    state.string_array_value.data.extend([*session.states[widget.id].string_array_value.data,
                                          option])
    return await session.change(widget.id, state)


async def type_search(session: Session, word: str) -> Answer:
    """Type `word` into the sidebar's search box and press Enter."""
    return await session.change(sidebar(session, "search").id, WidgetState(string_value=word))


async def choose_dates(session: Session, start: date, end: date) -> Answer:
    """Pick the range `start`..`end` in the sidebar's date input."""
    state = WidgetState()
    state.string_array_value.data.extend([start.isoformat(), end.isoformat()])
    return await session.change(sidebar(session, "dates").id, state)


async def press(session: Session, label: str) -> Answer:
    """Press the button labelled `label`."""
    for widget in session.widgets.values():
        if widget.kind == "button" and widget.element.label == label:
            return await session.click(widget.id)
    raise LookupError(f"no button {label!r} on page {session.title!r}")


def widget_span(session: Session) -> tuple[date, date] | None:
    """The dates the sidebar's date input allows (used when no store is given); None when the
    store has no dated article, and so no date input."""
    found = session.widget(WIDGET_KEYS["dates"])
    if found is None:
        return None
    return date.fromisoformat(found.element.min), date.fromisoformat(found.element.max)


def filters_of(query: str) -> Filters:
    return from_params(dict(parse_qsl(query)))[0]


# -- one simulated user ------------------------------------------------------------------------

@dataclass
class Action:
    """One timed action of one session."""

    session: int
    kind: str
    page: str  # the page the answer is on
    detail: str
    at_s: float  # when it was sent, seconds since the test began
    seconds: float | None = None
    runs: int = 0
    messages: int = 0
    kib: float = 0.0
    problems: list[str] = field(default_factory=list)
    sent_at: float = 0.0  # when it was sent, seconds since the epoch (to match the server's log)
    server_session: str = ""  # the server's id of the session that answered
    cpu_s: float | None = None  # the server's CPU for it, from its log (see run_cpu)

    def unanswered(self) -> bool:
        return any(p.startswith(("not answered", "connection", "page load", "not connected"))
                   for p in self.problems)


@dataclass(frozen=True)
class Load:
    """How hard to push: users, how long, their pauses, what every page load carries."""

    sessions: int = 1
    seconds: float = 60.0  # measured, after the warm-up
    warmup: float = 15.0
    think: float = 5.0  # mean pause between a user's actions (uniform 0.5x to 1.5x)
    ramp: float | None = None  # seconds over which the users arrive (default: think)
    seed: int = 0
    params: tuple[tuple[str, str], ...] = ()  # query parameters of every page load, e.g. a token
    min_actions: int = 0  # actions each user makes after the first page, even past the time

    @property
    def arrival(self) -> float:
        return self.think if self.ramp is None else self.ramp


class User:
    """One simulated user: their tab, their random choices, the actions they timed."""

    def __init__(self, number: int, url: str, load: Load, *, span: tuple[date, date] | None,
                 began: float) -> None:
        self.number, self.load, self.span, self.began = number, load, span, began
        self.session = Session(url)
        self.rng = random.Random(load.seed * 1000 + number)
        self.actions: list[Action] = []

    def filters(self) -> Filters:
        return filters_of(self.session.query)

    def pages(self) -> list[str]:
        return [p for p in self.session.pages if p not in SKIPPED_PAGES] or ["Overview"]

    async def timed(self, kind: str, detail: str, request: Awaitable[Answer],
                    expect: Callable[[Answer], list[str]]) -> Action:
        """Send the request, wait for the answer, check it shows what was asked."""
        action = Action(self.number, kind, "", detail, round(time.monotonic() - self.began, 2),
                        sent_at=time.time())
        self.actions.append(action)
        answer = await request
        action.server_session = self.session.session_id
        action.page, action.seconds, action.runs = answer.page, answer.seconds, answer.runs
        action.messages, action.kib = answer.messages, round(answer.bytes / 1024, 1)
        action.problems.extend(answer.problems)
        if not answer.problems:
            action.problems.extend(expect(answer))
        return action

    def next_kind(self) -> str:
        f = self.filters()
        count = (len(f.actors) + len(f.topics) + len(f.sources) + bool(f.search)
                 + (f.start is not None or f.end is not None))
        if count >= MAX_FILTERS:
            return "clear"
        kinds = list(WEIGHTS)
        return self.rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]

    async def act(self) -> Action:
        """One random action (a clear once MAX_FILTERS are set); one that cannot even start,
        such as a widget not drawn, is recorded with its problem."""
        kind = self.next_kind()
        try:
            if kind in PICKS:
                return await self.pick(kind)
            return await {"dates": self.dates, "search": self.search, "clear": self.clear,
                          "page": self.switch_page, "link": self.open_link}[kind]()
        except Exception as err:  # a failure of this client is an error of the run, not a crash
            action = Action(self.number, kind, self.session.page, "",
                            round(time.monotonic() - self.began, 2),
                            problems=[f"could not start: {type(err).__name__}: {err}"])
            self.actions.append(action)
            return action

    async def pick(self, kind: str) -> Action:
        name = PICKS[kind]
        chosen = getattr(self.filters(), name)
        offered = [o for o in sidebar(self.session, name).element.options if o not in chosen]
        if not offered:  # e.g. the only source is chosen already: the user looks elsewhere
            return await self.switch_page()
        option = self.rng.choice(offered[:TOP_OPTIONS])
        return await self.timed(kind, option, add_option(self.session, name, option),
                                lambda a: [] if option in getattr(filters_of(a.query), name)
                                else [f"URL query {a.query!r} lacks {name} {option!r}"])

    def date_range(self) -> tuple[date, date] | None:
        """A random range inside the store's busy span, None if it has no room for one."""
        span = self.span or widget_span(self.session)
        return date_range(*span, self.rng) if span else None

    async def dates(self) -> Action:
        picked = self.date_range()
        if picked is None:  # a store with no dates, or dates of one day: nothing to narrow
            return await self.switch_page()
        start, end = picked

        def shown(answer: Answer) -> list[str]:
            f = filters_of(answer.query)
            return [] if (f.start, f.end) == (start, end) else [
                f"URL query {answer.query!r} does not show {start}..{end}"]
        return await self.timed("dates", f"{start}..{end}",
                                choose_dates(self.session, start, end), shown)

    async def search(self) -> Action:
        word = self.rng.choice([w for w in SEARCH_WORDS if w != self.filters().search])
        return await self.timed("search", word, type_search(self.session, word),
                                lambda a: [] if filters_of(a.query).search == word
                                else [f"URL query {a.query!r} does not search {word!r}"])

    async def clear(self) -> Action:
        return await self.timed("clear", "", press(self.session, CLEAR_LABEL),
                                lambda a: [] if filters_of(a.query).is_empty()
                                else [f"URL query {a.query!r} still has filters"])

    async def switch_page(self) -> Action:
        name = self.rng.choice([p for p in self.pages() if p != self.session.page] or ["Overview"])
        return await self.timed("page", name, self.session.goto(name), titled(name))

    async def open_link(self, *, kind: str = "link") -> Action:
        """Load a page by its URL in a new connection: the Overview (`kind` "open"), or a shared
        link to a random page with an actor and maybe a date range."""
        name, filters = "Overview", Filters()
        if kind == "link":
            name = self.rng.choice(self.pages())
            actors = sidebar(self.session, "actors").element.options[:TOP_OPTIONS]
            picked = self.date_range()
            filters = Filters(actors=(self.rng.choice(actors),) if actors else (),
                              **(dict(zip(("start", "end"), picked, strict=True))
                                 if picked and self.rng.random() < 0.5 else {}))
        path = self.session.pages[name].url_pathname if name in self.session.pages else ""
        query = urlencode([*self.load.params, *to_params(filters).items()])
        return await self.timed(kind, f"/{path}?{query}".rstrip("?"),
                                self.session.open(path, query), titled(name))


def titled(name: str) -> Callable[[Answer], list[str]]:
    """A check that the answer is page `name` with its title."""
    def check(answer: Answer) -> list[str]:
        if answer.page == name and answer.title == name:
            return []
        return [f"page {answer.page!r} titled {answer.title!r}, expected {name!r}"]
    return check


async def run_user(number: int, url: str, load: Load, *, span: tuple[date, date] | None,
                   began: float) -> User:
    """One user: arrives, opens the Overview, then pauses and acts until the time is up (after
    a failed action, as a person would, they load the Overview again)."""
    await asyncio.sleep(load.arrival * number / load.sessions)
    user = User(number, url, load, span=span, began=began)
    until = began + load.warmup + load.seconds
    action, acted = await user.open_link(kind="open"), 0
    while True:
        await asyncio.sleep(user.rng.uniform(0.5, 1.5) * load.think)
        if time.monotonic() >= until and acted >= load.min_actions:
            break
        action = await (user.open_link(kind="open") if action.problems else user.act())
        acted += 1
    await user.session.close()
    return user


# -- the server's side and the report ---------------------------------------------------------

def server_process(url: str) -> psutil.Process | None:
    """The process listening on `url`'s port on this machine, if any."""
    return next(iter(server_processes([urlsplit(url).port or 80])), None)


def server_processes(ports: list[int]) -> list[psutil.Process]:
    """The processes listening on `ports` on this machine (the server, or the dashboards
    behind a proxy)."""
    found = {conn.pid for conn in psutil.net_connections("tcp")
             if conn.status == psutil.CONN_LISTEN and conn.laddr.port in ports and conn.pid}
    return [psutil.Process(pid) for pid in sorted(found)]


def snapshot(servers: list[psutil.Process], began: float) -> dict:
    """The servers' RSS (MiB) and CPU time (s, with their children), this process's CPU time,
    the machine's load average, at a moment (seconds since the test began)."""
    rss, cpu = (usage([p for server in servers for p in process_tree(server)]) if servers
                else (None, None))
    times = psutil.Process().cpu_times()
    return {"t": round(time.monotonic() - began, 2),
            "server_rss_mb": rss and round(rss, 1), "server_cpu_s": cpu and round(cpu, 2),
            "client_cpu_s": round(times.user + times.system, 2),
            "load_average": round(os.getloadavg()[0], 2)}


async def sample(servers: list[psutil.Process], began: float, stop: asyncio.Event,
                 into: list[dict]) -> None:
    """A snapshot every second until `stop`."""
    while not stop.is_set():
        into.append(snapshot(servers, began))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)
    into.append(snapshot(servers, began))


async def drive(url: str, load: Load, *, span: tuple[date, date] | None,
                servers: list[psutil.Process]) -> tuple[list[User], list[dict]]:
    """All users at once while the servers are sampled: (users, snapshots)."""
    began = time.monotonic()
    samples: list[dict] = [snapshot(servers, began)]
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample(servers, began, stop, samples))
    users = await asyncio.gather(*(run_user(n, url, load, span=span, began=began)
                                   for n in range(load.sessions)))
    stop.set()
    await sampler
    return list(users), samples


def by(actions: list[Action], key: str) -> dict:
    """Answer times per action kind or per page."""
    return {group: spread([a.seconds for a in actions if getattr(a, key) == group])
            for group in sorted({getattr(a, key) for a in actions})}


def resources(samples: list[dict], *, warmup: float, actions: int) -> dict:
    """The server's CPU per measured action and its memory; this process's CPU."""
    after = [s for s in samples if s["t"] >= warmup] or samples[-1:]
    first, last = after[0], samples[-1]
    wall = max(last["t"] - first["t"], 1e-9)
    out = {"client_cpu_s": round(last["client_cpu_s"] - samples[0]["client_cpu_s"], 1),
           "client_mean_cores": round((last["client_cpu_s"] - first["client_cpu_s"]) / wall, 2),
           "load_average_max": max(s["load_average"] for s in samples)}
    if last["server_cpu_s"] is None:
        return {**out, "server_cpu_s_per_action": None, "server_rss_mb_start": None,
                "server_rss_mb_end": None}
    cpu = last["server_cpu_s"] - first["server_cpu_s"]
    rss = [s["server_rss_mb"] for s in samples]
    return {**out, "server_cpu_s_per_action": round(cpu / max(actions, 1), 3),
            "server_mean_cores": round(cpu / wall, 2),
            "server_rss_mb_start": rss[0], "server_rss_mb_after_warmup": first["server_rss_mb"],
            "server_rss_mb_end": rss[-1], "server_rss_mb_max": max(rss),
            "server_rss_growth_after_warmup_pct": round(
                100 * (rss[-1] - first["server_rss_mb"]) / first["server_rss_mb"], 1)}


def attribute_cpu(users: list[User], log: Path) -> None:
    """Each action's server CPU, from the runs in the server's log (bench/load_common.run_cpu)."""
    runs = read_runs(log)
    for user in users:
        cpu = run_cpu([(a.server_session, a.sent_at) for a in user.actions], runs)
        for action, seconds in zip(user.actions, cpu, strict=True):
            action.cpu_s = seconds


def run_cpu_summary(answered: list[Action], server_cpu_s: float | None) -> dict:
    """Median and 95th percentile of the server CPU per action from its log, and the share of
    the server's whole CPU (psutil) in the measured time that these per-action figures hold."""
    cpu = [a.cpu_s for a in answered if a.cpu_s is not None]
    if not cpu:
        return {"server_cpu_s_per_action_median": None}
    cuts = statistics.quantiles(cpu, n=20, method="inclusive") if len(cpu) > 1 else cpu * 19
    return {"server_cpu_s_per_action_median": round(statistics.median(cpu), 3),
            "server_cpu_s_per_action_p95": round(cuts[18], 3),
            "server_run_cpu_actions": len(cpu),
            "server_run_cpu_share_pct": round(100 * sum(cpu) / server_cpu_s, 1)
            if server_cpu_s else None,
            "server_cpu_s_median_by_page": {
                page: round(statistics.median(c), 3) for page in sorted({a.page for a in answered})
                if (c := [a.cpu_s for a in answered if a.page == page and a.cpu_s is not None])}}


def summarise(users: list[User], samples: list[dict], load: Load) -> dict:
    """The report's numbers: actions measured after the warm-up, errors over the whole run."""
    actions = [a for u in users for a in u.actions]
    measured = [a for a in actions if a.at_s >= load.warmup]
    answered = [a for a in measured if a.seconds is not None]
    times = spread([a.seconds for a in answered])
    failed = [a for a in actions if a.problems]
    used = resources(samples, warmup=load.warmup, actions=len(answered))
    per_action = used["server_cpu_s_per_action"]
    return {
        "sessions": load.sessions, "actions": len(measured),
        "errors": len(failed), "unanswered": len([a for a in failed if a.unanswered()]),
        "warmup_actions": len(actions) - len(measured),
        **{k: times.get(k) for k in ("p50_s", "p95_s", "p99_s", "max_s")},
        "throughput_actions_per_s": round(len(answered) / load.seconds, 3),
        **used,
        **run_cpu_summary(answered, per_action * len(answered) if per_action else None),
        "by_kind": by(answered, "kind"), "by_page": by(answered, "page"),
        "mean_kib_per_action": round(sum(a.kib for a in answered) / max(len(answered), 1), 1),
        "failed": [asdict(a) for a in failed[:10]],
    }


def split_url(url: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The app's base URL (its path kept: a server under a base path) and the query parameters
    of `url`, which every page load is to carry (e.g. ?token=...)."""
    parts = urlsplit(url)
    return (parts._replace(query="", fragment="").geturl().rstrip("/"),
            tuple(parse_qsl(parts.query, keep_blank_values=True)))


@contextlib.contextmanager
def serving(store: Path | None, url: str | None, log: Path | None) -> Iterator[str]:
    """The URL to load: `url`, or a dashboard started here on `store` (every page run in its
    slow-run log, for the server's own time per page)."""
    if url:
        yield url
        return
    with mock.patch.dict(os.environ, {"PRESSLENS_SLOW_RUN_S": "0.000001"}), \
            dashboard_server(store, output=log) as started:
        yield started


async def run_load(load: Load, *, store: Path | None = None, url: str | None = None,
                   log: Path | None = None, server_ports: list[int] | None = None) -> dict:
    """Drive the load at `url` or at a dashboard started on `store`; returns the report.
    `server_ports`: where the server processes to sample listen (default: the URL's port)."""
    if url:
        url, params = split_url(url)
        load = Load(**{**asdict(load), "params": (*params, *load.params)})
    span = None
    if store:
        choices = read_choices(store)
        span = (choices.first, choices.last) if choices.first and choices.last else None
    log = log or (Path(f"{store}.protocol.log") if store and not url else None)
    before, began = machine(), datetime.now(UTC)
    with serving(store, url, log) as served:
        if not url:  # a dashboard started here lets in the browsers that bring its token
            load = Load(**{**asdict(load), "params": (*load.params, ("token", LOCAL_TOKEN))})
        ports = server_ports or [urlsplit(served).port or 80]
        users, samples = await drive(served, load, span=span, servers=server_processes(ports))
    if log:
        attribute_cpu(users, log)
    return {
        "benchmark": "protocol-level load: simulated sessions over Streamlit's websocket",
        "date": began.isoformat(timespec="seconds"), "url": served,
        "store": str(store) if store else None,
        # parameter names only: a value may be an access token
        "config": {**asdict(load), "params": [name for name, _ in load.params],
                   "weights": WEIGHTS, "max_filters": MAX_FILTERS},
        "machine": {**before, "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        **summarise(users, samples, load),
        "server_log": server_log(log) if log else None,
        "script_runs": script_runs(log, began=began, warmup=load.warmup) if log else None,
        "samples": samples,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", type=Path, help="serve this store on a free 127.0.0.1 port")
    where.add_argument("--url", help="load the dashboard running at this URL (its query "
                                     "parameters, e.g. ?token=..., go with every page load)")
    for name, default, text in (
            ("sessions", 1, "simulated users"),
            ("seconds", 60.0, "measured seconds, after the warm-up"),
            ("warmup", 15.0, "seconds at the start that are not measured"),
            ("think", 5.0, "mean pause between a user's actions, s (uniform 0.5x to 1.5x)"),
            ("seed", 0, "of every user's random choices")):
        parser.add_argument(f"--{name}", type=type(default), default=default,
                            help=f"{text} (default {default})")
    parser.add_argument("--ramp", type=float, help="seconds over which the users arrive "
                                                   "(default: the think time)")
    parser.add_argument("--min-actions", type=int, default=0,
                        help="actions each user makes after the first page even when the time "
                             "is up (a short test on a busy machine; default 0)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a query parameter every page load carries, e.g. token=... "
                             "(repeatable)")
    parser.add_argument("--server-port", type=int, action="append", default=[],
                        help="a port a server process to sample listens on (repeatable; "
                             "default the URL's): the dashboards behind a proxy")
    parser.add_argument("--log", type=Path, help="the started server's log "
                                                 "(default STORE.protocol.log)")
    parser.add_argument("--out", type=Path, default=REPO / "bench/results/load_protocol.json",
                        help="where the whole report goes (with the per-second samples)")
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON "
                                                            "object")
    args = parser.parse_args(argv)
    bad = [p for p in args.param if "=" not in p]
    if bad:
        parser.error(f"--param takes NAME=VALUE, not {bad}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    load = Load(sessions=args.sessions, seconds=args.seconds, warmup=args.warmup,
                think=args.think, ramp=args.ramp, seed=args.seed, min_actions=args.min_actions,
                params=tuple(tuple(p.split("=", 1)) for p in args.param))
    report = asyncio.run(run_load(load, store=args.store, url=args.url, log=args.log,
                                  server_ports=args.server_port))
    report["command"] = " ".join([".venv/bin/python", "bench/load_protocol.py",
                                  *(a if "token" not in a else "…" for a in sys.argv[1:])])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    shown = {k: v for k, v in report.items() if k != "samples"}
    if args.json:
        print(json.dumps(shown, default=str))
    else:
        keys = ("sessions", "actions", "errors", "p50_s", "p95_s", "p99_s",
                "throughput_actions_per_s", "server_cpu_s_per_action",
                "server_cpu_s_per_action_median", "server_rss_mb_start",
                "server_rss_mb_end", "client_mean_cores", "load_average_max")
        print("\n".join(f"{k:>28}: {report.get(k)}" for k in keys))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
