"""Frequent words and phrases of a set of articles, without stop words or news-wire filler."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import numpy as np
import pandas as pd

from analysis.enrich.term_counts import TermCounts
from analysis.schema import (
    ARTICLE_ID,
    ARTICLES,
    COUNT,
    KEYWORD_COLUMNS,
    N_WORDS,
    TERM,
    TEXT,
    TITLE,
    conform,
)

# words every wire story repeats that say nothing about its subject
NEWS_FILLER = frozenset((
    "said", "says", "say", "saying", "told", "tells", "tell", "added", "adding", "according",
    "reported", "reports", "report", "reuters", "reuter", "ap", "afp", "mr", "mrs", "ms", "dr",
    "also", "just", "like", "including", "year", "years", "week", "weeks", "month", "months",
    "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mln", "dlrs", "dlr", "pct", "cts", "vs", "shr",
    "shrs", "qtr", "avg", "revs", "billion", "million", "thousand", "percent", "per", "cent",
    "ago", "later", "earlier", "time", "way", "used", "use", "make", "made", "did", "does",
    "doing", "done",
))


@functools.cache
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words and the news filler (scikit-learn is imported when
    first asked: the dashboard's charts need this module's column names, not its 1 s import)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS | NEWS_FILLER)



# a phrase never runs across punctuation or a number; "U.S." stays one token
_TOKEN = re.compile(
    r"(?P<abbr>(?:[^\W\d_]\.){2,})"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<stop>\d[\d.,]*|[.,;:!?()\[\]{}\"“”«»…—–|/]|\s-\s)"
)
# the only stop words a phrase may have inside it ("bank of england", "bed and breakfast")
_JOINERS = frozenset({"of", "and", "for", "the", "de"})
# a phrase whose own occurrences are fewer than this share of its count, the rest being inside
# longer listed phrases, is left out as redundant ("minister" beside "prime minister")
_OWN_SHARE = 0.25


def keywords(articles: pd.DataFrame, *, top: int = 30,
             ngram_range: tuple[int, int] = (1, 3)) -> pd.DataFrame:
    """The `top` most frequent words and phrases of the articles' titles and texts.

    A phrase occurs at least twice, neither starts nor ends with a stop word, has no stop word
    inside but "of", "and", "for", "the", "de", and never crosses punctuation or a number
    ("bank of england" counts, "of the" does not). A word or phrase found mostly inside longer
    listed phrases is left out. `count` is occurrences, `articles` how many contain it.
    Each text's terms are counted once per process (`analysis.enrich.term_counts`): asked again
    of texts it has seen (another filter set of the same store), it sums their counts.
    """
    low, high = ngram_range
    if top < 1 or not 1 <= low <= high:
        raise ValueError(f"top={top} must be >= 1 and ngram_range={ngram_range} must be "
                         "(low, high) with 1 <= low <= high")
    rows = _counter(low, high).rows(_documents(articles))
    counts, present = rows.totals()
    n_words = rows.n_words[:len(counts)].astype(np.int64)
    candidates = np.flatnonzero((counts > 0) & ((n_words == 1) | (counts >= 2)))
    if len(candidates) > top * 4:  # only the top * 4 most frequent are ranked (and their ties)
        least = np.partition(counts[candidates], len(candidates) - top * 4)[-top * 4]
        candidates = candidates[counts[candidates] >= least]
    frame = pd.DataFrame({TERM: [rows.terms[j] for j in candidates], COUNT: counts[candidates],
                          ARTICLES: present[candidates], N_WORDS: n_words[candidates]})
    frame = frame.sort_values([COUNT, ARTICLES, N_WORDS, TERM],
                              ascending=[False, False, False, True], kind="stable")
    kept = _drop_redundant(frame.head(top * 4)).head(top)
    return conform(kept, KEYWORD_COLUMNS, name="keywords")


def count_texts(articles: pd.DataFrame, *, ngram_range: tuple[int, int] = (1, 3)) -> int:
    """Count the candidate terms of the articles' titles and texts now, as `keywords` would,
    so that later keywords of any of them are sums (a mining process warming up). Returns
    how many texts this process holds counts of."""
    counter = _counter(*ngram_range)
    counter.rows(_documents(articles))
    return len(counter)


@functools.cache
def _counter(low: int, high: int) -> TermCounts:
    """Each text's candidate terms, counted once per process (`analysis.enrich.term_counts`):
    the keywords of a set of texts are the sums of their rows."""
    return TermCounts(functools.partial(candidate_terms, ngram_range=(low, high)))


def _documents(articles: pd.DataFrame) -> list[str]:
    if TEXT not in articles.columns:
        raise ValueError(f"articles: missing column {TEXT!r}; need {[ARTICLE_ID, TEXT]}")
    texts = articles[TEXT].where(articles[TEXT].notna(), "").astype(str)
    if TITLE not in articles.columns:
        return texts.tolist()
    titles = articles[TITLE].where(articles[TITLE].notna(), "").astype(str)
    return [f"{t}.\n\n{x}" for t, x in zip(titles, texts, strict=True)]


def _clauses(text: str) -> Iterator[list[str]]:
    """Runs of lower-cased words between punctuation marks and numbers."""
    clause: list[str] = []
    for abbr, word, _ in _TOKEN.findall(text.lower().replace("’", "'")):
        if abbr or word:
            token = abbr or word
            clause.append(token[:-2] if token.endswith("'s") else token)
        elif clause:
            yield clause
            clause = []
    if clause:
        yield clause


def candidate_terms(text: str, *, ngram_range: tuple[int, int] = (1, 3)) -> list[str]:
    """Every word and phrase of `text` that may be a keyword (see `keywords`), in order."""
    (low, high), grams, stop_list = ngram_range, [], stop_words()
    for clause in _clauses(text):
        stop = [len(w) < 2 or w in stop_list for w in clause]
        blocks = [s and w not in _JOINERS for w, s in zip(clause, stop, strict=True)]
        for i in range(len(clause)):
            if stop[i]:
                continue
            if low == 1:
                grams.append(clause[i])
            for j in range(i + 1, min(len(clause), i + high)):
                if j > i + 1 and blocks[j - 1]:  # this stop word ends every longer phrase too
                    break
                if not stop[j] and j - i + 1 >= low:
                    grams.append(" ".join(clause[i:j + 1]))
    return grams


def _drop_redundant(frame: pd.DataFrame) -> pd.DataFrame:
    """Leave out terms that occur mostly inside longer terms of the same list."""
    counts = dict(zip(frame[TERM], frame[COUNT], strict=True))
    inside = dict.fromkeys(counts, 0)
    for term, count in counts.items():
        for other in counts:
            if other != term and f" {other} " in f" {term} ":
                inside[other] += count
    keep = [counts[t] - inside[t] >= _OWN_SHARE * counts[t] for t in frame[TERM]]
    return frame.loc[keep]
