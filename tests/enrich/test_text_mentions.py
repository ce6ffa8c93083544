"""The name tagger in actor finding (analysis.enrich.text_mentions): issue 15's errors, each
through `analysis.analyze`, and how the tagger and the actor table share a text."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import analyze
from analysis.clean.articles import load_articles
from analysis.enrich import discovery
from analysis.enrich.actors import find_mentions
from analysis.enrich.text_mentions import _CREDITS, _may_credit
from analysis.schema import (
    ACTOR,
    ACTOR_ID,
    ACTOR_TYPE,
    ARTICLE_ID,
    COUNTRY_CODE,
    DATELINE,
    SURFACE,
    TEXT,
    TITLE,
)


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


def reuters_stories(corpora_dir, file: str, *ids: str) -> pd.DataFrame:
    """Stories of one Reuters-21578 file (reut2-000..017 only) by their NEWID."""
    articles = load_articles(corpora_dir / "reuters21578" / file)
    chosen = articles[articles["source_id"].astype(str).isin(ids)]
    assert len(chosen) == len(ids)
    return chosen.reset_index(drop=True)


def found_in(articles: pd.DataFrame) -> pd.DataFrame:
    return find_mentions(articles, pd.DataFrame())


@pytest.mark.corpora
def test_moodys_is_the_rating_agency_not_a_person_moody(corpora_dir):
    """The Reuters store's Actors page had "Moody" (from "Moody's said", "rated A-2 by
    Moody's") as a person of 209 mentions."""
    found = found_in(reuters_stories(corpora_dir, "reut2-000.sgm", "8", "161"))
    moody = found[found[SURFACE].str.contains("Moody", case=False)]
    assert len(moody) >= 4
    assert set(moody[ACTOR]) == {"Moody's Investors Service"}
    assert set(moody[ACTOR_TYPE]) == {"organisation"}


@pytest.mark.corpora
def test_sterling_the_currency_is_no_person(corpora_dir):
    """"Sterling was briefly depressed by the rate cut" made "Sterling" a person, which the
    store then joined to the economist William Sterling; his own "Sterling" stays his."""
    currency = found_in(pd.concat([reuters_stories(corpora_dir, "reut2-003.sgm", "3470"),
                                   reuters_stories(corpora_dir, "reut2-009.sgm", "9784")]))
    assert not currency[(currency[ACTOR_TYPE] == "person")
                        & currency[SURFACE].str.contains("Sterling")].shape[0]
    economist = found_in(reuters_stories(corpora_dir, "reut2-011.sgm", "11175"))
    his = economist[economist[SURFACE].isin(["Sterling", "William Sterling"])]
    assert set(his[ACTOR]) == {"William Sterling"}


@pytest.mark.corpora
@pytest.mark.parametrize(("file", "story"), [("reut2-013.sgm", "13256"), ("reut2-000.sgm", "121")])
def test_a_report_named_after_a_portfolio_is_no_person(corpora_dir, file, story):
    """"the IEA said in its Monthly Oil Market Report" made "Market Report" a person, and "In
    its World Production and Trade Report" a person "Report": "Oil" and "Trade" were taken for
    titles, as in "Oil Minister"."""
    found = found_in(reuters_stories(corpora_dir, file, story))
    assert not found[found[SURFACE].str.contains("Report")].shape[0]


@pytest.mark.corpora
def test_george_bush_is_the_vice_president_of_the_table(corpora_dir):
    """"Vice-President George Bush" (with a hyphen, not an alias) was a discovered "George
    Bush" beside the table's George H. W. Bush, so a "Bush" of 1987 had two full names."""
    found = found_in(reuters_stories(corpora_dir, "reut2-000.sgm", "854"))
    bush = found[found[SURFACE].str.contains("Bush")]
    assert bush[[ACTOR, ACTOR_TYPE]].drop_duplicates().values.tolist() == [
        ["George H. W. Bush", "person"]]


def test_the_taggers_places_the_table_lacks_are_place_mentions():
    """Places stayed the table's, so the tagger's "Glenview" was lost; and a place of the
    table inside a longer tagged name ("University of Pennsylvania", "Bank of Thailand") took
    the name's place: the tagged name now stands."""
    found = mentions("Prices rose in Glenview and at the University of Pennsylvania, the Bank "
                     "of Thailand said.", title=False)
    assert found[[ACTOR_ID, ACTOR_TYPE, SURFACE]].values.tolist() == [
        ["place/glenview", "place", "Glenview"],
        ["organisation/university-of-pennsylvania", "organisation", "University of Pennsylvania"],
        ["organisation/bank-of-thailand", "organisation", "Bank of Thailand"]]


