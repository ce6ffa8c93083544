"""Page building blocks that only turn an answer into words (dashboard/panels.py)."""

from __future__ import annotations

import pandas as pd

from dashboard import panels


def test_the_surnames_left_apart_are_named_under_the_chart():
    mentioned = pd.DataFrame({"actor": ["James Baker", "Baker", "Bush"],
                              "ambiguous": [False, True, True]})
    assert panels.ambiguous_note(mentioned) == (
        " Surnames left apart, as more than one person of that name is named within a year: "
        "Baker, Bush.")
    assert panels.ambiguous_note(mentioned.head(1)) == ""
