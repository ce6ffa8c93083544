"""`presslens watch`: poll news feeds into a store, once or every few minutes."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from analysis import settings


def add_parser(commands: Any, *, store_help: str) -> None:
    """The `watch` subcommand's options."""
    watch = commands.add_parser(
        "watch", help="poll RSS/Atom feeds and store their articles (full text) as they come")
    watch.add_argument("feeds", nargs="+", metavar="FEED_OR_LIST",
                       help="a feed's URL, or a YAML file listing feeds (name, url, source, "
                            "language): docs/deployment.md")
    watch.add_argument("--store", help=store_help)
    watch.add_argument("--every", type=float, metavar="MINUTES",
                       help="minutes between polls (default: setting watch_every_min, env "
                            "PRESSLENS_WATCH_EVERY_MIN, 15)")
    watch.add_argument("--once", action="store_true", help="poll once, then stop")
    watch.add_argument("--no-enrich", action="store_true",
                       help="store the articles only (no actors, topics, tone)")
    watch.add_argument("--alerts", metavar="FILE",
                       help="a YAML file of watched actors, topics, searches or saved views: "
                            "after each poll, alerts on new matching articles and spikes go "
                            "to the webhook and mail of settings alert_* (docs/deployment.md)")


def cmd_watch(args: argparse.Namespace) -> int:
    """Poll until stopped (or once); a failing feed is listed and tried again next time, and
    the exit status stays 0: failures of the web are the feeds', not the command's."""
    from analysis.store import StoreError, default_path
    from analysis.watch import poll, read_feeds
    from analysis.watch.poll import client_from_settings

    try:
        feeds = read_feeds(args.feeds)
        client_from_settings()  # a setting fetch_* that is not valid, said before any poll
        alerts = _alerts(args.alerts, enrich=not args.no_enrich)
    except ValueError as err:
        raise SystemExit(f"presslens watch: {err}") from None
    every = float(settings.get("watch_every_min")) if args.every is None else args.every
    if every <= 0:
        raise SystemExit(f"presslens watch: every {every:g} minutes: it must be over 0")
    if not str(settings.get("contact")).strip():
        print("presslens watch: no contact in the User-Agent; set PRESSLENS_CONTACT to an "
              "e-mail address or web page where site operators can reach you", file=sys.stderr)
    target = args.store or default_path()
    if alerts is not None:
        alerts.begin(target)
    while True:
        started = datetime.now(UTC)
        try:
            report = poll(feeds, store=target, enrich=not args.no_enrich)
        except StoreError as err:
            if args.once:
                raise
            # a store busy past its waits (a long backup, a restore): the next poll tries again
            print(f"{started:%Y-%m-%d %H:%M:%S} UTC poll not done: {err}", flush=True)
            time.sleep(every * 60)
            continue
        print(f"{started:%Y-%m-%d %H:%M:%S} UTC {target}: {report.feeds} feeds polled, "
              f"{report.new} new, {report.duplicates} duplicate, {report.rejected} rejected, "
              f"{len(report.failures)} failed", flush=True)
        for failure in report.failures:
            print(f"  failed: {failure}", flush=True)
        if alerts is not None:
            alerts.after_poll(target)
        if args.once:
            return 0
        time.sleep(max(0.0, every * 60 - (datetime.now(UTC) - started).total_seconds()))


class _Alerts:
    """The watches of --alerts and where their alerts go; the last ingest already checked."""

    def __init__(self, path: str) -> None:
        from analysis.alerts import Channels, read_watches

        self.watches = read_watches(path)
        self.channels = Channels.from_settings()
        self.since: int | None = None

    def begin(self, store: str | Path) -> None:
        """Before the first poll: what is stored now is not new (unless an earlier run left
        ingests unchecked, `analysis.store.alerts.checked_through`)."""
        from analysis.store import StoreError, connect
        from analysis.store.alerts import checked_through

        if not Path(store).exists():
            self.since = 0
            return
        try:
            with connect(store) as con:
                self.since = checked_through(con)
        except StoreError as err:  # busy: tried again after the poll
            print(f"  alerts not checked: {err}", flush=True)

    def after_poll(self, store: str | Path) -> None:
        """Check the watches on what the poll stored; one line, and one per failure."""
        from analysis.alerts import run_alerts
        from analysis.store import StoreError

        if self.since is None:
            self.begin(store)
        if self.since is None or not Path(store).exists():
            return
        try:
            done = run_alerts(store, self.watches, since=self.since, channels=self.channels)
        except StoreError as err:  # busy past its waits: checked again after the next poll
            print(f"  alerts not checked: {err}", flush=True)
            return
        self.since = done.through
        channels = ", ".join(self.channels.names) or "no channel set: see the Alerts page"
        print(f"  alerts: {done.fired} fired, {done.sent} sent, {done.pending} pending "
              f"({channels})", flush=True)
        for failure in done.failures:
            print(f"  alert failed: {failure}", flush=True)


def _alerts(path: str | None, *, enrich: bool) -> _Alerts | None:
    """The --alerts FILE's watches; ValueError for a file that is wrong, or for watches that
    need the enrichment --no-enrich leaves out."""
    if path is None:
        return None
    alerts = _Alerts(path)
    if not enrich and any(w.kind in ("actor", "topic", "view") for w in alerts.watches):
        raise ValueError("--alerts watches actors, topics or saved views, which need the "
                         "enrichment --no-enrich leaves out: drop --no-enrich, or watch "
                         "searches only")
    return alerts
