"""The reader's list of an article's quotes: indirect ones said so, without quotation marks."""

from __future__ import annotations

import pandas as pd

from analysis import schema
from dashboard.reader import quote_line


def test_an_indirect_quote_is_listed_as_such_and_a_direct_one_in_marks():
    quotes = pd.DataFrame([
        {schema.SPEAKER: "OECD", schema.VERB: "according to", schema.INDIRECT: True,
         schema.QUOTE: "The soaring cost of oil has hit global economic growth"},
        {schema.SPEAKER: "Ryan Crocker", schema.VERB: "said", schema.INDIRECT: False,
         schema.QUOTE: "the surge has worked"},
    ])
    lines = [quote_line(row) for row in quotes.itertuples(index=False)]
    assert lines == ["- OECD (according to, indirect): The soaring cost of oil has hit global "
                     "economic growth", "- Ryan Crocker (said): “the surge has worked”"]


def test_a_long_quote_is_cut_at_a_word_and_says_so():
    """A Reuters quote was listed as “... an emergency meeting to sort ou”: cut mid-word,
    inside its closing mark, as if the speaker had stopped there."""
    said = ("The movement to higher oil prices was never to be as easy as OPEC thought. They "
            "may need an emergency meeting to sort out the problems")
    row = pd.DataFrame([{schema.SPEAKER: "Daniel Yergin", schema.VERB: "said",
                         schema.INDIRECT: False, schema.QUOTE: said}]).iloc[0]
    line = quote_line(row)
    assert line.startswith("- Daniel Yergin (said): “The movement to higher oil prices")
    assert line.endswith(" to sort…”") and "sort out" not in line
