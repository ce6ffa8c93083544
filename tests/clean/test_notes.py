"""What cleaning notices about the articles it keeps: missing fields, the day order of numeric
dates, dates that cannot be true, and the source of articles that name none (issue 14)."""

import json
import zipfile

import pandas as pd
import pytest

from analysis import schema
from analysis.clean.articles import build_batch, inferred_source, read_batch
from analysis.clean.notes import describe


def _record(number: int, **fields) -> dict:
    return {"format": "json", "origin": f"exports/feed.json#{number}", **fields}


def _notes(batch) -> list[tuple[str, str]]:
    return sorted(zip(batch.notes["note"], batch.notes["detail"], strict=True))


def test_what_each_kept_article_lacked_is_noted_and_counted():
    batch = build_batch([
        _record(1, title="Talks resume", text="Diplomats met.", published_at="2024-03-04",
                source="Wire"),
        _record(2, title="Markets close higher", source="Wire"),  # title only
        _record(3, text="No headline on this one.", source="Wire"),
        _record(4, title="Undated", text="Also from the wire."),
    ])
    assert len(batch.articles) == 4
    assert _notes(batch) == [
        ("no body", "tone from the title alone"), ("no date", ""), ("no date", ""),
        ("no date", ""), ("no source", "named after its file feed"), ("no title", "")]
    assert describe(batch.notes) == [
        "3 had no date, 1 no title, 1 no body (tone from the title alone), 1 no source "
        "(named after their site or file; --source NAME names them)"]


def test_notes_of_a_dropped_duplicate_are_not_counted_twice():
    twice = [_record(1, title="Same", text="Same story."), _record(2, title="Same",
                                                                  text="Same story.")]
    batch = build_batch(twice)
    assert batch.duplicates == 1 and batch.notes["note"].value_counts()["no date"] == 1


@pytest.mark.parametrize(("dayfirst", "read"), [(True, "2024-06-12"), (False, "2024-12-06"),
                                                (None, "2024-12-06")])
def test_an_ambiguous_date_follows_the_day_order_asked_for(dayfirst, read):
    batch = build_batch([_record(1, title="t", text="x", published_at="12/06/2024",
                                 source="Wire")],
                        dayfirst=dayfirst)
    assert batch.articles["published_at"][0] == pd.Timestamp(read, tz="UTC")
    order = "day first" if dayfirst else "month first"
    day = pd.Timestamp(read)
    assert _notes(batch) == [("ambiguous date", f"12/06/2024 read {order}, as "
                                                f"{day.day} {day:%b %Y}")]
    assert describe(batch.notes)[-1].startswith("1 ambiguous date, e.g. 12/06/2024 read")


def test_a_source_can_be_set_to_read_its_dates_day_first(monkeypatch):
    monkeypatch.setenv("PRESSLENS_DAYFIRST_SOURCES", "The Guardian, bbc")
    records = [_record(1, title="a", published_at="03/04/2024", source="BBC"),
               _record(2, title="b", published_at="03/04/2024", source="AP")]
    batch = build_batch(records)
    assert batch.articles["published_at"].dt.month.tolist() == [4, 3]
    told = build_batch(records, dayfirst=False)  # --monthfirst wins over the setting
    assert told.articles["published_at"].dt.month.tolist() == [3, 3]


@pytest.mark.parametrize(("written", "detail"), [
    ("2091-01-01", "2091-01-01 is in the future"),
    ("1750-07-04", "1750-07-04 is before 1800"),
    ("1600-01-01", "1600-01-01 is before 1800"),  # before pandas' own range, too
])
def test_a_date_that_cannot_be_true_is_reported_not_stored(written, detail):
    batch = build_batch([_record(3, title="t", text="x", published_at=written, source="W")])
    assert batch.articles["published_at"].isna().all()
    assert ("date not believable", detail) in _notes(batch)
    assert describe(batch.notes)[-1] == (f"date not believable, left missing: "
                                         f"exports/feed.json record 3: {detail}")


def test_an_ambiguous_date_on_a_scraped_page_follows_the_day_order(tmp_path):
    page = ("Talks resume in Geneva\n\nPublished 12/06/2024 10:30 EDT\n\n"
            "GENEVA (Reuters) - Diplomats met again on Monday to resume talks that stalled "
            "last month, officials on both sides said.\n")
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    batch = read_batch(tmp_path / "page.txt", dayfirst=True)
    assert batch.articles["published_at"][0] == pd.Timestamp("2024-06-12T14:30", tz="UTC")
    assert "ambiguous date" in batch.notes["note"].tolist()


@pytest.mark.parametrize(("url", "origin", "source"), [
    ("https://www.bbc.co.uk/news/1", "x.json#1", "bbc.co.uk"),
    (None, "/data/exports/bbc_news_2225.csv#12", "bbc_news_2225"),
    (None, "news.zip!2024/wire-feed.jsonl#3", "wire-feed"),
    (None, "C:\\exports\\agency.json#1", "agency"),
    (None, "notes", "notes"),
    (None, "", None),
])
def test_the_source_of_an_article_naming_none(url, origin, source):
    assert inferred_source(url, origin)[0] == source


def test_a_given_source_names_only_the_articles_without_one(tmp_path):
    rows = [{"title": "Own", "text": "x", "source": "Reuters"}, {"title": "None", "text": "y"}]
    (tmp_path / "feed.json").write_text(json.dumps(rows), encoding="utf-8")
    named = read_batch(tmp_path / "feed.json", source="Gulf Wire")
    assert named.articles["source"].tolist() == ["Reuters", "Gulf Wire"]
    assert "no source" not in named.notes["note"].tolist()
    inferred = read_batch(tmp_path / "feed.json")
    assert inferred.articles["source"].tolist() == ["Reuters", "feed"]


def test_an_archive_member_is_named_by_its_own_file(tmp_path):
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.writestr("exports/gulf_wire.json", json.dumps([{"title": "A", "text": "b"}]))
    batch = read_batch(tmp_path / "bundle.zip")
    assert batch.articles["source"].tolist() == ["gulf_wire"]


@pytest.mark.corpora
def test_the_bbc_export_counts_what_its_stories_lack(corpora_dir):
    """2,225 stories, 100 of them exact duplicates, none dated, none with a source of its own:
    each gets the file's name, and the summary says so."""
    batch = read_batch(corpora_dir / "bbc" / "bbc_news_2225.csv")
    kept = len(batch.articles)
    assert (kept, batch.duplicates) == (2125, 100)
    counts = batch.notes.groupby(schema.NOTE)[schema.ARTICLE_ID].nunique().to_dict()
    assert counts == {"no date": kept, "no source": kept}
    assert set(batch.articles["source"]) == {"bbc_news_2225"}
    assert describe(batch.notes) == [
        f"{kept:,} had no date, {kept:,} no source (named after their site or file; "
        "--source NAME names them)"]
