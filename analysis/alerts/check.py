"""Which watches fire after a poll: new articles a watch follows (each article once per
watch), and a period in which its articles spike by the timelines' own rule (once a period)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlencode

import duckdb
import pandas as pd

from analysis import schema
from analysis.alerts.watches import Watch
from analysis.query.filters import Filters, describe, facts_sql
from analysis.query.links import to_params
from analysis.query.timeline import FREQS, period_start, timeline
from analysis.store.alerts import NEW, SPIKE, Alert, fired_before, next_id

TITLES_SAID = 3  # titles a new-article alert quotes in its reason


@dataclass
class Checked:
    """What a check found: the alerts fired, the last ingest it covered, and the watches it
    could not check (a saved view deleted, …), in words."""

    fired: list[Alert] = field(default_factory=list)
    through: int = 0
    failures: list[str] = field(default_factory=list)


def check(con: duckdb.DuckDBPyConnection, watches: list[Watch], *, since: int,
          now: datetime) -> Checked:
    """The alerts `watches` fire for the articles `presslens watch` stored in the ingests after
    `since` (up to the last one, `Checked.through`): new articles each watch follows that no
    alert of it named yet, and each period holding some of them in which the watch's articles
    spike (`analysis.query.timeline`'s rule, its defaults) that did not fire before."""
    done = Checked(through=int(con.execute(
        f"SELECT coalesce(max({schema.INGEST_ID}), 0) FROM ingests").fetchall()[0][0]))
    new = [row[0] for row in con.execute(
        f"SELECT DISTINCT article_id FROM article_ingests JOIN feed_entries USING (article_id) "
        f"WHERE {schema.INGEST_ID} > ? AND {schema.INGEST_ID} <= ?",
        [since, done.through]).fetchall()]
    if not new or not watches:
        return done
    spiked, named = fired_before(con, [watch.name for watch in watches])
    number = next_id(con)
    for watch in watches:
        try:
            filters = watch.filters(con)
        except ValueError as err:
            done.failures.append(str(err))
            continue
        where, params = facts_sql(con, filters)
        found = con.execute(
            f"SELECT f.article_id, f.day, f.title FROM facts_articles f WHERE {where} AND "
            "f.article_id IN (SELECT unnest(?)) ORDER BY f.published_at DESC NULLS LAST, "
            "f.article_id", [*params, new]).df()
        fired = []
        if NEW in watch.on:
            fresh = found[~found["article_id"].isin(named.get(watch.name, set()))]
            fired += [_new_alert(watch, filters, fresh, now=now)] if len(fresh) else []
        if SPIKE in watch.on:
            fired += _spikes(con, watch, filters, found, spiked=spiked, now=now)
        for alert in fired:
            alert.alert_id, number = number, number + 1
        done.fired += fired
    return done


def _new_alert(watch: Watch, filters: Filters, found: pd.DataFrame, *, now: datetime
               ) -> Alert:
    titles = [f"“{title or '(untitled)'}”" for title in found["title"].head(TITLES_SAID)]
    more = len(found) - len(titles)
    said = ", ".join(titles) + (f" and {more:,} more" if more else "")
    count = f"{len(found):,} new article{'s' if len(found) != 1 else ''}"
    reason = f"{watch.name}: {count} among {describe(filters)}: {said}."
    ids = found["article_id"].tolist()
    days = found["day"].dropna()
    shown = filters
    if len(days):
        shown = filters.replace(start=min(days), end=max(days),
                                include_undated=True if days.size < len(found) else None)
    extra = {"article": ids[0]} if len(ids) == 1 else {}
    return Alert(alert_id=0, fired_at=now, watch=watch.name, kind=NEW, reason=reason,
                 link=urlencode({**to_params(shown), **extra}), article_ids=ids)


def _spikes(con: duckdb.DuckDBPyConnection, watch: Watch, filters: Filters,
            found: pd.DataFrame, *, spiked: set, now: datetime) -> list[Alert]:
    """A spike alert for each period that the new articles fall in, spikes, and has not
    fired before."""
    days = found["day"].dropna()
    if days.empty:
        return []
    touched = set(period_start(pd.to_datetime(days), watch.freq))
    line = timeline(con, filters, freq=watch.freq)
    hits = line[line[schema.SPIKE] & line[schema.PERIOD].isin(touched)]
    alerts = []
    for row in hits.itertuples(index=False):
        start = pd.Timestamp(row.period)
        if (watch.name, start.to_pydatetime()) in spiked:
            continue
        first, last = start.date(), pd.Period(start, watch.freq).end_time.date()
        in_period = filters.replace(start=first, end=last)
        where, params = facts_sql(con, in_period)
        ids = [r[0] for r in con.execute(
            f"SELECT article_id FROM facts_articles f WHERE {where} ORDER BY f.published_at",
            params).fetchall()]
        unit = FREQS[watch.freq]
        reason = (f"{watch.name} spiked: {row.articles:,} articles "
                  f"{_period(first, watch.freq)}, over the threshold of {row.threshold:.1f} "
                  f"(the previous {unit}s had {row.baseline:.1f} on average). Counted: "
                  f"{describe(filters)}. Rule: {line.attrs['spike_rule']}.")
        alerts.append(Alert(alert_id=0, fired_at=now, watch=watch.name, kind=SPIKE,
                            reason=reason, link=urlencode(to_params(in_period)),
                            article_ids=ids, period=start.to_pydatetime()))
    return alerts


def _period(first: date, freq: str) -> str:
    """'on 4 Dec 2026', 'in the week of 30 Nov 2026', 'in Dec 2026'."""
    day = f"{first.day} {first:%b %Y}"
    return {"D": f"on {day}", "W": f"in the week of {day}"}.get(freq, f"in {first:%b %Y}")
