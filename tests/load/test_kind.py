"""Files that are not articles (DTDs, licences, code, word lists, READMEs) are turned away with a
reason, by what they hold; news pages, however list-like their menus, are not."""

import re

import pandas as pd
import pytest

from analysis.evaluate.actors import open_reuters_files
from analysis.load.kind import not_an_article
from analysis.load.readers import read_source
from analysis.load.source import Reject, Source
from tests.conftest import SAMPLE

DTD = """<!-- a made-up catalogue format -->
<!ELEMENT CATALOGUE - - (ITEM+)>
<!ELEMENT ITEM - - (NAME, PRICE?)>
<!ATTLIST ITEM CODE CDATA #REQUIRED>
<!ELEMENT NAME - - (#PCDATA)>
<!ELEMENT PRICE - - (#PCDATA)>
"""
LICENCE = """Example Public License

Copyright (c) 2031 Nobody in Particular

Permission is hereby granted to anyone holding a copy of these files to use them.

THE FILES COME WITHOUT WARRANTY OF ANY KIND.
"""
CODE = """import json
from pathlib import Path

def read(path):
    with open(path) as handle:
        return json.load(handle)

class Store:
    def __init__(self):
        self.items = {}
"""
WORDS = "\n".join(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                   "india", "juliett", "kilo", "lima"]) + "\n"
SHORT_LINES = "\n".join(f"Item number {word}" for word in WORDS.split()) + "\n"
NOTES_AND_LIST = ("Some notes on the codes below, written by the people who made them to "
                  "explain what each code stands for and how it was used.\n\n" +
                  "\n".join(f"{first.title()} {second} code ({first[0]}{second[0]})".upper()
                            for first in WORDS.split()[:6] for second in ("north", "south",
                                                                          "east", "west", "mid")))
README = """Weather station archive
=======================

I. Introduction

This file describes the archive: one CSV file per station.

II. Files

The readings are in stations.csv and the station list is in names.txt.

III. Licence and thanks

Use it as you like.
"""
MARKDOWN_README = """# tidyfeeds

A small tool that tidies feeds.

## Install

    pip install tidyfeeds

## Usage

Run it on a folder of feeds and it writes one file per feed.
"""
MENU = "\n".join(["Home", "World", "Business", "Markets", "Politics", "Sport", "Culture",
                  "Opinion", "Video", "Podcasts", "Weather", "Login", "Subscribe"] * 3)
STORY = ("Talks between the two governments resumed on Monday after a pause of three weeks, "
         "officials on both sides said, and a first agreement on border crossings is expected "
         "before the end of the month.\n\n") * 5


@pytest.mark.parametrize(("text", "reason"), [
    (DTD, "a DTD (5 SGML/XML declarations)"),
    (LICENCE, "a licence"),
    (CODE, "source code (7 of 8 lines look like code)"),
    (WORDS, "a list of 12 one-word lines"),
    (SHORT_LINES, "a list of 12 short lines"),
    (NOTES_AND_LIST, "mostly a list (30 of 31 lines are 5 words or fewer, without figures)"),
    (README, "a README (describes itself, 4 section headings, names 2 files)"),
    (MARKDOWN_README, "documentation (3 section headings, install or usage instructions)"),
])
def test_what_is_not_an_article_says_what_it_is(text, reason):
    assert not_an_article(text) == reason


@pytest.mark.parametrize("text", [
    SAMPLE.read_text(encoding="utf-8"),
    f"Talks resume\n\n{MENU}\n\n{STORY}",  # a page whose menus are most of its lines
    "Short note\n\nOne line of news.",
    "MARKETS\n\nShares rose 2.1 %\nBonds fell 0.4 %\nOil rose 1.2 %\nGold fell 0.3 %\n"
    "Copper rose 0.9 %\nWheat fell 1.1 %\nCorn rose 0.2 %\nRice fell 0.7 %\nSugar rose 1.8 %\n"
    "Coffee fell 2.2 %\nCocoa rose 0.1 %\n",  # a table of figures is news
    "New version of a data tool released\n\nThe developers said on Tuesday that users can get "
    "it with pip install datatool, and that the README explains the changes.",
])
def test_news_is_not_turned_away(text):
    assert not_an_article(text) is None


def test_a_folder_file_is_rejected_with_its_reason_unless_a_format_is_forced():
    source = Source("docs/catalogue.dtd", DTD.encode())
    [reject] = read_source(source)
    assert reject == Reject("docs/catalogue.dtd", None, "not an article: a DTD (5 SGML/XML "
                            "declarations); --format page reads it as a page anyway")
    [record] = read_source(source, fmt="page")
    assert record["text"].startswith("<!-- a made-up catalogue format -->")


@pytest.mark.corpora
def test_the_reuters_folder_files_that_are_not_stories(corpora_dir):
    folder = corpora_dir / "reuters21578"
    found = {path.name: not_an_article(path.read_text(encoding="latin-1"))
             for path in sorted(folder.iterdir()) if path.suffix != ".sgm"}
    assert found == {
        "README.txt": "a README (describes itself, 28 section headings, names 7 files)",
        "all-exchanges-strings.lc.txt": "a list of 39 one-word lines",
        "all-orgs-strings.lc.txt": "a list of 56 one-word lines",
        "all-people-strings.lc.txt": "a list of 267 one-word lines",
        "all-places-strings.lc.txt": "a list of 175 one-word lines",
        "all-topics-strings.lc.txt": "a list of 136 one-word lines",
        "cat-descriptions_120396.txt":
            "mostly a list (695 of 896 lines are 5 words or fewer, without figures)",
        "lewis.dtd": "a DTD (30 SGML/XML declarations)",
    }


@pytest.mark.corpora
def test_no_real_story_is_taken_for_something_else(corpora_dir):
    """Every BBC article and every Reuters story with a body, written out as a page."""
    bbc = pd.read_csv(corpora_dir / "bbc" / "bbc_news_2225.csv")
    pages = [f"{row.title}\n\n{row.body}" for row in bbc.itertuples()]
    for path in open_reuters_files(corpora_dir / "reuters21578"):
        pages += [f"{title}\n\n{body}" for title, body in re.findall(
            r"<TITLE>(.*?)</TITLE>.*?<BODY>(.*?)</BODY>", path.read_text(encoding="latin-1"),
            re.DOTALL)]
    assert len(pages) == 2225 + 15997
    assert [page[:60] for page in pages if not_an_article(page)] == []
