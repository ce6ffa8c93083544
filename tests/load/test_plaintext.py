"""Scraped pages: the "page" reader gives one raw record, cleaning finds the parts or rejects it."""

import pytest

from analysis.clean.articles import build_row
from analysis.load.plaintext import read_page
from analysis.load.readers import read_source
from analysis.load.source import Reject, Source
from analysis.schema import (
    BYLINE,
    CREDITS,
    DATELINE,
    FORMAT,
    ORIGIN,
    PUBLISHED_AT,
    RELATED_HEADLINES,
    SECTION,
    SOURCE,
    TEASER,
    TEXT,
    TITLE,
)


def parsed(source: Source) -> dict:
    [raw] = list(read_page(source))
    assert (raw[FORMAT], raw[ORIGIN]) == ("page", source.name)
    return build_row(raw)


def test_sample_page_gives_one_record(sample_path, sample_expected):
    source = Source("news/000_494b092cd619754e.txt", sample_path.read_bytes())
    record = parsed(source)
    assert record[ORIGIN] == "news/000_494b092cd619754e.txt"
    assert record[FORMAT] == "page"
    assert record[TITLE] == sample_expected["title"]
    assert record[SECTION] == sample_expected["section"]
    assert (record[SOURCE], record[DATELINE]) == ("Reuters", "BAGHDAD")
    assert record[BYLINE] == ["Ross Colvin"]
    assert record[CREDITS][0]["name"] == "Fredrik Dahl"
    assert record[RELATED_HEADLINES] == sample_expected["related_headlines"]
    assert record[TEXT].startswith(sample_expected["body_starts_with"])
    assert record[TEASER].startswith("Washington’s top official")
    # unknown means missing: no date on the page, so none is stored
    assert record[PUBLISHED_AT] is None


def test_windows_line_endings_and_cp1252_bytes_are_read():
    page = ("Iran, Iraq hold talks on security\r\n\r\n"
            "BAGHDAD (Reuters) \u2013 Officials met on Monday, \u201cat last\u201d.\r\n")
    record = parsed(Source("a.txt", page.encode("cp1252")))
    assert record[TEXT] == "Officials met on Monday, \u201cat last\u201d."
    assert record[TITLE] == "Iran, Iraq hold talks on security"


def test_page_without_a_story_is_rejected():
    data = b"Skip to content\n\nLatest news\n\nOil prices climb as Red Sea attacks continue\n"
    with pytest.raises(ValueError, match="no story body"):
        parsed(Source("empty.txt", data))


def test_read_source_sniffs_a_scraped_page(sample_path):
    items = list(read_source(Source("a.txt", sample_path.read_bytes())))
    assert len(items) == 1 and not isinstance(items[0], Reject)
    assert items[0][FORMAT] == "page"
