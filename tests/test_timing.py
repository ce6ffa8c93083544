"""The slow-run log (dashboard/timing.py): the page runs at or over `slow_run_s`, none at 0."""

import logging
import time

import pytest

from dashboard import timing


@pytest.mark.parametrize(("threshold", "sleep", "logged"),
                         [("0.05", 0.1, True), ("5", 0.0, False), ("0", 0.1, False)])
def test_a_run_is_logged_when_it_takes_the_setting_or_more(monkeypatch, caplog, threshold,
                                                            sleep, logged):
    monkeypatch.setenv("PRESSLENS_SLOW_RUN_S", threshold)
    with caplog.at_level(logging.WARNING, logger="presslens.runs"), timing.slow_runs("Topics"):
        time.sleep(sleep)
    lines = [r.getMessage() for r in caplog.records if r.name == "presslens.runs"]
    assert bool(lines) == logged
    if logged:
        page, seconds = lines[0].split(" page, ")
        assert page == "Topics" and float(seconds.removesuffix(" s")) >= 0.1


def test_a_run_that_stops_early_is_logged_too(monkeypatch, caplog):
    monkeypatch.setenv("PRESSLENS_SLOW_RUN_S", "0.01")
    with caplog.at_level(logging.WARNING, logger="presslens.runs"), \
            pytest.raises(RuntimeError), timing.slow_runs("Actors"):
        time.sleep(0.02)
        raise RuntimeError("st.stop, a rerun or a failure")
    assert [r.getMessage().split(" page,")[0] for r in caplog.records] == ["Actors"]
