"""dashboard/polling.py on a real server, the Topics page's mined panels: a timer left from an
earlier run of the page is ignored by the server, and the panels come without a user action,
after which the timer stops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from analysis.query import Filters
from analysis.query.links import to_params
from bench.load_protocol import type_search
from bench.streamlit_client import Session
from tests.bench.conftest import run_apart, store_1987  # noqa: F401 - the fixture, shared
from tests.browser.conftest import LOCAL_TOKEN, dashboard_server

pytestmark = pytest.mark.corpora
QUIET_S = 0.5


@pytest.fixture(scope="module")
def served(store_1987, tmp_path_factory) -> Iterator[tuple[str, Path]]:  # noqa: F811
    log = tmp_path_factory.mktemp("polling") / "server.log"
    with dashboard_server(store_1987, output=log) as url:
        yield url, log


async def _topics(url: str, filters: Filters) -> Session:
    """A tab on the Topics page with `filters` in its URL: a filter set never mined before."""
    session = Session(url)
    await session.enter(LOCAL_TOKEN)
    opened = await session.open("topics", urlencode(to_params(filters)))
    assert opened.seconds is not None and not opened.problems, opened.problems
    return session


async def _late_timer(url: str, second: str) -> str:
    session = await _topics(url, Filters(topics=("oil and energy",)))
    (left,) = session.timers  # the mining is on its way: the panels look again on a timer
    session.stop_timers()  # this test fires the timer itself, late
    if second == "too few articles":  # the page lists them instead of its charts
        again = await type_search(session, "Comissaria")
    else:
        again = await session.rerun()  # a new run of the page
    assert again.seconds is not None and not again.problems, again.problems
    session.stop_timers()
    await session.tick(left)  # the first run's timer, still running in a browser behind
    # the server reads a tab's messages in order: once this is answered, the tick was handled
    probe = await session.rerun()
    assert probe.seconds is not None and not probe.problems, probe.problems
    await session.close()
    return left


@pytest.mark.parametrize("second", ["the same filters", "too few articles"])
def test_a_timer_left_from_an_earlier_run_is_ignored(served, second):
    """The race that lost Topics answers under load (docs/reliability.md): a timer's rerun that
    reaches a stopped script runner before the end of its last run was sent replaces the
    runner, and that end is never sent. A run's fragment is its own, so the server drops the
    rerun of an earlier run's fragment instead (Streamlit logs that it does not exist); a page
    with too few articles must not `st.stop()`, which keeps the earlier run's fragments."""
    url, log = served
    before = log.stat().st_size
    left = run_apart(_late_timer(url, second))
    said = log.read_bytes()[before:].decode(errors="replace")  # logged during this test
    assert f"The fragment with id {left} does not exist anymore" in said


async def _waited(url: str) -> tuple[list[str], int, set[str]]:
    """The timers, the timer's reruns and the widgets drawn once the page has settled."""
    session = await _topics(url, Filters(topics=("grain",)))
    assert session.timers
    await session.settled(QUIET_S)  # no fragment on a timer and quiet, or a minute passed
    found = session.timers, session.auto_reruns, {w.key for w in session.widgets.values()}
    await session.close()
    return found


def test_the_mined_panels_come_by_themselves_and_the_timer_stops(served):
    timers, looks, drawn = run_apart(_waited(served[0]))
    assert not timers
    assert looks >= 1  # it looked again at least once
    # both mined panels drawn: the discovered topics' downloads and the keywords' chart
    assert {"topics_discovered_dl_csv", "topics_keywords"} <= drawn, sorted(drawn)
