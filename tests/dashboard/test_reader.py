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
