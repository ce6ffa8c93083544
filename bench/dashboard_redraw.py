"""Benchmark: time from a filter change to every chart redrawn, in headless Chromium.

Run: .venv/bin/python bench/dashboard_redraw.py --store STORE [--actors Iran Japan ...]
Also reports the seconds from launching the server to the Overview's charts drawn, and the
server's memory at the end.
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

from tests.browser.conftest import CHROMIUM_ARGS, dashboard_server  # noqa: E402

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
    launched = time.perf_counter()
    with dashboard_server(args.store) as url, sync_playwright() as playwright:
        serving = time.perf_counter() - launched
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function(IDLE, timeout=180_000)
        cold = time.perf_counter() - started
        after_start = time.perf_counter() - launched
        for rounds in ("first", "cached"):
            for actor in args.actors:
                page.goto(url)
                page.wait_for_function(IDLE, timeout=180_000)
                timings[rounds].append(choose(page, actor))
        browser.close()
        memory = server_rss_mib(int(url.rsplit(":", 1)[1].split("/")[0]))
    print(json.dumps({
        "benchmark": "filter change to all charts redrawn (Overview, headless Chromium)",
        "store": str(args.store), "first_page_s": round(cold, 2),
        "server_up_s": round(serving, 2), "first_charts_after_start_s": round(after_start, 2),
        "server_rss_mib_at_end": memory,
        "redraw_s": {k: [round(t, 2) for t in v] for k, v in timings.items()},
        "median_first_s": round(statistics.median(timings["first"]), 2),
        "median_cached_s": round(statistics.median(timings["cached"]), 2),
    }, indent=2))


if __name__ == "__main__":
    main()
