"""Tests for analysis.enrich.term_counts, and for the mining that uses it: each text's terms
counted once per process, and `keywords` / `discover_topics` the same as when every text is
tokenised afresh (tests/enrich/mining_oracle.py), on real Reuters data, whatever was seen
before."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from analysis import query, store
from analysis.enrich.keywords import candidate_terms, keywords
from analysis.enrich.term_counts import TermCounts
from analysis.enrich.topics import discover_topics
from analysis.query import Filters
from analysis.schema import ARTICLE_ID, ARTICLES, COUNT, N_WORDS, TERM, TEXT, TITLE
from tests.enrich import mining_oracle

# filter sets of the store of reut2-000: none (the store's newest), a taxonomy topic, an actor,
# a search, a two-week range, an actor and a topic, a handful of texts, and none at all
FILTER_SETS = [Filters(), Filters(topics=("trade",)), Filters(actors=("Japan",)),
               Filters(search="oil"), Filters(start=dt.date(1987, 3, 1), end=dt.date(1987, 3, 14)),
               Filters(actors=("United States",), topics=("economy",)),
               Filters(search="wheat AND sorghum"), Filters(search="nosuchwordanywhere")]


def words(text: str) -> list[str]:
    return text.split()


def row_counts(rows, i: int) -> dict[str, int]:
    span = slice(rows.starts[i], rows.starts[i + 1])
    return {rows.terms[j]: int(n) for j, n in zip(rows.ids[span], rows.counts[span],
                                                  strict=True)}


def test_rows_are_each_documents_counts_in_order_of_first_occurrence():
    docs = ["b a b c", "", "c c d", "b a b c"]
    rows = TermCounts(words).rows(docs)
    for i, doc in enumerate(docs):
        assert row_counts(rows, i) == Counter(doc.split())
        assert list(row_counts(rows, i)) == list(dict.fromkeys(doc.split()))
    counts, present = rows.totals()
    assert dict(zip(rows.terms, counts.tolist(), strict=True)) == {"b": 4, "a": 2, "c": 4, "d": 1}
    assert dict(zip(rows.terms, present.tolist(), strict=True)) == {"b": 2, "a": 2, "c": 3, "d": 1}


def test_a_text_is_tokenised_once_and_a_changed_text_anew():
    seen: list[str] = []

    def tokenize(text: str) -> list[str]:
        seen.append(text)
        return text.split()

    counter = TermCounts(tokenize)
    counter.rows(["a b", "c"])
    rows = counter.rows(["c", "a b", "a  b"])  # the third differs in a space: another text
    assert seen == ["a b", "c", "a  b"]
    assert [row_counts(rows, i) for i in range(3)] == [{"c": 1}, {"a": 1, "b": 1},
                                                       {"a": 1, "b": 1}]


def test_the_memory_is_bounded_and_rows_handed_out_stay_valid():
    counter = TermCounts(words, max_docs=2, max_terms=5)
    first = counter.rows(["a b", "c d"])
    counter.rows(["e"])  # "a b", the least recently used, goes
    assert len(counter) == 2
    again = counter.rows(["f g h"])  # past 5 terms: all forgotten, counted anew
    assert again.terms == ["f", "g", "h"]
    assert row_counts(first, 0) == {"a": 1, "b": 1}  # the old rows still read
    big = counter.rows(["x", "y", "z"])  # one ask larger than the bound is kept whole
    assert [row_counts(big, i) for i in range(3)] == [{"x": 1}, {"y": 1}, {"z": 1}]


def test_keywords_with_no_words_is_empty_as_before():
    empty = keywords(pd.DataFrame({ARTICLE_ID: ["a"], TITLE: [""], TEXT: ["the of 12"]}))
    assert empty.empty and list(empty.columns) == [TERM, N_WORDS, COUNT, ARTICLES]


@pytest.fixture(scope="module")
def reuters_texts(reuters_one_file) -> list[pd.DataFrame]:
    """The texts the dashboard mines for each of FILTER_SETS."""
    with store.connect(reuters_one_file) as con:
        return [query.article_texts(con, filters) for filters in FILTER_SETS]


@pytest.mark.corpora
@pytest.mark.parametrize("top", [40, 5])
def test_keywords_are_the_fresh_counts_for_every_filter_set_in_any_order(reuters_texts, top):
    """Every filter set asked twice over, forwards then backwards: the answers never depend on
    which texts were counted before."""
    oracle = [mining_oracle.keywords(texts, candidate_terms, top=top) for texts in reuters_texts]
    assert len(reuters_texts[0]) > 900 and sum(len(t) == 0 for t in reuters_texts) == 1
    for i in [*range(len(reuters_texts)), *reversed(range(len(reuters_texts)))]:
        got = mining_oracle.as_rows(keywords(reuters_texts[i], top=top))
        assert got == oracle[i], FILTER_SETS[i]


@pytest.mark.corpora
def test_every_count_is_the_fresh_count(reuters_texts):
    """Not only the top: each term's occurrences and articles, for the whole store's texts."""
    texts = reuters_texts[0]
    expected = mining_oracle.keyword_counts(texts, candidate_terms)
    counter = TermCounts(candidate_terms)
    counter.rows([f"{t}.\n\n{x}" for t, x in zip(texts[TITLE].fillna(""), texts[TEXT].fillna(""),
                                                  strict=True)][::2])  # half seen before
    rows = counter.rows([f"{t}.\n\n{x}" for t, x in zip(texts[TITLE].fillna(""),
                                                        texts[TEXT].fillna(""), strict=True)])
    counts, present = rows.totals()
    got = pd.DataFrame({TERM: rows.terms, COUNT: counts, ARTICLES: present})
    got = got.sort_values(TERM).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected[[TERM, COUNT, ARTICLES]], check_dtype=False)


@pytest.mark.corpora
def test_discovered_topics_are_those_of_texts_tokenised_afresh(reuters_texts):
    for filters, texts in zip(FILTER_SETS, reuters_texts, strict=True):
        if texts.empty:
            assert discover_topics(texts, n_topics=10)[1].empty
            continue
        for _ in range(2):  # the second time from tokens counted before
            terms = discover_topics(texts, n_topics=10)[1]
            got = list(zip(terms["label"], terms["terms"], terms["weight"], strict=True))
            expected = mining_oracle.topic_terms(texts, n_topics=10)
            assert [(label, t) for label, t, _ in got] == [(label, t) for label, t, _ in
                                                           expected], filters
            assert np.allclose([w for *_, w in got], [w for *_, w in expected],
                               rtol=1e-12, atol=0), filters
