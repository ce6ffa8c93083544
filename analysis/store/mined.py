"""The text mining of the whole store, worked out when a write ends: the frequent words and
phrases and the NMF topics of its TEXT_SAMPLE newest articles, so that the dashboard's most
common view (no filter) does not mine (about 2.3 CPU seconds on the Reuters store).

The answers are kept with the fingerprint of the texts they were mined from (the ids and
content hashes of those newest articles, in order). A reader takes them only while the store's
newest texts still have that fingerprint: a write that did not refresh them (removing
articles, an older PressLens) costs one mining, never a stale answer.

The same functions answer in `analysis.query` (`keywords`, `discovered_topics`) with these
options: its tests hold the stored answer to a fresh mining.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analysis.schema import KEYWORD_COLUMNS, conform
from analysis.store.database import connect, get_meta, run, set_meta, transaction

TEXT_SAMPLE = 3000  # the newest matching articles whose texts are mined (keywords, NMF topics)
KEYWORDS_TOP = 40  # what the stored keywords answer: `keywords(top=40)`, (1, 3)-word phrases
N_TOPICS = 10  # and the stored topics: `discover_topics(n_topics=10)`
_FINGERPRINT = "mined_fingerprint"  # its meta key
_TABLES = {"keywords": "mined_keywords", "topics": "mined_topics"}


def newest_texts(con: duckdb.DuckDBPyConnection, where: str = "TRUE", params: list | None = None,
                 *, limit: int = TEXT_SAMPLE) -> pd.DataFrame:
    """Id, title, text and time of up to `limit` articles of the facts table that pass `where`
    (SQL over `facts_articles f`, with `params`), newest first: what is mined."""
    return con.execute(
        f"WITH newest AS ({_newest(where)}) "
        "SELECT a.article_id, a.title, a.text, n.published_at FROM articles a "
        "JOIN newest n USING (article_id) "
        "ORDER BY n.published_at DESC NULLS LAST, a.article_id",
        [*(params or []), int(limit)]).df()


def _newest(where: str) -> str:
    """The matching articles' ids, newest first, up to a limit (the last parameter)."""
    return ("SELECT article_id, published_at FROM facts_articles f "
            f"WHERE {where} ORDER BY published_at DESC NULLS LAST, article_id LIMIT ?")


def fingerprint(con: duckdb.DuckDBPyConnection, where: str = "TRUE",
                params: list | None = None, *, limit: int = TEXT_SAMPLE) -> str:
    """The ids and content hashes of the `limit` newest articles that pass `where` (SQL over
    `facts_articles f`, with `params`; by default the whole store's TEXT_SAMPLE newest), as one
    md5: what a mining of them depends on."""
    return str(con.execute(
        f"WITH newest AS ({_newest(where)}) "
        "SELECT md5(coalesce(string_agg(n.article_id || ':' || coalesce(a.content_hash, ''), "
        "',' ORDER BY n.published_at DESC NULLS LAST, n.article_id), '')) "
        "FROM newest n JOIN articles a USING (article_id)",
        [*(params or []), int(limit)]).fetchall()[0][0])


def stored(con: duckdb.DuckDBPyConnection, what: str, where: str = "TRUE",
           params: list | None = None) -> pd.DataFrame | None:
    """The stored answer `what` ("keywords" or "topics") if it was mined from the very texts
    of the TEXT_SAMPLE newest articles that pass `where` (with `params`; by default the whole
    store's): a filter that keeps all of those (the one source of a store, a date range that
    holds them) has the store's answer. Else None (not stored, other texts, or the texts
    changed since)."""
    table = _TABLES[what]
    known = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                        [table]).fetchall()[0][0]
    if not known or get_meta(con, _FINGERPRINT) != fingerprint(con, where, params):
        return None
    from analysis.enrich.topics import DISCOVERED_TERM_COLUMNS  # scikit-learn: when asked

    columns = KEYWORD_COLUMNS if what == "keywords" else DISCOVERED_TERM_COLUMNS
    frame = con.execute(f"SELECT * EXCLUDE (rank) FROM {table} ORDER BY rank").df()
    return conform(frame, columns, name=f"stored {what}")


def mine(texts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The answers stored: keywords and discovered topics of `texts` (`newest_texts`)."""
    return _answers({what: run(texts, **options) for what, (run, options) in _steps().items()})


def _steps() -> dict[str, tuple[Callable[..., Any], dict[str, int]]]:
    """Each answer's function of the texts, and its options. They are analysis.enrich's, which
    a worker of the fork server (`analysis.processes`) has imported already."""
    from analysis.enrich.keywords import keywords  # scikit-learn: only when mining
    from analysis.enrich.topics import discover_topics

    return {"keywords": (keywords, {"top": KEYWORDS_TOP}),
            "topics": (discover_topics, {"n_topics": N_TOPICS})}


def _answers(found: dict[str, Any]) -> dict[str, pd.DataFrame]:
    return {**found, "topics": found["topics"][1]}  # (each article's topics, the topics' terms)


def refresh(path: str | Path) -> bool:
    """Mine the store's newest texts and keep the answers, unless those kept are still theirs;
    True when it mined. The caller holds the store's write lock (`database.locked`): the mining
    reads, and only the writing of its answers holds the database file."""
    with connect(path) as con:
        mining = begin(con)
    return keep(path, mining)


@dataclass(frozen=True)
class Mining:
    """A mining of a store's newest texts: their fingerprint, the texts, and the futures of
    the answers where a worker process mines them."""

    fingerprint: str
    texts: pd.DataFrame
    answers: dict[str, Future[Any]] | None = None


def begin(con: duckdb.DuckDBPyConnection, *, pool: Executor | None = None) -> Mining | None:
    """What must be mined of the newest texts `con` sees, None when the answers kept are still
    theirs; with `pool`, its worker starts mining them now. At the end of a write's
    transaction, the worker mines while the write commits and updates the search index."""
    now = fingerprint(con)
    if get_meta(con, _FINGERPRINT) == now:
        return None
    texts = newest_texts(con)
    try:
        answers = None if pool is None else {
            what: pool.submit(run, texts, **options) for what, (run, options) in _steps().items()}
    except BrokenExecutor:  # its worker died: `keep` mines here
        answers = None
    return Mining(now, texts, answers)


def keep(path: str | Path, mining: Mining | None) -> bool:
    """Store the answers of `mining` (mined here if no worker does) with its fingerprint; the
    caller holds the write lock, as when it began. True when there was something to mine."""
    if mining is None:
        return False
    try:
        answers = mine(mining.texts) if mining.answers is None else _answers(
            {what: future.result() for what, future in mining.answers.items()})
    except BrokenExecutor:  # the worker died (killed, out of memory): mine here instead
        answers = mine(mining.texts)
    with connect(path, read_only=False) as con, transaction(con, {}):
        for what, table in _TABLES.items():
            con.register("mined_answer", answers[what].assign(rank=range(len(answers[what]))))
            run(con, f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM mined_answer")
            con.unregister("mined_answer")
        set_meta(con, {_FINGERPRINT: mining.fingerprint})
    return True
