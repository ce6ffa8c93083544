"""Alerts of `presslens watch --alerts FILE`: watched actors, topics, searches and saved
views that fire when new articles match them or their articles spike, sent to a webhook and by
mail, recorded in the store (`analysis.store.alerts`) so that each fires once.

    watches  the watch file: what each watch follows, as filters
    check    which watches fire on the articles of the latest ingests
    deliver  the webhook's JSON and the mail; a failing channel waits for the next poll
    run      one check after a poll: read, send, one short write
"""

from analysis.alerts.check import Checked, check
from analysis.alerts.deliver import Channels, deliver, payload
from analysis.alerts.run import AlertReport, run_alerts
from analysis.alerts.watches import Watch, read_watches

__all__ = ["AlertReport", "Channels", "Checked", "Watch", "check", "deliver", "payload",
           "read_watches", "run_alerts"]
