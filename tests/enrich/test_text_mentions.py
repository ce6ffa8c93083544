"""The name tagger in actor finding (analysis.enrich.text_mentions): issue 15's errors, each
through `analysis.analyze`, and how the tagger and the actor table share a text."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import analyze
from analysis.enrich.actors import find_mentions
from analysis.schema import ACTOR, ACTOR_ID, ACTOR_TYPE, ARTICLE_ID, COUNTRY_CODE, SURFACE, TEXT


def mentions(text: str, **options) -> pd.DataFrame:
    """The mentions `analyze` finds in one article of `text`."""
    articles = pd.DataFrame({ARTICLE_ID: ["a"], TEXT: [text]})
    if options:
        return find_mentions(articles, pd.DataFrame(), **options)
    return analyze(articles, discover=False).mentions


def people(text: str) -> list[str]:
    found = mentions(text)
    return found.loc[found[ACTOR_TYPE] == "person", ACTOR].tolist()


@pytest.mark.parametrize(("text", "name"), [
    ("President Bill Clinton said the talks would go on.", "Bill Clinton"),
    ("Prime Minister John Major said on Tuesday he would not resign.", "John Major"),
])
def test_a_titled_person_missing_from_the_table_is_found_with_the_full_name(text, name):
    assert people(text) == [name]


def test_a_share_price_move_is_a_company_there_and_later_in_the_article():
    found = mentions("Among oil stocks, Texaco fell 1/2 to 35-3/4, while Santa Fe added 1/4 to "
                     "15-1/8 in active trading. Santa Fe said later it would not comment.")
    santa_fe = found[found[SURFACE] == "Santa Fe"]
    assert len(santa_fe) == 2
    assert set(santa_fe[ACTOR_TYPE]) == {"organisation"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ivan Lendl and Boris Becker met in the final on Sunday.", ["Ivan Lendl", "Boris Becker"]),
    ("Delegates included Helmut Kohl, Margaret Thatcher and Yasuhiro Nakasone.",
     ["Helmut Kohl", "Margaret Thatcher", "Yasuhiro Nakasone"]),
    ("Gorbachev and Reagan met in Reykjavik last October.",
     ["Mikhail Gorbachev", "Ronald Reagan"]),
])
def test_names_without_a_title_or_speech_verb_are_found(text, expected):
    assert people(text) == expected


def test_organisations_are_found_with_or_without_an_entry_in_the_table():
    found = mentions("The Bundesbank left rates unchanged. Hamas said it would fight on. "
                     "Santa Fe Pacific Gold raised its output.").set_index(SURFACE)
    assert found.loc["Bundesbank", [ACTOR_TYPE, COUNTRY_CODE]].tolist() == ["organisation",
                                                                          "DEU"]
    assert found.loc["Hamas", ACTOR_TYPE] == "group"  # the table's type stands
    assert found.loc["Santa Fe Pacific Gold", [ACTOR_ID, ACTOR_TYPE]].tolist() == [
        "organisation/santa-fe-pacific-gold", "organisation"]


def test_a_tagged_name_the_table_knows_is_the_tables_actor():
    found = mentions("Treasury Secretary James Baker met Paul Volcker in Washington.")
    assert found[[ACTOR, ACTOR_TYPE, COUNTRY_CODE]].values.tolist() == [
        ["James Baker", "person", "USA"], ["Paul Volcker", "person", "USA"],
        ["Washington", "place", "USA"]]


def test_a_tagged_surname_resolves_to_the_full_name_given_before():
    found = mentions("Ivan Lendl beat Boris Becker on Sunday. Lendl will play again in May.")
    assert found[[ACTOR, SURFACE]].values.tolist() == [
        ["Ivan Lendl", "Ivan Lendl"], ["Boris Becker", "Boris Becker"],
        ["Ivan Lendl", "Lendl"]]


def test_without_the_tagger_only_the_cue_rules_discover():
    text = "Ivan Lendl and Boris Becker met in the final. Spokesman Jan Kowalski said so."
    without = mentions(text, tagger=False)
    assert without[ACTOR].tolist() == ["Jan Kowalski"]
    assert mentions(text, tagger=True)[ACTOR].tolist() == [
        "Ivan Lendl", "Boris Becker", "Jan Kowalski"]


def test_a_surname_the_tagger_calls_an_organisation_is_the_person_named_before():
    """The tagger once made "Crocker" (after the table's "Ryan Crocker") and "Crocker and
    Kazemi-Qomi" organisations in the sample article; the article's full names win."""
    found = mentions("U.S. Ambassador to Iraq Ryan Crocker met Ambassador Hassan Kazemi-Qomi. "
                     "Crocker and Kazemi-Qomi met at the office.")
    assert found.loc[found[ACTOR_TYPE] == "person", [ACTOR, SURFACE]].values.tolist() == [
        ["Ryan Crocker", "Ryan Crocker"], ["Hassan Kazemi-Qomi", "Hassan Kazemi-Qomi"],
        ["Ryan Crocker", "Crocker"], ["Hassan Kazemi-Qomi", "Kazemi-Qomi"]]
