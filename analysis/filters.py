"""The one filter set every view shares, its SQL over the store, and its form in a URL."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

_LIST_SEP = "~"  # joins list values in a URL; never found in actor, topic or source names


@dataclass(frozen=True)
class Filters:
    """Which articles a view shows. Empty lists and None mean "no restriction".

    `start`/`end` are inclusive UTC dates; `include_undated` keeps articles that state no date
    when a date range is set. `actors` and `topics` match articles mentioning any of them.
    """

    start: date | None = None
    end: date | None = None
    include_undated: bool = True
    sources: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    tone_min: float | None = None
    tone_max: float | None = None
    search: str = ""
    languages: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == Filters()

    def replace(self, **changes: object) -> Filters:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def to_sql(filters: Filters, *, alias: str = "a") -> tuple[str, list]:
    """A SQL condition over `articles AS alias` (joined to `scores AS s`) and its parameters."""
    clauses: list[str] = []
    params: list = []
    if filters.start is not None or filters.end is not None:
        dated = []
        if filters.start is not None:
            dated.append(f"{alias}.published_at >= ?::DATE")
            params.append(filters.start.isoformat())
        if filters.end is not None:
            dated.append(f"{alias}.published_at < ?::DATE + INTERVAL 1 DAY")
            params.append(filters.end.isoformat())
        condition = " AND ".join(dated)
        if filters.include_undated:
            condition = f"({condition}) OR {alias}.published_at IS NULL"
        clauses.append(f"({condition})")
    elif not filters.include_undated:
        clauses.append(f"{alias}.published_at IS NOT NULL")
    if filters.sources:
        clauses.append(f"{alias}.source IN (SELECT unnest(?))")
        params.append(list(filters.sources))
    if filters.languages:
        clauses.append(f"{alias}.language IN (SELECT unnest(?))")
        params.append(list(filters.languages))
    if filters.actors:
        clauses.append(f"{alias}.article_id IN (SELECT article_id FROM mentions "
                       "WHERE actor IN (SELECT unnest(?)))")
        params.append(list(filters.actors))
    if filters.topics:
        clauses.append(f"{alias}.article_id IN (SELECT article_id FROM topics "
                       "WHERE topic IN (SELECT unnest(?)))")
        params.append(list(filters.topics))
    if filters.tone_min is not None:
        clauses.append("s.tone >= ?")
        params.append(filters.tone_min)
    if filters.tone_max is not None:
        clauses.append("s.tone <= ?")
        params.append(filters.tone_max)
    if filters.search.strip():
        clauses.append(f"({alias}.title ILIKE ? OR {alias}.text ILIKE ?)")
        like = "%" + filters.search.strip().replace("%", r"\%").replace("_", r"\_") + "%"
        params.extend([like, like])
    return (" AND ".join(clauses) or "TRUE"), params


def to_params(filters: Filters) -> dict[str, str]:
    """The filters as URL query parameters (only those that differ from no filter)."""
    out: dict[str, str] = {}
    for item in dataclasses.fields(Filters):
        value = getattr(filters, item.name)
        if value == item.default:
            continue
        if isinstance(value, tuple):
            out[item.name] = _LIST_SEP.join(value)
        elif isinstance(value, bool):
            out[item.name] = "1" if value else "0"
        elif isinstance(value, date):
            out[item.name] = value.isoformat()
        else:
            out[item.name] = str(value)
    return out


def from_params(params: Mapping[str, str]) -> Filters:
    """Filters from URL query parameters; a malformed value is ignored, never an error page."""
    values: dict[str, object] = {}
    for item in dataclasses.fields(Filters):
        raw = params.get(item.name)
        if raw is None:
            continue
        try:
            values[item.name] = _parse(item.name, str(raw))
        except ValueError:
            continue
    return Filters(**values)  # type: ignore[arg-type]


def _parse(name: str, raw: str) -> object:
    if name in ("start", "end"):
        return date.fromisoformat(raw)
    if name == "include_undated":
        return raw not in ("0", "false", "no")
    if name in ("tone_min", "tone_max"):
        value = float(raw)
        if not -1.0 <= value <= 1.0:
            raise ValueError(f"tone must be within -1 and 1, not {value}")
        return value
    if name == "search":
        return raw
    return tuple(v for v in raw.split(_LIST_SEP) if v)

