"""bench/load_protocol.py: two simulated sessions for a few seconds, every field reported."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.load_protocol import split_url

REPO = Path(__file__).resolve().parents[2]
FIELDS = ("sessions", "actions", "errors", "p50_s", "p95_s", "p99_s", "server_cpu_s_per_action",
          "server_rss_mb_start", "server_rss_mb_end", "throughput_actions_per_s")


def test_two_sessions_answer_every_action(sample_store, tmp_path):
    out = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "load_protocol.py"), "--store", str(sample_store),
         "--sessions", "2", "--seconds", "2", "--warmup", "0", "--think", "0.5",
         "--min-actions", "2", "--json",
         "--out", str(out), "--log", str(tmp_path / "server.log")],
        capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # one JSON object
    assert set(FIELDS) <= set(report), sorted(set(FIELDS) - set(report))
    assert report["sessions"] == 2 and report["actions"] > 0
    assert report["errors"] == 0, report["failed"]
    assert 0 < report["p50_s"] <= report["p95_s"] <= report["p99_s"]
    assert report["server_cpu_s_per_action"] > 0
    assert 0 < report["server_rss_mb_start"] < report["server_rss_mb_end"]  # it loaded the app
    # each session opened the Overview, then changed something (at least twice)
    kinds = report["by_kind"]
    assert kinds["open"]["n"] == 2 and report["actions"] >= 6, kinds
    assert report["server_log"]["error_lines"] == 0, report["server_log"]["first"]
    # the server logged a run of its own for every action, with its CPU and session, and each
    # action found its runs there
    assert report["script_runs"]["n"] >= report["actions"]
    assert report["server_run_cpu_actions"] == report["actions"]
    assert 0 < report["server_cpu_s_per_action_median"] <= report["server_cpu_s_per_action_p95"]
    assert 0 < report["server_run_cpu_share_pct"] <= 100
    assert json.loads(out.read_text())["samples"]


@pytest.mark.parametrize(("url", "base", "params"), [
    ("http://127.0.0.1:8501", "http://127.0.0.1:8501", ()),
    ("http://127.0.0.1:8501/?token=abc", "http://127.0.0.1:8501", (("token", "abc"),)),
    ("https://example.org/presslens/?token=a%2Fb&x=",
     "https://example.org/presslens", (("token", "a/b"), ("x", ""))),
])
def test_a_url_gives_its_base_and_the_parameters_every_page_load_carries(url, base, params):
    assert split_url(url) == (base, params)
