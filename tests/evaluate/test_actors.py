"""Tests for analysis.evaluate.actors: scoring actor mentions against Reuters-21578 tags."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.enrich.actor_table import load_actors
from analysis.enrich.actors import find_mentions
from analysis.evaluate.actors import (
    TUNE_FILES,
    actor_errors,
    read_tag_targets,
    reuters_articles,
    score_stories,
    split_of,
    summarise,
)
from analysis.schema import (
    ARTICLE_ID,
    DATELINE,
    PUBLISHED_AT,
    REF_ORGS,
    REF_PEOPLE,
    REF_PLACES,
    TEXT,
    TITLE,
)

TEST_FILES = tuple(f"reut2-{n:03d}.sgm" for n in range(9, 18))


def story(article_id: str, text: str, *, dateline: str = "", places=(), people=(), orgs=(),
          file: str = "reut2-009.sgm") -> dict:
    return {ARTICLE_ID: article_id, TEXT: text, TITLE: "", DATELINE: dateline,
            PUBLISHED_AT: pd.Timestamp("1987-03-02", tz="UTC"), REF_PLACES: list(places),
            REF_PEOPLE: list(people), REF_ORGS: list(orgs), "file": file}


def test_stories_are_scored_tag_by_tag():
    articles = pd.DataFrame([
        story("s1", "Treasury Secretary James Baker said the dollar was stable against the yen.",
              dateline="WASHINGTON", places=["usa", "japan"], people=["james-baker"]),
        story("s2", "OPEC ministers meet in Vienna. Saudi Arabia and Saudi officials agreed.",
              dateline="VIENNA", places=["austria", "saudi-arabia"], orgs=["opec", "imf"]),
    ])
    mentions = find_mentions(articles, pd.DataFrame(), actors=load_actors())
    scored = score_stories(articles, mentions).set_index(["kind", "tag"])["outcome"]
    assert scored[("places", "USA")] == "hit"
    assert scored[("places", "JPN")] == "miss"
    assert scored[("places", "SAU")] == "hit"
    assert scored[("people", "james-baker")] == "hit"
    assert scored[("orgs", "opec")] == "hit" and scored[("orgs", "imf")] == "miss"


def test_summary_is_micro_averaged_per_kind_and_split():
    scored = pd.DataFrame({
        ARTICLE_ID: ["a", "a", "b", "c", "c"],
        "file": ["reut2-000.sgm"] * 3 + ["reut2-010.sgm"] * 2,
        "kind": ["places", "places", "places", "people", "people"], "tag": list("vwxyz"),
        "outcome": ["hit", "false alarm", "miss", "hit", "miss"], "evidence": [""] * 5})
    summary = summarise(scored).set_index(["type", "split"])
    assert summary.loc[("places", "tune"), ["precision", "recall", "n"]].tolist() == [0.5, 0.5, 2]
    assert summary.loc[("people", "test"), "recall"] == 0.5
    assert pd.isna(summary.loc[("people", "test"), "precision"])


def test_splits_are_named_by_file():
    assert split_of("reut2-008.sgm") == "tune" and split_of("reut2-009.sgm") == "test"
    assert len(TUNE_FILES) == 9


def test_tag_targets_name_known_actors():
    targets = read_tag_targets()
    ids = set(load_actors()["id"])
    assert targets["place"]["ussr"] == ["SUN"] and targets["place"]["west-germany"] == ["DEU"]
    for kind in ("org", "person"):
        for code, actor_ids in targets[kind].items():
            assert set(actor_ids) <= ids, code


@pytest.mark.corpora
def test_every_reuters_places_code_is_mapped(corpora_dir):
    codes = (corpora_dir / "reuters21578" / "all-places-strings.lc.txt").read_text().split()
    countries = set(load_actors().query("type == 'country'")["id"])
    mapped = read_tag_targets()["place"]
    assert set(codes) <= set(mapped)
    assert {mapped[code][0] for code in codes} <= countries


@pytest.fixture(scope="module")
def held_out(corpora_dir) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = reuters_articles(corpora_dir / "reuters21578", files=TEST_FILES)
    return articles, find_mentions(articles, pd.DataFrame(), actors=load_actors())


@pytest.mark.corpora
def test_held_out_countries_meet_the_precision_and_recall_goals(held_out):
    articles, mentions = held_out
    summary = summarise(score_stories(articles, mentions)).set_index(["type", "split"])
    places = summary.loc[("places", "test")]
    assert places["n"] > 7000
    assert places["precision"] >= 0.85, summary
    assert places["recall"] >= 0.85, summary


@pytest.mark.corpora
def test_held_out_people_and_organisations_are_recalled(held_out):
    articles, mentions = held_out
    summary = summarise(score_stories(articles, mentions)).set_index(["type", "split"])
    assert summary.loc[("people", "test"), "recall"] >= 0.80, summary
    assert summary.loc[("orgs", "test"), "recall"] >= 0.80, summary


@pytest.mark.corpora
def test_errors_list_misses_and_false_alarms_with_their_story(corpora_dir):
    errors = actor_errors(corpora_dir / "reuters21578", files=["reut2-009.sgm"])
    assert set(errors["outcome"]) == {"miss", "false alarm"}
    assert {TITLE, DATELINE, "evidence"} <= set(errors.columns)
    with pytest.raises(ValueError, match="valid"):
        actor_errors(corpora_dir / "reuters21578", kind="companies")
