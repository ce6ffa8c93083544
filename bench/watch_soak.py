"""Soak: `presslens watch` on many feeds for a long while, against a server on 127.0.0.1 whose
feeds gain an entry every minute (issue 16).

Run: .venv/bin/python bench/watch_soak.py [--feeds 200] [--minutes 60] [--out soak.json]
                                          [--dashboard [--sessions 2] [--think 15]]

Each feed keeps its newest 20 entries, summary only, each with a page of its own to extract; a
feed answers 304 to the ETag of what it last served. `presslens watch --every 1` (enriching)
runs as a process of its own meanwhile; every 10 s its memory (resident) is sampled, and every
2 s a reader opens the store and asks the dashboard's first question (`query.summary`), timing
it: the dashboard answering throughout. At the end the feeds stop growing, the watcher is
stopped (SIGTERM) and one `watch --once` catches up; then every entry ever served must be
stored exactly once: articles, entries taken, distinct titles all equal to it.
Politeness settings are loosened for one local site standing for 200: no delay, 8 at once.

With `--dashboard`, once the first poll is stored, `presslens dashboard` runs on the store too
(on a free 127.0.0.1 port, as bench/load_protocol.py starts it, every page run in its log) and
`--sessions` simulated users speak Streamlit's protocol to it for the rest of the run (the
users of bench/load_protocol.py, kept to the Overview and the Freshness page): after a pause of
0.5 to 1.5 times `--think` seconds each changes a filter, switches between the two pages or
opens one by its link. Every answer is timed; an exception or `st.error` on the page, a lost
connection or no answer within 60 s is an error; every answer goes to
FOLDER/dashboard_actions.jsonl. The dashboard's memory (with its children) is sampled beside
the watcher's. A progress line (also appended to FOLDER/progress.jsonl) is printed every
minute (`--progress-s`), so a run cut short can still be read.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analysis import query, store  # noqa: E402
from bench.load_common import process_tree, server_log, spread, usage  # noqa: E402
from bench.load_protocol import Load, User, server_process, serving  # noqa: E402
from tests.browser.conftest import LOCAL_TOKEN  # noqa: E402
from tests.watch.feeds import page, rss, story  # noqa: E402
from tests.web_server import Reply, Site  # noqa: E402

KEPT = 20  # entries a feed lists
SOAK_PAGES = ["Overview", "Freshness"]  # the pages the dashboard's users keep to


class GrowingFeeds:
    """Feed i lists entries 1…n, n growing by one every `every_s` seconds until frozen."""

    def __init__(self, site: Site, feeds: int, every_s: float) -> None:
        self.site, self.feeds, self.every_s = site, feeds, every_s
        self.started, self.frozen_at = time.monotonic(), None
        for number in range(feeds):
            site.routes[f"/feed/{number}"] = self.feed_route(number)

    def count(self) -> int:
        now = self.frozen_at or time.monotonic()
        return 1 + int((now - self.started) // self.every_s)

    def feed_route(self, number: int):
        def route(headers: dict[str, str]) -> Reply:
            latest = self.count()
            tag = f'"{latest}"'
            if headers.get("if-none-match") == tag:
                return Reply(304)
            items = []
            for entry in range(max(1, latest - KEPT + 1), latest + 1):
                path = f"/page/{number}/{entry}"
                title = f"Feed {number} story {entry}: grain exports rise"
                if path not in self.site.routes:
                    body = page(title, story(f"Port {number}-{entry}"))
                    self.site.routes[path] = Reply(200, body)
                items.append({"guid": f"urn:{number}:{entry}", "title": title,
                              "link": self.site.url(path), "summary": "Exports rose."})
            return Reply(200, rss(items, title=f"Feed {number}"), headers={"ETag": tag})
        return route


def sample_memory(pid: int, samples: list, stop: threading.Event) -> None:
    process = psutil.Process(pid)
    while not stop.wait(10):
        try:
            samples.append((time.monotonic(), process.memory_info().rss / 2**20))
        except psutil.NoSuchProcess:
            return


class Dashboard:
    """`presslens dashboard` on the store and its simulated users, run in a thread of its own:
    their actions, the server's memory over time, the problems that stopped it."""

    def __init__(self, path: Path, log: Path, load: Load, began: float, until: float) -> None:
        self.path, self.log, self.load, self.began, self.until = path, log, load, began, until
        self.users: list[SoakUser] = []
        self.rss: list[tuple[float, float]] = []  # (seconds since the soak began, MiB)
        self.started_s: float | None = None  # when it answered, seconds since the soak began
        self.failure: str | None = None

    def actions(self) -> list:
        return [a for u in self.users for a in u.actions]

    def run(self) -> None:
        try:
            asyncio.run(self.serve())
        except Exception as err:  # reported with the figures, the soak goes on
            self.failure = f"{type(err).__name__}: {err}"

    async def serve(self) -> None:
        with serving(self.path, None, self.log) as url:
            self.started_s = time.monotonic() - self.began
            server = server_process(url)
            sampler = asyncio.create_task(self.sample(server))
            await asyncio.gather(*(self.use(n, url) for n in range(self.load.sessions)))
            sampler.cancel()

    async def sample(self, server: psutil.Process | None) -> None:
        while server is not None:
            rss, _ = usage(process_tree(server))
            self.rss.append((round(time.monotonic() - self.began, 1), round(rss, 1)))
            await asyncio.sleep(10)

    async def use(self, number: int, url: str) -> None:
        """One user until the time is up: the Overview first, then an action after each pause
        (after a failed one, the Overview again, as in bench/load_protocol.py)."""
        await asyncio.sleep(self.load.think * number / self.load.sessions)
        user = SoakUser(number, url, self.load, span=None, began=self.began)
        self.users.append(user)
        action = await user.open_link(kind="open")
        while True:
            await asyncio.sleep(user.rng.uniform(0.5, 1.5) * self.load.think)
            if time.monotonic() >= self.until:
                break
            action = await (user.open_link(kind="open") if action.problems else user.act())
        await user.session.close()

    def figures(self, warmup_s: float) -> dict:
        """Answers, errors, answer times, and the server's memory at start, after the warm-up
        and at the end."""
        actions = self.actions()
        failed = [a for a in actions if a.problems]
        after = [m for t, m in self.rss if t >= (self.started_s or 0) + warmup_s]
        return {
            "sessions": self.load.sessions, "think_s": self.load.think,
            "started_at_s": self.started_s and round(self.started_s, 1),
            "answers": len([a for a in actions if a.seconds is not None]),
            "errors": len(failed), "unanswered": len([a for a in failed if a.unanswered()]),
            **{k: v for k, v in spread([a.seconds for a in actions if a.seconds is not None]
                                       ).items() if k != "n"},
            "by_page": {p: spread([a.seconds for a in actions if a.page == p and a.seconds])
                        for p in sorted({a.page for a in actions if a.seconds})},
            "by_kind": {k: len([a for a in actions if a.kind == k])
                        for k in sorted({a.kind for a in actions})},
            "rss_mib": {"start": self.rss[0][1] if self.rss else None,
                        "after_warmup": after[0] if after else None,
                        "end": self.rss[-1][1] if self.rss else None,
                        "max": max(m for _, m in self.rss) if self.rss else None,
                        "samples": len(self.rss)},
            "first_errors": [{"at_s": a.at_s, "kind": a.kind, "page": a.page,
                              "problems": a.problems} for a in failed[:5]],
            "failure": self.failure,
            "server_log": server_log(self.log),
        }


