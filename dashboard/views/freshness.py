"""Freshness: how current a watched store is (`presslens watch`): each feed's last successful
poll, the articles each feed brought per day, and the feeds failing now with their reason."""

import pandas as pd
import streamlit as st

from analysis import figures, query
from dashboard import data, panels
from dashboard.render import date_label

TIME = "YYYY-MM-DD HH:mm"


def when(value: object) -> str:
    return "never" if value is None or pd.isna(value) else date_label(value)


st.title("Freshness", anchor=False)
st.caption("The feeds `presslens watch` polls into this store. Whatever the filters say, every "
           "feed and every article it brought is counted here.")
feeds = data.ask(query.feed_status)
if feeds.empty:
    st.info("No feed is watched into this store. Start one with "
            "`presslens watch FEED_URL_OR_LIST --store STORE` (docs/deployment.md runs it as a "
            "service).", icon=":material/rss_feed:")
    st.stop()

failing = feeds[feeds["failing"].astype(bool)]
cols = st.columns(3)
cols[0].metric("Feeds watched", f"{len(feeds):,}")
cols[1].metric("Failing now", f"{len(failing):,}",
               help="feeds whose last poll (of the feed, or of a page it links) failed")
cols[2].metric("Last successful poll", when(feeds["last_success"].max()))

if not failing.empty:
    with panels.panel("Failing feeds"):
        for row in failing.itertuples(index=False):
            st.error(f"**{row.feed}**: {row.last_error} ({when(row.last_error_at)}; last "
                     f"success: {when(row.last_success)}). It is tried again at every poll.",
                     icon=":material/sync_problem:")

with panels.panel("Feeds"):
    st.dataframe(feeds.drop(columns=["failing"]), hide_index=True, width="stretch",
                 key="freshness_feeds", column_config={
                     "feed": "Feed",
                     "feed_url": st.column_config.LinkColumn("Address"),
                     "last_polled": st.column_config.DatetimeColumn("Last poll", format=TIME),
                     "last_success": st.column_config.DatetimeColumn("Last success",
                                                                     format=TIME),
                     "last_error": "Last error",
                     "last_error_at": st.column_config.DatetimeColumn("Error at", format=TIME),
                     "articles": st.column_config.NumberColumn("Articles stored")})

with panels.panel("Articles per feed per day"):
    per_day = data.ask(query.feed_articles_per_day)
    if per_day.empty:
        panels.empty("No article a feed brought is stored.")
    else:
        panels.chart(figures.feed_day_bars(per_day), key="freshness_days", data=per_day,
                     name="feed_articles_per_day", selectable=False)
