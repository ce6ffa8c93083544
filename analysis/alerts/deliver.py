"""Alerts sent where the settings say: a JSON POST to a webhook (through `load.web`'s client)
and a mail through an SMTP server (`load.mail`). A channel that fails keeps its alerts pending
and is not tried again until the next check."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

import duckdb

from analysis import settings
from analysis.load.mail import MailError, Smtp, send
from analysis.load.web import Client, FetchError, Limits
from analysis.store.alerts import SPIKE, Alert
from analysis.text import web_url

WEBHOOK, MAIL = "webhook", "mail"
ARTICLES_SENT = 50  # articles an alert's message lists (the link opens them all)


@dataclass(frozen=True)
class Channels:
    """Where alerts go (settings alert_*, smtp_*, dashboard_url)."""

    webhook: str | None = None
    mail_to: tuple[str, ...] = ()
    mail_from: str = "presslens@localhost"
    smtp: Smtp | None = None
    dashboard_url: str = ""

    @classmethod
    def from_settings(cls) -> Channels:
        """The channels the settings name; ValueError for a value that is not valid."""
        hook = str(settings.get("alert_webhook")).strip()
        if hook and web_url(hook) is None:
            raise ValueError(f"PRESSLENS_ALERT_WEBHOOK={hook!r} is not an http(s) address")
        mail_to = tuple(a.strip() for a in str(settings.get("alert_mail_to")).split(",")
                        if a.strip())
        return cls(webhook=hook or None, mail_to=mail_to,
                   mail_from=str(settings.get("alert_mail_from")),
                   smtp=Smtp.from_settings() if mail_to else None,
                   dashboard_url=str(settings.get("dashboard_url")).strip().rstrip("/"))

    @property
    def names(self) -> list[str]:
        """The channels in use."""
        return [name for name, used in ((WEBHOOK, self.webhook), (MAIL, self.mail_to)) if used]

    def link(self, alert: Alert) -> str:
        """The address of the Articles page showing the alert's articles."""
        return f"{self.dashboard_url}/articles?{alert.link}"


def articles_of(con: duckdb.DuckDBPyConnection, alerts: list[Alert]) -> dict[str, dict]:
    """Title, source, date and URL of the articles the `alerts` name (those still stored)."""
    ids = sorted({i for alert in alerts for i in alert.article_ids[:ARTICLES_SENT]})
    rows = con.execute("SELECT article_id, title, source, published_at, url FROM articles "
                       "WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()
    keys = ("article_id", "title", "source", "published_at", "url")
    return {row[0]: dict(zip(keys, row, strict=True)) for row in rows}


def deliver(alerts: list[Alert], articles: Mapping[str, dict], channels: Channels, *,
            client: Client | None = None, now: datetime) -> list[str]:
    """Send each alert on its pending channels, taking those that took it off its `pending`
    and setting `last_error` for one that failed; the failures in words."""
    # no retry within a check: the next poll's check is the retry
    client = client or Client(dataclasses.replace(Limits.from_settings(), retries=0))
    failing: dict[str, str] = {}
    for alert in alerts:
        for channel in list(alert.pending):
            if channel in failing:  # down for this check: the alert waits for the next
                alert.last_error, alert.last_error_at = failing[channel], now
                continue
            try:
                if channel == WEBHOOK and channels.webhook:
                    client.post(channels.webhook, body=_json(alert, articles, channels),
                                headers={"Content-Type": "application/json"})
                elif channel == MAIL and channels.smtp is not None:
                    send(_mail(alert, articles, channels), server=channels.smtp)
            except (FetchError, MailError) as err:
                failing[channel] = f"{channel}: {err.reason}"
                alert.last_error, alert.last_error_at = failing[channel], now
                continue
            alert.pending.remove(channel)
    return [f"{reason}; alerts pending on it are sent again at the next poll"
            for reason in failing.values()]


def payload(alert: Alert, articles: Mapping[str, dict], channels: Channels) -> dict:
    """What the webhook receives."""
    listed = [articles[i] for i in alert.article_ids[:ARTICLES_SENT] if i in articles]
    return {"alert_id": alert.alert_id, "watch": alert.watch, "kind": alert.kind,
            "period": alert.period.date().isoformat() if alert.period else None,
            "fired_at": alert.fired_at.isoformat(), "reason": alert.reason,
            "link": channels.link(alert), "article_count": len(alert.article_ids),
            "articles": [{**a, "published_at": a["published_at"].isoformat()
                          if a["published_at"] else None} for a in listed]}


def _json(alert: Alert, articles: Mapping[str, dict], channels: Channels) -> bytes:
    return json.dumps(payload(alert, articles, channels), ensure_ascii=False).encode()


def _mail(alert: Alert, articles: Mapping[str, dict], channels: Channels) -> EmailMessage:
    said = payload(alert, articles, channels)
    lines = [alert.reason, "", f"Open its articles: {said['link']}", ""]
    for article in said["articles"]:
        source, when = article["source"] or "source unknown", article["published_at"] or "undated"
        lines.append(f"- {article['title'] or '(untitled)'} ({source}, {when}) "
                     f"{article['url'] or ''}".rstrip())
    message = EmailMessage()
    what = "spiked" if alert.kind == SPIKE else "new articles"
    message["Subject"] = f"PressLens alert: {alert.watch} ({what})"
    message["From"], message["To"] = channels.mail_from, ", ".join(channels.mail_to)
    message.set_content("\n".join(lines))
    return message
