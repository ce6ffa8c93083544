"""The slow-run log (dashboard/timing.py): the page runs at or over `slow_run_s`, none at 0,
each with the CPU its thread used from the top of the app script."""

import logging
import time

import pytest

from bench.load_common import SLOW_RUN
from dashboard import timing


def _lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "presslens.runs"]


@pytest.mark.parametrize(("threshold", "sleep", "logged"),
                         [("0.05", 0.1, True), ("5", 0.0, False), ("0", 0.1, False)])
def test_a_run_is_logged_when_it_takes_the_setting_or_more(monkeypatch, caplog, threshold,
                                                            sleep, logged):
    monkeypatch.setenv("PRESSLENS_SLOW_RUN_S", threshold)
    with caplog.at_level(logging.WARNING, logger="presslens.runs"), timing.slow_runs("Topics"):
        time.sleep(sleep)
    lines = _lines(caplog)
    assert bool(lines) == logged
    if logged:
        found = SLOW_RUN.match(f"2026-12-06 22:00:00,000 WARNING slow run: {lines[0]}")
        assert found, lines[0]
        assert found[2] == "Topics" and float(found[3]) >= 0.1
        assert float(found[4]) < 0.05  # asleep: the thread used next to no CPU
        assert found[5] == "-"  # outside a Streamlit run there is no session


def test_the_cpu_counts_from_the_top_of_the_app_script(monkeypatch, caplog):
    monkeypatch.setenv("PRESSLENS_SLOW_RUN_S", "0.000001")
    timing.run_began()
    spent = time.thread_time() + 0.05
    while time.thread_time() < spent:  # the app script's own work, before the page
        pass
    with caplog.at_level(logging.WARNING, logger="presslens.runs"), timing.slow_runs("Tone"):
        time.sleep(0.001)
    with caplog.at_level(logging.WARNING, logger="presslens.runs"), timing.slow_runs("Tone"):
        time.sleep(0.001)  # the next run without run_began counts from its page only
    first, second = (SLOW_RUN.match(f"2026-12-06 22:00:00,000 WARNING slow run: {line}")
                     for line in _lines(caplog))
    assert float(first[4]) >= 0.05 > float(second[4])


def test_a_run_that_stops_early_is_logged_too(monkeypatch, caplog):
    monkeypatch.setenv("PRESSLENS_SLOW_RUN_S", "0.01")
    with caplog.at_level(logging.WARNING, logger="presslens.runs"), \
            pytest.raises(RuntimeError), timing.slow_runs("Actors"):
        time.sleep(0.02)
        raise RuntimeError("st.stop, a rerun or a failure")
    assert [r.getMessage().split(" page,")[0] for r in caplog.records] == ["Actors"]


def test_a_fragment_is_logged_only_when_it_reruns_alone(monkeypatch, caplog):
    monkeypatch.setenv("PRESSLENS_SLOW_RUN_S", "0.000001")
    with caplog.at_level(logging.WARNING, logger="presslens.runs"), \
            timing.fragment_runs("Topics"):
        pass  # outside a fragment rerun: the page's own line counts it
    assert _lines(caplog) == []


def test_work_elsewhere_is_logged_for_the_session_that_handed_it_over(monkeypatch, caplog):
    """The Topics page's mining, in its own process: its seconds and CPU as measured there."""
    monkeypatch.setenv("PRESSLENS_SLOW_RUN_S", "0.5")
    with caplog.at_level(logging.WARNING, logger="presslens.runs"):
        timing.elsewhere("Topics mining", seconds=2.5, cpu_s=2.25, session="abc-123")
        timing.elsewhere("Topics mining", seconds=0.1, cpu_s=0.1, session="abc-123")  # quick
    (line,) = _lines(caplog)
    found = SLOW_RUN.match(f"2026-12-06 22:00:00,000 WARNING slow run: {line}")
    assert found[2] == f"Topics mining {timing.BACKGROUND}" and found[5] == "abc-123"
    assert (float(found[3]), float(found[4])) == (2.5, 2.25)
