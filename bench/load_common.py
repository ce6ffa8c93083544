"""What the two load tests share: the users' mix of actions, the store's choices, and the
server's measurement (its CPU and memory, its log, its own time per page run)."""

from __future__ import annotations

import platform
import random
import re
import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psutil

from analysis import schema, store
from dashboard.timing import BACKGROUND

# how often each kind of action is picked (a clear comes on its own once filters pile up)
WEIGHTS = {"actor": 3, "topic": 2, "source": 1, "dates": 2, "search": 1, "page": 3, "link": 1}
MAX_FILTERS = 3  # filters set at once before the session clears them
SEARCH_WORDS = ["oil", "bank", "wheat", "dollar", "tariff", "strike", "profit", "coffee"]


@dataclass(frozen=True)
class Choices:
    """What a session can pick: the store's most mentioned actors, its topics and sources, and
    the span holding 98 % of its dated articles."""

    actors: list[str]
    topics: list[str]
    sources: list[str]
    first: date
    last: date


def read_choices(path: Path, *, actors: int = 40) -> Choices:
    """The values the sidebar offers, read from the store as the dashboard reads them."""
    with store.connect(path) as con:
        top = con.execute(f"SELECT {schema.ACTOR} FROM mentions GROUP BY 1 ORDER BY count(*) "
                          f"DESC, 1 LIMIT {actors}").fetchall()
        topics = con.execute(f"SELECT DISTINCT {schema.TOPIC} FROM topics ORDER BY 1").fetchall()
        sources = con.execute(f"SELECT DISTINCT {schema.SOURCE} FROM articles WHERE "
                              f"{schema.SOURCE} IS NOT NULL ORDER BY 1").fetchall()
        # the busy span: a stray date years away (Reuters has one in 1997) is not where users look
        first, last = con.execute(
            f"SELECT quantile_disc({schema.PUBLISHED_AT}, 0.01)::DATE, "
            f"quantile_disc({schema.PUBLISHED_AT}, 0.99)::DATE FROM articles").fetchone()
    return Choices([r[0] for r in top], [r[0] for r in topics], [r[0] for r in sources],
                   first, last)


def date_range(first: date, last: date, rng: random.Random) -> tuple[date, date] | None:
    """A random span of one to four weeks strictly inside `first`..`last`, the store's busy
    span (a range that touches the first or last date is no filter, and the URL would not show
    it); None when the span is too short to hold one."""
    days = (last - first).days - 2
    if days < 1:
        return None
    length = min(days, rng.randint(7, 28))
    start = first + timedelta(days=1 + rng.randint(0, days - length))
    return start, start + timedelta(days=length)


def process_tree(root: psutil.Process) -> list[psutil.Process]:
    """`root` and its descendants (none if it has ended)."""
    try:
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def usage(processes: list[psutil.Process]) -> tuple[float, float]:
    """RSS (MiB) and CPU time (s, user + system) summed over `processes`."""
    rss = cpu = 0.0
    for process in processes:
        try:
            rss += process.memory_info().rss / 2**20
            times = process.cpu_times()
            cpu += times.user + times.system
        except psutil.Error:  # a renderer that just closed
            continue
    return rss, cpu


def spread(values: list[float]) -> dict:
    """Count, median, 95th and 99th percentiles and maximum of response times (seconds)."""
    if not values:
        return {"n": 0}
    cuts = (statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1
            else [values[0]] * 99)
    return {"n": len(values), "p50_s": round(statistics.median(values), 2),
            "p95_s": round(cuts[94], 2), "p99_s": round(cuts[98], 2),
            "max_s": round(max(values), 2)}


def server_log(path: Path) -> dict:
    """How many lines of the server's log report an error, and the first five."""
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    bad = [line for line in lines if "Traceback" in line or " ERROR " in line
           or line.startswith("ERROR")]
    return {"file": str(path), "error_lines": len(bad), "first": bad[:5]}


# a line of the dashboard's slow-run log (dashboard/timing.py), every run logged: the page, the
# run's seconds, its thread's CPU seconds and the server's id of the tab's session
SLOW_RUN = re.compile(r"^(\S+ \S+) WARNING slow run: (.+) page, ([\d.]+) s"
                      r"(?:, cpu ([\d.]+) s, session (\S+))?$")


@dataclass(frozen=True)
class Run:
    """One logged page run (or a fragment's own rerun, page "<page> fragment")."""

    page: str
    seconds: float
    ended: datetime
    cpu_s: float | None  # CPU time of the thread that ran it (None: an older log line)
    session: str  # the server's id of the browser tab's session ("" when not logged)


def read_runs(path: Path) -> list[Run]:
    """Every run of the server's slow-run log, in the order they ended."""
    runs = []
    for line in path.read_text(errors="replace").splitlines() if path.exists() else []:
        found = SLOW_RUN.match(line)
        if found:
            ended = datetime.strptime(found[1], "%Y-%m-%d %H:%M:%S,%f").astimezone(UTC)
            runs.append(Run(found[2], float(found[3]), ended,
                            float(found[4]) if found[4] else None, found[5] or ""))
    return runs


def logged_runs(path: Path) -> list[tuple[str, float, datetime]]:
    """(page, seconds, when it ended) of each page run in the server's slow-run log (not the
    work a run handed over to run in the background)."""
    return [(run.page, run.seconds, run.ended) for run in read_runs(path)
            if not run.page.endswith(BACKGROUND)]


def run_cpu(actions: list[tuple[str, float]], runs: list[Run]) -> list[float | None]:
    """The server's CPU for each of one user's actions, given in order as (the server's id of
    the session that answered, when it was sent: seconds since the epoch); None when no run
    of it was logged.

    An action's runs are those of its session that ended after it was sent and before the
    user's next action was sent: the run it caused, the run a `st.rerun` in it asked for, the
    page's fragment reruns on their timer, and the text mining its run started in the
    background (if it ended by then). Their CPU is that of the server thread that ran them
    (`time.thread_time`, dashboard/timing.py): not what other threads did for them (DuckDB's
    worker threads, the event loop sending the messages).
    """
    by_session: dict[str, list[Run]] = {}
    for run in runs:
        if run.cpu_s is not None:
            by_session.setdefault(run.session, []).append(run)
    out: list[float | None] = []
    for i, (session, sent) in enumerate(actions):
        until = actions[i + 1][1] if i + 1 < len(actions) else float("inf")
        mine = [run.cpu_s for run in by_session.get(session, [])
                if run.cpu_s is not None and sent <= run.ended.timestamp() < until]
        out.append(round(sum(mine), 4) if mine else None)
    return out


def script_runs(path: Path, *, began: datetime, warmup: float) -> dict:
    """The server's own time for each page run (from its slow-run log, all runs logged): no
    browser in it, and no wait for a thread or the CPU before the run began."""
    runs = [(page, seconds, (ended - began).total_seconds())
            for page, seconds, ended in logged_runs(path)]
    pages = sorted({page for page, _, _ in runs})
    return {**spread([s for _, s, _ in runs]),
            "after_warmup": spread([s for _, s, at in runs if at - s >= warmup]),
            "by_page": {page: spread([s for p, s, _ in runs if p == page]) for page in pages}}


def machine() -> dict:
    """The machine's processor, cores, memory and load average now, Python, the system."""
    models = [line.split(":", 1)[1].strip() for line in
              Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")]
    return {"cpu": models[0] if models else platform.processor(),
            "cores": psutil.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30),
            "load_average_before": [round(x, 2) for x in psutil.getloadavg()],
            "python": platform.python_version(), "system": platform.platform()}
