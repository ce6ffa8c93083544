"""PressLens analysis: load, clean, store and analyse news articles as pandas DataFrames."""

from analysis.articles import Batch, load_articles, read_batch

__all__ = ["Batch", "load_articles", "read_batch"]
