"""PressLens analysis: load, clean, store and analyse news articles as pandas DataFrames."""

from analysis.analyze import Analysis, analyze
from analysis.articles import Batch, load_articles, read_batch

__all__ = ["Analysis", "Batch", "analyze", "load_articles", "read_batch"]