@pytest.mark.corpora
def test_duff_and_phelps_is_the_rating_agency_not_a_person_phelps(corpora_dir):
    """"Duff and Phelps today lowered the senior debt rating of ..." made "Phelps" a person,
    which the store then joined to a Michael Phelps named once (30 mentions)."""
    found = found_in(reuters_stories(corpora_dir, "reut2-001.sgm", "1756"))
    phelps = found[found[SURFACE].str.contains("Phelps")]
    assert len(phelps) >= 1
    assert set(phelps[ACTOR]) == {"Duff and Phelps"}
    assert set(phelps[ACTOR_TYPE]) == {"organisation"}


@pytest.mark.corpora
def test_a_pronoun_a_bare_title_or_a_bare_head_names_no_one(corpora_dir):
    """The Reuters Actors page had "We" (81 mentions, a quote's first word) and "Bank" (351,
    "the Bank said") as organisations and "Minister" (32, "the Prime Minister's Department")
    as a person."""
    found = found_in(pd.concat([reuters_stories(corpora_dir, "reut2-000.sgm", "419", "504"),
                                reuters_stories(corpora_dir, "reut2-000.sgm", "248", "668"),
                                reuters_stories(corpora_dir, "reut2-000.sgm", "237", "268")]))
    assert len(found) > 10
    assert not set(found[ACTOR]) & {"We", "Minister", "Bank"}
    assert not found[SURFACE].isin(["We", "Minister"]).any()
    # "the Bank said" is a mention only of a bank the story names in full before it
    banks = found[found[SURFACE] == "Bank"]
    assert set(banks[ACTOR]) <= {"World Bank", "Central Bank", "Bank of England"}


@pytest.mark.parametrize(("text", "head", "actor"), [
    ("The European Commission fined the firm. The Commission said it would not appeal.",
     "Commission", "European Commission"),
    ("The Bundesbank left rates alone. The Bank said money growth was too fast.",
     "Bank", "Bundesbank"),
    ("Nazer spoke to the Saudi Press Agency. Later the Agency said prices would hold.",
     "Agency", "Saudi Press Agency"),
])
def test_a_bare_head_is_the_body_the_text_named_in_full_before_it(text, head, actor):
    """An analyst counts "the Commission said" as a mention of the European Commission, and
    the hand-marked news sentences mark the bare head as an organisation; it was dropped as
    naming no one."""
    found = mentions(text)
    heads = found[found[SURFACE] == head]
    assert heads[[ACTOR, ACTOR_TYPE]].values.tolist() == [[actor, "organisation"]]
    assert heads[ACTOR_ID].tolist() == found.loc[found[ACTOR] == actor, ACTOR_ID].tolist()[:1]
    assert head not in set(found[ACTOR])


@pytest.mark.parametrize(("text", "head"), [
    ("The Commission said it would not appeal against the ruling.", "Commission"),
    ("The Transport and General Workers' Union's 70,000 members joined the Commercial "
     "Services Union in the talks.", "Union"),
])
def test_a_bare_head_with_no_body_named_before_it_names_no_one(text, head):
    """No full name before it ("The Commission said" opening a text), or a head right after a
    name's word (the tagger cut "Transport and General Workers' Union" short): no mention."""
    found = mentions(text)
    assert not (found[SURFACE] == head).any()
    assert head not in set(found[ACTOR])


@pytest.mark.corpora
def test_the_bank_of_a_bank_of_england_story_is_the_bank_of_england(corpora_dir):
    """reut2-000.sgm 330 (M0 figures): "the Bank said" six times after "the Bank of England";
    each a mention of the Bank of England on the Actors page, none a "Bank" of its own."""
    found = found_in(reuters_stories(corpora_dir, "reut2-000.sgm", "330"))
    banks = found[found[SURFACE] == "Bank"]
    assert len(banks) >= 6
    assert set(banks[ACTOR]) == {"Bank of England"}


@pytest.mark.parametrize(("text", "surface", "actor"), [
    ("Labour say a Lib Dem vote could let the Tories in.", "Labour", "Labour Party"),
    ("Labour say a Lib Dem vote could let the Tories in.", "Lib Dem", "Liberal Democrats"),
    ("Labour say a Lib Dem vote could let the Tories in.", "Tories", "Conservative Party"),
    ("A UKIP spokesman said the party would fight on.", "UKIP", "UK Independence Party"),
    ("The Home Office said the plans were on track.", "Home Office", "Home Office"),
    ("Shell said profits rose.", "Shell", "Shell"),
    ("Salomon's di Clemente said rates would rise.", "Salomon", "Salomon Brothers"),
])
def test_british_parties_departments_and_companies_are_actors_of_the_table(text, surface, actor):
    found = mentions(text)
    named = found[found[SURFACE] == surface]
    assert named[[ACTOR, ACTOR_TYPE]].values.tolist() == [[actor, "organisation"]]


