"""The store's aggregates answer exactly what `analysis.query` answers over the filtered tables."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis import aggregate, explore, query, rollup, store
from analysis.filters import Filters
from analysis.ingest import ingest

FILTERS = {
    "none": Filters(),
    "dates": Filters(start=date(1987, 3, 12), end=date(1987, 3, 14), include_undated=False),
    "dates and undated": Filters(start=date(1987, 3, 16), end=date(1987, 3, 20)),
    "actor": Filters(actors=("United States",)),
    "two actors": Filters(actors=("Japan", "OPEC")),
    "topic": Filters(topics=("economy",)),
    "tone": Filters(tone_min=-0.2, tone_max=0.1),
    "search": Filters(search="oil"),
    "source and language": Filters(sources=("Reuters",), languages=("en",)),
    "nothing matches": Filters(search="no article says this zzzqqq"),
}
CASES = [
    ("topic_frequencies", {}),
    ("actor_mentions", {}),
    ("actor_mentions", {"actor_type": "country", "top": 10}),
    ("actor_tone", {}),
    ("actor_tone", {"min_sentences": 3}),
    ("cooccurrence", {}),
    ("cooccurrence", {"level": "article", "min_count": 2}),
    ("cooccurrence", {"top": 40}),
    ("tone_by", {"by": "topic"}),
    ("tone_by", {"by": "source"}),
    ("tone_by", {"by": "actor_type"}),
    ("tone_bins", {}),
    ("tone_spread", {}),
    ("timeline", {"freq": "D"}),
    ("timeline", {"freq": "W", "by": "actor", "top": 6}),
    ("timeline", {"freq": "M", "by": "topic"}),
    ("timeline", {"freq": "D", "by": "actor", "keys": ["Japan", "Iran"]}),
]


@pytest.fixture(scope="module")
def stored(tmp_path_factory, corpora_dir, sample_path):
    """A store of the sample and two Reuters-21578 files, ingested in two batches."""
    path = tmp_path_factory.mktemp("aggregate") / "news.duckdb"
    reuters = corpora_dir / "reuters21578"
    ingest([sample_path, reuters / "reut2-004.sgm"], store=path)
    ingest([reuters / "reut2-005.sgm"], store=path)
    return path


@pytest.mark.corpora
@pytest.mark.parametrize("name", FILTERS)
def test_every_dashboard_query_equals_the_pandas_answer(stored, name):
    filters = FILTERS[name]
    with store.connect(stored) as con:
        tables = explore.filtered_tables(con, filters)
        for function, options in CASES:
            got = getattr(aggregate, function)(con, filters, **options)
            want = getattr(query, function)(tables, **options)
            pd.testing.assert_frame_equal(got.reset_index(drop=True),
                                          want.reset_index(drop=True), check_exact=False,
                                          rtol=1e-9, obj=f"{function}({options})")
            assert got.attrs == want.attrs, function
        if name != "nothing matches":
            assert not aggregate.actor_mentions(con, filters).empty


@pytest.mark.corpora
def test_summary_and_quotes_follow_the_filters(stored):
    filters = FILTERS["dates and undated"]
    with store.connect(stored) as con:
        tables = explore.filtered_tables(con, filters)
        numbers = aggregate.summary(con, filters)
        quotes = aggregate.quote_table(con, filters)
        newest = aggregate.quote_table(con, filters, limit=5)
        speakers = aggregate.quote_speakers(con, filters)
    articles = tables["articles"]
    assert numbers["articles"] == len(articles) > 100
    assert numbers["undated"] == articles["published_at"].isna().sum()
    assert numbers["sources"] == articles["source"].nunique()
    assert numbers["mean_tone"] == pytest.approx(articles["tone"].mean())
    want = query.quote_table(tables)
    pd.testing.assert_frame_equal(quotes, want[quotes.columns])
    pd.testing.assert_frame_equal(newest, want[quotes.columns].head(5))
    counts = want["speaker"].value_counts()
    assert dict(zip(speakers["speaker"], speakers["count"], strict=True)) == counts.to_dict()


@pytest.mark.corpora
def test_facts_written_batch_by_batch_equal_a_rebuild(stored, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(stored.read_bytes())
    tables = ("facts_articles", *rollup.FACTS)

    def read(path):
        with store.connect(path) as con:
            frames = {}
            for table in tables:
                key = "f.article_id" if table == "facts_articles" else "x.article_id"
                rows = con.execute(
                    f"SELECT t.* EXCLUDE (a), {key} AS id FROM {table} t "
                    "JOIN facts_articles x USING (a) "
                    f"{'JOIN facts_articles f USING (a)' if table == 'facts_articles' else ''}"
                ).df()
                keys = [c for c in rows.columns if rows[c].dtype.kind != "f"]  # sums may differ
                frames[table] = rows.sort_values(keys).reset_index(drop=True)  # in the last bit
            return frames

    before = read(copy)
    with store.writer(copy) as con:
        rollup.rebuild(con)
    after = read(copy)
    for table in tables:
        pd.testing.assert_frame_equal(before[table], after[table], obj=table, rtol=1e-12)
