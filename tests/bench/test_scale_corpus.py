"""bench/scale_corpus.py: N labelled synthetic articles, from real sentences, that ingest reads."""

import json

import numpy as np
import pandas as pd
import pytest

from analysis import schema
from analysis.clean.articles import load_articles
from analysis.enrich.sentences import sentence_spans
from bench.scale_corpus import (
    COLUMN,
    SECTION,
    TITLE_PREFIX,
    Pool,
    generate,
    load_pools,
    write_jsonl,
)

pytestmark = pytest.mark.corpora
START, END = "2024-01-01", "2024-03-31"  # 91 days: enough articles a day to see the bursts


@pytest.fixture(scope="module")
def real(corpora_dir) -> dict[str, pd.DataFrame]:
    """One Reuters-21578 file and the BBC News table, loaded as the project loads them."""
    return {"Reuters-21578": load_articles(corpora_dir / "reuters21578" / "reut2-000.sgm"),
            "BBC News": load_articles(corpora_dir / "bbc" / "bbc_news_2225.csv")}


@pytest.fixture(scope="module")
def pools(corpora_dir, real) -> list[Pool]:
    return load_pools(corpora_dir, files={
        "Reuters-21578": [corpora_dir / "reuters21578" / "reut2-000.sgm"],
        "BBC News": [corpora_dir / "bbc" / "bbc_news_2225.csv"]})


@pytest.fixture(scope="module")
def written(pools, tmp_path_factory) -> pd.DataFrame:
    """3,000 synthetic articles written to JSON Lines and read back as plain JSON."""
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.jsonl"
    write_jsonl(generate(pools, 3000, seed=7, start=START, end=END), path)
    return pd.DataFrame([json.loads(line) for line in path.read_text("utf-8").splitlines()]
                        ).assign(path=str(path))


def test_n_rows_with_the_columns_the_loader_recognises(written):
    assert len(written) == 3000
    ours = [schema.SOURCE_ID, schema.TITLE, schema.TEXT, schema.SOURCE, schema.BYLINE,
            schema.DATELINE, schema.PUBLISHED_AT, schema.SECTION, schema.LANGUAGE]
    assert set(written.columns) - {"path"} == {COLUMN[column] for column in ours}


def test_ingest_loads_every_row_as_written(written):
    articles = load_articles(written["path"].iloc[0])
    assert len(articles) == 3000
    assert articles.attrs["rejects"] == [] and articles.attrs["duplicates"] == 0
    assert articles[schema.CONTENT_HASH].is_unique
    stored = articles.set_index(schema.SOURCE_ID)
    expected = written.set_index(COLUMN[schema.SOURCE_ID])
    for column in (schema.TITLE, schema.TEXT, schema.SOURCE, schema.DATELINE):
        assert strings(stored[column]) == strings(expected[COLUMN[column]].reindex(stored.index))


def test_every_article_is_labelled_synthetic(written):
    assert written["title"].str.startswith(TITLE_PREFIX).all()
    assert written["source"].isin(["synthetic (Reuters-21578 resampled)",
                                   "synthetic (BBC News resampled)"]).all()
    assert (written["section"].str[0] == SECTION).all()
    assert written["id"].str.fullmatch(r"synthetic-7-\d+").all() and written["id"].is_unique
    assert written["text"].str.strip().ne("").all()


def test_dates_spread_over_the_range_with_bursts_and_quiet_weekends(written):
    published = pd.to_datetime(written["published_at"], utc=True)
    assert published.min() >= pd.Timestamp(START, tz="UTC")
    assert published.max() < pd.Timestamp(END, tz="UTC") + pd.Timedelta(days=1)
    per_day = published.dt.floor("D").value_counts().reindex(
        pd.date_range(START, END, freq="D", tz="UTC"), fill_value=0)
    assert (per_day > 0).mean() > 0.9
    assert per_day.max() >= 2.5 * per_day.median()  # a burst of news
    weekend = per_day.index.day_of_week >= 5
    assert per_day[weekend].mean() < 0.7 * per_day[~weekend].mean()


def test_the_same_seed_gives_the_same_bytes(pools, tmp_path):
    paths = [tmp_path / name for name in ("a.jsonl", "b.jsonl", "c.jsonl")]
    for path, seed in zip(paths, (3, 3, 4), strict=True):
        write_jsonl(generate(pools, 200, seed=seed), path)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()


def test_sentences_and_titles_come_from_the_real_corpora(written, real):
    real_sentences = {paragraph[a:b] for frame in real.values()
                      for text in frame[schema.TEXT].dropna()
                      for paragraph in text.split("\n\n")
                      for a, b in sentence_spans(paragraph)}
    real_titles = {title for frame in real.values() for title in frame[schema.TITLE].dropna()}
    for text in written["text"].head(300):
        for paragraph in text.split("\n\n"):
            assert made_of(paragraph, real_sentences), paragraph
    assert written["title"].str.removeprefix(TITLE_PREFIX).isin(real_titles).all()


def test_lengths_follow_the_real_distribution(written, real):
    for source, frame in real.items():
        bodies = frame[schema.TEXT].dropna()
        real_words = bodies[bodies != ""].str.split().str.len()
        ours = written.loc[written["source"].str.contains(source), "text"].str.split().str.len()
        assert abs(ours.median() - real_words.median()) <= 0.25 * real_words.median(), source
    shares = written["source"].str.contains("Reuters").mean()
    assert 0.2 < shares < 0.6  # one Reuters file (about 900 bodies) against 2,125 BBC stories


def test_a_pool_too_small_for_distinct_articles_says_so():
    pool = Pool("synthetic (tiny resampled)", np.array(["One sentence."], dtype=object),
                [(1,)], ["A title", "Another title"], [[]], [None], [[]])
    rows = [row for chunk in generate([pool], 2, seed=0) for row in chunk]
    assert {row["title"] for row in rows} == {TITLE_PREFIX + "A title",
                                              TITLE_PREFIX + "Another title"}
    with pytest.raises(ValueError, match="too few for so many distinct articles"):
        list(generate([pool], 3, seed=0))


def test_a_folder_gets_shards_of_the_size_asked(pools, tmp_path):
    files = write_jsonl(generate(pools, 100, seed=0), tmp_path / "parts", shard_articles=40)
    assert [f.name for f in files] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    assert [len(f.read_text("utf-8").splitlines()) for f in files] == [40, 40, 20]


def strings(column: pd.Series) -> list[str | None]:
    return [value if isinstance(value, str) else None for value in column]


def made_of(paragraph: str, sentences: set[str]) -> bool:
    """Whether `paragraph` is whole sentences of `sentences` joined by single spaces."""
    ends = [i for i, ch in enumerate(paragraph) if ch == " "] + [len(paragraph)]
    reachable = {0}
    for end in ends:
        if any(paragraph[start:end] in sentences for start in reachable):
            reachable.add(end + 1)
    return len(paragraph) + 1 in reachable
