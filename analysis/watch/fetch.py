"""One feed's poll: the feed by conditional GET, its new entries, and for each entry that
carries only a summary its page, read as an HTML file is (trafilatura), if robots.txt allows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from analysis import schema
from analysis.load.feed import Entry, read_entries
from analysis.load.html import read_html
from analysis.load.polite import Robots
from analysis.load.source import LoadError, Record, Source
from analysis.load.web import Client, Disallowed, FetchError
from analysis.store.feeds import TEXT_FROM_FEED, TEXT_FROM_PAGE, TEXT_FROM_SUMMARY, FeedState
from analysis.watch.feeds import Feed


@dataclass
class FeedPoll:
    """What polling one feed brought: its new state, the records of its new entries, a row per
    entry taken (`analysis.store.feeds.ENTRY_COLUMNS` but the article id, keyed by the
    record's origin), and each failure in words (the feed's, or a page's)."""

    feed: Feed
    state: FeedState
    records: list[Record] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def fetch_feed(feed: Feed, state: FeedState, *, client: Client, robots: Robots) -> FeedPoll:
    """Poll `feed` (its stored `state`); never raises for what the web does: a failure is
    recorded in the state and listed, to be tried again at the next poll."""
    now = datetime.now(UTC)
    state.name, state.last_polled = feed.name, now
    done = FeedPoll(feed, state)
    if state.not_before is not None and now < state.not_before:
        done.failures.append(f"{feed.url}: not polled: the site asked to wait until "
                             f"{state.not_before:%Y-%m-%d %H:%M} UTC ({state.last_error})")
        return done
    try:
        answer = client.get(feed.url, headers=_conditional(state))
        entries = [] if answer.status == 304 else read_entries(answer.body, base=answer.url)
    except (FetchError, LoadError) as err:
        retry_at = getattr(err, "retry_at", None)
        done.failures.append(f"{feed.url}: {getattr(err, 'reason', err)}")
        _failed(state, done.failures[-1], now,
                not_before=datetime.fromtimestamp(retry_at, UTC) if retry_at else None)
        return done
    state.last_success, state.not_before = now, None
    pages_failed = [_take(done, entry, client=client, robots=robots, now=now)
                    for entry in entries if entry.key and entry.key not in state.seen]
    if any(pages_failed):  # without validators, the next poll reads the feed whole again
        state.etag = state.last_modified = None
        _failed(state, f"{sum(pages_failed)} page(s) of {feed.url} could not be read: "
                f"{done.failures[0]}", now)
    elif answer.status != 304:
        state.etag = answer.headers.get("etag")
        state.last_modified = answer.headers.get("last-modified")
    return done


def _conditional(state: FeedState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _failed(state: FeedState, reason: str, now: datetime, *,
            not_before: datetime | None = None) -> None:
    state.last_error, state.last_error_at, state.not_before = reason, now, not_before


def _take(done: FeedPoll, entry: Entry, *, client: Client, robots: Robots,
          now: datetime) -> bool:
    """Add the entry's record (its text from the feed, else its page, else its summary) and
    its row; True when its page failed (the entry is then left for the next poll)."""
    record = dict(entry.record)
    url = record.get(schema.URL)
    text_from = TEXT_FROM_FEED if entry.full_text else TEXT_FROM_SUMMARY
    if not entry.full_text and url:
        try:
            page = _page_record(url, client=client, robots=robots)
        except FetchError as err:
            done.failures.append(f"{url} (page of {done.feed.url}): {err.reason}")
            return True
        if page is not None:
            record = {**page, **{k: v for k, v in record.items() if v and k != schema.TEXT}}
            record[schema.FORMAT], text_from = "html", TEXT_FROM_PAGE
    record.setdefault(schema.FORMAT, "feed")
    origin = f"{done.feed.url}#{entry.key}"
    record[schema.ORIGIN] = origin
    for key, value in ((schema.SOURCE, done.feed.source), (schema.LANGUAGE, done.feed.language)):
        if value:
            record[key] = value
    done.state.seen.add(entry.key)  # a feed listing an entry twice gives it once
    done.records.append(record)
    done.entries.append({"origin": origin, "feed_url": done.feed.url, "entry_id": entry.key,
                         "url": url, "fetched_at": now, "text_from": text_from})
    return False


def _page_record(url: str, *, client: Client, robots: Robots) -> Record | None:
    """The page's record as `read_html` reads it; None when robots.txt disallows the page (or
    an address it redirects to) or it holds no article body (the entry keeps its summary)."""
    try:
        answer = client.get(url, allowed=robots.allows)
    except Disallowed:
        return None
    for item in read_html(Source(answer.url, answer.body)):
        if isinstance(item, dict):
            return item
    return None
