"""What the quote tests share: the quotes found in one text."""

from __future__ import annotations

import pandas as pd

from analysis.enrich.actors import find_mentions
from analysis.enrich.quotes import find_quotes
from analysis.schema import ARTICLE_ID, TEXT


def quotes_of(text: str, actors: pd.DataFrame) -> pd.DataFrame:
    articles = pd.DataFrame([{ARTICLE_ID: "a", TEXT: text}])
    return find_quotes(articles, find_mentions(articles, pd.DataFrame(), actors=actors))
