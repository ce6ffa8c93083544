"""bench/load_dashboard.py, small: three browser sessions for ten seconds, every action answered."""


import pytest

from bench.load_dashboard import Load, run_load
from tests.bench.conftest import run_apart
from tests.browser.conftest import chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.corpora]


def test_three_sessions_changing_filters_get_every_answer(store_1987, tmp_path):
    chromium_path()
    load = Load(sessions=3, duration=10, warmup=3, think=0.5, ramp=1, seed=1, min_actions=3)
    report = run_apart(run_load(store_1987, load, log=tmp_path / "server.log"))
    assert report["failed"] == [] and report["errors"] == 0, report["failed"]
    assert report["client_errors"] == []
    assert report["server_log"]["error_lines"] == 0, report["server_log"]["first"]
    kinds = report["by_action"]
    assert kinds["open"]["n"] >= 3  # each session opened the Overview
    changes = report["actions"] - kinds["open"]["n"]
    assert changes >= 9, kinds  # then at least three changes each, every one answered
    assert report["response"]["n"] == report["actions"]
    # the server timed each run itself (its slow-run log): at least one run per action, every
    # one shorter than the answer the browser waited for
    runs = report["script_runs"]
    assert runs["n"] >= report["actions"], runs
    assert 0 < runs["max_s"] <= report["response"]["max_s"], (runs, report["response"])
    assert report["server_response"]["n"] == report["actions"]
    assert report["memory"]["rss_end_mb"] > 0 and len(report["samples"]) >= 5
