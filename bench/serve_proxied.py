"""Serve a store as a team server does, for load tests: N dashboard processes behind nginx with
TLS and sticky sessions (deploy/nginx-presslens.conf, as tests/browser/test_proxy.py runs it).

Run: .venv/bin/python bench/serve_proxied.py --store STORE --processes 2 [--seconds S]

Prints one JSON line when ready: the https URL, the CA certificate that signed the server's
(give it to clients as SSL_CERT_FILE) and the dashboards' ports (bench/load_protocol.py
--server-port samples their CPU and memory); then serves until stopped (Ctrl-C, SIGTERM) or
for `--seconds`. Everything listens on 127.0.0.1 only. The dashboards have no login and let
anyone in (PRESSLENS_OPEN_ACCESS=anyone), which is safe here on the loopback interface only:
the load generator cannot log in at an OpenID provider. The config's rate limit per address
(20 requests a second, a burst of 100) applies to the generator's sessions together: at 20
sessions they stay below it (a page load is 3 requests and a websocket).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser.proxy import proxied_dashboards  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seconds", type=float, help="stop after this long (default: on a "
                                                      "signal)")
    args = parser.parse_args(argv)
    stop = threading.Event()
    for name in (signal.SIGINT, signal.SIGTERM):
        signal.signal(name, lambda *_: stop.set())
    with tempfile.TemporaryDirectory(prefix="presslens-proxied-") as folder, \
            proxied_dashboards(args.store, Path(folder), processes=args.processes,
                               env={"PRESSLENS_OPEN_ACCESS": "anyone"}) as site:
        print(json.dumps({"url": site.url, "ca": str(site.ca),
                          "dashboard_ports": [urlsplit(u).port for u in site.dashboards],
                          "nginx_pid": site.nginx.pid}),
              flush=True)
        stop.wait(args.seconds)


if __name__ == "__main__":
    main()
