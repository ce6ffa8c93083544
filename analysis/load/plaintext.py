"""Read a scraped plain-text news page (the "page" format): its whole text, parsed when cleaned."""

from __future__ import annotations

from collections.abc import Iterator

from analysis.load.source import Record, Reject, Source, field_too_long
from analysis.schema import FORMAT, ORIGIN, TEXT

FORMAT_NAME = "page"


def read_page(source: Source) -> Iterator[Record | Reject]:
    """Yield the page as one raw record; `analysis.clean.page` finds its parts.

    Undecodable bytes raise DecodeError, which `read_source` turns into a Reject.
    """
    text = source.text()
    too_long = field_too_long({"page": text})
    if too_long:
        yield Reject(source.name, None, too_long)
        return
    yield {TEXT: text, ORIGIN: source.origin(), FORMAT: FORMAT_NAME}
