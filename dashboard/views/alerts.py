"""Alerts: what `presslens watch --alerts` fired and why, newest first, each opening its
articles on the Articles page, and whether it reached the webhook and mail."""

import pandas as pd
import streamlit as st

from analysis import query
from dashboard import data
from dashboard.render import date_label, escape_markdown

KINDS = {"spike": ("spiked", ":material/trending_up:"),
         "new": ("new articles", ":material/fiber_new:")}
SHOWN = 100  # alerts listed


def _articles(alert: pd.Series) -> None:
    """Its first articles, each a link that opens it in the reader, then a link to all."""
    lines = [f"- [{escape_markdown(item['title'] or '(untitled)')}]"
             f"(articles?{alert['link']}&article={item['article_id']}) · "
             f"{escape_markdown(item['source'] or 'source unknown')}, "
             f"{date_label(item['published_at'])}" for item in alert["shown"]]
    count = int(alert["articles"])
    lines.append("")  # the link to all stands apart from the list
    lines.append(f"[Open {'its article' if count == 1 else f'all {count:,} of its articles'} "
                 f"on the Articles page](articles?{alert['link']})")
    st.markdown("\n".join(lines))


def _alert(alert: pd.Series) -> None:
    said, icon = KINDS.get(alert["kind"], (alert["kind"], ":material/notifications:"))
    with st.container(border=True):
        st.markdown(f"{icon} **{escape_markdown(alert['watch'])}** {said} · fired "
                    f"{date_label(alert['fired_at'])}")
        st.markdown(escape_markdown(alert["reason"]))
        _articles(alert)
        if len(alert["pending"]):
            error = alert["last_error"]
            st.warning(f"Not sent yet by {' and '.join(alert['pending'])}: "
                       f"{'not tried yet' if pd.isna(error) else escape_markdown(error)}; "
                       "tried again at every poll.", icon=":material/schedule_send:")


st.title("Alerts", anchor=False)
st.caption("What `presslens watch --alerts` fired for the actors, topics, searches and saved "
           "views it watches: new articles that match one, and periods in which one spikes "
           "(the rule the timelines state). The filters do not apply here.")
alerts = data.ask(query.fired_alerts, limit=SHOWN)
if alerts.empty:
    st.info("No alert has fired in this store. Run `presslens watch FEEDS --alerts "
            "watches.yaml` (docs/deployment.md says what a watch file holds and where alerts "
            "are sent).", icon=":material/notifications_off:")
    st.stop()

cols = st.columns([1, 1, 2])
cols[0].metric("Alerts", f"{len(alerts):,}" + ("+" if len(alerts) == SHOWN else ""))
cols[1].metric("Not sent yet", f"{int((alerts['pending'].map(len) > 0).sum()):,}",
               help="alerts the webhook or the mail server has not taken yet")
cols[2].metric("Last fired", date_label(alerts["fired_at"].max()))
for _, row in alerts.iterrows():
    _alert(row)
