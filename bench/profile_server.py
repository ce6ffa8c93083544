"""Where the dashboard server's CPU goes under load, by page and by call (py-spy samples).

Run (py-spy is a profiler, not a PressLens dependency: `.venv/bin/pip install py-spy`):
    .venv/bin/python bench/profile_server.py --store STORE [--sessions 5] [--seconds 120]
    .venv/bin/python bench/profile_server.py --samples FILE   # attribute a recording again

Starts `presslens dashboard` on STORE, records it with `py-spy record --gil` (50 samples a
second of the thread holding Python's lock: the one core of Python the server can use; work
outside that lock, such as DuckDB's own threads, is not in it) while
bench/load_protocol.py drives `--sessions` users at it (5 s think time), then attributes each
sample:

- to the page whose script is on the stack (dashboard/views/<page>.py); else to the Topics
  page's text mining in its own thread (dashboard/mining.py; in recordings made before it
  moved to a process of its own, `dashboard/miner.py`, which py-spy does not record); else to
  the app's own script (dashboard/app.py: page set-up, access check, facets, sidebar: every
  run pays it);
  else to the server itself (websocket, HTTP, sessions, sending messages);
- within a page, to the call the page made (the first PressLens function below the page's
  script, e.g. `data.discovered_topics`, or the Streamlit command, e.g. `st.plotly_chart`),
  and to the PressLens function deepest in the stack (where our code spends it).

Prints JSON (seconds of CPU and shares) and writes it to `--out`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.load_common import script_runs  # noqa: E402
from bench.load_protocol import Load, run_load, server_process  # noqa: E402
from tests.browser.conftest import LOCAL_TOKEN, dashboard_server  # noqa: E402

RATE = 50  # samples a second
# a frame of py-spy's raw format with --nolineno: "function (path/to/file.py)"
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*)\)$")
OURS = re.compile(r"(?:^|/)(dashboard|analysis)/(?:[\w/]+/)?(\w+)\.py$")
STREAMLIT_COMMAND = re.compile(r"(?:^|/)streamlit/elements/(?:[\w/]+/)?(\w+)\.py$")
RUNS_PAGE = ("Page.run", "streamlit/navigation/page.py")  # the frame that runs a page's script


def frames(stack: str) -> list[tuple[str, str]]:
    """(function, file) of each frame of a raw stack, outermost first."""
    out = []
    for part in stack.split(";"):
        found = FRAME.match(part)
        if found:
            out.append((found["function"], found["file"]))
    return out


def attribute(stack: list[tuple[str, str]]) -> tuple[str, str, str]:
    """(page, the page's call, the deepest PressLens function) of one sample."""
    at = next((i + 1 for i, (function, file) in enumerate(stack[:-1])
               if function == RUNS_PAGE[0] and file.endswith(RUNS_PAGE[1])), None)
    if at is None:
        if any(file.endswith("dashboard/mining.py") for _, file in stack):
            return "text mining (dashboard/mining.py's thread)", _call(stack, 0), _deepest(stack)
        if any(function == "ScriptRunner._on_script_finished" for function, _ in stack):
            return "after each run (Streamlit's clean-up: gc.collect(2))", "", ""
        if any(file.endswith("dashboard/app.py") for _, file in stack):
            return "app.py (every run)", _call(stack, 0), _deepest(stack)
        return "server (websocket, HTTP, sessions)", "", ""
    page = Path(stack[at][1]).stem  # the page's script, run by Streamlit as "<name>.py"
    return page, _call(stack, at + 1), _deepest(stack[at + 1:])


def _call(stack: list[tuple[str, str]], start: int) -> str:
    for function, file in stack[start:]:
        ours = OURS.search(file)
        if ours and not file.endswith("dashboard/app.py"):
            return f"{ours[2]}.{function}"
        command = STREAMLIT_COMMAND.search(file)
        if command:
            return f"st.{function.rpartition('.')[2]}"  # PlotlyMixin.plotly_chart
    return "(the page's own code)"


def _deepest(stack: list[tuple[str, str]]) -> str:
    ours = [f"{OURS.search(file)[2]}.{function}" for function, file in stack
            if OURS.search(file)]
    return ours[-1] if ours else ""


def breakdown(path: Path, *, actions: int | None = None, top: int = 12) -> dict:
    """CPU seconds by page, by (page, call) and by (page, deepest PressLens function)."""
    pages, calls, deepest = Counter(), Counter(), Counter()
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        page, call, ours = attribute(frames(stack))
        pages[page] += int(count)
        calls[f"{page}: {call}"] += int(count)
        if ours:
            deepest[f"{page}: {ours}"] += int(count)
    total = sum(pages.values()) or 1

    def table(counter: Counter, n: int) -> list[dict]:
        return [{"what": key, "cpu_s": round(count / RATE, 1),
                 "share_pct": round(100 * count / total, 1),
                 **({"cpu_s_per_action": round(count / RATE / actions, 3)} if actions else {})}
                for key, count in counter.most_common(n)]
    return {"samples": total, "cpu_s": round(total / RATE, 1), "by_page": table(pages, 20),
            "by_call": table(calls, top), "by_function": table(deepest, top)}


def record(store: Path, load: Load, out: Path) -> dict:
    """Serve `store`, record it with py-spy while the load runs; the load's report."""
    spy = shutil.which("py-spy", path=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    if not spy:
        raise SystemExit("py-spy not found: .venv/bin/pip install py-spy")
    with mock.patch.dict(os.environ, {"PRESSLENS_SLOW_RUN_S": "0.000001"}), \
            dashboard_server(store, output=out.with_suffix(".server.log")) as url:
        server = server_process(url)
        recorder = subprocess.Popen(
            [spy, "record", "--pid", str(server.pid), "--rate", str(RATE), "--format", "raw",
             "--gil", "--nonblocking", "--nolineno",
             "--output", str(out.with_suffix(".pyspy.txt"))],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            report = asyncio.run(run_load(load, url=url, log=out.with_suffix(".server.log")))
        finally:
            recorder.send_signal(signal.SIGINT)  # py-spy writes its file when interrupted
            recorder.wait(timeout=60)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", type=Path, help="serve and load this store, recording it")
    where.add_argument("--samples", type=Path, help="a py-spy raw recording to attribute")
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--out", type=Path, default=REPO / "bench/results/profile_server.json")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result: dict = {"command": " ".join([".venv/bin/python", "bench/profile_server.py",
                                         *sys.argv[1:]])}
    samples = args.samples
    if args.store:
        # the server started here lets in the users who bring its access token
        load = Load(sessions=args.sessions, seconds=args.seconds, warmup=0.0, think=5.0,
                    params=(("token", LOCAL_TOKEN),))
        report = record(args.store, load, args.out)
        samples = args.out.with_suffix(".pyspy.txt")
        result["load"] = {k: report[k] for k in (
            "sessions", "actions", "warmup_actions", "errors", "p50_s", "p95_s",
            "server_cpu_s_per_action", "server_cpu_s_per_action_median",
            "server_cpu_s_median_by_page", "failed", "server_mean_cores", "machine", "by_page",
            "script_runs")}
        result["load"]["server_cpu_s"] = round(
            report["server_cpu_s_per_action"] * report["actions"], 1)
        # the server's own time for each page run, from its log
        result["load"]["script_runs"] = script_runs(
            args.out.with_suffix(".server.log"), began=datetime.fromisoformat(report["date"]),
            warmup=0.0)
    actions = result.get("load", {}).get("actions")
    result["profile"] = breakdown(samples, actions=actions)
    if result.get("load", {}).get("errors"):
        print(f"{result['load']['errors']} actions failed: the profile is not of a working "
              "server (see the load report's `failed`)", file=sys.stderr)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(json.dumps(result["profile"], indent=2))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
