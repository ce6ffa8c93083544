"""A part of a page drawn with the answers that are ready, looked for again every second until
the others come, without the timer's reruns racing the page's own runs.

Why not a plain `@st.fragment(run_every=...)` that draws the panels: Streamlit 1.67 takes a
timer's rerun of a fragment the session still holds even when the script runner has just
stopped; it then starts a new runner, and the events the old one had not yet handed to the
event loop (the end of the last run, `script_finished`) are dropped (`AppSession.request_rerun`;
`_handle_scriptrunner_event_on_event_loop` ignores a runner that is no longer current). A busy
server, its event loop seconds behind, meets that race whenever a timer fires as a run ends, and
that run is never finished for the user (docs/reliability.md, "Topics answers lost"). So:

- the looking is a fragment of its own, a new one in every full run (its name, hence its id,
  carries the run's number): a timer left from an earlier run asks for a fragment the session
  no longer holds, and Streamlit drops that rerun instead of starting a runner;
- it is announced last and draws nothing: the run that announces it ends at once, long before
  the browser's first look (`EVERY_S` after the announcement reached it);
- the answers are drawn by full runs only: when those that were missing are there, the
  fragment asks for a full run, which draws them, and the browser stops the timer as that run
  begins.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

EVERY_S = 1.0  # seconds between two looks


def drawn_when_ready(answers: Callable[[], Sequence[Any]],
                     draw: Callable[[Sequence[Any]], None], *, name: str,
                     wrap: Callable[[], Any] | None = None) -> None:
    """`draw(answers())` (a missing answer is None); while one is missing, look again every
    `EVERY_S` seconds, and rerun the app once all that were missing are there (one rerun:
    each is a whole page run).

    Call it last on the page, and do not end a run of that page with `st.stop()`: a stopped
    run keeps the fragments of the run before it (and stops its script runner at once), so a
    timer left from that run could still start a new runner. `name` tells the parts of a page
    apart; `wrap`, if given, makes a context manager around each look (the slow-run log's
    `timing.fragment_runs`).
    """
    found = answers()
    draw(found)
    missing = [i for i, answer in enumerate(found) if answer is None]
    if not missing:
        return

    def look_again() -> None:
        with wrap() if wrap is not None else contextlib.nullcontext():
            now = answers()
            if _in_fragment_run() and all(now[i] is not None for i in missing):
                st.rerun(scope="app")  # a full run draws them, and the timer stops

    runs = st.session_state.get(_counter(name), 0) + 1
    st.session_state[_counter(name)] = runs
    look_again.__qualname__ = f"{name}_look_again_{runs}"  # a fragment's id comes from it
    st.fragment(run_every=EVERY_S)(look_again)()


def _counter(name: str) -> str:
    return f"_polling_runs_{name}"


def _in_fragment_run() -> bool:
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx and ctx.fragment_ids_this_run)
