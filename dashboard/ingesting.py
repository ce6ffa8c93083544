"""Run an Upload-page ingest outside the server process, follow its progress, bound its memory.

The ingest runs as `python -m analysis.store.ingest_child` (the same
`analysis.store.ingest.ingest` as `presslens ingest`); this module reads its progress lines and
stops it when its memory (with any workers it starts) passes the setting ingest_memory_mb. A
stopped ingest stores nothing: an ingest is all-or-nothing (docs/reliability.md).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import psutil

from analysis import schema
from analysis.settings import MIB
from analysis.settings import get as setting
from analysis.store import IngestSummary

log = logging.getLogger(__name__)
_SAMPLE_S = 0.1


class IngestFailed(RuntimeError):
    """The ingest stored nothing; the message says why, for the page to show."""


def run(files: list[Path], *, store: Path, on_file: Callable[[str], None],
        **options: object) -> IngestSummary:
    """Ingest `files` into `store` in a child process; `on_file` gets each file as it is read;
    `options` (names, source, dayfirst) as `analysis.store.ingest.ingest` takes them."""
    limit = int(setting("ingest_memory_mb")) * MIB
    over: list[int] = []
    said: dict = {}
    with subprocess.Popen([sys.executable, "-m", "analysis.store.ingest_child", "--store",
                           str(store), "--options", json.dumps(options), *map(str, files)],
                          stdout=subprocess.PIPE, text=True) as child:
        watch = threading.Thread(target=_watch, args=(child, limit, over), daemon=True)
        watch.start()
        for line in child.stdout or []:
            message = json.loads(line)
            if "file" in message:
                on_file(message["file"])
            said.update(message)
        status = child.wait()
        watch.join()
    if over:
        raise IngestFailed(f"The ingest used {over[0] / MIB:,.0f} MiB, more than the "
                           f"{limit // MIB:,} MiB it may (setting ingest_memory_mb), and was "
                           "stopped; nothing was stored.")
    if "error" in said:
        raise IngestFailed(said["error"])
    if status != 0 or "summary" not in said:
        raise IngestFailed(f"The ingest stopped unexpectedly (exit status {status}); nothing "
                           "was stored. The server's log has its messages.")
    summary = said["summary"]
    rejects = pd.DataFrame(summary["rejects"], columns=list(schema.REJECT_COLUMNS))
    notes = schema.conform(pd.DataFrame(summary["notes"], columns=list(schema.NOTE_COLUMNS)),
                           schema.NOTE_COLUMNS, name="notes")
    return IngestSummary(new=summary["new"], duplicates=summary["duplicates"],
                         rejected=summary["rejected"], rejects=rejects, notes=notes,
                         ingest_id=summary["ingest_id"])


def _watch(child: subprocess.Popen, limit: int, over: list[int]) -> None:
    """Kill `child` (and its workers) once their resident memory passes `limit` bytes."""
    try:
        process = psutil.Process(child.pid)
        while child.poll() is None:
            family = [process, *process.children(recursive=True)]
            used = sum(_rss(p) for p in family)
            if used > limit:
                over.append(used)
                for member in reversed(family):
                    member.kill()
                return
            threading.Event().wait(_SAMPLE_S)
    except psutil.NoSuchProcess:
        return


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.NoSuchProcess:
        return 0
