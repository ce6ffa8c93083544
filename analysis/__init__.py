"""PressLens analysis: load, clean, store and analyse news articles as pandas DataFrames."""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.analyze import Analysis, analyze
    from analysis.articles import Batch, load_articles, read_batch

__all__ = ["Analysis", "Batch", "analyze", "load_articles", "read_batch"]

# imported when first used: `from analysis import store` (the dashboard) need not load the
# enrichment's models and scikit-learn (about 2 s)
_HOME = {"Analysis": "analysis.analyze", "analyze": "analysis.analyze",
         "Batch": "analysis.articles", "load_articles": "analysis.articles",
         "read_batch": "analysis.articles"}


def __getattr__(name: str) -> object:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


class _Package(types.ModuleType):
    """`analysis.analyze` stays the function: importing the submodule of the same name (as
    `analysis.ingest` does) would otherwise bind the package attribute to the module."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _HOME and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
