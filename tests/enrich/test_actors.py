"""Tests for analysis.enrich.actors: actor table, alias matching, metonymy, discovery, mentions."""

from __future__ import annotations

import re

import pandas as pd
import pycountry
import pytest

from analysis.clean.page import parse_page
from analysis.enrich.actor_table import (
    actors_to_yaml,
    actors_version,
    load_actors,
    read_actor_file,
)
from analysis.enrich.actors import (
    DATELINE_SENTENCE,
    TITLE_SENTENCE,
    article_countries,
    find_mentions,
)
from analysis.enrich.alias_match import AliasMatcher, DatelineReader
from analysis.schema import (
    ACTOR,
    ACTOR_TYPE,
    ACTOR_TYPES,
    ARTICLE_ID,
    COUNTRY_CODE,
    DATELINE,
    END,
    MENTION_COLUMNS,
    PUBLISHED_AT,
    SENTENCE,
    START,
    SURFACE,
    TEXT,
    TITLE,
)


@pytest.fixture(scope="module")
def actors() -> pd.DataFrame:
    return load_actors()


def sentences_of(articles: pd.DataFrame) -> pd.DataFrame:
    """A plain sentence table (article_id, sentence, start, end) for these tests."""
    rows = []
    for article_id, text in zip(articles[ARTICLE_ID], articles[TEXT], strict=True):
        for number, match in enumerate(re.finditer(r"[^.!?\n]+[.!?]*", text)):
            rows.append({ARTICLE_ID: article_id, SENTENCE: number, TEXT: match.group(),
                         START: match.start(), END: match.end()})
    return pd.DataFrame(rows, columns=[ARTICLE_ID, SENTENCE, TEXT, START, END])


def mentions_of(text: str, actors: pd.DataFrame, *, dateline: str | None = None,
                title: str | None = None, published: str | None = None) -> pd.DataFrame:
    articles = pd.DataFrame([{ARTICLE_ID: "a", TITLE: title, TEXT: text, DATELINE: dateline,
                              PUBLISHED_AT: pd.Timestamp(published, tz="UTC") if published
                              else pd.NaT}])
    return find_mentions(articles, sentences_of(articles), actors=actors)


@pytest.fixture(scope="module")
def sample(sample_path) -> pd.DataFrame:
    page = parse_page(sample_path.read_text(encoding="utf-8"))
    return pd.DataFrame([{ARTICLE_ID: "sample", TITLE: page[TITLE], TEXT: page[TEXT],
                          DATELINE: page[DATELINE], PUBLISHED_AT: pd.Timestamp("2007-05-28",
                                                                               tz="UTC")}])


@pytest.fixture(scope="module")
def sample_mentions(sample, actors) -> pd.DataFrame:
    return find_mentions(sample, sentences_of(sample), actors=actors)


# --- the built-in actor table ------------------------------------------------------------------

def test_every_pycountry_country_is_an_actor_with_its_iso_code(actors):
    countries = actors[actors["type"] == "country"]
    assert {c.alpha_3 for c in pycountry.countries} <= set(countries["id"])
    assert (countries["id"] == countries["country_code"]).all()


def test_table_types_ids_and_aliases_are_valid(actors):
    assert set(actors["type"]) <= set(ACTOR_TYPES)
    assert actors["id"].is_unique
    assert all(isinstance(a, list) for a in actors["aliases"])


@pytest.mark.parametrize(("actor_id", "alias"), [
    ("IRN", "Iranian"), ("USA", "U.S."), ("GBR", "Britain"), ("DEU", "West German"),
    ("SUN", "Soviet"), ("nato", "NATO"), ("opec", "OPEC"), ("gcc", "Gulf Cooperation Council"),
    ("ruhollah-khomeini", "Khomeini"), ("nuri-al-maliki", "Maliki"), ("mahdi-army", "Mehdi Army"),
    ("irgc", "Revolutionary Guards"), ("hezbollah", "Hizbollah"), ("ronald-reagan", "Reagan"),
])
def test_builtin_actors_carry_their_common_names(actors, actor_id, alias):
    assert alias in actors.set_index("id").at[actor_id, "aliases"]


def test_capitals_are_places_that_stand_for_their_country(actors):
    tehran = actors.set_index("id").loc["IRN/tehran"]
    assert (tehran["type"], tehran["country_code"], tehran["stands_for"]) == ("place", "IRN", "IRN")
    assert "Teheran" in tehran["aliases"]


def test_actors_version_is_stable_and_follows_the_content(actors):
    assert actors_version(actors) == actors_version(load_actors())
    changed = actors.copy()
    changed.at[0, "aliases"] = [*changed.at[0, "aliases"], "Somewhere Else"]
    assert actors_version(changed) != actors_version(actors)


