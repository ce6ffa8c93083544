"""One ingest run as a child process for the dashboard: progress and outcome as JSON lines.

`python -m analysis.store.ingest_child --store STORE FILE...` prints {"file": name} as each file is
read, then {"summary": {...}} or {"error": message}, one JSON object a line on stdout (logs go
to stderr). The dashboard's Upload page runs its ingests this way, so that a hostile upload
costs a process it can stop (dashboard/ingesting.py), not the server that serves everyone.
"""

from __future__ import annotations

import argparse
import json
import sys

from analysis.store import StoreError
from analysis.store.ingest import ingest


def _say(**message: object) -> None:
    print(json.dumps(message, default=str), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.store.ingest_child",
                                     description=__doc__)
    parser.add_argument("--store", required=True, help="the store to ingest into")
    parser.add_argument("paths", nargs="+", help="files to ingest")
    args = parser.parse_args(argv)
    try:
        summary = ingest(args.paths, store=args.store, on_file=lambda name: _say(file=name))
    except StoreError as err:
        _say(error=str(err))
        return 1
    _say(summary={"new": summary.new, "duplicates": summary.duplicates,
                  "rejected": summary.rejected,
                  "rejects": summary.rejects.to_dict("records")})
    return 0


if __name__ == "__main__":
    sys.exit(main())
