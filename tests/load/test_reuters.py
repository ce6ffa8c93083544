"""Reading Reuters-21578 SGML: stories, their tags, and the corpus's irregularities."""

import re
from datetime import UTC, datetime

import pytest

from analysis.evaluate.actors import open_reuters_files
from analysis.load.reuters import read_reuters
from analysis.load.source import LoadError, Reject, Source
from analysis.schema import (
    BYLINE,
    DATELINE,
    LANGUAGE,
    ORIGIN,
    PUBLISHED_AT,
    REF_ORGS,
    REF_PEOPLE,
    REF_PLACES,
    REF_TOPICS,
    SOURCE,
    SOURCE_ID,
    TEXT,
    TITLE,
)

STORY = """<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" OLDID="5545" NEWID="{newid}">
<DATE>{date}</DATE>
<TOPICS><D>crude</D><D>ship</D></TOPICS>
<PLACES><D>iran</D><D>iraq</D></PLACES>
<PEOPLE><D>khomeini</D></PEOPLE>
<ORGS><D>opec</D></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN> &#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>GULF TANKER HIT &lt;NIOC></TITLE>
<AUTHOR>    By Jane Roe, Reuters</AUTHOR>
<DATELINE>    FORT WORTH, Texas, March 18 - </DATELINE><BODY>A tanker was hit by a missile in
the Gulf, shipping sources said.
    No one was hurt, they said, and the ship
sailed on to Kharg Island.
 REUTER
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""
BRIEF = """<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" OLDID="1" NEWID="{newid}">
<DATE>26-FEB-1987 15:03:27.51</DATE>
<TOPICS></TOPICS><PLACES><D>usa</D></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>N.Y. BUSINESS LOANS FALL 195 MLN DLRS
</TITLE>Blah blah blah.
&#3;

</TEXT>
</REUTERS>
"""
UNPROC = """<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" OLDID="2" NEWID="{newid}">
<DATE>26-FEB-1987 15:10:44.60</DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<TEXT TYPE="UNPROC">&#2;
FEDERAL RESERVE WEEKLY REPORT 4 - FEB 26
 Gold stock................11,059 unch.........
