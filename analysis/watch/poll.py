"""One poll of every watched feed: fetched side by side (within each site's manners), each
feed's new articles stored by one ingest as they arrive, its state in the same write."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import schema, settings
from analysis.clean import build_batch
from analysis.enrich.actors import load_actors
from analysis.enrich.topics import load_taxonomy
from analysis.load.polite import Robots, Sites
from analysis.load.web import Client
from analysis.store.database import StoreError, connect, default_path, writer
from analysis.store.feeds import ENTRY_COLUMNS, FeedState, read_states, record, write_states
from analysis.store.ingest import ingest_batch
from analysis.watch.feeds import Feed
from analysis.watch.fetch import FeedPoll, fetch_feed

log = logging.getLogger(__name__)
FEEDS_AT_ONCE = 8  # feeds fetched side by side; each site's own limit is setting fetch_per_site


@dataclass
class PollReport:
    """What one poll did: feeds polled, articles new and duplicate, records rejected, and each
    failure in words."""

    feeds: int = 0
    new: int = 0
    duplicates: int = 0
    rejected: int = 0
    failures: list[str] = field(default_factory=list)


def client_from_settings() -> tuple[Client, Robots]:
    """A client that keeps each site's manners (settings fetch_*) and its robots.txt."""
    sites = Sites(delay_s=float(settings.get("fetch_delay_s")),
                  per_site=int(settings.get("fetch_per_site")))
    client = Client(turn=sites.turn)
    return client, Robots(client)


def poll(feeds: list[Feed], *, store: str | Path | None = None, enrich: bool = True,
         client: Client | None = None, robots: Robots | None = None) -> PollReport:
    """Poll each feed once and store what is new. The store's write lock is taken for one
    feed's ingest at a time (never while fetching); feeds that brought no article have their
    state written together at the end."""
    path = Path(store) if store is not None else default_path()
    if client is None or robots is None:
        client, robots = client_from_settings()
    states = _states(path, [feed.url for feed in feeds])
    models = {"actors": load_actors(), "taxonomy": load_taxonomy()} if enrich else {}
    report = PollReport(feeds=len(feeds))
    unchanged: list[FeedPoll] = []
    with ThreadPoolExecutor(max_workers=FEEDS_AT_ONCE, thread_name_prefix="feed") as pool:
        running = {pool.submit(fetch_feed, feed, states[feed.url], client=client,
                               robots=robots): feed for feed in feeds}
        for future in as_completed(running):
            try:
                done = future.result()
            except Exception as err:  # the edge of a poll: one feed must not stop the others
                log.exception("%s: unexpected error", running[future].url)
                report.failures.append(f"{running[future].url}: unexpected error "
                                       f"{type(err).__name__}: {err}")
                continue
            report.failures += done.failures
            if not done.records:
                unchanged.append(done)
                continue
            try:
                _store(done, path=path, enrich=enrich, models=models, report=report)
            except StoreError as err:  # its entries stay unseen: taken again next poll
                report.failures.append(f"{done.feed.url}: not stored: {err}")
    if unchanged:
        try:
            with writer(path) as con:
                record(con, [done.state for done in unchanged], _entry_rows([], {}))
        except StoreError as err:  # their state only: polled again next time
            report.failures.append(f"the state of {len(unchanged)} feed(s) not stored: {err}")
    return report


def _states(path: Path, urls: list[str]) -> dict[str, FeedState]:
    if not path.exists():
        return {url: FeedState(url) for url in urls}
    with connect(path) as con:
        return read_states(con, urls)


def _store(done: FeedPoll, *, path: Path, enrich: bool, models: dict,
           report: PollReport) -> None:
    batch = build_batch(done.records)
    ids = dict(zip(batch.articles[schema.ORIGIN], batch.articles[schema.ARTICLE_ID], strict=True))
    rows = _entry_rows(done.entries, ids)
    summary = ingest_batch(batch, store=path, paths=[done.feed.url], enrich=enrich,
                           also=lambda con: write_states(con, [done.state], rows), **models)
    report.new += summary.new
    report.duplicates += summary.duplicates
    report.rejected += summary.rejected
    log.info("%s: %d new, %d duplicate, %d rejected", done.feed.url, summary.new,
             summary.duplicates, summary.rejected)


def _entry_rows(entries: list[dict], ids: dict[str, str]) -> pd.DataFrame:
    """The entries taken, each with the id of the article it became (None for an entry
    rejected, or dropped as a copy of another in the same feed)."""
    rows = [{**entry, schema.ARTICLE_ID: ids.get(entry[schema.ORIGIN])} for entry in entries]
    return pd.DataFrame(rows, columns=list(ENTRY_COLUMNS))
