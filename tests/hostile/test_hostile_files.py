"""Hostile input files, made in code: each is loaded with the right fields or rejected with why."""

from __future__ import annotations

import json
import logging
import random
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analysis import load_articles, read_batch
from analysis.schema import ARTICLE_ID, PUBLISHED_AT, TEXT, TITLE, URL
from analysis.settings import MIB

PRESSLENS = Path(sys.executable).with_name("presslens")
BODY = "The council voted on Tuesday to approve the new budget for the city schools. " * 3


@dataclass(frozen=True)
class Case:
    """A file to write, the articles it must give (column: expected substring), its rejects."""

    name: str
    data: bytes
    loaded: tuple[dict[str, str], ...] = ()
    rejected: tuple[tuple[str | None, str], ...] = field(default=())


def _json(items: object, *, encoding: str = "utf-8") -> bytes:
    return json.dumps(items, ensure_ascii=False).encode(encoding)


def _jsonl(*items: object) -> bytes:
    return "".join(json.dumps(item) + "\n" for item in items).encode()


CASES = [
    Case("empty.txt", b"", rejected=((None, "empty file (no text)"),)),
    Case("whitespace.json", b"  \n\t\r\n  ", rejected=((None, "empty file (no text)"),)),
    Case("random.txt", random.Random(6).randbytes(8192),
         rejected=((None, "binary data"),)),
    Case("image.html", b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(4096),
         rejected=((None, "binary data"),)),
    Case("nul-padded.csv", b"title,text\n" + b"\x00" * 4096, rejected=((None, "binary data"),)),
    Case("cp1252.txt", f"Caf\u00e9 owners \u201cwelcome\u201d the \u20ac5 levy \u2013 {BODY}"
         .encode("cp1252"), loaded=({TEXT: "Caf\u00e9 owners \u201cwelcome\u201d the \u20ac5"},)),
    Case("latin-1.csv",
         f"title,text\nZ\u00fcrich d\u00e9cide,Le conseil a d\u00e9cid\u00e9. {BODY}\n"
         .encode("latin-1"),
         loaded=({TITLE: "Z\u00fcrich d\u00e9cide", TEXT: "Le conseil a d\u00e9cid\u00e9."},)),
    Case("utf-16-bom.json", _json([{"title": "Stra\u00dfe gesperrt", "text": BODY}],
                                  encoding="utf-16"),
         loaded=({TITLE: "Stra\u00dfe gesperrt", TEXT: "The council voted"},)),
    Case("utf-16-bom.txt", f"Council approves the schools budget\n\n{BODY}".encode("utf-16"),
         loaded=({TEXT: "The council voted"},)),
    Case("truncated.json", b'[{"title": "A", "text": "' + BODY.encode() + b'"}, {"title": "B", "te',
         rejected=((None, "not valid JSON: Unterminated string"),)),
    Case("one-broken-line.jsonl",
         _jsonl({"title": "One", "text": BODY}) + b'{"title": "Two", "text\n'
         + _jsonl({"title": "Three", "text": BODY + "Three."}),
         loaded=({TITLE: "One"}, {TITLE: "Three"}),
         rejected=(("2", "invalid JSON: Unterminated string"),)),
    Case("missing-column.csv", f"title,text\nKept,{BODY}\nOnly a title\n".encode(),
         loaded=({TITLE: "Kept"},), rejected=(("2", "row has 1 fields, the header has 2"),)),
    Case("extra-column.csv", f"title,text\nA,{BODY},surplus\nB,{BODY}\n".encode(),
         loaded=({TITLE: "B"},), rejected=(("1", "row has 3 fields, the header has 2"),)),
    Case("renamed-columns.csv", f"Headline,Story,pubDate\nRenamed,{BODY},2020-03-04\n".encode(),
         loaded=({TITLE: "Renamed", TEXT: "The council", PUBLISHED_AT: "2020-03-04"},)),
    Case("unknown-columns.csv", b"foo,bar\n1,2\n3,4\n",
         rejected=((None, "no title or text column among ['foo', 'bar']"),)),
    Case("blank-cells.csv", f"title,text,url\n , ,https://example.org/a\n,,\nFull,{BODY},\n"
         .encode(),
         loaded=({TITLE: "Full"},), rejected=(("1", "no title and no text"),)),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_hostile_file_is_loaded_or_rejected_with_its_reason(tmp_path, case):
    path = tmp_path / case.name
    path.write_bytes(case.data)
    batch = read_batch(path)
    articles = batch.articles.to_dict("records")
    assert len(articles) == len(case.loaded), articles
    for article, expected in zip(articles, case.loaded, strict=True):
        for column, wanted in expected.items():
            assert wanted in str(article[column]), (column, article[column])
    rejects = batch.rejects.to_dict("records")
    assert len(rejects) == len(case.rejected), rejects
    for reject, (record, reason) in zip(rejects, case.rejected, strict=True):
        assert (reject["file"], reject["record"]) == (str(path), record)
        assert reason in reject["reason"]


def test_a_file_over_the_size_limit_is_rejected_naming_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_MAX_FILE_MB", "1")
    big = tmp_path / "big.txt"
    big.write_bytes(BODY.encode() * (2 * MIB // len(BODY) + 1))
    (tmp_path / "small.txt").write_text(BODY)
    frame = load_articles(tmp_path)
    assert len(frame) == 1
    [reject] = frame.attrs["rejects"]
    assert reject["file"] == str(big)
    assert "over the 1 MiB limit (setting max_file_mb, env PRESSLENS_MAX_FILE_MB)" in (
        reject["reason"])


def _zip(path: Path, members: dict[str, bytes], *,
         method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_bomb_member_is_rejected_by_its_ratio_and_its_siblings_load(tmp_path):
    archive = _zip(tmp_path / "bomb.zip", {"bomb.txt": b"\0" * (20 * MIB),
                                           "story.txt": BODY.encode()})
    frame = load_articles(archive)
    assert len(frame) == 1 and frame[TEXT].iloc[0].startswith("The council voted")
    [reject] = frame.attrs["rejects"]
    assert reject["file"] == f"{archive}!bomb.txt"
    assert "compression ratio" in reject["reason"] and "zip bomb guard" in reject["reason"]


def test_an_archive_expanding_past_the_total_limit_stops_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_MAX_ARCHIVE_MB", "1")
    members = {f"{n}.txt": f"Story {n}. {BODY}".encode() * (600 * 1024 // len(BODY))
               for n in range(3)}  # 600 KiB each, stored uncompressed: 1 MiB holds one
    archive = _zip(tmp_path / "large.zip", members, method=zipfile.ZIP_STORED)
    frame = load_articles(archive)
    reasons = {reject["file"]: reject["reason"] for reject in frame.attrs["rejects"]}
    assert len(frame) == 1 and frame[TEXT].iloc[0].startswith("Story 0.")
    assert set(reasons) == {f"{archive}!1.txt", f"{archive}!2.txt"}
    assert all("expands past 1 MiB (setting max_archive_mb): zip bomb guard" in reason
               for reason in reasons.values())


def test_zip_entries_climbing_out_are_rejected_while_siblings_load(tmp_path):
    archive = _zip(tmp_path / "climb.zip", {"../evil.txt": BODY.encode(),
                                            "a/../../etc/passwd.txt": BODY.encode(),
                                            "/abs.txt": BODY.encode(),
                                            "ok/story.txt": f"Safe. {BODY}".encode()})
    frame = load_articles(archive)
    assert frame[TEXT].tolist() == [f"Safe. {BODY}".strip()]
    rejected = {reject["file"] for reject in frame.attrs["rejects"]}
    assert rejected == {f"{archive}!../evil.txt", f"{archive}!a/../../etc/passwd.txt",
                        f"{archive}!/abs.txt"}
    assert all("unsafe path in archive" in reject["reason"] for reject in frame.attrs["rejects"])


_ACTIVE = ("<script", "script>", "alert(", "onerror", "onmouseover", "javascript:", "EVIL")
_PAGE = f"""<!doctype html><html lang="en"><head><title>Council approves budget</title>
<script>document.write('EVIL')</script></head><body><article><h1>Council approves budget</h1>
<p>{BODY}</p><p>Read <a href="javascript:alert('x')">the decision</a> here.
<img src="x" onerror="alert('EVIL')"> The vote was close.</p><script>alert('EVIL')</script>
<p onmouseover="alert(2)">The mayor said it was a good day for the schools and the parents.</p>
</article></body></html>"""
_FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>City</title><item>
<title>Council &lt;script&gt;alert('EVIL')&lt;/script&gt;approves budget</title>
<link>javascript:alert('EVIL')</link>
<description>&lt;p&gt;{BODY}&lt;img src=x onerror="alert('EVIL')"&gt;&lt;/p&gt;
&lt;script&gt;alert('EVIL')&lt;/script&gt;&lt;a href="javascript:alert(1)"&gt;more&lt;/a&gt;
</description></item></channel></rss>"""
_RECORD = {"title": "Council <script>alert('EVIL')</script>approves budget",
           "url": "javascript:alert('EVIL')",
           "text": f"<p>{BODY}</p><img src=x onerror=\"alert('EVIL')\"><script>alert('EVIL')"
                   "</script><a href=\"javascript:alert(1)\">more</a>"}


@pytest.mark.parametrize(("name", "data"), [
    ("page.html", _PAGE.encode()),
    ("feed.rss", _FEED.encode()),
    ("records.json", _json([_RECORD])),
    ("records.csv", pd.DataFrame([_RECORD]).to_csv(index=False).encode()),
])
def test_script_and_event_handlers_never_reach_title_or_text(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    frame = load_articles(path)
    assert len(frame) == 1, frame.attrs["rejects"]
    article = frame.iloc[0]
    assert "approves budget" in article[TITLE] and "The council voted" in article[TEXT]
    for column in (TITLE, TEXT):
        assert not [bad for bad in _ACTIVE if bad in article[column]], article[column]
    assert article[URL] is None or article[URL].startswith("http")


def test_invisible_and_direction_controls_go_but_right_to_left_letters_stay(tmp_path):
    arabic, hebrew = "\u0627\u0644\u0633\u0644\u0627\u0645", "\u05e9\u05dc\u05d5\u05dd"
    text = (f"Pay\u200bment to \u202eredro\u202c the \u2066isolate\u2069 acco\u200dunt\u2060 "
            f"\u200fnow. {BODY}{arabic} {hebrew}")
    path = tmp_path / "invisible.json"
    path.write_bytes(_json([{"title": "Zero\u200b width \u202etitle\u202c", "text": text}]))
    [article] = load_articles(path).to_dict("records")
    assert article[TITLE] == "Zero width title"
    assert article[TEXT].startswith("Payment to redro the isolate account now.")
    assert article[TEXT].endswith(f"{arabic} {hebrew}")
    controls = set("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f") | {chr(c) for c in range(
        0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}
    assert not controls & set(article[TITLE] + article[TEXT])


def test_unbelievable_dates_leave_the_article_undated_and_say_so(tmp_path, caplog):
    dates = {"future": "2999-01-01", "tomorrow-and-more": str(pd.Timestamp.now() + pd.Timedelta(
        days=3)), "1850": "1850-06-01T12:00:00Z", "1899": "1899-12-31", "1750": "1750-06-01",
        "1066": "1066-10-14", "recent": "2005-01-01"}
    path = tmp_path / "dates.jsonl"
    path.write_bytes(_jsonl(*({"title": f"Story {name}", "text": f"{BODY} {name}",
                               "published_at": value} for name, value in dates.items())))
    with caplog.at_level(logging.INFO, logger="analysis.clean.articles"):
        frame = load_articles(path)
    published = dict(zip(frame[TITLE].str.removeprefix("Story "), frame[PUBLISHED_AT],
                         strict=True))
    assert len(published) == len(dates) and frame.attrs["rejects"] == []
    assert {name for name, value in published.items() if pd.isna(value)} == {
        "future", "tomorrow-and-more", "1750", "1066"}
    assert published["1850"] == pd.Timestamp("1850-06-01T12:00:00Z")
    assert published["1899"] == pd.Timestamp("1899-12-31", tz="UTC")
    told = [r.getMessage() for r in caplog.records if "not believable" in r.getMessage()]
    assert {message.split(": ")[0] for message in told} == {f"{path}#{n}" for n in (1, 2, 5, 6)}


def _write_huge(path: Path, start: str, end: str) -> Path:
    """`start`, 50 MiB of story text on one line (written in 1 MiB pieces), then `end`."""
    piece = BODY * (MIB // len(BODY))
    with path.open("w", encoding="utf-8") as handle:
        handle.write(start)
        for _ in range(50):
            handle.write(piece)
        handle.write(end)
    return path


@pytest.fixture(scope="session")
def fifty_mb_line(tmp_path_factory) -> Path:
    """One JSON Lines record of 50 MiB on a single line."""
    return _write_huge(tmp_path_factory.mktemp("huge") / "one-line.jsonl",
                       '{"title": "A story of fifty megabytes", "text": "', '"}\n')


TOO_LONG = ("is {n} characters, over the 1,000,000-character limit for one field "
            "(setting max_field_chars, env PRESSLENS_MAX_FIELD_CHARS)")


@pytest.mark.parametrize(("name", "start", "end", "field"), [
    ("one-field.csv", 'title,text\n"A story of fifty megabytes","', '"\n', "text"),
    ("one-line.txt", "A story of fifty megabytes\n\n", "\n", "page"),
])
def test_a_field_of_50_mb_is_rejected_before_it_is_cleaned(tmp_path, name, start, end, field):
    """A 50 MiB CSV field took 359 s and 2.7 GB to ingest (issue 20): refused with its size."""
    batch = read_batch(_write_huge(tmp_path / name, start, end))
    assert batch.articles.empty
    [reason] = batch.rejects["reason"].tolist()
    assert reason.startswith(f"field {field!r} is ") and reason.endswith(
        TOO_LONG.split("{n} characters")[1])


def test_a_single_line_of_50_mb_is_read_and_refused_by_its_field(fifty_mb_line):
    batch = read_batch(fifty_mb_line)
    assert batch.articles.empty
    [reason] = batch.rejects["reason"].tolist()
    assert reason == "field 'text' " + TOO_LONG.format(n=f"{50 * (MIB // len(BODY)) * len(BODY):,}")


def test_a_single_line_of_50_mb_over_the_file_limit_is_rejected(fifty_mb_line, monkeypatch):
    monkeypatch.setenv("PRESSLENS_MAX_FILE_MB", "40")
    batch = read_batch(fifty_mb_line)
    assert batch.articles.empty
    assert batch.rejects["reason"].tolist() == [
        "file is 50.0 MiB, over the 40 MiB limit (setting max_file_mb, env PRESSLENS_MAX_FILE_MB)"]


def test_a_field_under_the_limit_is_loaded(tmp_path):
    text = BODY * (900_000 // len(BODY))
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"title": "A long story", "text": text}) + "\n", encoding="utf-8")
    [article] = read_batch(path).articles.to_dict("records")
    assert len(article[TEXT]) > 890_000


def test_a_csv_of_a_million_columns_is_refused_not_stored_as_an_article(tmp_path):
    """Sniffed from its first 64 KB, such a file was taken for a scraped page and stored as one
    13.9 MB article (issue 20)."""
    path = tmp_path / "wide.txt"
    path.write_text(",".join(f"column_{i}" for i in range(1_000_000)) + "\n"
                    + ",".join("1" for _ in range(1_000_000)) + "\n", encoding="utf-8")
    batch = read_batch(path)
    assert batch.articles.empty
    assert batch.rejects["reason"].tolist() == [
        "the header names 1,000,000 columns, over the 1,000 a table of articles may have "
        "(title, text, date, …): not read"]


def _ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PRESSLENS), "-v", "ingest", *args, "--quiet"], capture_output=True,
                          text=True, timeout=300, check=True)


def _stored(store: Path) -> pd.DataFrame:
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute("SELECT * FROM articles ORDER BY article_id").df()


def test_ingesting_hostile_files_keeps_the_store_and_names_each_reject(tmp_path, sample_path):
    store = tmp_path / "store.duckdb"
    _ingest(str(sample_path), "--store", str(store))
    before = _stored(store)
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    for case in CASES:
        (hostile / case.name).write_bytes(case.data)
    _zip(hostile / "climb.zip", {"../evil.txt": BODY.encode(), "ok.txt": f"Zip. {BODY}".encode()})
    result = _ingest(str(hostile), "--store", str(store))
    after = _stored(store)
    kept = after[after[ARTICLE_ID].isin(before[ARTICLE_ID])]
    pd.testing.assert_frame_equal(kept.reset_index(drop=True), before)
    loaded = sum(len(case.loaded) for case in CASES) + 1
    assert len(after) == len(before) + loaded
    assert f"{loaded} new, 0 duplicate, " in result.stdout
    assert f"rejected {hostile / 'one-broken-line.jsonl'} record 2: invalid JSON" in result.stdout
    assert f"rejected {hostile / 'empty.txt'}: empty file (no text)" in result.stdout
    assert f"rejected {hostile / 'climb.zip'}!../evil.txt: unsafe path in archive" in (
        result.stdout)
    with duckdb.connect(str(store), read_only=True) as con:
        stored = con.execute("SELECT file, record, reason FROM rejects").fetchall()
    assert (str(hostile / "missing-column.csv"), "2",
            "row has 1 fields, the header has 2") in stored
