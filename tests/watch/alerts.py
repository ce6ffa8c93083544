"""What the alert tests share: an SMTP server (aiosmtpd) on 127.0.0.1 that keeps each mail,
dated full-text feed items naming a country, and one poll followed by its alerts check."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from analysis.alerts import Channels, read_watches, run_alerts
from analysis.store import connect
from analysis.store.alerts import checked_through
from analysis.watch import Feed, poll
from tests.watch.feeds import rss
from tests.web_server import Reply

TEXT = ("{country} said on {day} that talks with its neighbours on {topic} would go on, "
        "officials in the capital told reporters in a statement. Item {n}. " + " ".join(
            ["The delegations met for a third round in a hotel by the lake, where the "
             "mediators had set out a calendar of meetings for the coming weeks."] * 5))


class Mailbox:
    """aiosmtpd's handler: every mail received, parsed."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's)
        self.mails.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """An SMTP server on 127.0.0.1, and settings that send alert mails to it."""
    with socket.socket() as probe:  # a free port: aiosmtpd checks the port it is given
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    server = Controller(box, hostname="127.0.0.1", port=port)
    server.start()
    for name, value in {"ALERT_MAIL_TO": "desk@example.org", "SMTP_HOST": "127.0.0.1",
                        "SMTP_PORT": str(port), "SMTP_SECURITY": "none"}.items():
        monkeypatch.setenv(f"PRESSLENS_{name}", value)
    yield box
    server.stop()


def items(country: str, dates: list[datetime], *, first: int = 0, topic: str = "water"
          ) -> list[dict]:
    """Feed items with full text, one per date, naming `country`."""
    return [{"guid": f"urn:{country}:{n}", "title": f"{country} talks go on, item {n}",
             "link": f"http://example.org/{country}/{n}", "summary": "short",
             "content": TEXT.format(country=country, day=f"{day:%A}", topic=topic, n=n),
             "date": day.strftime("%a, %d %b %Y %H:%M:%S GMT")}
            for n, day in enumerate(dates, start=first)]


def days_before(count: int, *, per_day: int = 1) -> list[datetime]:
    """`per_day` times on each of the `count` days before the day before yesterday (UTC
    noon), oldest first: dates in the past whenever the test runs."""
    last = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0) \
        - timedelta(days=2)
    return [last - timedelta(days=count - k, minutes=m) for k in range(count)
            for m in range(per_day)]


def spike_day(count: int) -> list[datetime]:
    """`count` times on the day before yesterday (the day after `days_before`'s)."""
    day = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0) \
        - timedelta(days=2)
    return [day + timedelta(minutes=m) for m in range(count)]


def serve(site, path: str, entries: list[dict]) -> None:
    site.routes[path] = Reply(200, rss(entries))


def poll_then_alert(site, path, store, watches_file):
    """One poll of the feed at `path`, then an alerts check as `presslens watch` runs it (its
    start mark read from the store, as after a restart)."""
    since = 0
    if store.exists():
        with connect(store) as con:
            since = checked_through(con)
    report = poll([Feed(site.url(path))], store=store)
    return report, run_alerts(store, read_watches(watches_file), since=since,
                              channels=Channels.from_settings())
