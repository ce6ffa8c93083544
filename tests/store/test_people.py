"""Surnames joined across the store (analysis.store.people): one full name around the date
joins, two are flagged, the same whichever batches the articles came in."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import query, store
from analysis.clean.articles import load_articles
from analysis.query import Filters
from analysis.query.source import in_memory
from analysis.store.ingest import ingest
from analysis.store.remove import remove_articles

# made-up people: no actor table entry, so only the tagger and the cue rules find them
STORIES = {
    "jim": ("1987-03-01", "Treasury Secretary Jim Quayleson said rates would fall."),
    "alone": ("1987-06-01", "Secretary Quayleson said on Monday the dollar was too low."),
    "later": ("1989-01-01", "Secretary Quayleson said on Monday the dollar was too high."),
    "bob": ("1987-05-01", "Governor Bob Quayleson said taxes would rise in the state."),
    "undated": (None, "Secretary Quayleson said the talks would go on."),
}


def write(folder, name: str, keys: list[str]):
    path = folder / f"{name}.jsonl"
    path.write_text("\n".join(json.dumps({"title": f"Story {key}", "text": STORIES[key][1],
                                          "published_at": STORIES[key][0]}) for key in keys),
                    encoding="utf-8")
    return path


def people_named(path) -> pd.DataFrame:
    with store.connect(path) as con:
        found = query.actor_mentions(con, Filters(), actor_type="person")
    return found[["actor", "mentions", "articles", "ambiguous"]].sort_values(
        "actor").reset_index(drop=True)


def joins(path) -> list[tuple]:
    with store.connect(path) as con:
        return con.execute(
            "SELECT a.title, p.actor, p.merged_actor, p.ambiguous FROM person_merges p "
            "JOIN articles a USING (article_id) ORDER BY 1").fetchall()


def test_a_surname_alone_joins_the_one_full_name_around_its_date(tmp_path):
    path = tmp_path / "s.duckdb"
    ingest([write(tmp_path, "a", ["jim", "alone", "later"])], store=path)
    assert joins(path) == [("Story alone", "Quayleson", "Jim Quayleson", False)]
    assert people_named(path).values.tolist() == [
        ["Jim Quayleson", 2, 2, False],
        ["Quayleson", 1, 1, False]]  # 1989: no Quayleson named within a year


def test_two_full_names_around_its_date_leave_a_surname_apart_and_flagged(tmp_path):
    path = tmp_path / "s.duckdb"
    ingest([write(tmp_path, "a", ["jim", "alone", "later", "bob", "undated"])], store=path)
    assert joins(path) == [("Story alone", "Quayleson", None, True),
                           ("Story undated", "Quayleson", None, True)]
    assert people_named(path).values.tolist() == [
        ["Bob Quayleson", 1, 1, False], ["Jim Quayleson", 1, 1, False],
        ["Quayleson", 3, 3, True]]


@pytest.mark.parametrize("order", [["jim", "alone", "later", "bob", "undated"],
                                   ["alone", "undated", "later", "bob", "jim"]])
def test_a_store_ingested_file_by_file_joins_as_one_ingested_at_once(tmp_path, order):
    """The first batches join "Quayleson" to the one full name they know; a later one brings
    a second Quayleson, and the earlier articles' answers change with it."""
    whole, parts = tmp_path / "whole.duckdb", tmp_path / "parts.duckdb"
    ingest([write(tmp_path, "all", order)], store=whole)
    for key in order:
        ingest([write(tmp_path, key, [key])], store=parts)
    assert joins(parts) == joins(whole)
    pd.testing.assert_frame_equal(people_named(parts), people_named(whole))
    with store.connect(parts) as con, store.connect(whole) as other:
        for level in ("article", "sentence"):
            pd.testing.assert_frame_equal(
                query.cooccurrence(con, Filters(), level=level),
                query.cooccurrence(other, Filters(), level=level))


def test_ingesting_again_changes_no_join(tmp_path):
    path = tmp_path / "s.duckdb"
    stories = write(tmp_path, "a", ["jim", "alone", "bob"])
    ingest([stories], store=path)
    before = (joins(path), people_named(path))
    assert ingest([stories], store=path).new == 0
    assert joins(path) == before[0]
    pd.testing.assert_frame_equal(people_named(path), before[1])


def test_taking_out_the_second_full_name_joins_the_surname_again(tmp_path):
    path = tmp_path / "s.duckdb"
    ingest([write(tmp_path, "a", ["jim", "alone", "bob"])], store=path)
    with store.writer(path) as con:
        bob = con.execute("SELECT article_id FROM articles WHERE title = 'Story bob'"
                          ).fetchall()[0][0]
        remove_articles(con, [bob], what="a test")
    assert joins(path) == [("Story alone", "Quayleson", "Jim Quayleson", False)]
    assert people_named(path).values.tolist() == [["Jim Quayleson", 2, 2, False]]
    with store.connect(path) as con:  # the surname is no longer offered as a filter
        assert con.execute("SELECT count(*) FROM actor_names WHERE actor = 'Quayleson'"
                           ).fetchall() == [(0,)]


def test_only_names_that_look_like_names_take_part():
    """On the Reuters store a tagger's "A. Moody" (from "single-A. Moody's") swallowed every
    "Moody"; names across a paragraph break, or with "of" inside, did the same."""
    full = ["A. Moody", "T. Boone Pickens", "Alex I.\n\nHe", "Theodore Semegran of Shearson"]
    alone = ["Moody", "Pickens", "He", "Shearson"]
    mentions = pd.DataFrame({
        "article_id": ["a"] * 4 + ["b"] * 4,
        "actor_id": [f"person/{i}" for i in range(8)],
        "actor": full + alone, "actor_type": "person"})
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["", ""],
                             "published_at": pd.to_datetime(["1987-03-01", "1987-03-02"],
                                                            utc=True)})
    con = in_memory({"articles": articles, "mentions": mentions})
    assert con.execute("SELECT actor, merged_actor, ambiguous FROM person_merges").fetchall() == [
        ("Pickens", "T. Boone Pickens", False)]