</TEXT>
</REUTERS>
"""
HEADER = '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n'


def _file(*stories: str) -> Source:
    return Source("reut2-999.sgm", (HEADER + "".join(stories)).encode("latin-1"))


def test_a_story_and_its_tags():
    [story] = read_reuters(_file(STORY.format(newid=7, date="26-FEB-1987 15:01:01.79")))
    assert story == {
        ORIGIN: "reut2-999.sgm#7", SOURCE_ID: "7", SOURCE: "Reuters", LANGUAGE: "en",
        TITLE: "GULF TANKER HIT <NIOC>", DATELINE: "FORT WORTH, Texas", BYLINE: ["Jane Roe"],
        PUBLISHED_AT: datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC),
        TEXT: "A tanker was hit by a missile in the Gulf, shipping sources said.\n\n"
              "No one was hurt, they said, and the ship sailed on to Kharg Island.",
        REF_TOPICS: ["crude", "ship"], REF_PLACES: ["iran", "iraq"], REF_PEOPLE: ["khomeini"],
        REF_ORGS: ["opec"],
    }


@pytest.mark.parametrize(("date", "moment"), [
    ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM", datetime(1987, 3, 27, 0, 2, 59, 130000, tzinfo=UTC)),
    (" 7-APR-1987 16:22:00.0", datetime(1987, 4, 7, 16, 22, tzinfo=UTC)),
    ("31-MAR-1987 605:12:19.12", datetime(1987, 3, 31, tzinfo=UTC)),  # the day survives
    ("31-FOO-1987 10:00:00.00", None),
])
def test_malformed_dates_do_not_lose_the_story(date, moment):
    [story] = read_reuters(_file(STORY.format(newid=1, date=date)))
    assert story.get(PUBLISHED_AT) == moment
    assert story[TITLE]


def test_brief_kept_as_headline_unproc_rejected():
    brief, unproc = read_reuters(_file(BRIEF.format(newid=2), UNPROC.format(newid=3)))
    assert brief[TITLE] == "N.Y. BUSINESS LOANS FALL 195 MLN DLRS"
    assert brief[TEXT] == ""
    assert brief[REF_PLACES] == ["usa"]
    assert isinstance(unproc, Reject) and unproc.record == "3"
    assert 'TYPE="UNPROC"' in unproc.reason


def test_a_story_cut_short_is_rejected_and_the_rest_load():
    cut = STORY.format(newid=4, date="1-MAR-1987 10:00:00.00").split("<BODY>")[0]
    items = list(read_reuters(_file(cut, STORY.format(newid=5, date="1-MAR-1987 10:00:00.00"))))
    assert isinstance(items[0], Reject) and items[0].record == "4"
    assert items[1][SOURCE_ID] == "5"


@pytest.mark.parametrize(("dateline", "place"), [
    ("    SALVADOR, Feb 26 - ", "SALVADOR"),
    ("    WINSTON-SALEM, N.C. - ", "WINSTON-SALEM, N.C."),
    ("    Quito, march 18 - ", "Quito"),
    ("    WASHINGTON, March 25, Reuter - ", "WASHINGTON"),
    ("    WASHINGTON, D.C. March 18 - ", "WASHINGTON, D.C."),
    ("   Ottawa, Apr 7- ", "Ottawa"),
    ("    Sioux Falls, April 7 - Clear/calm/43 degrees - ", "Sioux Falls"),
    (" APRIL 7  - ", None),
    (" us        7.8015 - ", None),
])
def test_dateline_is_the_place_only(dateline, place):
    story = STORY.format(newid=1, date="1-MAR-1987 10:00:00.00").replace(
        "    FORT WORTH, Texas, March 18 - ", dateline)
    [record] = read_reuters(_file(story))
    assert record.get(DATELINE) == place


def test_a_file_without_stories_is_a_load_error():
    with pytest.raises(LoadError, match="no <REUTERS> stories"):
        list(read_reuters(Source("x.sgm", b"<!DOCTYPE lewis>\nnothing here")))


@pytest.mark.corpora
def test_all_18_files(corpora_dir):
    paths = open_reuters_files(corpora_dir / "reuters21578")
    assert len(paths) == 18
    sources = [Source(path.name, path.read_bytes()) for path in paths]
    items = [item for source in sources for item in read_reuters(source)]
    records = {item[SOURCE_ID]: item for item in items if isinstance(item, dict)}
    rejects = [item for item in items if isinstance(item, Reject)]
    with_body = {newid for source in sources
                 for newid, body in re.findall(r'NEWID="(\d+)">(.*?)</REUTERS>', source.text(),
                                               re.DOTALL) if "<BODY>" in body}
    assert len(with_body) == 15997
    assert with_body <= {newid for newid, record in records.items() if record[TEXT]}
    assert len(records) == 15997 + 1283  # stories with a body, and one-line briefs
    assert len(rejects) == 720 and all("UNPROC" in reject.reason for reject in rejects)

    first = records["1"]
    assert first[ORIGIN] == "reut2-000.sgm#1"
    assert first[TITLE] == "BAHIA COCOA REVIEW"
    assert first[DATELINE] == "SALVADOR"
    assert first[PUBLISHED_AT] == datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC)
    assert first[REF_PLACES] == ["el-salvador", "usa", "uruguay"]
    assert first[REF_TOPICS] == ["cocoa"]
    assert first[TEXT].startswith("Showers continued throughout the week")
    assert not re.search(r"reuter\W*$", first[TEXT], re.IGNORECASE)
    signed = [r for r in records.values() if re.search(r"\bREUTER\W*$", r[TEXT], re.IGNORECASE)]
    assert signed == []
    assert not any("&#" in r[TEXT] or "\x03" in r[TEXT] for r in records.values())
