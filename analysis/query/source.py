"""What a question is asked of: a store connection, or an in-memory Analysis held in DuckDB.

Every question in `analysis.query` is one SQL query over the store's query tables
(`analysis.store.facts`). A notebook's `Analysis` (or any object or mapping with its tables) is
loaded into an in-memory DuckDB database of the same shape, built once per Analysis, so a
notebook and the dashboard get their answers from the same code.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Mapping
from typing import Any

import duckdb
import pandas as pd

from analysis import schema
from analysis.store import database, facts

Source = Any  # a DuckDB connection to a store, an Analysis, or a mapping of table name → frame

_TABLES = ("articles", *schema.ENRICHMENT_TABLES)
_MEMORY: weakref.WeakKeyDictionary[Any, duckdb.DuckDBPyConnection] = weakref.WeakKeyDictionary()


def connection(source: Source) -> duckdb.DuckDBPyConnection:
    """A connection whose query tables hold `source`: the store connection itself, or an
    in-memory copy of an Analysis's (or mapping's) tables, kept as long as the Analysis."""
    if isinstance(source, duckdb.DuckDBPyConnection):
        return source
    try:
        return _MEMORY[source]
    except (KeyError, TypeError):  # not seen yet, or a mapping (not weakly referable)
        pass
    con = in_memory({name: _table(source, name) for name in _TABLES})
    with contextlib.suppress(TypeError):
        _MEMORY[source] = con
    return con


def _table(source: Source, name: str) -> pd.DataFrame | None:
    if name == "scores":  # an Analysis keeps its scores on its article table
        name = "articles"
    frame = source.get(name) if isinstance(source, Mapping) else getattr(source, name, None)
    if name == "articles" and not isinstance(frame, pd.DataFrame):
        raise ValueError(f"no 'articles' table in {type(source).__name__}; a question needs a "
                         "store connection, an Analysis, or a mapping of its tables (articles, "
                         "sentences, mentions, topics, quotes, events)")
    return frame if isinstance(frame, pd.DataFrame) else None


def in_memory(tables: Mapping[str, pd.DataFrame | None]) -> duckdb.DuckDBPyConnection:
    """An in-memory store holding `tables` (missing tables and columns taken as empty),
    with its query tables built."""
    con = duckdb.connect(":memory:")
    database.run(con, "SET TimeZone = 'UTC'")
    database.create(con)
    frames = {"articles": (_complete(tables["articles"], schema.ARTICLE_COLUMNS, "articles"),
                           schema.ARTICLE_COLUMNS)}
    for name, columns in schema.ENRICHMENT_TABLES.items():
        frames[name] = (_complete(tables.get(name), columns, name), columns)
    with database.transaction(con, {f"new_{name}": pair for name, pair in frames.items()}):
        for name in frames:
            database.run(con, f"INSERT INTO {name} SELECT * FROM new_{name}")
        facts.refresh(con, "SELECT article_id FROM articles")
    return con


def _complete(frame: pd.DataFrame | None, columns: Mapping[str, str], name: str) -> pd.DataFrame:
    """`frame` with every column of `columns` (those it lacks empty), typed."""
    frame = pd.DataFrame() if frame is None else frame
    filled = frame.assign(**{column: [schema.empty_value(kind)] * len(frame)
                             for column, kind in columns.items() if column not in frame})
    return schema.conform(filled, columns, name=name)


def answer(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    """The rows of `sql` as a frame."""
    return con.execute(sql, params).df()
