"""Reading tables of articles: JSON, JSON Lines, CSV and Parquet, with and without a mapping."""

import io
import json
from datetime import UTC, datetime

import pandas as pd
import pytest

from analysis.load.source import LoadError, Reject, Source
from analysis.load.table import (
    as_labels,
    parse_time,
    read_csv,
    read_json,
    read_jsonl,
    read_parquet,
    resolve_columns,
)
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

ROWS = [
    {"Headline": "Tanker hit", "Body": "A tanker was hit.\n\nNo one was hurt.",
     "pubDate": "2024-03-05T10:15:00+01:00", "Link": "https://wire.example/1",
     "Authors": ["Jane Roe", "Sam Poe"], "Category": "World; Shipping", "ID": 17,
     "lang": "en-GB", "publisher": {"id": None, "name": "Gulf Wire"}, "extra": "ignored"},
    {"Headline": "", "Body": "  "},
    {"Headline": "Talks resume", "Body": None, "pubDate": None},
]


def _source(data: bytes | str, name: str) -> Source:
    return Source(name, data.encode() if isinstance(data, str) else data)


def _records(items: list) -> list[dict]:
    return [item for item in items if isinstance(item, dict)]


def test_json_array_with_recognised_names():
    first, reject, third = read_json(_source(json.dumps(ROWS), "a.json"))
    assert first == {
        ORIGIN: "a.json#1", TITLE: "Tanker hit", TEXT: "A tanker was hit.\n\nNo one was hurt.",
        PUBLISHED_AT: datetime.fromisoformat("2024-03-05T10:15:00+01:00"),
        URL: "https://wire.example/1", BYLINE: ["Jane Roe", "Sam Poe"],
        SECTION: ["World", "Shipping"], SOURCE_ID: "17", LANGUAGE: "en", SOURCE: "Gulf Wire",
    }
    assert isinstance(reject, Reject) and reject.record == "2"
    assert "no title and no text" in reject.reason
    assert third == {ORIGIN: "a.json#3", TITLE: "Talks resume"}


@pytest.mark.parametrize("key", ["articles", "items", "data"])
def test_json_object_holding_one_list(key):
    document = {"status": "ok", "totalResults": 1, key: ROWS[:1], "meta": [1, 2]}
    [record] = read_json(_source(json.dumps(document), "news.json"))
    assert record[TITLE] == "Tanker hit"


def test_json_items_that_are_not_objects_are_rejected():
    items = list(read_json(_source('[{"title": "A"}, 3, ["x"], {"text": "B"}]', "m.json")))
    assert [type(item).__name__ for item in items] == ["dict", "Reject", "Reject", "dict"]
    assert items[1] == Reject("m.json", "2", "item is a JSON number, not an object")


@pytest.mark.parametrize(("data", "message"), [
    ("[{\"title\": ", "not valid JSON"),
    ('"just a string"', "not articles"),
    ('{"a": [{"title": "x"}], "b": [{"title": "y"}]}', "several lists"),
])
def test_json_that_holds_no_articles_is_a_load_error(data, message):
    with pytest.raises(LoadError, match=message):
        list(read_json(_source(data, "bad.json")))


def test_jsonl_broken_line_is_rejected_with_its_line_number():
    lines = ['{"title": "One", "text": "First."}', "", "{broken", '["a list"]',
             '{"title": "Five"}']
    items = list(read_jsonl(_source("\n".join(lines), "n.jsonl")))
    assert [item[TITLE] for item in _records(items)] == ["One", "Five"]
    assert _records(items)[1][ORIGIN] == "n.jsonl#5"
    rejects = [item for item in items if isinstance(item, Reject)]
    assert [reject.record for reject in rejects] == ["3", "4"]
    assert rejects[0].reason.startswith("invalid JSON")
    assert "not an object" in rejects[1].reason


def test_jsonl_with_a_mapping():
    text = '{"sentence": "Markets rose.", "gid": "s-1", "title": "Also read"}\n'
    [record] = read_jsonl(_source(text, "s.jsonl"), mapping={"text": "sentence",
                                                             "source_id": "gid"})
    assert record[TEXT] == "Markets rose."
    assert record[SOURCE_ID] == "s-1"
    assert record[TITLE] == "Also read"  # unmapped columns are still recognised by name


def test_a_mapping_to_a_missing_column_lists_the_columns():
    with pytest.raises(LoadError, match=r"no column 'headline'.*\['title', 'text'\]"):
        list(read_jsonl(_source('{"title": "a", "text": "b"}', "x.jsonl"),
                        mapping={"title": "headline"}))


