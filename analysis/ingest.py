"""Ingest: load and clean files, then add them to the store in one atomic write."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from analysis.articles import read_batch
from analysis.store import IngestSummary, write_batch, writer


def ingest(paths: Iterable[str | Path], *, store: str | Path | None = None,
           fmt: str | None = None, mapping: Mapping[str, str] | None = None,
           on_file: Callable[[str], None] | None = None) -> IngestSummary:
    """Load, clean and store everything under `paths`; idempotent and all-or-nothing.

    `on_file` is called with each file's name as it is read (for progress bars).
    """
    paths = [str(p) for p in paths]
    batch = read_batch(*paths, fmt=fmt, mapping=mapping, on_file=on_file)
    with writer(store) as con:
        return write_batch(con, batch.articles, batch.rejects, paths=paths,
                           duplicates=batch.duplicates)
