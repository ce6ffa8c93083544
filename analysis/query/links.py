"""A filter set as URL parameters and back: a shared link opens the same view, and a link that
no longer fits the store (dates out of range, actors no longer named) opens with a notice of
what was clamped or dropped, never an error."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date

from analysis.query.filters import LIST_SEP, Filters
from analysis.query.source import Source, connection

# where a link's values must exist: the field, the query listing the known ones, their name
_KNOWN = {
    "sources": ("SELECT DISTINCT source FROM facts_articles WHERE source IN "
                "(SELECT unnest(?))", "source"),
    "languages": ("SELECT DISTINCT language FROM facts_articles WHERE language IN "
                  "(SELECT unnest(?))", "language"),
    "actors": ("SELECT actor FROM actor_names WHERE actor IN (SELECT unnest(?))", "actor"),
    "actors_all": ("SELECT actor FROM actor_names WHERE actor IN (SELECT unnest(?))", "actor"),
    "topics": ("SELECT topic FROM topic_ids WHERE topic IN (SELECT unnest(?))", "topic"),
    "topics_all": ("SELECT topic FROM topic_ids WHERE topic IN (SELECT unnest(?))", "topic"),
}


def to_params(filters: Filters) -> dict[str, str]:
    """The filters as URL query parameters (only those that differ from no filter)."""
    out: dict[str, str] = {}
    for item in dataclasses.fields(Filters):
        value = getattr(filters, item.name)
        if value == item.default:
            continue
        if isinstance(value, tuple):
            out[item.name] = LIST_SEP.join(value)
        elif isinstance(value, bool):
            out[item.name] = "1" if value else "0"
        elif isinstance(value, date):
            out[item.name] = value.isoformat()
        else:
            out[item.name] = str(value)
    return out


def from_params(params: Mapping[str, str]) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters, and a notice for each value that could not be read
    (it is dropped: a malformed link still opens)."""
    values: dict[str, object] = {}
    notices = []
    for item in dataclasses.fields(Filters):
        raw = params.get(item.name)
        if raw is None:
            continue
        try:
            values[item.name] = _parse(item.name, str(raw))
        except ValueError as err:
            notices.append(f"Link parameter {item.name}={str(raw)[:40]!r} ignored: {err}.")
    filters = Filters(**values)  # type: ignore[arg-type]
    if filters.start and filters.end and filters.end < filters.start:
        filters = filters.replace(start=filters.end, end=filters.start)
        notices.append(f"The link's dates were reversed: showing {filters.start} to "
                       f"{filters.end}.")
    return filters, notices


def _parse(name: str, raw: str) -> object:
    if name in ("start", "end"):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError("not a date (YYYY-MM-DD)") from None
    if name == "include_undated":
        if raw not in ("0", "1"):
            raise ValueError("must be 0 or 1")
        return raw == "1"
    if name in ("tone_min", "tone_max"):
        try:
            value = float(raw)
        except ValueError:
            raise ValueError("not a number") from None
        if not -1.0 <= value <= 1.0:
            raise ValueError("tone lies within -1 and 1")
        return value
    if name == "search":
        return raw
    return tuple(dict.fromkeys(v for v in raw.split(LIST_SEP) if v))


def fit_to_store(source: Source, filters: Filters, *, first: date | None,
                 last: date | None) -> tuple[Filters, list[str]]:
    """`filters` with dates clamped to the store's span (`first`…`last`) and values the store
    does not hold dropped, and a one-line notice for each change."""
    con = connection(source)
    notices = []
    changes: dict[str, object] = {}
    for field, (sql, noun) in _KNOWN.items():
        chosen = getattr(filters, field)
        if not chosen:
            continue
        known = {row[0] for row in con.execute(sql, [list(chosen)]).fetchall()}
        unknown = [value for value in chosen if value not in known]
        if unknown:
            changes[field] = tuple(value for value in chosen if value in known)
            shown = ", ".join(unknown[:3]) + ("…" if len(unknown) > 3 else "")
            notices.append(f"No stored article has the {noun} {shown}: left out of the filters.")
    fitted = filters.replace(**changes)
    dated, dated_notices = _clamped(fitted, first=first, last=last)
    return dated, notices + dated_notices


def _clamped(filters: Filters, *, first: date | None, last: date | None
             ) -> tuple[Filters, list[str]]:
    if first is None or last is None or (filters.start is None and filters.end is None):
        if first is None and (filters.start or filters.end):
            return filters.replace(start=None, end=None), [
                "No stored article states a date: the link's date range is left out."]
        return filters, []
    start, end = filters.start, filters.end
    if (start and start > last) or (end and end < first):
        return filters.replace(start=None, end=None), [
            f"The link's dates ({start or '…'} to {end or '…'}) are outside the stored "
            f"articles' ({first} to {last}): the date range is left out."]
    notices = []
    if start is not None and start < first:
        notices.append(f"The link starts on {start}, before the first stored article: "
                       f"showing from {first}.")
        start = first
    if end is not None and end > last:
        notices.append(f"The link ends on {end}, after the last stored article: "
                       f"showing until {last}.")
        end = last
    return filters.replace(start=start, end=end), notices