def test_a_mapping_onto_an_unknown_column_lists_ours():
    with pytest.raises(LoadError, match="mappable columns are"):
        resolve_columns(["a"], {"headline": "a"})


def test_a_table_with_no_title_or_text_column_is_a_load_error():
    with pytest.raises(LoadError, match="no title or text column.*--map text="):
        list(read_csv(_source("price,volume\n1,2\n3,4\n", "p.csv")))


def test_csv_sniffs_delimiter_and_reads_multiline_quoted_fields():
    text = ('id;title;body;date\n'
            '1;"Tanker; hit";"First line\nsecond ""quoted"" line";2024-03-05\n'
            '2;Broken;row\n'
            '\n'
            '3;Talks;Resume;not a date\n')
    first, reject, third = read_csv(_source(text, "t.csv"))
    assert first[TITLE] == "Tanker; hit"
    assert first[TEXT] == 'First line\nsecond "quoted" line'
    assert first[PUBLISHED_AT] == datetime(2024, 3, 5)
    assert reject == Reject("t.csv", "2", "row has 3 fields, the header has 4")
    assert third[ORIGIN] == "t.csv#3" and PUBLISHED_AT not in third


def test_csv_markup_in_cells_becomes_plain_text():
    text = 'title,text\n"<b>Bold</b> claim","<p>One</p><script>x()</script><p>Two <BAC></p>"\n'
    [record] = read_csv(_source(text, "h.csv"))
    assert record[TITLE] == "Bold claim"
    assert record[TEXT] == "One\n\nTwo"


def test_csv_entity_encoded_link_in_a_source_is_stripped():
    text = ('title,source\nStorm,"&lt;a href=""https://evil.example"" style=""font-size:400px""'
            '&gt;Daily Planet&lt;/a&gt;"\n')
    [record] = read_csv(_source(text, "s.csv"))
    assert record[SOURCE] == "Daily Planet"


def test_parquet_with_lists_and_timestamps():
    frame = pd.DataFrame({
        "title": ["A", None], "text": ["Body A.", None],
        "authors": [["X Y", "Z W"], []],
        "published": pd.to_datetime(["2024-03-05 10:00", None]).tz_localize("UTC"),
    })
    buffer = io.BytesIO()
    frame.to_parquet(buffer)
    first, reject = read_parquet(Source("t.parquet", buffer.getvalue()))
    assert first[BYLINE] == ["X Y", "Z W"]
    assert first[PUBLISHED_AT] == datetime(2024, 3, 5, 10, tzinfo=UTC)
    assert isinstance(reject, Reject) and reject.record == "2"


def test_unreadable_parquet_is_a_load_error():
    with pytest.raises(LoadError, match="Parquet"):
        list(read_parquet(Source("t.parquet", b"PAR1 not really")))


@pytest.mark.parametrize(("value", "labels"), [
    (["a", "b", "a"], ["a", "b"]), ("a; b ;", ["a", "b"]), ('["a", "b"]', ["a", "b"]),
    ([{"name": "Jane"}], ["Jane"]), (None, []), ("Smith, John", ["Smith, John"]),
    # entity-encoded markup: its ";" separate nothing (it used to give "&lt", "b&gt" …)
    ("&lt;b&gt;World&lt;/b&gt;; Politics", ["World", "Politics"]),
    ("&lt;i&gt;Jane Roe&lt;/i&gt;", ["Jane Roe"]),
])
def test_as_labels(value, labels):
    assert as_labels(value) == labels


@pytest.mark.parametrize(("text", "moment"), [
    ("2024-03-05T10:15:00Z", datetime(2024, 3, 5, 10, 15, tzinfo=UTC)),
    ("Tue, 05 Mar 2024 10:15:00 +0000", datetime(2024, 3, 5, 10, 15, tzinfo=UTC)),
    ("5 March 2024", datetime(2024, 3, 5)),
    ("March 5", None),  # no year: never borrow this year's
    ("yesterday", None),
    ("", None),
])
def test_parse_time(text, moment):
    assert parse_time(text) == moment


def test_epoch_numbers_are_seconds_or_milliseconds():
    rows = [{"title": "s", "date": 1709633700}, {"title": "ms", "date": 1709633700000}]
    first, second = read_json(_source(json.dumps(rows), "e.json"))
    assert first[PUBLISHED_AT] == second[PUBLISHED_AT] == datetime(2024, 3, 5, 10, 15,
                                                                    tzinfo=UTC)


