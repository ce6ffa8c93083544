"""Reading a store while another process ingests into it: how often, and how fast, reads land."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from analysis import store
from analysis.load.reuters import read_reuters
from analysis.load.source import Source


def stories(corpora: Path, count: int, path: Path) -> Path:
    """The first `count` Reuters-21578 stories with a body, as a JSON Lines file at `path`."""
    file = corpora / "reuters21578" / "reut2-000.sgm"
    records = [r for r in read_reuters(Source(str(file), file.read_bytes()))
               if isinstance(r, dict) and r.get("text")][:count]
    path.write_text("".join(json.dumps({"title": r.get("title"), "text": r["text"]}) + "\n"
                            for r in records), encoding="utf-8")
    return path


def read_while(process: subprocess.Popen, path: Path) -> list[float]:
    """The seconds each read of the store took while `process` ran (one every 0.1 s)."""
    took = []
    while process.poll() is None:
        started = time.monotonic()
        with store.connect(path) as con:
            con.execute("SELECT count(*) FROM facts_articles").fetchall()
        took.append(time.monotonic() - started)
        time.sleep(0.1)
    return took
