"""bench/serve_proxied.py with bench/load_protocol.py through it: sessions over TLS to two
dashboards behind nginx, each process's CPU and memory sampled."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.browser.nginx import require_nginx

REPO = Path(__file__).resolve().parents[2]


def test_sessions_through_the_proxy_answer_every_action(sample_store, tmp_path):
    require_nginx()
    serving = subprocess.Popen(
        [sys.executable, str(REPO / "bench" / "serve_proxied.py"), "--store", str(sample_store),
         "--processes", "2", "--seconds", "300"], stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        ready = json.loads(serving.stdout.readline())
        ports = [a for port in ready["dashboard_ports"] for a in ("--server-port", str(port))]
        done = subprocess.run(
            [sys.executable, str(REPO / "bench" / "load_protocol.py"), "--url", ready["url"],
             *ports, "--sessions", "4", "--seconds", "2", "--warmup", "0", "--think", "0.5",
             "--min-actions", "2", "--json", "--out", str(tmp_path / "report.json")],
            capture_output=True, text=True, timeout=180, cwd=REPO,
            env={**os.environ, "SSL_CERT_FILE": ready["ca"]})  # trust the test's own CA
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["url"].startswith("https://") and report["actions"] >= 8
        assert report["errors"] == 0, report["failed"]
        # both dashboards sampled (each has the app loaded: well over 100 MiB)
        assert report["server_cpu_s_per_action"] > 0 and report["server_rss_mb_start"] > 200
    finally:
        serving.terminate()
        serving.wait(timeout=60)
        serving.stdout.close()
