"""Reading RSS 2.0, RSS 1.0 (RDF) and Atom feeds, broken ones included."""

from datetime import UTC, datetime

import pytest

from analysis.load.feed import read_feed
from analysis.load.source import LoadError, Reject, Source
from analysis.schema import (
    BYLINE,
    LANGUAGE,
    ORIGIN,
    PUBLISHED_AT,
    SECTION,
    SOURCE,
    SOURCE_ID,
    TEXT,
    TITLE,
    URL,
)

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Gulf Wire</title><link>https://wire.example/</link><language>en-gb</language>
<item><title>Tanker hit in the Gulf</title><link>https://wire.example/1</link>
<guid isPermaLink="false">wire-1</guid><pubDate>Tue, 05 Mar 2024 10:15:00 +0100</pubDate>
<dc:creator>Jane Roe</dc:creator><category>World</category><category>Shipping</category>
<description>&lt;p&gt;A tanker was &lt;b&gt;hit&lt;/b&gt; by a missile.&lt;/p&gt;
&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;No one was hurt.&lt;/p&gt;</description></item>
<item><link>https://wire.example/2</link></item>
<item><title>Talks &amp; more talks</title><link>javascript:alert(1)</link>
<description>Plain words only.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Atom &lt;i&gt;News&lt;/i&gt;</title>
<entry><title type="html">Talks &lt;em&gt;resume&lt;/em&gt;</title><id>urn:uuid:1</id>
<updated>2024-03-05T23:30:00-05:00</updated><author><name>A. Writer</name></author>
<author><name>B. Writer</name></author><category term="Diplomacy"/>
<summary>Short summary.</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First paragraph.</p>
<p>Second paragraph.</p></div></content></entry></feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x.example/"><title>RDF Times</title><link>http://x.example/</link>
<description>d</description></channel>
<item rdf:about="http://x.example/a"><title>RDF story</title><link>http://x.example/a</link>
<description>Body of the RDF story.</description><dc:date>2024-03-05T10:00:00Z</dc:date>
<dc:subject>Politics</dc:subject><dc:creator>Sam Poe</dc:creator></item></rdf:RDF>"""


def _read(data: bytes, name: str = "wire.rss") -> list:
    return list(read_feed(Source(name, data)))


def test_rss2_entries():
    first, reject, third = _read(RSS)
    assert first == {
        ORIGIN: "wire.rss#1", TITLE: "Tanker hit in the Gulf", URL: "https://wire.example/1",
        SOURCE_ID: "wire-1", PUBLISHED_AT: datetime(2024, 3, 5, 9, 15, tzinfo=UTC),
        BYLINE: ["Jane Roe"], SECTION: ["World", "Shipping"], SOURCE: "Gulf Wire",
        LANGUAGE: "en", TEXT: "A tanker was hit by a missile.\n\nNo one was hurt.",
    }
    assert reject == Reject("wire.rss", "2", "entry has neither a title nor any text")
    assert third[TITLE] == "Talks & more talks"
    assert third[TEXT] == "Plain words only."
    assert URL not in third and PUBLISHED_AT not in third


def test_atom_prefers_content_and_converts_to_utc():
    [entry] = _read(ATOM, "news.atom")
    assert entry[TITLE] == "Talks resume"
    assert entry[SOURCE] == "Atom News"
    assert entry[TEXT] == "First paragraph.\n\nSecond paragraph."
    assert entry[PUBLISHED_AT] == datetime(2024, 3, 6, 4, 30, tzinfo=UTC)
    assert entry[BYLINE] == ["A. Writer", "B. Writer"]
    assert entry[SECTION] == ["Diplomacy"]
    assert entry[SOURCE_ID] == "urn:uuid:1"
    assert URL not in entry  # an urn: id is not a web address


def test_rss1_rdf():
    [entry] = _read(RDF, "times.rdf")
    assert entry[TITLE] == "RDF story"
    assert entry[TEXT] == "Body of the RDF story."
    assert entry[URL] == entry[SOURCE_ID] == "http://x.example/a"
    assert entry[PUBLISHED_AT] == datetime(2024, 3, 5, 10, tzinfo=UTC)
    assert entry[SECTION] == ["Politics"]
    assert entry[BYLINE] == ["Sam Poe"]
    assert entry[SOURCE] == "RDF Times"


def test_an_unreadable_date_is_left_out():
    rss = RSS.replace(b"Tue, 05 Mar 2024 10:15:00 +0100", b"sometime last week")
    first = _read(rss)[0]
    assert PUBLISHED_AT not in first and first[TITLE] == "Tanker hit in the Gulf"


def test_a_broken_feed_with_entries_is_still_read():
    broken = RSS.replace(b"</channel></rss>", b"<item><title>Cut <b>short</title>")
    items = _read(broken)
    assert [item[TITLE] for item in items if isinstance(item, dict)] == [
        "Tanker hit in the Gulf", "Talks & more talks", "Cut short"]


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>',
    b"<html><body><p>not a feed</p></body></html>",
    b"<rss version='2.0'><channel><title>Cut sho",
])
def test_a_feed_without_entries_is_a_load_error(data):
    with pytest.raises(LoadError, match="feed"):
        _read(data)


def test_a_feed_is_never_fetched_from_a_url():
    # a "feed" whose bytes are a URL is data, not an address to fetch
    with pytest.raises(LoadError):
        _read(b"http://127.0.0.1:9/feed.xml")
