"""The pipeline: every enrichment step over an article table, in one process or several.

`analyze(articles)` returns an `Analysis`, the tidy tables of what was found; the store
(`analysis.store`) keeps them and `analysis.query` asks questions of either.
"""

from analysis.pipeline.enrichment import (
    ANALYZED_ARTICLE_COLUMNS,
    PARALLEL_FROM,
    Analysis,
    analyze,
    complete_articles,
    default_workers,
    enrich_each,
    readable,
    word_count,
)

__all__ = ["ANALYZED_ARTICLE_COLUMNS", "PARALLEL_FROM", "Analysis", "analyze",
           "complete_articles", "default_workers", "enrich_each", "readable", "word_count"]
