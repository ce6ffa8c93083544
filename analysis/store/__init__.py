"""The store: one DuckDB file with the articles, their enrichment, rejects, ingest history and
the query tables the dashboard aggregates.

    database  opening it (one writer, waiting readers, schema versions), transactions, meta
    rows      writing a batch, adding or replacing enrichment, reading articles back
    facts     the per-article query tables, kept in step with every write
    mined     the whole store's text mining (keywords, NMF topics), worked out as an ingest ends
    enriched  an Analysis to and from the store; re-enriching what went stale
    ingest    files → load → clean → enrich → one atomic write (`ingest.ingest`)
    cluster   the same on a Dask cluster
    backup    consistent copies and atomic restores
"""

from analysis.store.database import (
    READ_WAIT_S,
    StoreError,
    connect,
    default_path,
    get_meta,
    locked,
    quote,
    run,
    transaction,
    version,
    writer,
)
from analysis.store.rows import (
    IngestSummary,
    add_tables,
    get_article,
    read_articles,
    read_table,
    replace_tables,
    stats,
    unseen,
    write_batch,
)

__all__ = ["READ_WAIT_S", "IngestSummary", "StoreError", "add_tables", "connect",
           "default_path", "get_article", "get_meta", "locked", "quote", "read_articles",
           "read_table", "replace_tables", "run", "stats", "transaction", "unseen", "version",
           "write_batch", "writer"]


def __getattr__(name: str) -> object:
    # reading an Analysis needs the pipeline (TextBlob, scikit-learn: about 2 s to import),
    # which the dashboard never does: loaded when first asked for
    if name == "read_analysis":
        from analysis.store.enriched import read_analysis

        return read_analysis
    raise AttributeError(f"module 'analysis.store' has no attribute {name!r}")
