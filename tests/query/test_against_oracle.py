"""Every question of `analysis.query` answers, on a real store, what the pandas oracle answers
over the same articles filtered row by row (tests/query/oracle.py); and the query tables written
batch by batch equal a rebuild."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from analysis import query, schema, store
from analysis.query import Filters, actors
from analysis.store import facts
from analysis.store.enriched import read_analysis
from analysis.store.ingest import ingest
from analysis.store.remove import remove_articles
from tests.query import oracle

FILTERS = {
    "none": Filters(),
    "dates": Filters(start=date(1987, 3, 12), end=date(1987, 3, 14)),
    "dates and undated": Filters(start=date(1987, 3, 16), end=date(1987, 3, 20),
                                 include_undated=True),
    "dated only": Filters(include_undated=False),
    "actor": Filters(actors=("United States",)),
    "two actors": Filters(actors=("Japan", "OPEC")),
    "both actors": Filters(actors_all=("Japan", "United States")),
    "one or other, and a third": Filters(actors=("Japan", "OPEC"), actors_all=("Saudi Arabia",)),
    "a rare actor": Filters(actors_all=("Yasuhiro Nakasone",)),
    "two topics at once": Filters(topics_all=("economy", "oil and energy")),
    "topic": Filters(topics=("economy",)),
    "tone": Filters(tone_min=-0.2, tone_max=0.1),
    "search": Filters(search="oil"),
    "source and language": Filters(sources=("Reuters",), languages=("en",)),
    "languages not scored": Filters(languages=("fr", "de")),
    "nothing matches": Filters(search="no article says this zzzqqq"),
    "one copy per story": Filters(one_per_story=True, actors=("Japan",)),
}
CASES = [
    ("topic_frequencies", {}),
    ("actor_mentions", {}),
    ("actor_mentions", {"actor_type": "country", "top": 10}),
    ("actor_tone", {}),
    ("actor_tone", {"min_sentences": 3}),
    ("actor_tone", {"min_sentences": 3, "top": 20}),
    ("actor_tone", {"actor_type": "person"}),
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
    ("languages", {}),
]
# articles enrichment does not read (tone, topics and actors not scored: NULL) and one with a
# title alone, dated inside the Reuters months so that date filters meet them too
FOREIGN = [
    {"title": "Le gouvernement annonce un plan pour l'emploi", "published_at": "1987-03-13",
     "text": "Le gouvernement a annoncé vendredi un nouveau plan pour l'emploi, qui prévoit la "
             "création de milliers de postes dans les régions touchées par le chômage."},
    {"title": "Die Regierung kündigt einen neuen Haushalt an", "published_at": "1987-03-18",
     "text": "Die Regierung hat am Mittwoch einen neuen Haushalt vorgestellt, der höhere "
             "Ausgaben für Schulen und Straßen in den östlichen Ländern vorsieht."},
    {"title": "Japan and the United States agree to talks on oil and trade",
     "published_at": "1987-03-13"},
]


def everything(con) -> dict[str, pd.DataFrame]:
    """Every stored table of the store `con`, as the oracle takes them."""
    result = read_analysis(con)
    return oracle.join_surnames({name: getattr(result, name) for name in (
        "articles", "sentences", "mentions", "topics", "quotes", "events")})


@pytest.fixture(scope="module")
def stored(tmp_path_factory, corpora_dir, sample_path):
    """A store of the sample, two Reuters-21578 files and FOREIGN, in three batches."""
    folder = tmp_path_factory.mktemp("aggregate")
    path = folder / "news.duckdb"
    reuters = corpora_dir / "reuters21578"
    ingest([sample_path, reuters / "reut2-004.sgm"], store=path)
    ingest([reuters / "reut2-005.sgm"], store=path)
    foreign = folder / "foreign.jsonl"
    foreign.write_text("\n".join(json.dumps(record) for record in FOREIGN), encoding="utf-8")
    ingest([foreign], store=path)
    return path


@pytest.fixture(scope="module")
def stored_tables(stored) -> dict[str, pd.DataFrame]:
    """`everything` of the store, read once: the oracle filters these (the tests only read)."""
    with store.connect(stored) as con:
        return everything(con)


@pytest.mark.corpora
@pytest.mark.parametrize("name", FILTERS)
def test_every_question_equals_the_oracle(stored, stored_tables, name):
    filters = FILTERS[name]
    with store.connect(stored) as con:
        tables = oracle.filtered(stored_tables, filters)
        collection = oracle.filtered(stored_tables, filters.collection())["articles"]
        for function, options in CASES:
            got = getattr(query, function)(con, filters, **options)
            extra = {"collection": collection} if function == "timeline" else {}
            want = getattr(oracle, function)(tables, **options, **extra)
            pd.testing.assert_frame_equal(got.reset_index(drop=True),
                                          want.reset_index(drop=True), check_exact=False,
                                          rtol=1e-9, obj=f"{function}({options})")
            assert got.attrs == want.attrs, function
        if name == "languages not scored":  # in the store, but with no actors and no tone
            assert len(query.article_list(con, filters)[0]) == 2
            assert query.actor_mentions(con, filters).empty
            assert query.summary(con, filters)["mean_tone"] is None
        elif name != "nothing matches":
            assert not query.actor_mentions(con, filters).empty


@pytest.mark.corpora
@pytest.mark.parametrize("name", FILTERS)
def test_the_article_list_is_the_oracles_in_every_order(stored, stored_tables, name):
    """Pages of the whole sorted result with each article's copies: the copies are counted for
    the page's rows alone except when sorting on them, and must be the same either way."""
    filters = FILTERS[name]
    tables = stored_tables
    with store.connect(stored) as con:
        chosen = oracle.filtered(tables, filters)
        for order in query.ORDERS:
            for offset in (0, 40):
                page, total = query.article_list(con, filters, order=order, limit=40,
                                                 offset=offset)
                want = oracle.article_list(chosen, every=tables["articles"], order=order,
                                           limit=40, offset=offset)
                assert total == len(chosen["articles"])
                assert list(zip(page[schema.ARTICLE_ID], page["copies"], strict=True)) == list(
                    zip(want[schema.ARTICLE_ID], want["copies"], strict=True)), (order, offset)


