"""What a user watches: an actor, a topic, a search or a saved view, from a YAML file
(`presslens watch --alerts FILE`), each turned into the filters of the articles it follows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl

import duckdb
import yaml

from analysis.query.filters import Filters
from analysis.query.links import from_params
from analysis.query.search import SearchSyntaxError, parse
from analysis.store.alerts import NEW, SPIKE
from analysis.store.views import view_link

KINDS = ("actor", "topic", "search", "view")  # what a watch follows: exactly one of them
ON = (SPIKE, NEW)
PERIODS = {"day": "D", "week": "W", "month": "M"}  # a spike's period, as `timeline` names it
FIELDS = ("name", *KINDS, "when", "period")  # not `on`: YAML 1.1 reads it as true


@dataclass(frozen=True)
class Watch:
    """One watched item: its `name` (shown in alerts), what it follows (`kind`: actor, topic,
    search or view; `value`), which alerts it gives (`on`; the file's key `when`) and the
    period its spikes are counted in (`freq`: D, W or M)."""

    name: str
    kind: str
    value: str
    on: tuple[str, ...] = ON
    freq: str = "D"

    def filters(self, con: duckdb.DuckDBPyConnection) -> Filters:
        """The articles it follows. A saved view's filters are read from the store at each
        check (an editor may change it), without their dates: new articles are after them."""
        if self.kind == "actor":
            return Filters(actors=(self.value,))
        if self.kind == "topic":
            return Filters(topics=(self.value,))
        if self.kind == "search":
            return Filters(search=self.value)
        link = view_link(con, self.value)
        if link is None:
            raise ValueError(f"watch {self.name!r}: no saved view is called {self.value!r} "
                             "(renamed or deleted?)")
        filters, _ = from_params(dict(parse_qsl(link)))
        return filters.replace(start=None, end=None, include_undated=None)


def read_watches(path: str | Path) -> list[Watch]:
    """The watches listed in the YAML file `path` (a list, or a mapping whose `watches` is
    one); raises ValueError saying which item is wrong and what is valid."""
    path = Path(path)
    try:
        listed = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as err:
        raise ValueError(f"{path}: not a readable YAML list of watches: {err}") from None
    if isinstance(listed, dict):
        listed = listed.get("watches")
    if not isinstance(listed, list) or not listed:
        raise ValueError(f"{path}: expected a list of watches (or `watches:` holding one)")
    watches = [_watch(item, where=f"{path} item {n}") for n, item in enumerate(listed, start=1)]
    names = [watch.name for watch in watches]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(f"{path}: two watches are called {twice[0]!r}; give each its own name")
    return watches


def _watch(item: object, *, where: str) -> Watch:
    if not isinstance(item, dict):
        raise ValueError(f"{where}: expected a mapping with one of {list(KINDS)}")
    if True in item:  # a key `on:` (YAML 1.1 reads it as true)
        raise ValueError(f"{where}: `on:` reads as true in YAML; write `when:`")
    unknown = sorted(set(item) - set(FIELDS), key=str)
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown}; valid: {list(FIELDS)}")
    kinds = [kind for kind in KINDS if item.get(kind) not in (None, "")]
    if len(kinds) != 1:
        raise ValueError(f"{where}: give exactly one of {list(KINDS)}, not {kinds or 'none'}")
    kind, value = kinds[0], str(item[kinds[0]]).strip()
    if kind == "search":
        try:
            parse(value)
        except SearchSyntaxError as err:
            raise ValueError(f"{where}: search {value!r}: {err}") from None
    on = item.get("when", list(ON))
    on = [on] if isinstance(on, str) else on
    if not isinstance(on, list) or not on or not set(on) <= set(ON):
        raise ValueError(f"{where}: when {item.get('when')!r}; valid: one or both of "
                         f"{list(ON)}")
    period = str(item.get("period", "day"))
    if period not in PERIODS:
        raise ValueError(f"{where}: period {period!r}; valid: {list(PERIODS)}")
    name = str(item.get("name") or f"{kind} {value}").strip()
    return Watch(name=name, kind=kind, value=value, on=tuple(o for o in ON if o in on),
                 freq=PERIODS[period])
