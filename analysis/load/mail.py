"""One mail sent through an SMTP server within a time limit (stdlib `smtplib`), its settings
read and checked in one place (settings smtp_*)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from analysis import settings

SECURITY = {"starttls": 587, "ssl": 465, "none": 25}  # each way of securing, its usual port


class MailError(Exception):
    """A mail that was not sent; `reason` says why in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Smtp:
    """An SMTP server: where, how secured, whose login."""

    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    password: str = ""
    timeout_s: float = 20.0

    @classmethod
    def from_settings(cls) -> Smtp:
        """The server of the smtp_* settings; ValueError naming a value that is not valid."""
        security = str(settings.get("smtp_security")).strip().lower()
        if security not in SECURITY:
            raise ValueError(f"PRESSLENS_SMTP_SECURITY={security!r}; valid: {sorted(SECURITY)}")
        port = int(settings.get("smtp_port")) or SECURITY[security]
        return cls(host=str(settings.get("smtp_host")), port=port, security=security,
                   user=str(settings.get("smtp_user")),
                   password=str(settings.get("smtp_password")),
                   timeout_s=float(settings.get("fetch_timeout_s")))


def send(message: EmailMessage, *, server: Smtp) -> None:
    """Send `message` (its From, To, Subject set) through `server`; MailError says why not."""
    try:
        if server.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                server.host, server.port, timeout=server.timeout_s,
                context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=server.timeout_s)
        with client:
            if server.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if server.user:
                client.login(server.user, server.password)
            client.send_message(message)
    except smtplib.SMTPException as err:
        raise MailError(f"SMTP {server.host}:{server.port}: {err}") from None
    except OSError as err:  # refused, unreachable, timed out, bad certificate
        raise MailError(f"SMTP {server.host}:{server.port}: {type(err).__name__}: {err}"
                        ) from None
