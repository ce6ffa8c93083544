"""Keyword in context: each match of the search in the matching articles, with the words around
it (a concordance, as Voyant's KWIC), sortable by the word before or after the match."""

from __future__ import annotations

import re

import pandas as pd

from analysis.errors import check_choice, check_positive
from analysis.query.articles import article_texts
from analysis.query.filters import Filters
from analysis.query.highlight import search_spans
from analysis.query.source import Source

ORDERS = ("before", "after", "date")
_WORD = re.compile(r"\S+")


def keyword_in_context(source: Source, filters: Filters | None = None, *, words: int = 6,
                       articles: int = 200, order: str = "before") -> pd.DataFrame:
    """One row per match of `filters.search` in the newest `articles` matching articles: the
    article (id, title, date), where the match is (`field`: "title" or "text", as a search
    term without a field looks in both), `words` words `before` and `after` the `match`,
    sorted by the word right before the match (then the one before it...), the word right
    after, or date."""
    check_choice("order", order, ORDERS)
    check_positive("words", words)
    filters = filters or Filters()
    rows = []
    if filters.search.strip():
        texts = article_texts(source, filters, limit=articles)
        for row in texts.itertuples(index=False):
            for field, text in (("title", row.title or ""), ("text", row.text or "")):
                for start, end in search_spans(text, filters.search,
                                               field="title" if field == "title" else None):
                    rows.append({"article_id": row.article_id, "title": row.title,
                                 "published_at": row.published_at, "field": field,
                                 "before": " ".join(_WORD.findall(text[:start])[-words:]),
                                 "match": text[start:end],
                                 "after": " ".join(_WORD.findall(text[end:])[:words])})
    frame = pd.DataFrame(rows, columns=["article_id", "title", "published_at", "field",
                                        "before", "match", "after"])
    return _sorted(frame, order)


def _sorted(frame: pd.DataFrame, order: str) -> pd.DataFrame:
    if frame.empty or order == "date":
        return frame.reset_index(drop=True)
    if order == "before":  # by the nearest word first, as a concordance reads leftwards
        keys = frame["before"].map(lambda s: " ".join(reversed(s.lower().split())))
    else:
        keys = frame["after"].str.lower()
    return frame.assign(_key=keys).sort_values(["_key", "published_at"], kind="stable",
                                               ascending=[True, False]).drop(columns="_key") \
        .reset_index(drop=True)
