"""The alerts `presslens watch --alerts` fired (what, why in words, when, the articles) and
their delivery (the channels still to reach, the last error): what makes an alert fire once
and its delivery be tried again after a failure or a restart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from analysis.store.database import get_meta, run, set_meta, transaction

SPIKE, NEW = "spike", "new"  # the kinds of alert: a watched item spikes; new articles match it
CHECKED = "alerts_checked_ingest"  # meta: the last ingest whose new articles were checked
# its columns, as the store's frames type them (`analysis.store.database.transaction`)
_KINDS = {"alert_id": "int", "fired_at": "time", "watch": "str", "kind": "str", "period": "time",
          "reason": "str", "link": "str", "article_ids": "list", "pending": "list",
          "last_error": "str", "last_error_at": "time"}
COLUMNS = list(_KINDS)


@dataclass
class Alert:
    """One row of the `alerts` table. `period` is the start of the period that spiked (None
    for new articles); `link` the Articles page's query string that shows its articles;
    `pending` the channels ("webhook", "mail") that have not had it yet."""

    alert_id: int
    fired_at: datetime
    watch: str
    kind: str
    reason: str
    link: str
    article_ids: list[str]
    period: datetime | None = None
    pending: list[str] = field(default_factory=list)
    last_error: str | None = None
    last_error_at: datetime | None = None


def has_alerts(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has an alerts table (any store written by this PressLens does)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'alerts'"
                            ).fetchall()[0][0])


def checked_through(con: duckdb.DuckDBPyConnection) -> int:
    """The last ingest whose new articles alerts were checked against; when none was ever
    checked, the store's last ingest (what was stored before alerts began is not new)."""
    mark = get_meta(con, CHECKED) if has_alerts(con) else None
    if mark is not None:
        return int(mark)
    return int(con.execute("SELECT coalesce(max(ingest_id), 0) FROM ingests").fetchall()[0][0])


def fired_before(con: duckdb.DuckDBPyConnection, watches: Iterable[str]
                 ) -> tuple[set[tuple[str, datetime]], dict[str, set[str]]]:
    """What the `watches` already fired: (watch, period) of each spike, and per watch the
    articles its new-article alerts named."""
    names = list(watches)
    if not has_alerts(con) or not names:
        return set(), {}
    spikes = {(watch, pd.Timestamp(period).to_pydatetime()) for watch, period in con.execute(
        "SELECT watch, period FROM alerts WHERE kind = ? AND watch IN (SELECT unnest(?))",
        [SPIKE, names]).fetchall()}
    named: dict[str, set[str]] = {}
    for watch, article_id in con.execute(
            "SELECT watch, unnest(article_ids) FROM alerts WHERE kind = ? AND watch IN "
            "(SELECT unnest(?))", [NEW, names]).fetchall():
        named.setdefault(watch, set()).add(article_id)
    return spikes, named


def next_id(con: duckdb.DuckDBPyConnection) -> int:
    """The id the next alert gets (one `presslens watch` writes a store's alerts)."""
    if not has_alerts(con):
        return 1
    return int(con.execute("SELECT coalesce(max(alert_id), 0) + 1 FROM alerts").fetchall()[0][0])


def undelivered(con: duckdb.DuckDBPyConnection) -> list[Alert]:
    """The alerts some channel has not had yet, oldest first."""
    if not has_alerts(con):
        return []
    rows = con.execute(f"SELECT {', '.join(COLUMNS)} FROM alerts WHERE len(pending) > 0 "
                       "ORDER BY alert_id").fetchall()
    return [_alert(dict(zip(COLUMNS, row, strict=True))) for row in rows]


def _alert(row: dict) -> Alert:
    return Alert(**{**row, "article_ids": list(row["article_ids"] or []),
                    "pending": list(row["pending"] or [])})


def record(con: duckdb.DuckDBPyConnection, alerts: Iterable[Alert], *,
           checked: int | None) -> None:
    """Write `alerts` (new ones, and the delivery of earlier ones) and the last ingest checked,
    in one transaction of the caller's write connection."""
    frame = pd.DataFrame([vars(alert) for alert in alerts], columns=list(_KINDS))
    with transaction(con, {"alert_rows": (frame, _KINDS)}):
        run(con, "INSERT OR REPLACE INTO alerts SELECT * REPLACE (period::TIMESTAMP AS period) "
                 "FROM alert_rows")
        if checked is not None:
            set_meta(con, {CHECKED: str(checked)})
