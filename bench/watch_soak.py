"""Soak: `presslens watch` on many feeds for a long while, against a server on 127.0.0.1 whose
feeds gain an entry every minute (issue 16).

Run: .venv/bin/python bench/watch_soak.py [--feeds 200] [--minutes 60] [--out soak.json]

Each feed keeps its newest 20 entries, summary only, each with a page of its own to extract; a
feed answers 304 to the ETag of what it last served. `presslens watch --every 1` (enriching)
runs as a process of its own meanwhile; every 10 s its memory (resident) is sampled, and every
2 s a reader opens the store and asks the dashboard's first question (`query.summary`), timing
it: the dashboard answering throughout. At the end the feeds stop growing, the watcher is
stopped (SIGTERM) and one `watch --once` catches up; then every entry ever served must be
stored exactly once: articles, entries taken, distinct titles all equal to it.
Politeness settings are loosened for one local site standing for 200: no delay, 8 at once.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analysis import query, store  # noqa: E402
from tests.watch.feeds import page, rss, story  # noqa: E402
from tests.web_server import Reply, Site  # noqa: E402

KEPT = 20  # entries a feed lists


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--every-s", type=float, default=60, help="a new entry per feed this often")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
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
    for thread in threads:
        thread.start()
    time.sleep(args.minutes * 60)
    feeds.frozen_at = time.monotonic()
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
        "memory_mib": {"first": round(memory[0][1], 1) if memory else None,
                       "at_half": round(memory[len(memory) // 2][1], 1) if memory else None,
                       "last": round(memory[-1][1], 1) if memory else None,
                       "max": round(max(m for _, m in memory), 1) if memory else None,
                       "samples": len(memory)},
        "reader_s": {"reads": len(timings), "median": round(statistics.median(timings), 3),
                     "max": round(max(timings), 3), "failed": len(read_failures),
                     "first_failure": read_failures[0] if read_failures else None},
        "lost_or_duplicated": served - articles,
        "load_average": os.getloadavg(),
        "folder": str(folder),
    }
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
