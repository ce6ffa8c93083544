"""Questions about topics: taxonomy topics by frequency; words, phrases, topics mined from texts."""

from __future__ import annotations

import pandas as pd

from analysis import schema
from analysis.query.articles import article_texts
from analysis.query.filters import Filters, facts_sql
from analysis.query.source import Source, answer, connection
from analysis.store.mined import KEYWORDS_TOP, N_TOPICS, TEXT_SAMPLE, fingerprint, stored

WARM_TEXTS = 20_000  # texts counted ahead (analysis.enrich.term_counts keeps as many)


def topic_frequencies(source: Source, filters: Filters | None = None) -> pd.DataFrame:
    """Taxonomy topics by how many articles have them.

    Columns: topic, articles (articles tagged), hits (keyword hits in them), share (articles
    over all articles that pass `filters`, 0..1). Most frequent first.
    """
    con = connection(source)
    where, params = facts_sql(con, filters)
    total = con.execute(f"SELECT count(*) FROM facts_articles f WHERE {where}",
                        params).fetchall()[0][0]
    frame = answer(con, f"""
        SELECT topic, count(*) AS {schema.ARTICLES}, sum(hits) AS {schema.HITS},
               count(*) / {max(total, 1)} AS {schema.SHARE}
        FROM facts_topics f WHERE {where} GROUP BY topic
        ORDER BY {schema.ARTICLES} DESC, {schema.HITS} DESC, topic""", params)
    return frame.astype({schema.ARTICLES: "int64", schema.HITS: "int64", schema.SHARE: "float64"})


def keywords(source: Source, filters: Filters | None = None, *, top: int = 30,
             ngram_range: tuple[int, int] = (1, 3), sample: int = TEXT_SAMPLE) -> pd.DataFrame:
    """The most frequent words and phrases of the `sample` newest matching articles, without
    stop words (see `analysis.enrich.keywords`).

    Columns: term, n_words, count (occurrences), articles (articles containing it). With the
    dashboard's options (top 40) and filters that keep the store's newest texts (no filter,
    its only source…), the answer the store mined when it was last written, if those texts
    are still the ones it mined (`analysis.store.mined`).
    """
    from analysis.enrich.keywords import keywords as mine  # scikit-learn: only when asked

    con = connection(source)
    if (top, ngram_range, sample) == (KEYWORDS_TOP, (1, 3), TEXT_SAMPLE):
        kept = stored(con, "keywords", *facts_sql(con, filters))
        if kept is not None:
            return kept
    return mine(article_texts(con, filters, limit=sample), top=top, ngram_range=ngram_range)


def discovered_topics(source: Source, filters: Filters | None = None, *, n_topics: int = 10,
                      sample: int = TEXT_SAMPLE) -> pd.DataFrame:
    """Topics found by NMF over TF-IDF in the `sample` newest matching articles, each named by
    its top terms (see `analysis.enrich.topics.discover_topics`). Columns: label, terms,
    weight. With 10 topics and filters that keep the store's newest texts, the answer the store
    mined when it was last written, if those texts are still the ones it mined
    (`analysis.store.mined`)."""
    from analysis.enrich.topics import discover_topics  # scikit-learn: only when asked

    con = connection(source)
    if (n_topics, sample) == (N_TOPICS, TEXT_SAMPLE):
        kept = stored(con, "topics", *facts_sql(con, filters))
        if kept is not None:
            return kept
    _, terms = discover_topics(article_texts(con, filters, limit=sample), n_topics=n_topics)
    return terms


def count_texts(source: Source, filters: Filters | None = None, *,
                limit: int = WARM_TEXTS) -> tuple[int, int]:
    """Count the terms of the `limit` newest texts now, for both `keywords` and
    `discovered_topics`, so that this process's later minings of any filters among them
    tokenise nothing (analysis.enrich.term_counts). The dashboard's mining process does it once
    a store is first asked about: its memory then grows in that warm-up, not as users pick
    new filters. Returns how many texts each of the two holds counts of."""
    # scikit-learn: only when asked
    from analysis.enrich.keywords import count_texts as count_terms
    from analysis.enrich.topics import count_texts as count_tokens

    texts = article_texts(connection(source), filters, limit=limit)
    return count_terms(texts), count_tokens(texts)


def mined_texts(source: Source, filters: Filters | None = None, *,
                sample: int = TEXT_SAMPLE) -> str:
    """What `keywords` and `discovered_topics` mine for `filters`, as one fingerprint (the ids
    and content hashes of the `sample` newest matching articles): two filter sets with the
    same fingerprint have the same answers."""
    con = connection(source)
    return fingerprint(con, *facts_sql(con, filters), limit=sample)
