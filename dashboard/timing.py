"""The slow-run log: each page run that takes at least setting `slow_run_s`, to the server log.

A line gives the time, the page, the seconds of the run, the CPU seconds the run's thread used
(from the top of the app script, `run_began`, to the end of the page) and the server's id of
the browser tab's session; nothing a user typed. A fragment's own rerun (the Topics page's
mining panels on their timer) is logged as the page's "fragment" run, and work a run handed to
another process (its text mining) as "<what> (background)", with that process's CPU, for the
session that asked.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator

from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis.settings import get as setting

log = logging.getLogger("presslens.runs")
if not log.handlers:  # the module is imported once per server, but be sure
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s slow run: %(message)s"))
    log.addHandler(_handler)
    log.propagate = False

BACKGROUND = "(background)"  # what a background line's page name ends with
_run = threading.local()  # the thread CPU time at the top of this thread's script run


def run_began() -> None:
    """At the top of the app script: the run's CPU is counted from here."""
    _run.cpu = time.thread_time()


@contextlib.contextmanager
def slow_runs(page: str) -> Iterator[None]:
    """Around a page's run: log it if it took `slow_run_s` or more (also when it stopped early:
    `st.stop`, a rerun, an error)."""
    cpu, _run.cpu = getattr(_run, "cpu", None), None
    with _logged(page, cpu=time.thread_time() if cpu is None else cpu):
        yield


@contextlib.contextmanager
def fragment_runs(page: str) -> Iterator[None]:
    """Around a fragment's body: log the fragment's own reruns (not its part of a full run,
    which the page's line counts)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or not ctx.fragment_ids_this_run:
        yield
        return
    with _logged(f"{page} fragment", cpu=time.thread_time()):
        yield


def elsewhere(what: str, *, seconds: float, cpu_s: float, session: str) -> None:
    """Log work a run handed to another process (the Topics page's text mining), as
    "<what> (background)", with the seconds and CPU seconds it took there, for the session
    whose run handed it over."""
    _log(f"{what} {BACKGROUND}", seconds, cpu_s, session)


def session_id() -> str:
    """The server's id of the session whose run this thread is in ("-" outside a run)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.session_id if ctx else "-"


@contextlib.contextmanager
def _logged(page: str, *, cpu: float) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        _log(page, time.perf_counter() - started, time.thread_time() - cpu, session_id())


def _log(page: str, seconds: float, cpu_s: float, session: str) -> None:
    threshold = float(setting("slow_run_s"))
    if threshold > 0 and seconds >= threshold:
        log.warning("%s page, %.3f s, cpu %.3f s, session %s", page, seconds, cpu_s, session)
