"""Pick the reader for a Source's format and run it, turning a failure into a Reject."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from analysis import schema
from analysis.load import feed, gdelt, html, plaintext, reuters, table
from analysis.load.decode import DecodeError
from analysis.load.kind import not_an_article
from analysis.load.sniff import FORMATS, sniff
from analysis.load.source import LoadError, Record, Reject, Source

log = logging.getLogger(__name__)

Reader = Callable[..., Iterator[Record | Reject]]

READERS: dict[str, Reader] = {
    "page": plaintext.read_page,
    "html": html.read_html,
    "feed": feed.read_feed,
    "json": table.read_json,
    "jsonl": table.read_jsonl,
    "csv": table.read_csv,
    "parquet": table.read_parquet,
    "reuters": reuters.read_reuters,
    "gkg": gdelt.read_gkg,
}
_TABULAR = {"json", "jsonl", "csv", "parquet"}


def _not_an_article(source: Source) -> Reject | None:
    reason = not_an_article(source.text())
    if reason is None:
        return None
    return Reject(source.name, None,
                  f"not an article: {reason}; --format page reads it as a page anyway")


def read_source(source: Source, *, fmt: str | None = None,
                mapping: Mapping[str, str] | None = None) -> Iterator[Record | Reject]:
    """The records of one source (format sniffed unless `fmt` is given), tagged with the format."""
    if fmt is not None and fmt not in READERS:
        raise ValueError(f"format {fmt!r} is not one of {sorted(READERS)}")
    try:
        found = fmt or sniff(source)
    except (DecodeError, LoadError) as err:
        yield Reject(source.name, None, str(err))
        return
    if found not in READERS:  # "zip" only reaches here when nested; files.py rejects those
        yield Reject(source.name, None, f"format {found!r} cannot be read here; one of {FORMATS}")
        return
    refused = _not_an_article(source) if fmt is None and found == plaintext.FORMAT_NAME else None
    if refused is not None:  # a folder's README, licence, DTD or word list: unless forced
        yield refused
        return
    options: dict[str, Any] = {"mapping": dict(mapping or {})} if found in _TABULAR else {}
    count = 0
    try:
        for item in READERS[found](source, **options):
            if isinstance(item, dict):
                item[schema.FORMAT] = found
            count += 1
            yield item
    except (DecodeError, LoadError) as err:
        # the file's one reason: not followed by a misleading "no articles found"
        yield Reject(source.name, None, str(err))
        return
    except RecursionError:
        yield Reject(source.name, None, f"{found} file nested too deeply to read")
        return
    except Exception as err:  # the edge of the batch: one bad file must not stop the others
        log.warning("unexpected error reading %s as %s", source.name, found, exc_info=True)
        reason = f"could not be read as {found}: {type(err).__name__}: {err}"
        yield Reject(source.name, None, reason)
        return
    if count == 0:
        yield Reject(source.name, None, f"no articles found in this {found} file")
