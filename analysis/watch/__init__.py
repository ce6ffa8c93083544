"""Live collection (`presslens watch`): feeds polled politely, their entries' articles read
(from the feed, else from their pages) and ingested like files, each feed's state in the store.

    feeds  the feeds to watch: URLs, or a YAML list (name, url, source, language)
    fetch  one feed's poll: the feed (conditional GET), then the pages its new entries need
    poll   one poll of every feed: fetched side by side, each feed's articles one ingest
"""

from analysis.watch.feeds import Feed, read_feeds
from analysis.watch.fetch import FeedPoll, fetch_feed
from analysis.watch.poll import PollReport, poll

__all__ = ["Feed", "FeedPoll", "PollReport", "fetch_feed", "poll", "read_feeds"]