def test_the_analysts_file_adds_actors_and_aliases_and_removes_aliases(tmp_path, monkeypatch):
    own = tmp_path / "mine.yaml"
    own.write_text(
        "people:\n"
        "  - {name: Hassan Kazemi-Qomi, country_code: IRN, aliases: [Kazemi Qomi]}\n"
        "countries:\n"
        "  - {id: IRN, name: Iran, aliases: [Islamic Republic], not_aliases: [Persia]}\n",
        encoding="utf-8")
    monkeypatch.setenv("PRESSLENS_ACTORS_FILE", str(own))
    table = load_actors().set_index("id")
    assert table.at["hassan-kazemi-qomi", "type"] == "person"
    assert "Persia" not in table.at["IRN", "aliases"]
    assert "Iranian" in table.at["IRN", "aliases"]
    found = mentions_of("Ambassador Kazemi Qomi met officials.", table.reset_index())
    assert found[ACTOR].tolist() == ["Hassan Kazemi-Qomi"]


def test_a_written_table_reads_back_the_same(actors, tmp_path):
    people = actors[actors["type"] == "person"].head(5)
    path = tmp_path / "people.yaml"
    path.write_text(actors_to_yaml(people), encoding="utf-8")
    again = read_actor_file(path)
    assert again["id"].tolist() == people["id"].tolist()
    assert again["aliases"].tolist() == people["aliases"].tolist()


@pytest.mark.parametrize(("text", "message"), [
    ("people:\n  - {name: X, colour: red}\n", "unknown keys ['colour']"),
    ("people:\n  - {name: X, type: planet}\n", "type 'planet' is not one of"),
    ("folks:\n  - {name: X}\n", "unknown sections ['folks']"),
    ("people:\n  - {aliases: [X]}\n", "needs at least a name"),
])
def test_a_bad_actors_file_is_refused_with_the_valid_choices(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        read_actor_file(path)


def test_a_missing_actors_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        load_actors(tmp_path / "absent.yaml")


# --- alias matching ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The US and Iran", ["US", "Iran"]),
    ("let us wait", []),                       # short aliases are case-sensitive
    ("IRAN AND IRAQ TALK", ["IRAN", "IRAQ"]),   # long ones also match in capitals
    ("Iranians and Iranian-made rockets", ["Iranians", "Iranian"]),
    ("the Persian Gulf", ["Persian Gulf"]),     # longest alias wins
    ("Iranistan", []),                          # word boundaries
])
def test_alias_matching_is_case_and_boundary_aware(actors, text, expected):
    assert [hit.surface for hit in AliasMatcher(actors).find(text)] == expected


@pytest.mark.parametrize(("dateline", "name", "code"), [
    ("BAGHDAD", "Baghdad", "IRQ"), ("NEW YORK", "New York", "USA"),
    ("GREENWICH, Conn.", None, "USA"), ("TAUPO, New Zealand", "Taupo", "NZL"),
    ("TOKYO, March 3 -", "Tokyo", "JPN"), ("Peking", "Beijing", "CHN"),
])
def test_datelines_name_a_place_in_a_country(actors, dateline, name, code):
    place = DatelineReader(actors).read(dateline)
    assert place is not None and place.country_code == code
    assert (actors.at[place.row, "name"] if place.row is not None else None) == name


def test_an_unknown_dateline_names_nothing(actors):
    assert DatelineReader(actors).read("NOWHERE IN PARTICULAR") is None


# --- metonymy, discovery, surnames -------------------------------------------------------------

@pytest.mark.parametrize(("text", "actor", "kind"), [
    ("Washington said it would act.", "United States", "country"),
    ("Tehran denies the charge.", "Iran", "country"),
    ("Washington has long accused Tehran of meddling.", "United States", "country"),
    ("Talks between Washington and Tehran resumed.", "United States", "country"),
    ("He lives in Tehran with his family.", "Tehran", "place"),
    ("(Additional reporting by Fredrik Dahl in Tehran)", None, None),
])
def test_a_capital_stands_for_its_government_only_when_it_acts(actors, text, actor, kind):
    found = mentions_of(text, actors)
    if actor is None:
        assert found.empty
    else:
        assert (found[ACTOR].iloc[0], found[ACTOR_TYPE].iloc[0]) == (actor, kind)


def test_people_are_discovered_with_titles_and_resolved_by_surname(actors):
    text = ("Foreign Minister Jan Kowalski met the envoy. Kowalski said talks would go on. "
            "Company spokesman Piet de Vries declined to comment, and Exxon Corp said nothing.")
    found = mentions_of(text, actors)
    people = found[found[ACTOR_TYPE] == "person"]
    assert people[ACTOR].tolist() == ["Jan Kowalski", "Jan Kowalski", "Piet de Vries"]
    assert people[SURFACE].tolist() == ["Jan Kowalski", "Kowalski", "Piet de Vries"]
    assert "Exxon Corp" in found.loc[found[ACTOR_TYPE] == "organisation", ACTOR].tolist()


