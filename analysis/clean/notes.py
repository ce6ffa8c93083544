"""What cleaning noticed about the articles it kept (no date, title, body or source; a date that
was ambiguous or not believable), and the words an ingest summary says it in."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis import schema

NO_DATE = "no date"
NO_TITLE = "no title"
NO_BODY = "no body"
NO_SOURCE = "no source"
AMBIGUOUS_DATE = "ambiguous date"
UNBELIEVABLE_DATE = "date not believable"
KINDS = (NO_DATE, NO_TITLE, NO_BODY, NO_SOURCE, AMBIGUOUS_DATE, UNBELIEVABLE_DATE)
# how the count of each missing field is said ("312 had no date, 4 no title")
_MISSING = {
    NO_DATE: "no date",
    NO_TITLE: "no title",
    NO_BODY: "no body (tone from the title alone)",
    NO_SOURCE: "no source (named after their site or file; --source NAME names them)",
}

FROM_TITLE = "tone from the title alone"  # the detail of a no-body note when there is a title
Note = tuple[str, str]  # (kind, detail)


def notes_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """Notes as a table with the schema's note columns."""
    frame = pd.DataFrame(list(rows), columns=list(schema.NOTE_COLUMNS))
    return schema.conform(frame, schema.NOTE_COLUMNS, name="notes")


def describe(notes: pd.DataFrame, *, every: bool = False, first: int = 5) -> list[str]:
    """Lines saying what the articles of `notes` lacked and which dates were doubtful: the
    counts of missing fields, the ambiguous dates (one example), and each date not believable
    (the `first` few, or `every` one)."""
    lines = []
    counts = notes.groupby(schema.NOTE)[schema.ARTICLE_ID].nunique()
    said: list[tuple[int, str]] = []
    for kind, words in _MISSING.items():
        if kind == NO_BODY and kind in counts:  # a tone from the title only where there is one
            no_body = notes[notes[schema.NOTE] == NO_BODY]
            titled = no_body.loc[no_body[schema.NOTE_DETAIL] == FROM_TITLE,
                                 schema.ARTICLE_ID].nunique()
            said += [(n, w) for n, w in [(titled, words),
                                         (counts[kind] - titled, "no body nor title (no tone)")]
                     if n]
        elif kind in counts:
            said.append((counts[kind], words))
    missing = [f"{n:,} {'had ' if not i else ''}{words}" for i, (n, words) in enumerate(said)]
    if missing:
        lines.append(", ".join(missing))
    ambiguous = notes[notes[schema.NOTE] == AMBIGUOUS_DATE]
    if len(ambiguous):
        plural = "s" if len(ambiguous) > 1 else ""
        lines.append(f"{len(ambiguous):,} ambiguous date{plural}, e.g. "
                     f"{ambiguous[schema.NOTE_DETAIL].iloc[0]}")
    doubtful = notes[notes[schema.NOTE] == UNBELIEVABLE_DATE]
    shown = doubtful if every else doubtful.head(first)
    for row in shown.itertuples(index=False):
        where = row.file if row.record is None else f"{row.file} record {row.record}"
        lines.append(f"date not believable, left missing: {where}: {row.detail}")
    if len(doubtful) > len(shown):
        lines.append(f"… and {len(doubtful) - len(shown)} more not believable (-v lists them)")
    return lines
