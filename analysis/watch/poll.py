"""One poll of every watched feed: fetched side by side (within each site's manners), each
feed's new articles stored by one ingest as they arrive, its state in the same write."""

from __future__ import annotations

import logging
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
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
    """Poll each feed once and store what is new. Feeds are fetched side by side; whenever
    the store is free, what has arrived since its last write is stored by one ingest (one feed
    at a time while ingests keep up, more together when they do not), with the state of the
    feeds it came from. The store's write lock is never held while fetching."""
    path = Path(store) if store is not None else default_path()
    if client is None or robots is None:
        client, robots = client_from_settings()
    states = _states(path, [feed.url for feed in feeds])
    models = {"actors": load_actors(), "taxonomy": load_taxonomy()} if enrich else {}
    report = PollReport(feeds=len(feeds))
    unwritten: list[FeedPoll] = []  # polls that brought no article: their state rides along
    with ThreadPoolExecutor(max_workers=FEEDS_AT_ONCE, thread_name_prefix="feed") as pool:
        running = {pool.submit(fetch_feed, feed, states[feed.url], client=client,
                               robots=robots): feed for feed in feeds}
        pending = set(running)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            arrived = [done for future in finished
                       if (done := _result(future, running[future], report)) is not None]
            report.failures += [failure for done in arrived for failure in done.failures]
            unwritten += [done for done in arrived if not done.records]
            bringing = [done for done in arrived if done.records]
            if bringing and _store(bringing, unwritten, path=path, enrich=enrich,
                                   models=models, report=report):
                unwritten = []
    if unwritten:
        try:
            with writer(path) as con:
                record(con, [done.state for done in unwritten], _entry_rows([], {}))
        except StoreError as err:  # their state only: polled again next time
            report.failures.append(f"the state of {len(unwritten)} feed(s) not stored: {err}")
    return report


def _result(future: Future, feed: Feed, report: PollReport) -> FeedPoll | None:
    try:
        return future.result()
    except Exception as err:  # the edge of a poll: one feed must not stop the others
        log.exception("%s: unexpected error", feed.url)
        report.failures.append(f"{feed.url}: unexpected error {type(err).__name__}: {err}")
        return None


def _states(path: Path, urls: list[str]) -> dict[str, FeedState]:
    if not path.exists():
        return {url: FeedState(url) for url in urls}
    with connect(path) as con:
        return read_states(con, urls)


def _store(polls: list[FeedPoll], unwritten: list[FeedPoll], *, path: Path, enrich: bool,
           models: dict, report: PollReport) -> bool:
    """One ingest of the records of `polls`, with their state and entries and the state of the
    `unwritten` polls; False (the failure listed) when the store could not be written."""
    batch = build_batch([item for done in polls for item in done.records])
    ids = dict(zip(batch.articles[schema.ORIGIN], batch.articles[schema.ARTICLE_ID], strict=True))
    rows = _entry_rows([entry for done in polls for entry in done.entries], ids)
    states = [done.state for done in [*polls, *unwritten]]
    try:
        summary = ingest_batch(batch, store=path, paths=[done.feed.url for done in polls],
                               enrich=enrich, also=lambda con: write_states(con, states, rows),
                               **models)
    except StoreError as err:  # their entries stay unseen: taken again next poll
        report.failures += [f"{done.feed.url}: not stored: {err}" for done in polls]
        return False
    report.new += summary.new
    report.duplicates += summary.duplicates
    report.rejected += summary.rejected
    log.info("%s: %d new, %d duplicate, %d rejected", ", ".join(done.feed.url for done in polls),
             summary.new, summary.duplicates, summary.rejected)
    return True


def _entry_rows(entries: list[dict], ids: dict[str, str]) -> pd.DataFrame:
    """The entries taken, each with the id of the article it became (None for an entry
    rejected, or dropped as a copy of another in the same feed)."""
    rows = [{**entry, schema.ARTICLE_ID: ids.get(entry[schema.ORIGIN])} for entry in entries]
    return pd.DataFrame(rows, columns=list(ENTRY_COLUMNS))