@pytest.mark.corpora
@pytest.mark.parametrize("name", ["none", "two actors", "both actors", "dates and undated"])
def test_an_analysis_in_memory_gets_the_stores_answers(stored, name):
    """A notebook's Analysis and the dashboard's store are asked through the same SQL: the
    in-memory copy, built in one go, must answer as the store written batch by batch does."""
    with store.connect(stored) as con:
        in_memory = read_analysis(con)
        for function, options in CASES:
            got = getattr(query, function)(in_memory, FILTERS[name], **options)
            want = getattr(query, function)(con, FILTERS[name], **options)
            pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9,
                                          obj=f"{function}({options})")


@pytest.mark.corpora
@pytest.mark.parametrize("among", [1, 3])
def test_top_pairs_read_range_by_range_are_exact(stored, stored_tables, monkeypatch, among):
    """Starting from very few actors makes `cooccurrence` read several ranges of pairs (and
    the second batch's names are numbered after the first's, not by how often they are
    named): the answer must still be the pandas one, ties at the last place included."""
    monkeypatch.setattr(actors, "AMONG", among)
    for name in ("none", "actor", "dates and undated", "search"):
        tables = oracle.filtered(stored_tables, FILTERS[name])
        with store.connect(stored) as con:
            for level in query.LEVELS:
                for top in (1, 7, 60, 400):
                    got = query.cooccurrence(con, FILTERS[name], level=level, top=top)
                    want = oracle.cooccurrence(tables, level=level, top=top)
                    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9,
                                                  obj=f"{name} {level} top {top}")


@pytest.mark.corpora
def test_summary_and_quotes_follow_the_filters(stored, stored_tables):
    filters = FILTERS["dates and undated"]
    tables = oracle.filtered(stored_tables, filters)
    with store.connect(stored) as con:
        numbers = query.summary(con, filters)
        quotes = query.quote_table(con, filters)
        newest = query.quote_table(con, filters, limit=5)
        speakers = query.quote_speakers(con, filters)
    articles = tables["articles"]
    assert numbers["articles"] == len(articles) > 100
    assert numbers["undated"] == articles["published_at"].isna().sum()
    assert numbers["sources"] == articles["source"].fillna("(unknown)").nunique()
    assert numbers["mean_tone"] == pytest.approx(articles["tone"].mean())
    want = oracle.quote_table(tables)[quotes.columns].astype(quotes.dtypes.to_dict())
    pd.testing.assert_frame_equal(quotes, want)
    pd.testing.assert_frame_equal(newest, want.head(5))
    counts = want["speaker"].value_counts()
    assert dict(zip(speakers["speaker"], speakers["count"], strict=True)) == counts.to_dict()


def facts_by_name(path) -> dict[str, pd.DataFrame]:
    """Each query table with article ids, actor names and kinds in place of the numbers, which
    a rebuild gives afresh (names most named first)."""
    with store.connect(path) as con:
        names = dict(con.execute("SELECT name_id, actor FROM actor_names").fetchall())
        kinds = {k: (a, t) for k, a, t in con.execute(
            "SELECT actor_id, actor, actor_type FROM actor_kinds").fetchall()}
        frames = {}
        for table in ("facts_articles", *facts.FACTS):
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


