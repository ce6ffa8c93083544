"""Tables written for other programs: CSV whose cells a spreadsheet cannot run as formulas."""

from __future__ import annotations

import pandas as pd

# a cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and
# Google Sheets: =HYPERLINK(…) in an article's source would be a live link in the export
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """`value`, with a quote before it when it is text that starts like a formula (OWASP's
    advice for CSV injection); every other value unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """`frame` as UTF-8 CSV (RFC 4180: CRLF rows, so a cell holding a lone CR is quoted) with a
    header row, every text cell made inert (see `inert`)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(inert)
    out.columns = [inert(str(name)) for name in out.columns]
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")
