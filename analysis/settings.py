"""The one table of PressLens settings: default, help text, PRESSLENS_* environment override."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """One setting; `env` names the environment variable that overrides `default`."""

    name: str
    default: str | int | float
    help: str

    @property
    def env(self) -> str:
        return f"PRESSLENS_{self.name.upper()}"


# The default of setting parallel_from: below this many articles one process enriches faster
# than several: starting the fork server (it imports pandas, TextBlob, VADER, Punkt,
# scikit-learn: ~2 s) and the workers costs what 2 cores gain on about 1,500 articles
# (measured before TextBlob and VADER got cheaper, by the --break-even mode of
# bench/enrich_vs_naive.py as of commit a8ed7d3)
PARALLEL_FROM = 2000
MIB = 1024 * 1024  # the unit of the *_mb settings

SETTINGS: tuple[Setting, ...] = (
    Setting("store", "presslens.duckdb",
            "Path of the DuckDB store that `ingest` writes and the dashboard reads."),
    Setting("max_file_mb", 200,
            "Largest input file (or archive member) read, in MiB; larger ones are rejected."),
    Setting("max_archive_mb", 2048,
            "Largest total uncompressed size of one .zip archive, in MiB (zip-bomb guard)."),
    Setting("max_archive_ratio", 200,
            "Largest compression ratio of a .zip member before it is rejected as a zip bomb."),
    Setting("max_archive_members", 100_000,
            "Most members read from one .zip archive."),
    Setting("max_field_chars", 1_000_000,
            "Longest field of one article (its text included), in characters; a record with a "
            "longer one is rejected before it is cleaned (a news story has under 100,000)."),
    Setting("lock_timeout_s", 600.0,
            "Seconds an ingest waits for another ingest into the same store before giving up."),
    Setting("actors_file", "",
            "Your own actors file (YAML or CSV), merged over the built-in one; empty for none."),
    Setting("topics_file", "",
            "Your own topic taxonomy (YAML), used instead of the built-in one; empty for none."),
    Setting("dayfirst_sources", "",
            "Sources (comma-separated names, any case) whose numeric dates like 12/06/1987 are "
            "day first (12 June); others are read month first, unless ingest is given "
            "--dayfirst or --monthfirst."),
    Setting("page_size", 50, "Articles listed per page in the dashboard."),
    Setting("workers", 0,
            "Processes that enrich a large batch (setting parallel_from) in parallel; 0 means "
            "one per CPU core, 1 keeps enrichment in one process."),
    Setting("parallel_from", PARALLEL_FROM,
            "Fewest new articles that an ingest shares among worker processes (setting "
            "workers); a smaller batch is enriched in one process, where starting workers costs "
            "more than they gain on 2 cores (with more cores it pays off sooner)."),
    Setting("slow_run_s", 0.0,
            "Log each dashboard page run that takes at least this many seconds (its page and "
            "time, to the server's log), to find slow pages on a team server; 0 logs none."),
    Setting("open_access", "local",
            "Who may use a dashboard with no [auth] login in secrets.toml: 'local' (the person "
            "who started it: a browser on this machine that opened the address with its access "
            "token) or 'anyone' (every visitor reads and uploads)."),
    Setting("local_token", "",
            "The access token of a dashboard with no login (open_access 'local'), at least 16 "
            "characters; empty: a new random one at every start, printed with the address."),
    Setting("max_upload_session_mb", 512,
            "Most MiB of uploads the dashboard server holds in memory for one session."),
    Setting("max_upload_total_mb", 1024,
            "Most MiB of uploads the dashboard server holds in memory for all sessions."),
    Setting("ingest_memory_mb", 2048,
            "Most memory (resident, MiB) an ingest started from the dashboard's Upload page may "
            "use; it runs in a process of its own, stopped past this, storing nothing."),
    Setting("login_max_age_h", 12.0,
            "Hours a dashboard login lasts before its owner must log in again (with [auth])."),
    Setting("contact", "",
            "How a site's operator reaches whoever runs `presslens watch` (an e-mail address or "
            "a web page), sent in its User-Agent; set it before watching others' feeds."),
    Setting("fetch_timeout_s", 20.0,
            "Seconds one web request of `presslens watch` may take in all (connecting, waiting "
            "and reading), redirects apart; a slower answer fails and is retried."),
    Setting("fetch_retries", 2,
            "Further tries of a web request after a timeout, a dropped connection or an answer "
            "429, 500, 502, 503 or 504, waiting longer each time (setting fetch_backoff_s)."),
    Setting("fetch_backoff_s", 2.0,
            "Seconds before the first retry of a failed web request; doubled at each next one."),
    Setting("retry_after_max_s", 120.0,
            "Longest Retry-After (seconds) a request waits out before trying again; a site "
            "asking for longer is left alone until then, its feed marked as failing."),
    Setting("fetch_delay_s", 1.0,
            "Seconds between the starts of two requests to the same site."),
    Setting("fetch_per_site", 2,
            "Most requests `presslens watch` has open to one site at a time."),
    Setting("fetch_max_mb", 10,
            "Largest web answer read, in MiB, both as sent and decompressed (gzip-bomb guard)."),
    Setting("fetch_max_redirects", 5,
            "Most redirects followed for one request; a longer chain or a loop fails."),
    Setting("watch_every_min", 15.0,
            "Minutes between two polls of `presslens watch` (without --once)."),
    Setting("alert_webhook", "",
            "Address `presslens watch --alerts` POSTs each alert to, as JSON; empty for none."),
    Setting("alert_mail_to", "",
            "Addresses (comma-separated) `presslens watch --alerts` mails each alert to, "
            "through the SMTP server of the smtp_* settings; empty for none."),
    Setting("alert_mail_from", "presslens@localhost",
            "The From address of alert mails."),
    Setting("dashboard_url", "",
            "The dashboard's address as its users open it (e.g. https://presslens.example.org), "
            "for the links in alerts; empty: alerts give the Articles page's path only."),
    Setting("smtp_host", "localhost", "SMTP server that alert mails are sent through."),
    Setting("smtp_port", 0,
            "Its port; 0: 587 with smtp_security 'starttls', 465 with 'ssl', 25 with 'none'."),
    Setting("smtp_security", "starttls",
            "How the SMTP connection is secured: 'starttls', 'ssl' (TLS from the start) or "
            "'none' (a relay on this machine only)."),
    Setting("smtp_user", "", "SMTP login name; empty: no login."),
    Setting("smtp_password", "",
            "SMTP password (keep it in a file only the service reads, e.g. systemd's "
            "EnvironmentFile with mode 0600)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str | int | float:
    """The value of setting `name`: its environment override if set, else its default."""
    try:
        setting = _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown setting {name!r}; valid: {sorted(_BY_NAME)}") from None
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    kind = type(setting.default)
    try:
        return kind(raw)
    except ValueError:
        raise ValueError(
            f"{setting.env}={raw!r} is not a valid {kind.__name__} (default {setting.default!r})"
        ) from None
