"""The load stage: paths in, raw records (or rejects) out, one format reader per kind of file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from analysis.load.files import iter_sources
from analysis.load.source import Record, Reject, Source

__all__ = ["Record", "Reject", "Source", "read_records", "read_sources"]


def read_records(paths: Iterable[str | Path], *, fmt: str | None = None,
                 mapping: Mapping[str, str] | None = None,
                 on_file: Callable[[str], None] | None = None,
                 names: Mapping[str, str] | None = None) -> Iterator[Record | Reject]:
    """Every record (or Reject) from every file, folder and archive in `paths`, in order.

    `on_file` is called with each file's name as it is read (for progress bars). `names`
    gives a path the name its records' origin and rejects show (an uploaded file's own name
    for the temporary copy it was saved as).
    """
    yield from read_sources(iter_sources(paths, names=names), fmt=fmt, mapping=mapping,
                            on_file=on_file)


def read_sources(sources: Iterable[Source | Reject], *, fmt: str | None = None,
                 mapping: Mapping[str, str] | None = None,
                 on_file: Callable[[str], None] | None = None) -> Iterator[Record | Reject]:
    """Every record (or Reject) of `sources` (`iter_sources`' sources and rejects), in order."""
    from analysis.load.readers import read_source

    for item in sources:
        if isinstance(item, Reject):
            yield item
            continue
        if on_file is not None:
            on_file(item.name)
        yield from read_source(item, fmt=fmt, mapping=mapping)
