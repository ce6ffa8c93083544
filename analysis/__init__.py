"""PressLens analysis: load, clean, enrich, store and query news articles as pandas DataFrames.

The stages, each a subpackage that imports only from the ones before it:

    load → clean → enrich → pipeline → store → query → figures      (evaluate scores them)

The names below are the notebook's starting points; each stage's `__init__` lists the rest.
They are imported when first used, so `from analysis import store` (the dashboard) does not pay
for the enrichment's models and scikit-learn (about 2 s).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.clean import Batch, load_articles, read_batch
    from analysis.pipeline import Analysis, analyze
    from analysis.query import Filters
    from analysis.store.ingest import ingest

__all__ = ["Analysis", "Batch", "Filters", "analyze", "ingest", "load_articles", "read_batch"]

_HOME = {"Analysis": "analysis.pipeline", "analyze": "analysis.pipeline",
         "Batch": "analysis.clean", "load_articles": "analysis.clean",
         "read_batch": "analysis.clean", "Filters": "analysis.query.filters",
         "ingest": "analysis.store.ingest"}


def __getattr__(name: str) -> object:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
