"""`analyze` in several processes: every table identical to one process, on real articles."""

import os

import pandas as pd
import pytest

from analysis import schema
from analysis.clean.articles import load_articles
from analysis.pipeline.enrichment import PARALLEL_FROM, analyze, default_workers

TABLES = ("articles", "sentences", "mentions", "topics", "quotes", "events")


@pytest.fixture(scope="module")
def real_articles(corpora_dir, sample_path) -> pd.DataFrame:
    """300 Reuters-21578 stories (title-only briefs among them) and the sample page's story."""
    reuters = load_articles(corpora_dir / "reuters21578" / "reut2-000.sgm").head(300)
    return pd.concat([reuters, load_articles(sample_path)], ignore_index=True)


@pytest.mark.corpora
def test_two_processes_give_the_tables_of_one(real_articles):
    one = analyze(real_articles, workers=1, discover=False)
    two = analyze(real_articles, workers=2, discover=False)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(two, name), getattr(one, name), obj=name)
    assert len(one.mentions) > 100 and len(one.quotes) > 0 and len(one.events) > 0
    assert two.versions == one.versions
    assert list(two.timings) == list(one.timings)


@pytest.mark.corpora
def test_near_duplicates_are_found_across_chunks(real_articles):
    # the first story again, last and later: the two copies land in different workers' chunks
    copies = pd.concat([real_articles, real_articles.head(1).assign(
        **{schema.ARTICLE_ID: "copy", schema.PUBLISHED_AT: pd.Timestamp("2030-01-01", tz="UTC")}
    )], ignore_index=True)
    result = analyze(copies, workers=2, discover=False)
    first = real_articles[schema.ARTICLE_ID].iloc[0]
    assert result.articles.set_index(schema.ARTICLE_ID).loc["copy", schema.DUPLICATE_OF] == first


def test_an_empty_table_in_two_processes_gives_empty_tables():
    result = analyze(pd.DataFrame({schema.ARTICLE_ID: []}), workers=2, discover=False)
    assert all(getattr(result, name).empty for name in TABLES)


def test_a_small_batch_stays_in_one_process(monkeypatch):
    monkeypatch.setenv("PRESSLENS_WORKERS", "2")
    assert default_workers(PARALLEL_FROM - 1) == 1
    assert default_workers(PARALLEL_FROM) == 2
    monkeypatch.setenv("PRESSLENS_PARALLEL_FROM", "500")  # e.g. a server with more cores
    assert (default_workers(499), default_workers(500)) == (1, 2)


def test_workers_zero_means_one_per_core(monkeypatch):
    monkeypatch.setenv("PRESSLENS_WORKERS", "0")
    assert default_workers(PARALLEL_FROM) == (os.cpu_count() or 1)


def test_a_negative_workers_setting_says_what_is_valid(monkeypatch):
    monkeypatch.setenv("PRESSLENS_WORKERS", "-1")
    with pytest.raises(ValueError, match="one per CPU core"):
        default_workers(PARALLEL_FROM)
