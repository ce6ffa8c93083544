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
    Setting("page_size", 50, "Articles listed per page in the dashboard."),
    Setting("workers", 0,
            "Processes that enrich a large batch (2000 articles or more) in parallel; 0 means "
            "one per CPU core, 1 keeps enrichment in one process."),
    Setting("slow_run_s", 0.0,
            "Log each dashboard page run that takes at least this many seconds (its page and "
            "time, to the server's log), to find slow pages on a team server; 0 logs none."),
    Setting("open_access", "local",
            "Who may use a dashboard with no [auth] login in secrets.toml: 'local' (browsers "
            "on this machine only) or 'anyone' (every visitor reads and uploads)."),
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
