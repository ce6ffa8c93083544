"""One alerts check after a poll: read what fires and what waits (a read connection), send it
(no connection held), then record it all in one short write."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from analysis.alerts.check import check
from analysis.alerts.deliver import Channels, articles_of, deliver
from analysis.alerts.watches import Watch
from analysis.load.web import Client
from analysis.store.alerts import record, undelivered
from analysis.store.database import StoreError, connect, writer


@dataclass
class AlertReport:
    """What one check did: alerts fired, sent on every channel, still pending, the last ingest
    it covered (the next check's `since`), and each failure in words."""

    fired: int = 0
    sent: int = 0
    pending: int = 0
    through: int = 0
    failures: list[str] = field(default_factory=list)


def run_alerts(store: str | Path, watches: list[Watch], *, since: int, channels: Channels,
               client: Client | None = None) -> AlertReport:
    """Fire the `watches` on what the ingests after `since` stored, send the new alerts and
    those still pending from earlier checks, and record them. When the record cannot be
    written (the store busy past its wait), `through` stays `since`: the next check fires
    those alerts again (sent again: delivery is at least once, never lost)."""
    now = datetime.now(UTC)
    with connect(store) as con:
        checked = check(con, watches, since=since, now=now)
        earlier = undelivered(con)
        for alert in earlier:  # a channel since turned off no longer waits
            alert.pending = [c for c in alert.pending if c in channels.names]
        for alert in checked.fired:
            alert.pending = list(channels.names)
        todo = [*earlier, *checked.fired]
        articles = articles_of(con, todo)
    waiting = [alert for alert in todo if alert.pending]
    report = AlertReport(fired=len(checked.fired), through=since, failures=checked.failures)
    report.failures += deliver(waiting, articles, channels, client=client, now=now)
    report.pending = sum(bool(alert.pending) for alert in waiting)
    report.sent = len(waiting) - report.pending
    if todo or checked.through != since:
        try:
            with writer(store) as con:
                record(con, todo, checked=checked.through)
        except StoreError as err:
            report.failures.append(f"alerts not recorded: {err}")
            return report
    report.through = checked.through
    return report
