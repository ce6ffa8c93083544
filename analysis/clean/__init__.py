"""The clean stage: raw records → the article table (parts of pages found, text normalised,
dates parsed, languages detected, ids and hashes given, exact duplicates dropped)."""

from analysis.clean.articles import (
    Batch,
    build_batch,
    build_row,
    load_articles,
    read_batch,
    rejects_frame,
)
from analysis.clean.page import parse_page
from analysis.clean.story import clean_story

__all__ = ["Batch", "build_batch", "build_row", "clean_story", "load_articles", "parse_page",
           "read_batch", "rejects_frame"]