@pytest.mark.corpora
def test_reuters_sterling_and_george_bush_join_as_an_analyst_expects(tmp_path, corpora_dir):
    """On the Reuters store "Sterling" (the currency: "Sterling was briefly depressed") was a
    person joined to the economist William Sterling, and "Vice-President George Bush" a
    "George Bush" apart from the table's George H. W. Bush ("Vice President George Bush")."""
    wanted = {"reut2-003.sgm": {"3470"}, "reut2-011.sgm": {"11175"},
              "reut2-000.sgm": {"854"}, "reut2-002.sgm": {"2796"}}
    lines = []
    for file, ids in wanted.items():
        articles = load_articles(corpora_dir / "reuters21578" / file)
        for row in articles[articles["source_id"].astype(str).isin(ids)].itertuples():
            lines.append(json.dumps({"title": row.title, "text": row.text,
                                     "published_at": str(row.published_at)}))
    assert len(lines) == 4
    source = tmp_path / "reuters.jsonl"
    source.write_text("\n".join(lines), encoding="utf-8")
    path = tmp_path / "s.duckdb"
    ingest([source], store=path)
    assert not [row for row in joins(path) if "Sterling" in row[1]]
    named = people_named(path).set_index("actor")
    assert "Sterling" not in named.index and "George Bush" not in named.index
    assert named.loc["William Sterling", "articles"] == 1
    assert named.loc["George H. W. Bush", "articles"] == 2


def test_a_surname_alone_that_opens_a_firms_name_is_an_organisation():
    """Reuters names firms after their founders: "Hutton" beside "E.F. Hutton Group Inc" is the
    firm; "Victor" (a given name: "Victor Posner") and "Baker" (James Baker is named) are not."""
    mentions = pd.DataFrame({
        "article_id": ["a", "a", "a", "a", "b", "b", "b", "c"],
        "actor_id": ["organisation/0", "organisation/1", "person/2", "organisation/3",
                     "person/4", "person/5", "person/6", "person/7"],
        "actor": ["E.F. Hutton Group Inc", "Victor Federal Savings", "Victor Posner",
                  "Baker Hughes Inc", "Hutton", "Victor", "Baker", "James Baker"],
        "actor_type": ["organisation"] * 2 + ["person", "organisation"] + ["person"] * 4})
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "text": ["", "", ""],
                             "published_at": pd.to_datetime(
                                 ["1987-03-01", "1987-03-02", "1987-03-03"], utc=True)})
    con = in_memory({"articles": articles, "mentions": mentions})
    assert con.execute("SELECT actor, merged_actor, merged_type FROM person_merges ORDER BY 1"
                       ).fetchall() == [("Baker", "James Baker", None),
                                        ("Hutton", None, "organisation")]
    assert con.execute("SELECT actor, actor_type FROM resolved_mentions WHERE article_id = 'b' "
                       "ORDER BY 1").fetchall() == [
        ("Hutton", "organisation"), ("James Baker", "person"), ("Victor", "person")]
    actors = query.actor_mentions(con, Filters(), actor_type="organisation")
    assert "Hutton" in set(actors["actor"])
    # the reader labels the article's mentions as the store counts them
    read = query.article_detail(con, "b")["mentions"].sort_values("actor")
    assert read[["actor", "actor_type"]].values.tolist() == [
        ["Hutton", "organisation"], ["James Baker", "person"], ["Victor", "person"]]


def test_an_article_naming_the_firm_gives_it_the_surname_and_a_title_keeps_a_person():
    """Reuters: "Harper" beside "Harper and Row" is the publisher though a Neville Harper is
    named elsewhere; BBC: "Mr Flight" is a person though a firm "Flight Refuelling" is named."""
    texts = {"a": "Harper and Row Publishers Inc agreed. Harper said the offer was too low.",
             "b": "Neville Harper said rates would rise.",
             "c": "Flight Refuelling Ltd was sold. Mr Flight said he would stay."}
    rows = [("a", "organisation/0", "Harper and Row Publishers Inc", "organisation"),
            ("a", "person/1", "Harper", "person"),
            ("b", "person/2", "Neville Harper", "person"),
            ("c", "organisation/3", "Flight Refuelling Ltd", "organisation"),
            ("c", "person/4", "Flight", "person")]
    # a surname alone is the last occurrence of its word, every other name the first
    starts = [texts[a].rindex(name) if " " not in name else texts[a].index(name)
              for a, _, name, _ in rows]
    mentions = pd.DataFrame(rows, columns=["article_id", "actor_id", "actor", "actor_type"]
                            ).assign(start=starts, end=[s + len(r[2]) for s, r in
                                                        zip(starts, rows, strict=True)])
    articles = pd.DataFrame({"article_id": list(texts), "text": list(texts.values()),
                             "published_at": pd.to_datetime(
                                 ["1987-03-01", "1987-03-02", "1987-03-03"], utc=True)})
    con = in_memory({"articles": articles, "mentions": mentions})
    assert con.execute("SELECT article_id, actor, merged_actor, merged_type FROM person_merges "
                       "ORDER BY 1").fetchall() == [("a", "Harper", None, "organisation")]