class SoakUser(User):
    """A user of bench/load_protocol.py who keeps to the Overview and the Freshness page."""

    def pages(self) -> list[str]:
        return [p for p in SOAK_PAGES if p in self.session.pages] or ["Overview"]


def first_poll(log: Path, watcher: subprocess.Popen, until: float) -> bool:
    """Wait until the watcher has reported its first poll (the store then exists)."""
    while time.monotonic() < until and watcher.poll() is None:
        if "feeds polled" in log.read_text(errors="replace"):
            return True
        time.sleep(1)
    return False


def read_meanwhile(path: Path, timings: list, failures: list, stop: threading.Event) -> None:
    while not stop.wait(2):
        if not path.exists():
            continue
        started = time.monotonic()
        try:
            with store.connect(path) as con:
                query.summary(con)
            timings.append(time.monotonic() - started)
        except store.StoreError as err:
            failures.append(str(err))


def memory_figures(memory: list) -> dict:
    return {"first": round(memory[0][1], 1) if memory else None,
            "at_half": round(memory[len(memory) // 2][1], 1) if memory else None,
            "last": round(memory[-1][1], 1) if memory else None,
            "max": round(max(m for _, m in memory), 1) if memory else None,
            "samples": len(memory)}


def progress(began: float, memory: list, timings: list, failures: list,
             dashboard: Dashboard | None, into: Path, every_s: float,
             stop: threading.Event) -> None:
    """Every `every_s` seconds, a line of what the soak has seen so far, printed and appended
    to `into`."""
    while not stop.wait(every_s):
        line = {"t_min": round((time.monotonic() - began) / 60, 1),
                "watcher_rss_mib": round(memory[-1][1], 1) if memory else None,
                "reads": len(timings), "read_failures": len(failures),
                "load_average": [round(x, 2) for x in os.getloadavg()]}
        if dashboard is not None:
            actions = dashboard.actions()
            answered = [a.seconds for a in actions if a.seconds is not None]
            line.update({"dashboard_rss_mib": dashboard.rss[-1][1] if dashboard.rss else None,
                         "answers": len(answered),
                         "errors": len([a for a in actions if a.problems]),
                         "answer_max_s": round(max(answered), 2) if answered else None,
                         "dashboard_failure": dashboard.failure})
        text = json.dumps(line)
        print(text, flush=True)
        with into.open("a") as out:
            out.write(text + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--every-s", type=float, default=60, help="a new entry per feed this often")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--dashboard", action="store_true",
                        help="run the dashboard on the store, used by simulated sessions")
    parser.add_argument("--sessions", type=int, default=2, help="simulated dashboard users")
    parser.add_argument("--think", type=float, default=15.0,
                        help="mean pause between a user's actions, s (uniform 0.5x to 1.5x)")
    parser.add_argument("--warmup-s", type=float, default=120.0,
                        help="the dashboard's memory 'after warm-up' is read this long after "
                             "it started")
    parser.add_argument("--progress-s", type=float, default=60.0,
                        help="a progress line this often (default 60)")
    args = parser.parse_args()
    began = time.monotonic()
    site = Site()
    threading.Thread(target=site.server.serve_forever, daemon=True).start()
    feeds = GrowingFeeds(site, args.feeds, args.every_s)
    folder = Path(tempfile.mkdtemp(prefix="soak-"))
    listed = folder / "feeds.yaml"
    listed.write_text("".join(f"- {site.url(f'/feed/{n}')}\n" for n in range(args.feeds)))
    path = folder / "soak.duckdb"
    env = {**os.environ, "PRESSLENS_FETCH_DELAY_S": "0", "PRESSLENS_FETCH_PER_SITE": "8",
           "PRESSLENS_CONTACT": "soak@localhost"}
    command = [sys.executable, "-m", "analysis.cli", "watch", str(listed), "--store", str(path)]
    log = open(folder / "watch.log", "w")  # noqa: SIM115 (open while the watcher runs)
    watcher = subprocess.Popen([*command, "--every", "1"], stdout=log, stderr=log, env=env)
    memory: list = []
    timings: list = []
    read_failures: list = []
    stop = threading.Event()
    threads = [threading.Thread(target=sample_memory, args=(watcher.pid, memory, stop)),
               threading.Thread(target=read_meanwhile, args=(path, timings, read_failures, stop))]
    dashboard = None
    if args.dashboard:
        load = Load(sessions=args.sessions, think=args.think, seed=16,
                    params=(("token", LOCAL_TOKEN),))
        dashboard = Dashboard(path, folder / "dashboard.log", load, began,
                              began + args.minutes * 60)
    threads.append(threading.Thread(target=progress, args=(
        began, memory, timings, read_failures, dashboard, folder / "progress.jsonl",
        args.progress_s, stop)))
    for thread in threads:
        thread.start()
    print(f"soak folder {folder}", flush=True)
    serve = None
    if dashboard is not None:
        if first_poll(folder / "watch.log", watcher, began + args.minutes * 60):
            serve = threading.Thread(target=dashboard.run)
            serve.start()
        else:
            dashboard.failure = "no poll was stored before the time was up"
    time.sleep(max(began + args.minutes * 60 - time.monotonic(), 0))
    feeds.frozen_at = time.monotonic()
    if serve is not None:
        serve.join()  # the users stop at the time; the server then stops
    stop.set()
    for thread in threads:
        thread.join()
    watcher.send_signal(signal.SIGTERM)
    watcher.wait()
    final = subprocess.run([*command, "--once"], capture_output=True, text=True, env=env)
    served = args.feeds * feeds.count()
    with store.connect(path) as con:
        articles, titles = con.execute("SELECT count(*), count(DISTINCT title) FROM articles"
                                       ).fetchall()[0]
        taken = con.execute("SELECT count(*) FROM feed_entries").fetchall()[0][0]
        ingests = con.execute("SELECT count(*) FROM ingests").fetchall()[0][0]
    polls = (folder / "watch.log").read_text().count("feeds polled")
    result = {
        "feeds": args.feeds, "minutes": args.minutes, "entries_served": served,
        "articles": articles, "distinct_titles": titles, "entries_taken": taken,
        "ingests": ingests, "polls_while_growing": polls, "final_poll": final.stdout.strip(),
        "memory_mib": memory_figures(memory),
        "reader_s": {"reads": len(timings), "median": round(statistics.median(timings), 3),
                     "max": round(max(timings), 3), "failed": len(read_failures),
                     "first_failure": read_failures[0] if read_failures else None},
        "lost_or_duplicated": served - articles,
        "dashboard": dashboard.figures(args.warmup_s) if dashboard else None,
        "load_average": os.getloadavg(),
        "folder": str(folder),
    }
    if dashboard is not None:  # every answer: when, what, how long, its problems
        with (folder / "dashboard_actions.jsonl").open("w") as out:
            out.writelines(json.dumps(asdict(a)) + "\n" for a in dashboard.actions())
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
