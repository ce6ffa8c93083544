"""Bylines hold people: agencies and desks go to source or credits, glued words are cut off
(issue 14; cases built from the patterns the issue names, not from a benchmark)."""

import pytest

from analysis.clean.articles import build_row, read_batch
from analysis.clean.people import person, sort_byline
from analysis.evaluate.actors import open_reuters_files
from analysis.load import read_records


@pytest.mark.parametrize(("entry", "people", "source", "credits"), [
    ("Reuters", [], "Reuters", []),
    ("Associated Press", [], "Associated Press", []),
    ("Reuters Staff", [], "Reuters", []),
    ("Staff Reports", [], None, [("byline", "Staff Reports")]),
    ("Admin", [], None, [("byline", "Admin")]),
    ("CNN Business", [], None, [("byline", "CNN Business")]),
    ("Malcolm Owen Monday", ["Malcolm Owen"], None, []),
    ("Phil Helsel is a reporter for NBC News", ["Phil Helsel"], None, []),
    ("Analysis by Chris Cillizza", ["Chris Cillizza"], None, []),
    ("By Jane Doe and John Roe, AP Writer", ["Jane Doe", "John Roe"], "AP", []),
    ("Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"], None,
     [("byline", "CNN Editor-at-large")]),
    ("Sarah Jones | BBC News", ["Sarah Jones"], None, [("byline", "BBC News")]),
    ("Mary Smith Updated 3 hours ago", ["Mary Smith"], None, []),
    ("Updated 3 hours ago", [], None, []),
    ("JULIE VORMAN", ["Julie Vorman"], None, []),
    ("TED d'AFFLISIO", ["Ted D'Afflisio"], None, []),
    ("Roger May", ["Roger May"], None, []),  # a month, but his name
    ("Anna May Wong", ["Anna May Wong"], None, []),
    ("Jean-Luc de la Tour", ["Jean-Luc de la Tour"], None, []),
    ("Ólafur Ragnar Grímsson", ["Ólafur Ragnar Grímsson"], None, []),
    ("J. R. Smith", ["J. R. Smith"], None, []),
])
def test_a_byline_entry_is_sorted_into_people_source_and_credits(entry, people, source,
                                                                 credits):
    found, named, rest = sort_byline([entry], source=None)
    assert (found, named) == (people, source)
    assert [(credit["role"], credit["name"]) for credit in rest] == credits


def test_an_agency_goes_to_credits_when_the_article_names_its_source():
    assert sort_byline(["Jane Doe", "Reuters"], source="The Gulf Times") == (
        ["Jane Doe"], "The Gulf Times", [{"role": "agency", "name": "Reuters", "place": None}])


def test_one_word_is_not_taken_for_a_person():
    assert person("Madonna") is None and person("Jane Doe") == "Jane Doe"


def test_a_table_row_with_an_agency_for_author_gets_it_as_its_source():
    row = build_row({"format": "json", "origin": "f.json#1", "title": "Talks",
                     "text": "The talks ended.", "byline": ["Associated Press"]})
    assert (row["byline"], row["source"]) == ([], "Associated Press")


def test_an_html_pages_author_line_is_cut_to_the_person(tmp_path):
    page = ("<html><head><title>Flooding closes roads</title>"
            '<meta name="author" content="Phil Helsel is a reporter for NBC News"></head>'
            "<body><article><h1>Flooding closes roads</h1>"
            + "<p>Heavy rain flooded the main roads into the city on Monday, and the police "
              "closed three bridges while crews pumped water from the tunnels.</p>" * 4
            + "</article></body></html>")
    (tmp_path / "flood.html").write_text(page, encoding="utf-8")
    [record] = read_records([tmp_path / "flood.html"])
    assert record["byline"] == ["Phil Helsel is a reporter"]  # as trafilatura reads the page
    batch = read_batch(tmp_path / "flood.html")
    assert batch.articles["byline"][0] == ["Phil Helsel"]


@pytest.mark.corpora
def test_reuters_bylines_stay_people(corpora_dir):
    """Of the 760 bylines in the 18 Reuters files, only three change: two names in one entry
    are split, a lower-case one and an agency typo go to credits."""
    changed = []
    paths = open_reuters_files(corpora_dir / "reuters21578")
    bylines = [entry for record in read_records(paths) if isinstance(record, dict)
               for entry in record.get("byline", [])]
    for entry in bylines:
        people, _, credits = sort_byline([entry], source="Reuters")
        if [name.casefold() for name in people] != [entry.casefold()]:
            changed.append((entry, people, [credit["name"] for credit in credits]))
    assert len(bylines) == 760
    assert changed == [
        ("STEPHEN JUKES AND PHILIP SHEHADI", ["Stephen Jukes", "Philip Shehadi"], []),
        ("keith grant", [], ["keith grant"]),
        ("Cal Mankowski, Reutersd", ["Cal Mankowski"], ["Reutersd"]),
    ]
