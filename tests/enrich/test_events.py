"""Tests for analysis.enrich.events: casualty figures, their event and their place."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.clean.page import parse_page
from analysis.enrich.events import _CUE, _may_report, find_casualties
from analysis.evaluate.actors import open_reuters_files
from analysis.load.reuters import read_reuters
from analysis.load.source import Source
from analysis.schema import (
    ARTICLE_ID,
    EVENT,
    EVENT_COLUMNS,
    KILLED,
    PLACE,
    REF_TOPICS,
    SOURCE_ID,
    TEXT,
    TITLE,
    WOUNDED,
)

NA = None


def articles(*texts: str, titles: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame({ARTICLE_ID: [f"a{i}" for i in range(len(texts))],
                         TITLE: titles or [""] * len(texts), TEXT: list(texts)})


def reports(text: str, title: str = "") -> list[tuple]:
    frame = find_casualties(articles(text, titles=[title]))
    return [tuple(None if pd.isna(v) else v for v in row)
            for row in frame[[EVENT, PLACE, KILLED, WOUNDED]].itertuples(index=False)]


def test_the_sample_car_bomb(sample_path, sample_expected):
    page = parse_page(sample_path.read_text(encoding="utf-8"))
    frame = find_casualties(pd.DataFrame({ARTICLE_ID: ["sample"], TITLE: [page[TITLE]],
                                          TEXT: [page[TEXT]]}))
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert str(frame[KILLED].dtype) == "Int64" and str(frame[WOUNDED].dtype) == "Int64"
    assert frame.drop(columns=ARTICLE_ID).to_dict("records") == sample_expected["casualties"]
    assert sample_expected["casualties"] == [{"event": "car bomb",
                                              "place": "Sinak, central Baghdad",
                                              "killed": 19, "wounded": 46}]


@pytest.mark.parametrize(("text", "expected"), [
    ("A car bomb exploded in the busy commercial area of Sinak in central Baghdad, killing 19 "
     "people and wounding 46 others.", ("car bomb", "Sinak, central Baghdad", 19, 46)),
    ("At least 12 were killed and 30 wounded in clashes in Mosul.",
     ("clashes", "Mosul", 12, 30)),
    ("The blast leaves 18 dead.", ("explosion", NA, 18, NA)),
    ("Gunmen killed 5, wounding 10, in an attack near Kirkuk.", ("shooting", "Kirkuk", 5, 10)),
    ("Three people were killed when a suicide bomber struck a market in Hilla.",
     ("suicide bombing", "Hilla", 3, NA)),
    ("An air strike on the village of Dara in northern Syria killed twenty-five civilians and "
     "injured 40 others.", ("air strike", "Dara, northern Syria", 25, 40)),
    ("The death toll from the earthquake rose to 33.", ("earthquake", NA, 33, NA)),
    ("A policeman was killed and 70 were injured when a bomb was thrown onto a parade ground "
     "in Soweto.", ("bombing", "Soweto", 1, 70)),
    ("Police said 1,200 people died in the floods.", ("flood", NA, 1200, NA)),
    ("A roadside bomb killed four U.S. soldiers in Baghdad's Dora district.",
     ("roadside bomb", "Baghdad", 4, NA)),
    ("Fighting in Basra left 40 people wounded.", ("fighting", "Basra", NA, 40)),
    ("Ten were killed. Another 20 were wounded.", (NA, NA, 10, 20)),
    ("Almost 150 people were killed when aircraft raided villages, officials said.",
     ("raid", NA, 150, NA)),
    ("The storm left two people dead and 800 others injured.", ("storm", NA, 2, 800)),
])
def test_casualty_patterns(text, expected):
    assert reports(text) == [expected]


@pytest.mark.parametrize("text", [
    "The frost killed 10 pct of the coffee trees.",
    "Exports rose to 19 mln tonnes, and 46 ships were loaded.",
    "The Senate killed the bill by 52 votes to 46.",
    "He died in 1985, aged 65.",
    "Smith, 65, died on Monday.",
    "Sales were hurt by 5 pct lower prices in the 12 months to March 1987.",
    "The yard built 10 ships totalling 460,000 dead weight tons.",
    "Iran said it killed or wounded 1,500 Iraqi soldiers.",
    "It said 2,000 Iraqi troops had been killed, wounded or captured.",
    "No one died, it is not a big story.",
    "The company killed 3 projects and cut 200 jobs.",
    "Cocoa arrivals were 155,221 bags, against 5.81 mln, at 1,750 dlrs per tonne.",
    "Nine crew were missing after the tanker was hit on March 12, 1987.",
])
def test_other_numbers_are_not_casualties(text):
    assert reports(text) == []


def test_a_figure_repeated_in_the_article_and_its_headline_is_one_report():
    text = ("A car bomb killed 19 people in Baghdad on Monday.\n\n"
            "Police said the blast, which killed 19 people, also wounded 46.")
    assert reports(text, title="CAR BOMB KILLS 19 IN BAGHDAD") == [
        ("car bomb", "Baghdad", 19, NA), ("explosion", NA, 19, 46)]
    assert reports("Two died in the crash.", title="TWO DIE IN CRASH, TWO DEAD") == [
        ("crash", NA, 2, NA)]


def test_empty_and_missing_texts():
    frame = find_casualties(articles("", None))
    assert frame.empty and list(frame.columns) == list(EVENT_COLUMNS)
    with pytest.raises(ValueError, match="missing columns \\['text'\\]"):
        find_casualties(pd.DataFrame({ARTICLE_ID: ["a"]}))


@pytest.fixture(scope="module")
def reuters_events(corpora_dir) -> tuple[pd.DataFrame, pd.DataFrame]:
    paths = open_reuters_files(corpora_dir / "reuters21578")
    records = [item for path in paths
               for item in read_reuters(Source(path.name, path.read_bytes()))
               if isinstance(item, dict)]
    frame = pd.DataFrame(records).rename(columns={SOURCE_ID: ARTICLE_ID})
    return frame, find_casualties(frame)


@pytest.mark.corpora
def test_reuters_commodity_numbers_are_not_casualties(reuters_events):
    """Measured: 126 reports in 106 of the 17,280 stories, each read by hand as a real one
    (Iran-Iraq war, the Zeebrugge ferry, mine accidents, earthquakes); none in earnings."""
    stories, events = reuters_events
    assert 90 <= len(events) <= 170
    assert events[ARTICLE_ID].nunique() <= 0.01 * len(stories)
    earnings = stories.loc[stories[REF_TOPICS].apply(lambda tags: "earn" in tags), ARTICLE_ID]
    assert not events[ARTICLE_ID].isin(earnings).any()
    by_story = events.set_index(ARTICLE_ID)
    assert by_story.loc["2267", [KILLED, WOUNDED]].tolist() == [90, 230]  # Afghan air raids
    assert by_story.loc["13248", [KILLED, WOUNDED]].tolist() == [27, 18]  # airliner crash


@pytest.mark.parametrize("paragraph", [
    "Gunmen KILLED three.", "An undead tale.", "The death  toll rose.", "WOUNDED", "hurts",
    "Nothing to report.", "The \u212aILLING went on.", "Thirty liveſ lost.", "", "Maimed",
    "Deadline passed.", "skilled workers", "Lives at risk in Zürich."])
def test_the_quick_cue_test_answers_as_the_cue_pattern(paragraph: str) -> None:
    """Paragraphs are screened by substring tests before the pattern ignoring case: the same
    answer, also where re folds case beyond ASCII (the Kelvin sign, the long s)."""
    assert _may_report(paragraph) == bool(_CUE.search(paragraph))
