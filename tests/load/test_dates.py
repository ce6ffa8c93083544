"""Numeric dates that read as two different days."""

import pytest

from analysis.load.dates import ambiguous_date


@pytest.mark.parametrize(("text", "found"), [
    ("12/06/1987", "12/06/1987"),
    ("Published 3/4/24, 10:00", "3/4/24"),
    ("06-12-1987", "06-12-1987"),
    ("12.06.1987", "12.06.1987"),
    ("25/06/1987", None),   # 25 cannot be a month
    ("06/25/1987", None),   # nor here
    ("06/06/1987", None),   # both readings are the same day
    ("1987-06-12", None),   # ISO: year, month, day
    ("12/06-1987", None),   # two different separators: not a date
    ("June 12, 1987", None),
])
def test_ambiguous_date(text, found):
    assert ambiguous_date(text) == found
