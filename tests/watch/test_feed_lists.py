"""The feed lists shipped in data/feeds read as `presslens watch` reads them (`make live`)."""

from __future__ import annotations

import pytest

from analysis.watch import read_feeds
from tests.conftest import REPO

LISTS = sorted((REPO / "data" / "feeds").glob("*.yaml"))


@pytest.mark.parametrize("listed", LISTS, ids=[path.name for path in LISTS])
def test_a_shipped_feed_list_reads_with_a_name_source_and_language_per_feed(listed):
    feeds = read_feeds([str(listed)])
    assert len(feeds) >= 5
    assert all(feed.url.startswith("https://") for feed in feeds)
    assert all(feed.name and feed.source and feed.language for feed in feeds)
    assert len({feed.source for feed in feeds}) == len(feeds)  # one outlet each