@pytest.mark.parametrize("text", [
    "Labour Minister Almir Pazzionotto said wages would rise.",  # a portfolio, not the party
    "The Labour Ministry said unemployment fell.",
    "Norway's minority Labour government fell.",  # another country's namesake
    "Finland's Conservatives emerged with major election gains.",
])
def test_a_portfolio_or_another_countrys_party_is_not_the_british_party(text):
    assert not mentions(text)[ACTOR].isin(["Labour Party", "Conservative Party"]).any()


@pytest.mark.parametrize(("text", "name"), [
    # a demonym before the name is the country's mention, not part of the person
    ("Spaniard Guillermo Garcia-Lopez beat fourth seed Carlos Moya.", "Guillermo Garcia-Lopez"),
    ("Australian Lleyton Hewitt won in straight sets.", "Lleyton Hewitt"),
    # a body after "of" that owns what follows is no part of the name
    ("\"It's the Brazil business,\" said ING analyst Gerard Rijk of Inbev's strong performance.",
     "Gerard Rijk"),
    # a relative named by a first name takes the family name
    ("Fletcher's daughter Jill said her father would be sorely missed.", "Jill Fletcher"),
])
def test_a_person_is_named_without_demonym_or_owner_and_with_the_family_name(text, name):
    assert name in people(text)


def test_a_longer_company_or_person_name_stands_over_a_short_alias_inside_it():
    found = mentions("Shell Canada Ltd raised prices. Robert Salomon of Salomon Brothers said "
                     "so. Standard and Poor's Corp. cut its rating.")
    assert found[[SURFACE, ACTOR]].values.tolist() == [
        ["Shell Canada Ltd", "Shell Canada Ltd"], ["Robert Salomon", "Robert Salomon"],
        ["Salomon Brothers", "Salomon Brothers"],
        ["Standard and Poor's Corp", "Standard and Poor's"]]


@pytest.mark.parametrize(("text", "surface"), [
    ("Poehl is a member of the Social Democratic Party.", "Social Democratic Party"),
    ("Mubarak's ruling National Democratic Party won.", "National Democratic Party"),
    ("Mulroney's Progressive Conservative government fell.", "Progressive Conservative"),
])
def test_a_party_name_inside_a_longer_one_is_not_the_table_party(text, surface):
    found = mentions(text)
    assert found.loc[found[SURFACE] == surface, ACTOR].tolist() == [surface]


@pytest.mark.parametrize(("text", "party"), [
    ("The Democratic Party won.", "Democratic Party"),
    ("Britain's opposition Labour Party lost.", "Labour Party"),
    ("The British Conservative government sold it.", "Conservative Party"),
])
def test_a_party_after_an_article_a_possessive_or_a_demonym_is_the_table_party(text, party):
    assert party in mentions(text)[ACTOR].tolist()


def test_a_party_in_a_story_from_another_country_that_never_names_its_own_is_no_mention():
    articles = pd.DataFrame({ARTICLE_ID: ["oslo", "london", "helsinki", "ottawa"], TEXT: [
        "The minority Labour government has looked increasingly stable.",
        "The ruling Conservative party had increased its lead.",
        # a city of the party's country does not name it
        "The Conservatives gained nine seats. Shares rose in London.",
        # nor is another Westminster parliament's House of Commons Britain's
        "The House of Commons passed the bill."],
        DATELINE: ["OSLO, March 3 -", "LONDON, April 2 -", "HELSINKI, March 17 -",
                   "OTTAWA, March 4 -"]})
    found = find_mentions(articles, pd.DataFrame())
    assert found.loc[found[ACTOR_TYPE] == "organisation", [ARTICLE_ID, ACTOR]].values.tolist() \
        == [["london", "Conservative Party"]]


@pytest.mark.parametrize(("text", "surface", "actor"), [
    # Reuters: a ticker in angle brackets after the company's name is no acronym of the table
    ("Courtaulds Plc <CPS> rose 5p.", "CPS", None),
    # an acronym the text gives to another name is that name's, not the table's
    ("Singapore National Printers Ltd (SNP) said profits rose. SNP shares fell.", "SNP",
     "Singapore National Printers Ltd"),
    # the table's own name before the bracket keeps it
    ("The Scottish National Party (SNP) said it would fight. The SNP leader spoke.", "SNP",
     "Scottish National Party"),
    ("The CBI said growth slowed.", "CBI", "Confederation of British Industry"),
    # a bracket whose letters the name before it does not spell defines nothing
    ("Poehl is a member of the Social Democrats (SPD).", "SPD",
     "Social Democratic Party of Germany"),
])
def test_a_tables_acronym_is_not_a_ticker_or_another_names(text, surface, actor):
    named = mentions(text)
    assert set(named.loc[named[SURFACE] == surface, ACTOR]) <= ({actor} if actor else {surface})
    assert (actor in set(named[ACTOR])) if actor else not named[ACTOR].isin(
        ["Scottish National Party", "Crown Prosecution Service"]).any()


