"""Story-level cleaning: datelines, bylines and credit lines of wire copy."""

import pytest

from analysis.clean.story import clean_story, parse_byline, parse_credits, split_dateline
from analysis.schema import BYLINE, CREDIT_KEYS, CREDITS, DATELINE, SOURCE, TEXT


@pytest.mark.parametrize(("paragraph", "place", "agency", "rest"), [
    ("BAGHDAD (Reuters) – Washington’s top", "BAGHDAD", "Reuters", "Washington’s top"),
    ("NEW YORK, March 15 (Reuters) - Stocks fell.", "NEW YORK", "Reuters", "Stocks fell."),
    ("NEW YORK, March 15 - Stocks fell.", "NEW YORK", None, "Stocks fell."),
    ("LONDON, 15 March 2024 (Reuters) — Stocks fell.", "LONDON", "Reuters", "Stocks fell."),
    ("(AP) — Stocks fell.", None, "AP", "Stocks fell."),
    ("RIO DE JANEIRO (AP) — Police said", "RIO DE JANEIRO", "AP", "Police said"),
    ("WASHINGTON/LONDON (Reuters) - Aides said", "WASHINGTON/LONDON", "Reuters", "Aides said"),
    ("SPRINGFIELD, Ill. (AP) — A judge ruled", "SPRINGFIELD, Ill.", "AP", "A judge ruled"),
    ("WINSTON-SALEM, N.C., Jan. 5, 2024 (AP) -- A fire", "WINSTON-SALEM, N.C.", "AP", "A fire"),
    ("ST. LOUIS (AP) — A storm", "ST. LOUIS", "AP", "A storm"),
    ("SÃO PAULO, Brazil (AFP) – Brazil’s", "SÃO PAULO, Brazil", "AFP", "Brazil’s"),
    ("BERLIN, 15 March (dpa) - Germany", "BERLIN", "dpa", "Germany"),
    ("McALLEN, Texas (AP) — Border agents", "McALLEN, Texas", "AP", "Border agents"),
    ("LONDON — The prime minister", "LONDON", None, "The prime minister"),
])
def test_split_dateline_finds_place_agency_and_rest(paragraph, place, agency, rest):
    assert split_dateline(paragraph) == (place, agency, rest)


@pytest.mark.parametrize("sentence", [
    "Washington – the capital – was quiet on Monday.",
    "The U.S. - backed forces advanced.",
    "Crocker said - in a statement - that talks would go on.",
    "US - China talks ended without a deal.",
    "NATO — the alliance said — would not comment.",
    "I - for one - think this is wrong.",
    "In Baghdad (the capital) - officials said nothing.",
    "Iran says its atomic work is for the peaceful generation of electricity.",
])
def test_an_ordinary_sentence_is_not_a_dateline(sentence):
    assert split_dateline(sentence) == (None, None, sentence)


@pytest.mark.parametrize(("line", "names"), [
    ("By Ross Colvin", ["Ross Colvin"]),
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("By Jane Doe, John Roe & Max Muster", ["Jane Doe", "John Roe", "Max Muster"]),
    ("By JANE DOE, AP Business Writer", ["Jane Doe"]),
    ("By Ludwig van Beethoven | Reuters", ["Ludwig van Beethoven"]),
    ("BY ANN LEE", ["Ann Lee"]),
])
def test_parse_byline_returns_the_names(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize("line", [
    "By Friday, the deal had collapsed.",
    "By Monday",
    "By the end of the year prices had doubled.",
    "Bystanders said the blast shook the street.",
    "Ross Colvin",
])
def test_parse_byline_refuses_lines_that_are_not_bylines(line):
    assert parse_byline(line) is None


def _credit(role, name, place=None):
    return dict(zip(CREDIT_KEYS, (role, name, place), strict=True))


@pytest.mark.parametrize(("line", "credits"), [
    ("(Additional reporting by Fredrik Dahl in Tehran)",
     [_credit("additional reporting", "Fredrik Dahl", "Tehran")]),
    ("(Reporting by Ann Smith and Bo Li in Cairo; Editing by Carl Jones)",
     [_credit("reporting", "Ann Smith", "Cairo"), _credit("reporting", "Bo Li", "Cairo"),
      _credit("editing", "Carl Jones")]),
    ("(Reporting by Ann Smith in Paris and Bo Li in London; Writing by Tom Hals; "
     "editing by Mark Heinrich)",
     [_credit("reporting", "Ann Smith", "Paris"), _credit("reporting", "Bo Li", "London"),
      _credit("writing", "Tom Hals"), _credit("editing", "Mark Heinrich")]),
    ("Reporting by Jeff Mason, additional reporting by Steve Holland; Editing by Leslie Adler",
     [_credit("reporting", "Jeff Mason"), _credit("additional reporting", "Steve Holland"),
      _credit("editing", "Leslie Adler")]),
    ("-- Compiled by Ann Smith", [_credit("compiling", "Ann Smith")]),
    ("(Editing by Mark Heinrich)", [_credit("editing", "Mark Heinrich")]),
    ("Associated Press writers Elaine Kurtenbach in Bangkok and Matt Ott contributed to this "
     "report.",
     [_credit("contributing", "Elaine Kurtenbach", "Bangkok"),
      _credit("contributing", "Matt Ott")]),
])
def test_parse_credits_gives_role_name_and_place(line, credits):
    assert parse_credits(line) == credits


@pytest.mark.parametrize("line", [
    "Reporting by the BBC found that the scheme had failed.",
    "Editing the law took years, officials said.",
    "(Reuters)",
    "The talks ended without a date for another meeting.",
])
def test_parse_credits_refuses_ordinary_sentences(line):
    assert parse_credits(line) is None


def test_clean_story_takes_byline_dateline_and_credits_out_of_the_text():
    story = clean_story(
        "By Jane Doe and John Roe\n\n"
        "CAIRO, April 2 (Reuters) - Sudan’s army said on Tuesday it had retaken a bridge.\n\n"
        "“We will not stop,” a spokesman said.\n\n"
        "(Reporting by Jane Doe and John Roe in Cairo; Editing by Mark Heinrich)"
    )
    assert story[TEXT] == ("Sudan’s army said on Tuesday it had retaken a bridge.\n\n"
                           "“We will not stop,” a spokesman said.")
    assert (story[DATELINE], story[SOURCE]) == ("CAIRO", "Reuters")
    assert story[BYLINE] == ["Jane Doe", "John Roe"]
    assert [(c["role"], c["name"], c["place"]) for c in story[CREDITS]] == [
        ("reporting", "Jane Doe", "Cairo"), ("reporting", "John Roe", "Cairo"),
        ("editing", "Mark Heinrich", None)]


def test_clean_story_takes_a_credit_glued_to_the_last_paragraph():
    story = clean_story("PARIS (AFP) - Farmers blocked roads. (Reporting by Ann Smith)")
    assert story[TEXT] == "Farmers blocked roads."
    assert story[CREDITS] == [_credit("reporting", "Ann Smith")]


def test_clean_story_keeps_a_story_without_wire_markers_as_it_is():
    body = "The council met on Friday.\n\nReporting by the BBC found the plan had failed."
    story = clean_story(body)
    assert story == {TEXT: body, DATELINE: None, SOURCE: None, BYLINE: [], CREDITS: []}


def test_clean_story_of_an_empty_text_is_empty():
    assert clean_story("  \n\n ")[TEXT] == ""
