"""Read a scraped plain-text news page (the "page" format) into one cleaned record."""

from __future__ import annotations

from collections.abc import Iterator

from analysis.clean.page import parse_page
from analysis.load.source import Record, Reject, Source, field_too_long
from analysis.schema import FORMAT, ORIGIN, TEXT

FORMAT_NAME = "page"


def read_page(source: Source) -> Iterator[Record | Reject]:
    """Yield the one article of a scraped page, or a Reject when the page holds no story.

    Keys whose value the page does not give (no dateline, no date) are left out: unknown.
    Undecodable bytes raise DecodeError, which `read_source` turns into a Reject.
    """
    too_long = field_too_long({"page": source.text()})
    if too_long:
        yield Reject(source.name, None, too_long)
        return
    page = parse_page(source.text())
    if not page[TEXT]:
        yield Reject(source.name, None,
                     "no story body found (only a title, page furniture or link lists); skipped")
        return
    record: Record = {key: value for key, value in page.items() if value is not None}
    record[ORIGIN] = source.origin()
    record[FORMAT] = FORMAT_NAME
    yield record
