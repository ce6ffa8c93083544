"""The one filter set every view shares: a small part per field, each with its SQL over the query
tables and its words for a person, and the filter set's form in a URL.

A part knows three things: whether it restricts anything, the SQL condition (with parameters)
that keeps the articles it allows, and how to say it ("naming Iran and Iraq"). `to_sql` joins
the parts' conditions with AND; `describe` joins their words. Both are tested from arguments to
SQL and words without a database (tests/query/test_filters.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import duckdb

from analysis.query import matches
from analysis.schema import UNKNOWN
from analysis.store.facts import NUMBERED

LIST_SEP = "~"  # joins list values in a URL; never found in actor, topic or source names
MATCHES = ("any", "all")  # how several actors (or topics) combine: naming any of them, or all


@dataclass(frozen=True)
class Filters:
    """Which articles a view shows. Empty tuples and None mean "no restriction".

    `start`/`end` are inclusive UTC dates. `include_undated` says whether articles that state
    no date stay in when a date range is set; None (the default) leaves them out of a range and
    keeps them when there is none. `actors` keeps articles naming any of them, `actors_all`
    those naming every one of them (a chart click narrows with it); the same for topics.
    `search` is a text query. `one_per_story` leaves out near-duplicate copies of an earlier
    article (syndicated stories), so counts are per story, not per copy.
    """

    start: date | None = None
    end: date | None = None
    include_undated: bool | None = None
    sources: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    actors_all: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    topics_all: tuple[str, ...] = ()
    tone_min: float | None = None
    tone_max: float | None = None
    search: str = ""
    languages: tuple[str, ...] = ()
    one_per_story: bool = False

    def is_empty(self) -> bool:
        return self == Filters()

    def replace(self, **changes: object) -> Filters:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def narrowed(self, *, actor: str | None = None, topic: str | None = None) -> Filters:
        """These filters, also requiring `actor` and/or `topic` (what a click on a bar does:
        the bar counted articles within this view, so the click keeps only those)."""
        return self.replace(
            actors_all=_added(self.actors_all, actor, unless_in=self.actors),
            topics_all=_added(self.topics_all, topic, unless_in=self.topics))

    def collection(self) -> Filters:
        """The articles a share is taken of: the same dates, sources and languages, whatever
        they name, are about, or say (the normalisation Media Cloud and GDELT give)."""
        return Filters(start=self.start, end=self.end, include_undated=self.include_undated,
                       sources=self.sources, languages=self.languages,
                       one_per_story=self.one_per_story)

    def undated_kept(self) -> bool:
        """Whether articles without a date pass these filters."""
        ranged = self.start is not None or self.end is not None
        return (not ranged) if self.include_undated is None else self.include_undated


def _added(values: tuple[str, ...], value: str | None, *, unless_in: tuple[str, ...]
           ) -> tuple[str, ...]:
    if value is None or value in values or unless_in == (value,):
        return values
    return (*values, value)


# --- the parts -----------------------------------------------------------------------------

Clause = tuple[str, list]


@dataclass(frozen=True)
class Context:
    """What a part's SQL needs: the table alias, the ids of the actors and topics chosen
    (their names as the store numbers them, `analysis.store.facts.NUMBERED`), and the articles
    the search query keeps (`analysis.query.matches.find`)."""

    alias: str = "f"
    ids: Mapping[str, Mapping[str, int]] = dataclasses.field(default_factory=dict)
    found: matches.Found | None = None


class Dates:
    """Published between start and end (UTC days), with or without undated articles."""

    def sql(self, filters: Filters, ctx: Context) -> Clause | None:
        day = f"{ctx.alias}.day"
        clauses, params = [], []
        if filters.start is not None:
            clauses.append(f"{day} >= ?::DATE")
            params.append(filters.start.isoformat())
        if filters.end is not None:
            clauses.append(f"{day} <= ?::DATE")
            params.append(filters.end.isoformat())
        kept = filters.undated_kept()
        if not clauses:
            return None if kept else (f"{day} IS NOT NULL", [])
        condition = " AND ".join(clauses)
        return (f"(({condition}) OR {day} IS NULL)" if kept else f"({condition})"), params

    def words(self, filters: Filters) -> str | None:
        start, end = filters.start, filters.end
        if start is None and end is None:
            return None if filters.undated_kept() else "with a date"
        if start is not None and end is not None:
            span = _span(start, end)
        else:
            span = f"from {_day(start)}" if start is not None else f"until {_day(end)}"
        return span + (", and undated ones" if filters.undated_kept() else "")


class Listed:
    """The article's `column` (source, language) is one of those chosen; `missing` is how an
    article without one is named among them ("(unknown)" for sources)."""

    def __init__(self, field: str, column: str, lead: str, *, missing: str | None = None
                 ) -> None:
        self.field, self.column, self.lead, self.missing = field, column, lead, missing

    def sql(self, filters: Filters, ctx: Context) -> Clause | None:
        values = getattr(filters, self.field)
        if not values:
            return None
        # list_contains, not IN (SELECT unnest(?)): DuckDB then filters the column while it
        # scans instead of joining it to the list (half the time of a source filter at 1 M)
        if self.missing is not None and self.missing in values:
            return (f"list_contains(?, coalesce({ctx.alias}.{self.column}, ?))",
                    [list(values), self.missing])
        return f"list_contains(?, {ctx.alias}.{self.column})", [list(values)]

    def words(self, filters: Filters) -> str | None:
        values = getattr(filters, self.field)
        return f"{self.lead} {_listed(values, 'or')}" if values else None


# the articles having one value numbered past a mask's width (a join: rare values only)
_OTHERS = {
    "actors": "SELECT a FROM facts_actors WHERE name_lead AND name_id IN (SELECT unnest(?))",
    "topics": "SELECT a FROM facts_topics WHERE topic IN (SELECT topic FROM topic_ids WHERE "
              "topic_id IN (SELECT unnest(?)))",
}


class Named:
    """Articles with any (or all) of the chosen actors or topics: a bit mask over the most
    frequent ones (`analysis.store.facts`), a join for the others."""

    def __init__(self, kind: str, field: str, *, every: bool, lead: str) -> None:
        self.kind, self.field, self.every, self.lead = kind, field, every, lead
        self.numbered = NUMBERED[kind]

    def sql(self, filters: Filters, ctx: Context) -> Clause | None:
        chosen = getattr(filters, self.field)
        if not chosen:
            return None
        found = ctx.ids.get(self.kind)
        if found is None:
            raise ValueError(f"a filter on {self.kind} needs their ids: use facts_sql")
        numbers = [found[value] for value in chosen if value in found]
        if self.every and len(numbers) < len(chosen):
            return "FALSE", []  # one of them is in no article
        clauses, params = [], []
        for group in ([[n] for n in numbers] if self.every else [numbers]):
            clause, more = self._any_of(group, ctx.alias)
            clauses.append(clause)
            params += more
        return " AND ".join(clauses) or "FALSE", params

    def _any_of(self, numbers: Sequence[int], alias: str) -> Clause:
        width, mask_column = self.numbered.width, self.numbered.mask
        mask = sum(1 << (n - 1) for n in numbers if n <= width)
        rest = sorted(n for n in numbers if n > width)
        either, params = [], []
        if mask:
            either.append(f"({alias}.{mask_column} & {mask}::UBIGINT) <> 0")
        if rest:
            either.append(f"{alias}.a IN ({_OTHERS[self.kind]})")
            params.append(rest)
        return "(" + (" OR ".join(either) or "FALSE") + ")", params

    def words(self, filters: Filters) -> str | None:
        chosen = getattr(filters, self.field)
        some, every = getattr(filters, self.kind), getattr(filters, f"{self.kind}_all")
        if not chosen or (not self.every and len(some) == 1 and every):
            return None  # one required among "any": said with the others required
        if not self.every:
            return f"{self.lead} {_listed(chosen, 'or')}"
        if len(some) == 1:
            return f"{self.lead} {_listed([*some, *every], 'and')}"
        return f"{'and' if some else self.lead} {_listed(every, 'and')}"


class Tone:
    """Article tone within [tone_min, tone_max]."""

    def sql(self, filters: Filters, ctx: Context) -> Clause | None:
        clauses, params = [], []
        if filters.tone_min is not None:
            clauses.append(f"{ctx.alias}.tone >= ?")
            params.append(filters.tone_min)
        if filters.tone_max is not None:
            clauses.append(f"{ctx.alias}.tone <= ?")
            params.append(filters.tone_max)
        return (" AND ".join(clauses), params) if clauses else None

    def words(self, filters: Filters) -> str | None:
        low, high = filters.tone_min, filters.tone_max
        if low is None and high is None:
            return None
        if low is not None and high is not None:
            return f"with tone {low:+.2f} to {high:+.2f}"
        return f"with tone at least {low:+.2f}" if low is not None else \
            f"with tone at most {high:+.2f}"


class Search:
    """Articles the search query keeps (`analysis.query.search`), as the store's full-text
    index found them: a bit per article number, so a search costs a lookup, not a join."""

    def sql(self, filters: Filters, ctx: Context) -> Clause | None:
        if not filters.search.strip():
            return None
        if ctx.found is None:
            raise ValueError("a search filter needs the index's matches: use facts_sql")
        return (f"get_bit(?::BIT, {ctx.alias}.a) = {0 if ctx.found.negated else 1}",
                [ctx.found.bits])

    def words(self, filters: Filters) -> str | None:
        words = filters.search.strip()
        if not words:
            return None
        quoted = len(words) > 1 and words[0] == words[-1] == '"'  # a phrase: quoted already
        return f"matching {words}" if quoted else f"matching “{words}”"


class Stories:
    """Only the first article of each near-duplicate cluster: one copy per story."""

    def sql(self, filters: Filters, ctx: Context) -> Clause | None:
        if not filters.one_per_story:
            return None
        return f"NOT coalesce({ctx.alias}.copy, FALSE)", []

    def words(self, filters: Filters) -> str | None:
        return "one copy per story" if filters.one_per_story else None


PARTS = (
    Named("actors", "actors", every=False, lead="naming"),
    Named("actors", "actors_all", every=True, lead="naming"),
    Named("topics", "topics", every=False, lead="about"),
    Named("topics", "topics_all", every=True, lead="about"),
    Search(),
    Dates(),
    Listed("sources", "source", "from", missing=UNKNOWN),
    Listed("languages", "language", "in"),
    Tone(),
    Stories(),
)


def describe(filters: Filters | None = None) -> str:
    """The filter set in words: "articles naming Iran and Iraq, 1 Mar – 30 Apr 1987, from
    Reuters" ("all articles" for none)."""
    said = [w for part in PARTS if (w := part.words(filters or Filters()))]
    return "articles " + ", ".join(said) if said else "all articles"