@pytest.mark.corpora
def test_bbc_csv(corpora_dir):
    path = corpora_dir / "bbc" / "bbc_news_2225.csv"
    items = list(read_csv(Source(path.name, path.read_bytes())))
    assert len(items) == 2225 and all(isinstance(item, dict) for item in items)
    first = items[0]
    assert first[SOURCE_ID] == "business/001"
    assert first[SECTION] == ["business"]
    assert first[TITLE] == "Ad sales boost Time Warner profit"
    assert first[TEXT].startswith("Quarterly profits at US media giant TimeWarner jumped 76%")
    assert "\n\n" in first[TEXT]
    assert sum(item[SECTION] == ["politics"] for item in items) == 417


@pytest.mark.corpora
def test_bbc_csv_with_a_mapping(corpora_dir):
    path = corpora_dir / "bbc" / "bbc_news_2225.csv"
    mapping = {"section": "category", "text": "body", "title": "title"}
    items = list(read_csv(Source(path.name, path.read_bytes()), mapping=mapping))
    assert {item[SECTION][0] for item in items} == {
        "business", "entertainment", "politics", "sport", "tech"}


@pytest.mark.corpora
def test_newsmtsc_jsonl_with_a_mapping(corpora_dir):
    path = corpora_dir / "newsmtsc" / "train.jsonl"
    mapping = {"text": "sentence_normalized", "source_id": "primary_gid"}
    items = list(read_jsonl(Source(path.name, path.read_bytes()), mapping=mapping))
    assert len(items) == 7758 and all(isinstance(item, dict) for item in items)
    assert items[0][SOURCE_ID] == "allsides_1000_401_25_Reality Leigh Winner_0_6"
    assert items[0][TEXT].startswith("Winner wrote that she had a 30-minute private meeting")
    assert TITLE not in items[0]


MIXED = [
    {"title": "Talks resume", "text": "Diplomats met on Monday.", "published_at": "2024-03-04"},
    {"headline": "Tanker hit", "body": "A tanker was hit on Tuesday.", "date": "2024-03-05"},
    {"headline": "Markets close higher"},
    {"id": 9, "date": "2024-03-06"},
    {"title": None, "headline": "Ceasefire holds", "story": "The ceasefire held overnight."},
]


def test_field_names_are_recognised_per_record_not_per_file():
    """Two exports in one JSON Lines file: both kinds of record land whole (issue 14)."""
    items = list(read_jsonl(_source("\n".join(map(json.dumps, MIXED)), "mixed.jsonl")))
    first, second, third, reject, fifth = items
    assert first == {ORIGIN: "mixed.jsonl#1", TITLE: "Talks resume",
                     TEXT: "Diplomats met on Monday.", PUBLISHED_AT: datetime(2024, 3, 4)}
    assert second == {ORIGIN: "mixed.jsonl#2", TITLE: "Tanker hit",
                      TEXT: "A tanker was hit on Tuesday.", PUBLISHED_AT: datetime(2024, 3, 5)}
    assert third == {ORIGIN: "mixed.jsonl#3", TITLE: "Markets close higher"}  # title only
    assert reject == Reject("mixed.jsonl", "4", "no title and no text (fields filled: id, date)")
    # a field that is there but empty does not hide the one that is filled
    assert fifth[TITLE] == "Ceasefire holds" and fifth[TEXT] == "The ceasefire held overnight."


def test_a_mapping_applies_to_the_records_that_have_its_column():
    lines = ['{"heading": "Mapped", "text": "One."}', '{"title": "Recognised", "text": "Two."}']
    first, second = read_jsonl(_source("\n".join(lines), "m.jsonl"), mapping={"title": "heading"})
    assert (first[TITLE], second[TITLE]) == ("Mapped", "Recognised")


@pytest.mark.parametrize(("cell", "kept"), [
    ("12/06/1987", "12/06/1987"),  # 12 June or 6 December: the cleaner decides
    ("06.12.1987 14:30", "06.12.1987 14:30"),
    ("25/06/1987", datetime(1987, 6, 25)),  # only one reading
    ("1987-06-12", datetime(1987, 6, 12)),
])
def test_a_numeric_date_that_reads_two_ways_is_passed_on_as_written(cell, kept):
    [record] = read_json(_source(json.dumps([{"title": "t", "date": cell}]), "d.json"))
    assert record[PUBLISHED_AT] == kept
