"""The slow-run log: each page run that takes at least setting `slow_run_s`, to the server log.

A line gives the time, the page and the seconds of the run, nothing a user typed.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator

from analysis.settings import get as setting

log = logging.getLogger("presslens.runs")
if not log.handlers:  # the module is imported once per server, but be sure
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s slow run: %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


@contextlib.contextmanager
def slow_runs(page: str) -> Iterator[None]:
    """Around a page's run: log it if it took `slow_run_s` or more (also when it stopped early:
    `st.stop`, a rerun, an error)."""
    threshold = float(setting("slow_run_s"))
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - started
        if threshold > 0 and seconds >= threshold:
            log.warning("%s page, %.3f s", page, seconds)