@pytest.mark.parametrize(("text", "long_form", "actor"), [
    # Reuters spells the table's bodies its own way before their acronym: before, the acronym
    # was taken for another body's and both were new actors beside the table's GATT and OPEC
    ("China must be a member of the General Agreement of Tariffs and Trade (GATT), for which "
     "it applied. Other GATT countries will be nervous.",
     "General Agreement of Tariffs and Trade", "GATT"),
    ("Ministers reviewing the Uruguay round of the General Agreement on Trade and Tariffs "
     "(GATT) met. The GATT talks went on.", "General Agreement on Trade and Tariffs", "GATT"),
    # a body the table lacks: its acronym is the same new actor as its full name
    ("The imports will be financed by the Islamic Development Bank (IDB), which the IDB "
     "confirmed.", "Islamic Development Bank", "Islamic Development Bank"),
])
def test_a_body_and_the_acronym_the_text_defines_for_it_are_one_actor(text, long_form, actor):
    found = mentions(text)
    acronym = text[text.index(long_form) + len(long_form) + 2:].split(")")[0]
    named = found[found[SURFACE].isin([long_form, acronym])]
    assert sorted(set(named[SURFACE])) == sorted([long_form, acronym])
    assert set(named[ACTOR]) == {actor} and named[ACTOR_ID].nunique() == 1
    assert len(named) == text.count(acronym) + 1


def test_an_acronym_defined_for_another_body_is_not_the_tables():
    found = mentions("The imports will be financed by the Islamic Development Bank (IDB), which "
                     "the IDB confirmed.")
    assert "Inter-American Development Bank" not in set(found[ACTOR])


@pytest.mark.corpora
def test_capitalised_words_are_found_by_the_capital_first_pattern_as_by_the_full_one(
        corpora_dir) -> None:
    """Where no capital follows a hyphen, capitalised runs are read with a pattern that skips
    to capitals (no word can open with "al-" there): the same words as the full pattern."""
    articles = load_articles(corpora_dir / "reuters21578" / "reut2-002.sgm")
    texts = [*articles[TEXT].dropna(), *articles[TITLE].dropna(), "O'Neill’s ÉTAT and U.S. St.",
             "Ünal met Çelik's aide 'Ali' at l'Élysée; x-ray, A-1", "(Reuter) AB.C Dow-Jones"]
    plain = [t for t in texts if not discovery._HYPHEN_CAPITAL.search(t)]
    assert len(plain) > len(texts) / 2
    for text in plain:
        assert [m.span() for m in discovery._CAPITAL_FIRST.finditer(text)] == [
            m.span() for m in discovery.TOKEN.finditer(text)], text
    assert [t.text for t in discovery.capitalised_runs("Ali al-Maliki and ash-Sharaa")[0]] == [
        "Ali", "al-Maliki", "and", "ash-Sharaa"]


@pytest.mark.parametrize("text", [
    "(Additional reporting by Jo Smith in Tehran)", "Reporting by X; Editing by Y",
    "By Ross Colvin", "Oil rose.\n  by Ross Colvin\nmore", "x\n\tBY Ann Lee\n", "(Compiled by Z)",
    "(WRITING BY A. N. Other)", "stand by me", "x\nbypass Y", "Café\nBy Ann Lee", "Nothing here."])
def test_a_text_is_screened_for_credit_lines_as_the_pattern_finds_them(text: str) -> None:
    """Texts are screened for a credit line's words before the pattern ignoring case is tried:
    the screen passes every text the pattern finds a credit line in."""
    assert _may_credit(text) or not _CREDITS.search(text)
    assert _may_credit(text) == (text not in ("stand by me", "x\nbypass Y", "Nothing here."))


def test_a_stock_ticker_is_no_mention():
    """reut2-000..002 had 33 mentions inside tickers: "General Motors Corp <GM>" counted GM
    twice, and Unilever's "<UN.A>" was the United Nations; the marked news leaves tickers out."""
    found = mentions("Talks with Unilever PLC-NV <UN.A> and General Motors Corp <GM> ended, "
                     "said IBM Corp <IBM>.")
    assert "United Nations" not in set(found[ACTOR])
    assert not found[SURFACE].isin(["UN", "GM", "IBM"]).any()
    assert {"General Motors Corp", "IBM Corp"} <= set(found[SURFACE])
