"""Reading GDELT GKG exports: 1.0 and 2.x, with a header row or as GDELT publishes them."""

from datetime import UTC, datetime

import pytest

from analysis.load.gdelt import GKG1_COLUMNS, GKG2_COLUMNS, gkg_time, read_gkg
from analysis.load.source import LoadError, Reject, Source
from analysis.schema import (
    ORIGIN,
    PUBLISHED_AT,
    REF_ORGS,
    REF_PEOPLE,
    REF_TONE,
    REF_TOPICS,
    SOURCE,
    SOURCE_ID,
    TEXT,
    TITLE,
    URL,
)


def _gkg2_row(**values: str) -> list[str]:
    row = dict.fromkeys(GKG2_COLUMNS, "")
    row.update({
        "gkgrecordid": "20240305101500-7", "date": "20240305101500",
        "sourcecollectionidentifier": "1", "sourcecommonname": "wire.example",
        "documentidentifier": "https://wire.example/tanker",
        "themes": "ARMEDCONFLICT;MARITIME_INCIDENT;", "v2themes": "MARITIME_INCIDENT,12;KILL,40",
        "persons": "jane roe;sam poe", "v2persons": "Jane Roe,10;Jane Roe,99",
        "organizations": "opec", "v2organizations": "OPEC,5",
        "v2tone": "-3.5,1.2,4.7,5.9,20.1,0,250",
        "extras": '<PAGE_TITLE>Tanker hit &amp; towed</PAGE_TITLE><PAGE_LINKS>x</PAGE_LINKS>',
    })
    row.update(values)
    return list(row.values())


def _tsv(rows: list[list[str]]) -> Source:
    return Source("20240305101500.gkg.csv", "\n".join("\t".join(r) for r in rows).encode())


def test_gkg2_as_published_tab_separated_without_header():
    quote = 'he said "no" twice'  # exports are not quoted: a quote is just a character
    first, reject, third = read_gkg(_tsv([_gkg2_row(quotations=quote), ["too", "short"],
                                          _gkg2_row(date="2024", v2tone="")]))
    assert first == {
        ORIGIN: "20240305101500.gkg.csv#1", TEXT: "", SOURCE_ID: "20240305101500-7",
        URL: "https://wire.example/tanker", SOURCE: "wire.example", TITLE: "Tanker hit & towed",
        PUBLISHED_AT: datetime(2024, 3, 5, 10, 15, tzinfo=UTC), REF_TONE: -3.5,
        REF_PEOPLE: ["Jane Roe", "sam poe"], REF_ORGS: ["OPEC"],
        REF_TOPICS: ["MARITIME_INCIDENT", "KILL", "ARMEDCONFLICT"],
    }
    assert reject == Reject("20240305101500.gkg.csv", "2", "row has 2 fields, expected 27")
    assert PUBLISHED_AT not in third and REF_TONE not in third  # malformed: left out, kept


def test_gkg1_without_header():
    row = ["20240305", "1", "", "TAX_FNCACT;", "", "jane roe", "opec", "1.5,2,0.5,2.5,20,1",
           "1,2", "wire.example;other.example", "https://wire.example/a<UDIV>https://b.example/"]
    assert len(row) == len(GKG1_COLUMNS)
    [record] = read_gkg(_tsv([row]))
    assert record[SOURCE_ID] == "20240305-1"
    assert record[URL] == "https://wire.example/a"
    assert record[SOURCE] == "wire.example"
    assert record[PUBLISHED_AT] == datetime(2024, 3, 5, tzinfo=UTC)
    assert record[REF_TONE] == 1.5
    assert TITLE not in record


def test_not_a_gkg_export_is_a_load_error():
    with pytest.raises(LoadError, match="not a GKG export"):
        list(read_gkg(Source("x.csv", b"a\tb\tc\n1\t2\t3\n")))


@pytest.mark.parametrize(("value", "moment"), [
    ("20170701234500", datetime(2017, 7, 1, 23, 45, tzinfo=UTC)),
    ("20170701", datetime(2017, 7, 1, tzinfo=UTC)),
    ("20171301", None), ("", None), ("2017-07-01", None),
])
def test_gkg_time(value, moment):
    assert gkg_time(value) == moment


@pytest.mark.corpora
def test_gkg1_sample(corpora_dir):
    path = corpora_dir / "gdelt" / "gkg1samp.csv"
    records = list(read_gkg(Source(path.name, path.read_bytes())))
    assert len(records) == 50 and all(isinstance(r, dict) for r in records)
    first = records[0]
    assert first[URL].startswith("http://www.mercurynews.com/2017/07/01/july-1-letters")
    assert first[SOURCE] == "mercurynews.com"
    assert first[PUBLISHED_AT] == datetime(2017, 7, 1, tzinfo=UTC)
    assert first[REF_TONE] == pytest.approx(-1.00334448160535)
    assert first[REF_PEOPLE] == ["ernst mayr", "leonard levy"]
    assert "united states" in first[REF_ORGS]
    assert first[REF_TOPICS][:2] == ["URBAN", "GENERAL_HEALTH"]
    assert first[TEXT] == "" and first[SOURCE_ID] == "20170701-1"
    assert len({r[SOURCE_ID] for r in records}) == 50


@pytest.mark.corpora
def test_gkg2_sample(corpora_dir):
    path = corpora_dir / "gdelt" / "gkg2samp.csv"
    records = list(read_gkg(Source(path.name, path.read_bytes())))
    assert len(records) == 50 and all(isinstance(r, dict) for r in records)
    second = records[1]
    assert second[SOURCE_ID] == "20170701234500-1"
    assert second[URL] == "http://english.sina.com/news/2017-07-02/detail-ifyhryex5754975.shtml"
    assert second[SOURCE] == "sina.com"
    assert second[PUBLISHED_AT] == datetime(2017, 7, 1, 23, 45, tzinfo=UTC)
    assert second[REF_TONE] == 0
    assert second[REF_PEOPLE] == ["Darja Bavdaz Kuret", "Karl Erjavec", "Borut Pahor"]
    assert "Slovenian Press Agency" in second[REF_ORGS]
    assert "NATURAL_DISASTER_HEAVY_RAIN" in second[REF_TOPICS]
    assert all(r[TEXT] == "" for r in records)
    assert sum(bool(r.get(REF_TOPICS)) for r in records) > 40
