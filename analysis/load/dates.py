"""Numeric dates whose day and month can be swapped (``12/06/1987``): found here, and passed on
as written so that the cleaner reads them in the day order chosen for their source."""

from __future__ import annotations

import re

# day and month as one or two digits, the same separator twice, a year of two or four digits
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])")


def ambiguous_date(text: str) -> str | None:
    """The numeric date in `text` that reads as two different days (``12/06/1987``: 12 June or
    6 December), or None: ``25/06/1987`` and ``06/06/1987`` are not ambiguous, nor is
    ISO ``1987-06-12`` (its year comes first)."""
    match = _NUMERIC_DATE.search(text)
    if match is None:
        return None
    first, second = int(match[1]), int(match[3])
    return match[0] if 1 <= first <= 12 and 1 <= second <= 12 and first != second else None