def wrong_masks(path) -> dict[tuple[str, str], int]:
    """Rows whose `top_names` (`top_topics`) is not the mask of their article's most named
    actors (its topics)."""
    def mask(number: str, top: int, joins: str) -> str:
        bit = (f"CASE WHEN {number} <= {top} THEN 1::UBIGINT << ({number} - 1) "
               "ELSE 0::UBIGINT END")
        return (f"SELECT f.a, coalesce(bit_or({bit}), 0::UBIGINT) AS mask "
                f"FROM facts_articles f {joins} GROUP BY f.a")

    masks = {
        "top_names": mask("x.name_id", facts.TOP_NAMES,
                          "LEFT JOIN facts_actors x ON x.a = f.a AND x.name_lead"),
        "top_topics": mask("i.topic_id", facts.TOP_TOPICS,
                           "LEFT JOIN facts_topics x ON x.a = f.a "
                           "LEFT JOIN topic_ids i USING (topic)"),
    }
    with store.connect(path) as con:
        return {(table, column): con.execute(
            f"SELECT count(*) FROM {table} t JOIN ({sql}) m USING (a) "
            f"WHERE t.{column} <> m.mask").fetchall()[0][0]
            for table in ("facts_articles", *facts.FACTS) for column, sql in masks.items()}


def assert_facts_equal_a_rebuild(path) -> None:
    """The query tables of the store at `path` are what a rebuild from its tables gives."""
    before, masks_before = facts_by_name(path), wrong_masks(path)
    with store.writer(path) as con:
        facts.rebuild(con)
    after, masks_after = facts_by_name(path), wrong_masks(path)
    assert set(masks_before.values()) == set(masks_after.values()) == {0}, (masks_before,
                                                                            masks_after)
    for table in before:
        pd.testing.assert_frame_equal(before[table], after[table], obj=table, rtol=1e-12)


@pytest.mark.corpora
def test_facts_written_batch_by_batch_equal_a_rebuild(stored, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(stored.read_bytes())
    assert_facts_equal_a_rebuild(copy)


@pytest.mark.corpora
def test_a_removal_is_followed_by_every_question_and_the_query_tables(stored, tmp_path):
    """Take out every article naming Japan (the name leaves the numbering), the French one
    (not scored) and the first copy of a near-duplicate cluster: no row of theirs is left,
    the copies point at the next first copy, every question still equals the oracle, and
    the query tables equal a rebuild."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(stored.read_bytes())
    with store.writer(copy) as con:
        japan = [r[0] for r in con.execute(
            "SELECT DISTINCT f.article_id FROM facts_actors x JOIN facts_articles f USING (a) "
            "JOIN actor_names USING (name_id) WHERE actor = 'Japan'").fetchall()]
        french = con.execute("SELECT article_id FROM articles WHERE language = 'fr'"
                             ).fetchall()[0][0]
        head, copies = con.execute(
            "SELECT duplicate_of, list(article_id ORDER BY article_id) FROM scores "
            "WHERE duplicate_of IS NOT NULL AND duplicate_of NOT IN (SELECT unnest(?)) "
            "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", [japan]).fetchall()[0]
        gone = [*japan, french, head]
        removal = remove_articles(con, gone, what="a test")
    assert len(japan) > 50 and removal == 1
    with store.connect(copy) as con:
        for table in ("articles", "article_ingests", *schema.ENRICHMENT_TABLES,
                      "facts_articles", "facts_quotes"):
            left = con.execute(f"SELECT count(*) FROM {table} WHERE article_id IN "
                               "(SELECT unnest(?))", [gone]).fetchall()[0][0]
            assert left == 0, table
        assert con.execute("SELECT count(*) FROM actor_names WHERE actor = 'Japan'"
                           ).fetchall()[0][0] == 0
        pointed = dict(con.execute("SELECT article_id, duplicate_of FROM scores WHERE "
                                   "article_id IN (SELECT unnest(?))", [copies]).fetchall())
        first = min(copies, key=lambda i: (con.execute(
            "SELECT published_at FROM articles WHERE article_id = ?", [i]).fetchall()[0][0], i))
        assert pointed == {i: (None if i == first else first) for i in copies}
        tables = everything(con)
        for name in ("none", "actor", "dates and undated", "languages not scored"):
            filtered = oracle.filtered(tables, FILTERS[name])
            collection = oracle.filtered(tables, FILTERS[name].collection())["articles"]
            for function, options in CASES:
                got = getattr(query, function)(con, FILTERS[name], **options)
                extra = {"collection": collection} if function == "timeline" else {}
                want = getattr(oracle, function)(filtered, **options, **extra)
                pd.testing.assert_frame_equal(got.reset_index(drop=True),
                                              want.reset_index(drop=True), check_exact=False,
                                              rtol=1e-9, obj=f"{name}: {function}({options})")
    assert_facts_equal_a_rebuild(copy)
