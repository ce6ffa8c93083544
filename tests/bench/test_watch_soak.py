"""bench/watch_soak.py on a tiny run: three feeds for 21 s (polled every 7 s), the dashboard used
meanwhile."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_a_tiny_soak_stores_every_entry_once_and_the_dashboard_answers(tmp_path):
    out = tmp_path / "soak.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "watch_soak.py"), "--feeds", "3", "--minutes", "0.35",
         "--every-s", "7", "--dashboard", "--sessions", "1", "--think", "2", "--warmup-s", "0",
         "--progress-s", "5", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["entries_served"] == result["articles"] == result["entries_taken"] \
        == result["distinct_titles"] > 3
    assert result["lost_or_duplicated"] == 0
    dashboard = result["dashboard"]
    assert dashboard["failure"] is None
    assert dashboard["answers"] > 0 and dashboard["errors"] == 0, dashboard["first_errors"]
    assert 0 < dashboard["p50_s"] <= dashboard["max_s"]
    assert "open" in dashboard["by_kind"]  # the session opened the Overview first
    assert set(dashboard["by_page"]) <= {"Overview", "Freshness"}
    assert dashboard["rss_mib"]["start"] > 0 and dashboard["rss_mib"]["end"] > 0
    assert dashboard["server_log"]["error_lines"] == 0, dashboard["server_log"]["first"]
    # the progress lines went to the soak's folder as it ran
    progress = Path(result["folder"]) / "progress.jsonl"
    assert progress.exists() and "answers" in progress.read_text()
    actions = (Path(result["folder"]) / "dashboard_actions.jsonl").read_text().splitlines()
    assert len(actions) == dashboard["answers"]  # every answer timed, none failed
    assert all(json.loads(line)["seconds"] > 0 for line in actions)
