"""One ingest run as a child process for the dashboard: progress and outcome as JSON lines.

`python -m analysis.store.ingest_child --store STORE [--options JSON] FILE...` prints
{"file": name} as each file is read, then {"summary": {...}} or {"error": message}, one JSON
object a line on stdout (logs go to stderr). `--options` holds the `ingest` options an upload
sets: names (file → the uploaded file's own name), source, dayfirst. The dashboard's Upload
page runs its ingests this way, so that a hostile upload costs a process it can stop
(dashboard/ingesting.py), not the server that serves everyone.
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
    parser.add_argument("--options", default="{}", help="JSON: names, source, dayfirst")
    parser.add_argument("paths", nargs="+", help="files to ingest")
    args = parser.parse_args(argv)
    options = {key: value for key, value in json.loads(args.options).items()
               if key in ("names", "source", "dayfirst")}
    try:
        summary = ingest(args.paths, store=args.store, on_file=lambda name: _say(file=name),
                         **options)
    except StoreError as err:
        _say(error=str(err))
        return 1
    _say(summary={"new": summary.new, "duplicates": summary.duplicates,
                  "rejected": summary.rejected, "ingest_id": summary.ingest_id,
                  "rejects": summary.rejects.to_dict("records"),
                  "notes": summary.notes.to_dict("records")})
    return 0


if __name__ == "__main__":
    sys.exit(main())
