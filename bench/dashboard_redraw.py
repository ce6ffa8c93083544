"""Benchmark: time from a filter change to every chart redrawn, in headless Chromium.

Run: .venv/bin/python bench/dashboard_redraw.py --store STORE [--actors Iran Japan ...]
Also reports cold start: with Chromium already open (as a user's browser is), the seconds
from launching `presslens dashboard` to the Overview's first chart drawn and to all of its
charts, split into the server answering its health check and the page; twice: with an empty
browser cache (a first visit: the browser downloads and compiles the app, 4.7 MB of it Plotly,
which dashboard/preload.py has it load while the first run computes),
and after a restart of the server on the same port by a browser that has visited it before
(its cache holds the app's files, as a team member's does); and the server's memory at the end.
Starts `presslens dashboard` on 127.0.0.1 (a free port), opens the Overview, and for each actor
given (default: a few of the most mentioned) chooses it in the sidebar filter and times until
the article count has changed, Streamlit is idle and all charts have drawn. Each actor is timed
twice: the first time is computed, the second comes from the cache. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM_ARGS,
    dashboard_server,
    entered,
    free_port,
)

FIRST_CHART = "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .main-svg')"
IDLE = ("() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
        "!document.querySelector('[data-testid=\"stSpinner\"]') && "
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 3")
METRIC = "() => document.querySelector('[data-testid=\"stMetricValue\"]').innerText"


def choose(page, actor: str) -> float:
    """Add `actor` to the Actors filter; seconds until everything is redrawn."""
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=120_000)
    page.wait_for_function(IDLE, timeout=120_000)
    before = page.evaluate(METRIC)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Actors")
    started = time.perf_counter()
    box.locator("input").fill(actor)
    page.get_by_role("option", name=actor, exact=True).click()
    page.wait_for_function(f"b => ({METRIC})() !== b", arg=before, timeout=120_000)
    page.wait_for_function(IDLE, timeout=120_000)
    return time.perf_counter() - started


def server_rss_mib(port: int) -> int | None:
    """Resident memory of the process listening on `port` and its children, in MiB."""
    import psutil

    for conn in psutil.net_connections(kind="tcp"):
        if conn.laddr and conn.laddr.port == port and conn.status == "LISTEN" and conn.pid:
            server = psutil.Process(conn.pid)
            total = sum(p.memory_info().rss for p in [server, *server.children(recursive=True)])
            return round(total / 2**20)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--actors", nargs="+", default=["Iran", "Japan", "OPEC"])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    timings: dict[str, list[float]] = {"first": [], "cached": []}
    starts = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        port = free_port()
        starts["empty browser cache"] = cold_start(page, args.store, port)
        starts["browser cache warm"] = cold_start(page, args.store, port)
        with dashboard_server(args.store, port=port) as url:
            run_actors(page, url, args.actors, timings)
            memory = server_rss_mib(port)
        browser.close()
    print(json.dumps({
        "benchmark": "filter change to all charts redrawn (Overview, headless Chromium)",
        "store": str(args.store), "cold_start_s": starts,
        "server_rss_mib_at_end": memory,
        "redraw_s": {k: [round(t, 2) for t in v] for k, v in timings.items()},
        "median_first_s": round(statistics.median(timings["first"]), 2),
        "median_cached_s": round(statistics.median(timings["cached"]), 2),
    }, indent=2))


def cold_start(page, store: Path, port: int) -> dict[str, float]:
    """Seconds from launching the server to its health check, the first chart and all."""
    page.goto("about:blank")
    launched = time.perf_counter()
    with dashboard_server(store, port=port) as url:
        up = time.perf_counter() - launched
        page.goto(entered(url))
        page.wait_for_function(FIRST_CHART, timeout=180_000, polling=50)
        first = time.perf_counter() - launched
        page.wait_for_function(IDLE, timeout=180_000, polling=50)
        every = time.perf_counter() - launched
    return {"server_up": round(up, 2), "first_chart": round(first, 2),
            "all_charts": round(every, 2)}


def run_actors(page, url: str, actors: list[str], timings: dict[str, list[float]]) -> None:
    """Time choosing each actor twice: computed, then from the cache."""
    for rounds in ("first", "cached"):
        for actor in actors:
            page.goto(entered(url))
            page.wait_for_function(IDLE, timeout=180_000)
            timings[rounds].append(choose(page, actor))


if __name__ == "__main__":
    main()
