"""A part of a page drawn once its answers are ready, and looked for again every second meanwhile,
without the timer's reruns racing the page's own runs.

Why not a plain `@st.fragment(run_every=...)`: Streamlit 1.67 accepts a timer's rerun of a
fragment the session still holds even when the script runner that ran the last full run has just
stopped; it then starts a new runner, and the events the old one had not yet handed to the event
loop (the end of that full run, `script_finished`) are dropped (`AppSession.request_rerun`, and
`_handle_scriptrunner_event_on_event_loop` ignoring a non-current runner). A busy server, whose
event loop is seconds behind, meets that race whenever a browser's timer, still running from an
earlier run, fires while a new run of the page ends: the new run is never finished for the user
(docs/reliability.md, "A Topics answer lost"). So the fragment that looks again is a new one in
every full run of the page (its name, hence its id, carries the run's number): a timer left
from an earlier run asks for a fragment the session no longer holds, and Streamlit ignores it.
Once the answers are ready, the fragment asks for a full run, which draws them with no fragment
and no timer, and the browser stops its timer as that run begins.
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
    """Call `draw(answers())` now; if an answer is missing (None), look again every `EVERY_S`
    seconds in a fragment of this run only, and rerun the app once all are there.

    Call it last on the page: the browser's first look comes `EVERY_S` after this run
    announced its timer, so the run must end well within that. And the page must not end a
    run with `st.stop()`: a stopped run keeps the fragments of the run before it (and stops
    its script runner at once), so a timer left from that run could still start a new runner.
    `name` tells the parts of a page apart; `wrap`, if given, is a context manager factory
    around each look (the slow-run log's `timing.fragment_runs`).
    """
    found = answers()
    if all(answer is not None for answer in found):
        draw(found)
        return

    def look_again() -> None:
        with wrap() if wrap is not None else contextlib.nullcontext():
            now = answers()
            if _in_fragment_run() and all(answer is not None for answer in now):
                st.rerun(scope="app")  # all there: a full run draws them and stops the timer
            draw(now)

    runs = st.session_state.get(_counter(name), 0) + 1
    st.session_state[_counter(name)] = runs
    look_again.__qualname__ = f"{name}_look_again_{runs}"  # a fragment's id comes from it
    st.fragment(run_every=EVERY_S)(look_again)()


def _counter(name: str) -> str:
    return f"_polling_runs_{name}"


def _in_fragment_run() -> bool:
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx and ctx.fragment_ids_this_run)

