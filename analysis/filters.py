"""The one filter set every view shares, its SQL over the store, and its form in a URL."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import duckdb

from analysis.rollup import NUMBERED

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


# how a filter on actors, topics or text picks articles: over the stored tables (article ids)
# and over the query tables of `analysis.rollup` (article numbers `a`)
_PICK = {
    False: {"key": "article_id", "tone": "s.tone", "when": "published_at",
            "before_end": "< ?::DATE + INTERVAL 1 DAY",
            "actors": "SELECT article_id FROM mentions WHERE actor IN (SELECT unnest(?))",
            "topics": "SELECT article_id FROM topics WHERE topic IN (SELECT unnest(?))"},
    # (actors and topics over the query tables: bit masks, see `_mask`)
    True: {"key": "a", "tone": "{alias}.tone", "when": "day", "before_end": "<= ?::DATE"},
}


def to_sql(filters: Filters, *, alias: str = "a", facts: bool = False,
           ids: Mapping[str, Mapping[str, int]] | None = None) -> tuple[str, list]:
    """A SQL condition and its parameters: over `articles AS alias` joined to `scores AS s`,
    or with `facts`, over any of the query tables (`analysis.rollup`) as `alias`.

    `ids` (with `facts`: the filter's actor names and topics found in the store, with their
    ids, as {"actors": {name: id}, "topics": {topic: id}}; see `facts_sql`) turns those
    filters into bit masks over `top_names` and `top_topics` for the first 64 ids, a join
    only for the others."""
    pick = _PICK[facts]
    clauses: list[str] = []
    params: list = []
    when = f"{alias}.{pick['when']}"
    if filters.start is not None or filters.end is not None:
        dated = []
        if filters.start is not None:
            dated.append(f"{when} >= ?::DATE")
            params.append(filters.start.isoformat())
        if filters.end is not None:
            dated.append(f"{when} {pick['before_end']}")
            params.append(filters.end.isoformat())
        condition = " AND ".join(dated)
        if filters.include_undated:
            condition = f"({condition}) OR {when} IS NULL"
        clauses.append(f"({condition})")
    elif not filters.include_undated:
        clauses.append(f"{when} IS NOT NULL")
    if filters.sources:
        clauses.append(f"{alias}.source IN (SELECT unnest(?))")
        params.append(list(filters.sources))
    if filters.languages:
        clauses.append(f"{alias}.language IN (SELECT unnest(?))")
        params.append(list(filters.languages))
    key, tone = f"{alias}.{pick['key']}", pick["tone"].format(alias=alias)
    for values, name in ((filters.actors, "actors"), (filters.topics, "topics")):
        if values and facts:
            if ids is None:
                raise ValueError("actor and topic filters over the query tables need their "
                                 "ids: use facts_sql")
            clauses.append(_mask(name, alias, ids[name], params))
        elif values:
            clauses.append(f"{key} IN ({pick[name]})")
            params.append(list(values))
    if filters.tone_min is not None:
        clauses.append(f"{tone} >= ?")
        params.append(filters.tone_min)
    if filters.tone_max is not None:
        clauses.append(f"{tone} <= ?")
        params.append(filters.tone_max)
    if filters.search.strip():
        found = f"({alias}.title ILIKE ? OR {alias}.text ILIKE ?)"
        if facts:
            found = (f"{key} IN (SELECT a FROM facts_articles WHERE article_id IN (SELECT "
                     "article_id FROM articles WHERE title ILIKE ? OR text ILIKE ?))")
        clauses.append(found)
        like = "%" + filters.search.strip().replace("%", r"\%").replace("_", r"\_") + "%"
        params.extend([like, like])
    return (" AND ".join(clauses) or "TRUE"), params


# per filter over the query tables: the articles with any of the chosen ids past the mask
_OTHERS = {
    "actors": "SELECT a FROM facts_actors WHERE name_lead AND name_id IN (SELECT unnest(?))",
    "topics": "SELECT a FROM facts_topics WHERE topic IN (SELECT topic FROM topic_ids WHERE "
              "topic_id IN (SELECT unnest(?)))",
}


def _mask(name: str, alias: str, found: Mapping[str, int], params: list) -> str:
    """The actor or topic filter over the query tables, given the ids of the chosen ones."""
    numbered = NUMBERED[name]
    mask = sum(1 << (n - 1) for n in found.values() if n <= numbered.width)
    rest = sorted(n for n in found.values() if n > numbered.width)
    either = []
    if mask:
        either.append(f"({alias}.{numbered.mask} & {mask}::UBIGINT) <> 0")
    if rest:
        either.append(f"{alias}.a IN ({_OTHERS[name]})")
        params.append(rest)
    return "(" + (" OR ".join(either) or "FALSE") + ")"


def facts_sql(con: duckdb.DuckDBPyConnection, filters: Filters, *,
              alias: str = "f") -> tuple[str, list]:
    """`to_sql` over the query tables of the store `con`, with actors and topics looked up."""
    ids: dict[str, dict[str, int]] = {}
    for name, numbered in NUMBERED.items():
        chosen = list(getattr(filters, name))
        ids[name] = dict(con.execute(
            f"SELECT {numbered.value}, {numbered.id} FROM {numbered.table} "
            f"WHERE {numbered.value} IN (SELECT unnest(?))", [chosen]).fetchall()) if chosen else {}
    return to_sql(filters, alias=alias, facts=True, ids=ids)


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