def _listed(values: Sequence[str], joiner: str) -> str:
    values = list(values)
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} {joiner} {values[-1]}"


def _day(day: date | None) -> str:
    return "" if day is None else f"{day.day} {day:%b %Y}"


def _span(start: date, end: date) -> str:
    if start == end:
        return _day(start)
    if start.year == end.year:
        first = f"{start.day} {start:%b}" if start.month != end.month else f"{start.day}"
        return f"{first} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def to_sql(filters: Filters | None = None, *, alias: str = "f",
           ids: Mapping[str, Mapping[str, int]] | None = None,
           found: matches.Found | None = None) -> Clause:
    """A SQL condition and its parameters over any query table as `alias`: every part's
    condition, joined with AND. `ids`: the chosen actors' and topics' ids, `found`: what the
    search query found (see `facts_sql`)."""
    ctx = Context(alias=alias, ids=ids or {}, found=found)
    clauses, params = [], []
    for part in PARTS:
        made = part.sql(filters or Filters(), ctx)
        if made is not None:
            clauses.append(made[0])
            params += made[1]
    return (" AND ".join(clauses) or "TRUE"), params


def facts_sql(con: duckdb.DuckDBPyConnection, filters: Filters | None = None, *,
              alias: str = "f") -> Clause:
    """`to_sql` over the query tables of the store `con`, with actors and topics looked up
    and the search query run against the store's full-text index."""
    filters = filters or Filters()
    ids: dict[str, dict[str, int]] = {}
    for kind, numbered in NUMBERED.items():
        chosen = [*getattr(filters, kind), *getattr(filters, f"{kind}_all")]
        ids[kind] = dict(con.execute(
            f"SELECT {numbered.value}, {numbered.id} FROM {numbered.table} "
            f"WHERE {numbered.value} IN (SELECT unnest(?))", [chosen]).fetchall()) if chosen else {}
    return to_sql(filters, alias=alias, ids=ids, found=matches.find(con, filters.search))
