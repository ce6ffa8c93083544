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
    ("cooccurrence", {"level": "article", "top": 500}),
    ("cooccurrence", {"level": "article", "top": 3, "min_count": 2}),
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
@pytest.mark.parametrize("among", [1, 3])
def test_top_pairs_read_range_by_range_are_exact(stored, monkeypatch, among):
    """Starting from very few actors makes `cooccurrence` read several ranges of pairs (and
    the second batch's names are numbered after the first's, not by how often they are
    named): the answer must still be the pandas one, ties at the last place included."""
    monkeypatch.setattr(aggregate, "AMONG", among)
    for name in ("none", "actor", "dates and undated", "search"):
        with store.connect(stored) as con:
            tables = explore.filtered_tables(con, FILTERS[name])
            for level in query.LEVELS:
                for top in (1, 7, 60, 400):
                    got = aggregate.cooccurrence(con, FILTERS[name], level=level, top=top)
                    want = query.cooccurrence(tables, level=level, top=top)
                    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9,
                                                  obj=f"{name} {level} top {top}")


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
        """Each table with article ids, actor names and kinds in place of the numbers, which
        a rebuild gives afresh (names most named first)."""
        with store.connect(path) as con:
            names = dict(con.execute("SELECT name_id, actor FROM actor_names").fetchall())
            kinds = {k: (a, t) for k, a, t in con.execute(
                "SELECT actor_id, actor, actor_type FROM actor_kinds").fetchall()}
            frames = {}
            for table in tables:
                rows = con.execute(
                    f"SELECT t.*, x.article_id AS id FROM {table} t JOIN facts_articles x "
                    "USING (a)").df().drop(
                        columns=["a", "article_id", "hi", "top_names", "top_topics"],
                        errors="ignore")
                for column in ("name_id", "actor_a", "actor_b"):
                    if column in rows:
                        rows[column] = rows[column].map(names)
                if "actor_id" in rows:
                    rows["actor_id"] = rows["actor_id"].map(kinds).astype(str)
                keys = [c for c in rows.columns if rows[c].dtype.kind != "f"]  # sums may differ
                frames[table] = rows.sort_values(keys).reset_index(drop=True)  # in the last bit
            return frames

    def wrong_masks(path):
        """Rows whose `top_names` (`top_topics`) is not the mask of their article's most
        named actors (its topics)."""
        def mask(number: str, top: int, joins: str) -> str:
            bit = (f"CASE WHEN {number} <= {top} THEN 1::UBIGINT << ({number} - 1) "
                   "ELSE 0::UBIGINT END")
            return (f"SELECT f.a, coalesce(bit_or({bit}), 0::UBIGINT) AS mask "
                    f"FROM facts_articles f {joins} GROUP BY f.a")

        masks = {
            "top_names": mask("x.name_id", rollup.TOP_NAMES,
                              "LEFT JOIN facts_actors x ON x.a = f.a AND x.name_lead"),
            "top_topics": mask("i.topic_id", rollup.TOP_TOPICS,
                               "LEFT JOIN facts_topics x ON x.a = f.a "
                               "LEFT JOIN topic_ids i USING (topic)"),
        }
        with store.connect(path) as con:
            return {(table, column): con.execute(
                f"SELECT count(*) FROM {table} t JOIN ({sql}) m USING (a) "
                f"WHERE t.{column} <> m.mask").fetchall()[0][0]
                for table in tables for column, sql in masks.items()}

    before, masks_before = read(copy), wrong_masks(copy)
    with store.writer(copy) as con:
        rollup.rebuild(con)
    after, masks_after = read(copy), wrong_masks(copy)
    assert set(masks_before.values()) == set(masks_after.values()) == {0}, (masks_before,
                                                                            masks_after)
    for table in tables:
        pd.testing.assert_frame_equal(before[table], after[table], obj=table, rtol=1e-12)
