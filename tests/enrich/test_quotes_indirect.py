"""Indirect quotes: "X, according to Y." and "According to Y, X." as quotes of Y, flagged."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_articles
from analysis.enrich.actors import find_mentions
from analysis.enrich.quotes import find_quotes
from analysis.schema import INDIRECT, QUOTE, QUOTE_COLUMNS, SPEAKER, VERB
from tests.enrich.quoting import quotes_of

# real sentences of the BBC News 2,225 corpus (business/057, business/030, politics/160) and of
# Reuters-21578 (reut2-004: the owner of a report, a stop inside "U.S.")
BBC = [
    ("There were no shipments of U.S. grain or soybeans to the Soviet Union in the week ended "
     "March 12, according to the U.S. Agriculture Department's latest Export Sales report.",
     "U.S. Department of Agriculture",
     "There were no shipments of U.S. grain or soybeans to the Soviet Union in the week ended "
     "March 12"),
    ("The UK economy probably grew at a faster rate in the third quarter than the 0.4% "
     "reported, according to Bank of England deputy governor Rachel Lomax.", "Rachel Lomax",
     "The UK economy probably grew at a faster rate in the third quarter than the 0.4% "
     "reported"),
    ("The soaring cost of oil has hit global economic growth, although world's major economies "
     "should weather the storm of price rises, according to the OECD.", "OECD",
     "The soaring cost of oil has hit global economic growth, although world's major economies "
     "should weather the storm of price rises"),
    ("The Attorney General Lord Goldsmith will receive a letter of resignation from Mr MacDonald "
     "on Monday. According to the Independent, his resignation is expected to be followed by "
     "those of five other barristers.", "Independent",
     "his resignation is expected to be followed by those of five other barristers"),
]


@pytest.mark.parametrize(("text", "speaker", "reported"), BBC)
def test_according_to_a_named_source_is_an_indirect_quote(actors, text, speaker, reported):
    quotes = quotes_of(text, actors)
    assert list(quotes.columns) == list(QUOTE_COLUMNS)
    assert quotes[[SPEAKER, QUOTE, VERB, INDIRECT]].values.tolist() == [
        [speaker, reported, "according to", True]]


@pytest.mark.parametrize("text", [
    # BBC business/086 and business/034, Reuters: the source names no one
    "UK manufacturing grew at its slowest pace in one-and-a-half years in January, according "
    "to a survey.",
    "Meanwhile, according to Chinese state press reports, small state-owned carmaker Nanjing "
    "Auto is in negotiations with Rover and SAIC to take a 20% stake in the joint venture.",
    "Sales rose 1.6 mln lbs in December, according to Census Bureau figures.",
    "That ruling by the IRS allowed the Foundation to hold onto 27 pct of the Hilton Corp, "
    "according to Hilton attorneys.",
])
def test_according_to_no_one_named_gives_nothing(actors, text):
    assert quotes_of(text, actors).empty


def test_a_direct_quote_according_to_someone_stays_direct(actors):
    quotes = quotes_of("According to Crocker, “the surge has worked in the south of the "
                       "country.”", actors)
    assert quotes[INDIRECT].tolist() == [False]
    assert quotes[QUOTE].str.startswith("the surge").all()


@pytest.mark.corpora
def test_reuters_stories_give_the_source_named_after_according_to(corpora_dir, actors):
    articles = load_articles(corpora_dir / "reuters21578" / "reut2-001.sgm")
    mentions = find_mentions(articles, pd.DataFrame(), actors=actors)
    quotes = find_quotes(articles, mentions)
    indirect = quotes[quotes[INDIRECT]]
    assert (indirect[VERB] == "according to").all()
    def speaker_of(opening: str) -> str:
        return indirect.loc[indirect[QUOTE].str.startswith(opening), SPEAKER].iloc[0]
    assert speaker_of("The carrier has 20-year leases") == "Robert Crandall"
    assert speaker_of("Only 55 exploratory wells") == "David Mitchell"
    assert speaker_of("Colombia can hope to earn").endswith("Gaviria")
    # the direct quotes are flagged direct, and every indirect quote has a speaker
    assert not quotes.loc[~quotes[INDIRECT], VERB].eq("according to").all()
    assert indirect[SPEAKER].notna().all()
