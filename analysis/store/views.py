"""Saved views: a named link (filters, compared sets, page) kept in the store for the team."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from analysis.store.database import StoreError, run, writer

NAME_LIMIT = 80  # characters of a view's name
WRITE_WAIT_S = 10.0  # a dashboard user waits this long for an ingest to let go of the store


def list_views(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every saved view: name, link (URL query string), saved_by, saved_at; by name."""
    try:
        return con.execute("SELECT name, link, saved_by, saved_at FROM saved_views "
                           "ORDER BY lower(name), name").df()
    except duckdb.CatalogException:  # a store written before saved views: none yet
        return pd.DataFrame(columns=["name", "link", "saved_by", "saved_at"])


def view_link(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The link of the view called `name`, or None when there is none."""
    views = list_views(con)
    found = views.loc[views["name"] == name, "link"]
    return str(found.iloc[0]) if len(found) else None


def save_view(path: str | Path, name: str, link: str, *, by: str | None = None,
              replace: bool = False) -> None:
    """Save `link` under `name` (a new name, unless `replace`)."""
    name = _checked(name)
    with writer(path, timeout=WRITE_WAIT_S) as con:
        exists = view_link(con, name) is not None
        if exists and not replace:
            raise StoreError(f"a view called {name!r} exists already; choose another name")
        run(con, "INSERT OR REPLACE INTO saved_views VALUES (?, ?, ?, ?)",
            [name, link, by, datetime.now(UTC)])


def rename_view(path: str | Path, old: str, new: str) -> None:
    """Give the view `old` the name `new` (which must be free)."""
    new = _checked(new)
    with writer(path, timeout=WRITE_WAIT_S) as con:
        if view_link(con, old) is None:
            raise StoreError(f"there is no view called {old!r}")
        if new != old and view_link(con, new) is not None:
            raise StoreError(f"a view called {new!r} exists already; choose another name")
        run(con, "UPDATE saved_views SET name = ? WHERE name = ?", [new, old])


def delete_view(path: str | Path, name: str) -> None:
    """Delete the view `name` (nothing else changes)."""
    with writer(path, timeout=WRITE_WAIT_S) as con:
        run(con, "DELETE FROM saved_views WHERE name = ?", [name])


def _checked(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise StoreError("a view needs a name")
    if len(name) > NAME_LIMIT:
        raise StoreError(f"a view's name is at most {NAME_LIMIT} characters, not {len(name)}")
    return name
