"""Building the article table: ids, hashes, dates, languages, duplicates, rejects."""

import json
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from analysis import schema
from analysis.clean.articles import build_batch, build_row, load_articles, parse_date

STORY = {"title": "Talks end", "text": "BAGHDAD (Reuters) - The talks ended on Monday without "
         "a date for another meeting, officials said.", "format": "json", "origin": "a.json#0"}


def test_row_gets_every_column_and_a_stable_id():
    row = build_row(dict(STORY))
    assert set(row) == set(schema.ARTICLE_COLUMNS)
    again = build_row(dict(STORY, origin="other.json#7"))
    assert row["article_id"] == again["article_id"] and len(row["article_id"]) == 16
    assert row["content_hash"].startswith(row["article_id"])


def test_story_cleaning_applies_to_raw_bodies():
    row = build_row(dict(STORY))
    assert row["dateline"] == "BAGHDAD" and row["source"] == "Reuters"
    assert row["text"].startswith("The talks ended")


def test_a_record_with_nothing_is_rejected():
    with pytest.raises(ValueError, match="nothing to keep"):
        build_row({"origin": "x.json#3", "format": "json"})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2007-05-28T10:00:00+03:00", pd.Timestamp("2007-05-28T07:00:00Z")),
        ("28 May 2007 10:00", pd.Timestamp("2007-05-28T10:00:00Z")),
        (datetime(2007, 5, 28, tzinfo=timezone(timedelta(hours=-5))),
         pd.Timestamp("2007-05-28T05:00:00Z")),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_become_utc_or_stay_missing(value, expected):
    assert parse_date(value) == expected


def test_language_is_detected():
    assert build_row(dict(STORY))["language"] == "en"
    french = dict(STORY, text="Le gouvernement a annoncé lundi une nouvelle série de mesures "
                  "pour soutenir les entreprises touchées par la crise.")
    assert build_row(french)["language"] == "fr"


def test_exact_duplicates_are_dropped_and_counted():
    batch = build_batch([dict(STORY), dict(STORY, origin="b.json#1"),
                         dict(STORY, title="Other")])
    assert len(batch.articles) == 2 and batch.duplicates == 1


def test_sample_page_loads_as_one_article(sample_path, sample_expected):
    articles = load_articles(sample_path)
    assert len(articles) == 1
    article = articles.iloc[0]
    assert article["title"] == sample_expected["title"]
    assert pd.isna(article["published_at"])
    assert article["origin"].startswith(str(sample_path))
    assert article["format"] == "page" and article["language"] == "en"


def test_same_story_twice_gets_the_same_id(tmp_path, sample_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(sample_path.read_bytes())
    articles = load_articles(tmp_path)
    assert len(articles) == 1 and articles.attrs["duplicates"] == 1
    assert articles.iloc[0]["article_id"] == load_articles(sample_path).iloc[0]["article_id"]


def test_bad_files_are_reported_and_the_rest_loads(tmp_path, sample_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    lines = [json.dumps({"title": "One", "text": "First story text."}), "{broken",
             json.dumps({"title": "Two", "text": "Second story text."})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "sample.txt").write_bytes(sample_path.read_bytes())
    articles = load_articles(tmp_path)
    assert sorted(articles["title"].str[:3]) == ["One", "Two", "U.S"]
    rejects = {(r["file"].rsplit("/", 1)[-1], r["record"]): r["reason"]
               for r in articles.attrs["rejects"]}
    assert set(rejects) == {("empty.txt", None), ("binary.txt", None), ("feed.jsonl", "2")}
    assert "empty" in rejects[("empty.txt", None)]
    assert "binary" in rejects[("binary.txt", None)]


def test_a_loads_rejects_pass_to_slices_without_a_copy(tmp_path, sample_path):
    """pandas deep-copies attrs on most operations; the load's records are passed on as they
    are, so a slice of a big load costs no copy of its notes (they took most of `analyze`)."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "sample.txt").write_bytes(sample_path.read_bytes())
    articles = load_articles(tmp_path)
    part = articles.iloc[[0]][["title", "text"]]
    assert part.attrs["rejects"] is articles.attrs["rejects"]
    assert part.attrs["notes"] is articles.attrs["notes"]
    assert [r["file"].rsplit("/", 1)[-1] for r in part.attrs["rejects"]] == ["empty.txt"]