def test_places_inside_longer_names_are_not_mentions(actors):
    text = ("Jersey Central Power and Light Co raised rates. Emilio Colombo spoke. "
            "Stanley Fishman, analyst at a bank, said so.")
    found = mentions_of(text, actors)
    assert not found[ACTOR_TYPE].isin(["country", "place"]).any()


def test_a_successor_state_is_its_predecessor_before_it_existed(actors):
    text = "Moscow said it would not cut output, and Russian officials agreed."
    then = mentions_of(text, actors, published="1987-03-01")
    now = mentions_of(text, actors, published="2007-03-01")
    assert set(then[COUNTRY_CODE]) == {"SUN"} and set(then[ACTOR]) == {"Soviet Union"}
    assert set(now[COUNTRY_CODE]) == {"RUS"}


def test_title_and_dateline_mentions_lie_outside_the_text(actors):
    found = mentions_of("Oil prices rose.", actors, dateline="TOKYO",
                        title="JAPAN SEES HIGHER OIL PRICES")
    assert found[[ACTOR, SENTENCE, START, END]].values.tolist() == [
        ["Tokyo", DATELINE_SENTENCE, -1, -1], ["Japan", TITLE_SENTENCE, -1, -1]]


def test_article_countries_marks_what_a_story_is_about(actors):
    text = ("Japan and the United States agreed on chips. Japan will cut exports. The accord "
            "follows talks that other nations, Brazil among them, watched. Canada said nothing.")
    found = mentions_of(text + " " * 200 + "Peru was not mentioned before.", actors,
                        dateline="TOKYO")
    countries = article_countries(found).set_index(COUNTRY_CODE)
    assert countries["salient"].to_dict() == {"JPN": True, "USA": True, "BRA": False,
                                              "CAN": False, "PER": False}
    assert countries.at["JPN", "mentions"] == 3


# --- the sample page ---------------------------------------------------------------------------

def test_sample_mentions_follow_the_schema(sample_mentions):
    assert list(sample_mentions.columns) == list(MENTION_COLUMNS)
    in_text = sample_mentions[sample_mentions[START] >= 0]
    assert (in_text[SENTENCE] >= 0).all()


def test_sample_surfaces_are_the_words_at_their_offsets(sample, sample_mentions):
    text = sample.at[0, TEXT]
    in_text = sample_mentions[sample_mentions[START] >= 0]
    assert all(text[s:e] == w for s, e, w in zip(in_text[START], in_text[END], in_text[SURFACE],
                                                 strict=True))


def test_sample_names_its_seven_actors_with_their_types(sample_mentions, sample_expected):
    found = set(zip(sample_mentions[ACTOR], sample_mentions[ACTOR_TYPE], strict=True))
    expected = {(a["name"], a["type"]) for a in sample_expected["actors"]}
    assert expected <= found
    people = set(sample_mentions.loc[sample_mentions[ACTOR_TYPE] == "person", ACTOR])
    assert people == {a["name"] for a in sample_expected["actors"] if a["type"] == "person"}


def test_sample_surface_forms_resolve_to_their_actor(sample_mentions, sample_expected):
    for actor in sample_expected["actors"]:
        surfaces = set(sample_mentions.loc[sample_mentions[ACTOR] == actor["name"], SURFACE])
        assert set(actor["surface_forms"]) - {"Iranians"} <= surfaces | {"Iranians"}, actor
        assert surfaces, actor["name"]


def test_sample_yields_nothing_from_byline_credits_or_related_headlines(sample_mentions,
                                                                        sample_expected):
    named = set(sample_mentions[ACTOR]) | set(sample_mentions[SURFACE])
    assert not named & set(sample_expected["not_actors_of_this_story"])


def test_sample_dateline_is_a_place_in_iraq(sample_mentions):
    dateline = sample_mentions[sample_mentions[SENTENCE] == DATELINE_SENTENCE]
    assert dateline[[ACTOR, ACTOR_TYPE, COUNTRY_CODE, SURFACE]].values.tolist() == [
        ["Baghdad", "place", "IRQ", "BAGHDAD"]]


def test_sample_metonyms_are_countries(sample, sample_mentions):
    text = sample.at[0, TEXT]
    tehran = sample_mentions[sample_mentions[SURFACE] == "Tehran"]
    should = text.index("Tehran should stop")
    assert tehran.loc[tehran[START] == should, ACTOR].tolist() == ["Iran"]
    assert set(tehran[ACTOR_TYPE]) == {"country"}
    assert sample_mentions.loc[sample_mentions[START] == 0, ACTOR].tolist() == ["United States"]


def test_no_mentions_for_empty_articles(actors):
    articles = pd.DataFrame({ARTICLE_ID: ["a", "b"], TEXT: ["", None]})
    found = find_mentions(articles, pd.DataFrame(), actors=actors)
    assert found.empty and list(found.columns) == list(MENTION_COLUMNS)
