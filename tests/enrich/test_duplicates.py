"""Near-duplicate clusters: syndicated copies of one story point at the first of them."""

import time

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from analysis import schema
from analysis.clean import read_batch
from analysis.enrich.duplicates import near_duplicates, shingle_vectors, shingles, similar_pairs

STORY = (
    "Washington's top official in Iraq said he told an Iranian delegation that Tehran should "
    "stop supporting militias in Iraq but described rare talks between the two foes on Monday "
    "as positive. The talks, the first high-profile discussions between the two countries in "
    "almost three decades, ended without setting a date for another meeting."
)
OTHER = (
    "Oil prices rose on Tuesday after producers agreed to extend output cuts, traders said, "
    "while stocks in Asia slipped on worries about slowing growth in China and Europe."
)


def frame(texts, *, dates=None, titles=None):
    n = len(texts)
    return pd.DataFrame({
        schema.ARTICLE_ID: [f"a{i}" for i in range(n)],
        schema.TITLE: titles or [None] * n,
        schema.TEXT: texts,
        schema.PUBLISHED_AT: pd.to_datetime(dates or [None] * n, utc=True),
    }, index=[10 + i for i in range(n)])


def test_copies_point_at_the_first_article_and_the_rest_are_none():
    copy = STORY.replace("Monday", "Tuesday") + " (Reporting by Ross Colvin)"
    result = near_duplicates(frame([STORY, OTHER, copy, STORY.upper()]))
    assert result.name == schema.DUPLICATE_OF
    assert result.index.tolist() == [10, 11, 12, 13]
    assert result.tolist() == [None, None, "a0", "a0"]


def test_the_earliest_published_copy_is_the_first():
    dates = ["2007-05-29", None, "2007-05-28"]
    result = near_duplicates(frame([STORY, OTHER, STORY], dates=dates))
    assert result.tolist() == ["a2", None, None]


def test_copies_of_copies_join_one_cluster():
    words = (STORY + " " + OTHER).split()
    first, second, third = (" ".join(words[i:i + 40]) for i in (0, 5, 10))
    # cosines: first~second 0.86, second~third 0.87, first~third 0.73
    result = near_duplicates(frame([first, second, third]), threshold=0.8)
    assert result.tolist() == [None, "a0", "a0"]
    assert near_duplicates(frame([first, third]), threshold=0.8).tolist() == [None, None]


def test_threshold_decides_what_is_near():
    half = " ".join(STORY.split()[:30]) + " " + OTHER
    texts = [STORY, half]
    assert near_duplicates(frame(texts), threshold=0.9).tolist() == [None, None]
    assert near_duplicates(frame(texts), threshold=0.3).tolist() == [None, "a0"]


def test_title_stands_in_for_missing_text_and_empty_articles_match_nothing():
    titles = ["U.S. tells Iran to stop backing Iraq militias"] * 2 + [None, None]
    result = near_duplicates(frame(["", None, "", None], titles=titles))
    assert result.tolist() == [None, "a0", None, None]


def test_small_tables():
    assert near_duplicates(frame([])).tolist() == []
    assert near_duplicates(frame([STORY])).tolist() == [None]


@pytest.mark.parametrize("threshold", [0, -0.5, 1.5])
def test_threshold_out_of_range_is_refused(threshold):
    with pytest.raises(ValueError, match="threshold"):
        near_duplicates(frame([STORY, OTHER]), threshold=threshold)


def test_shingles_are_three_lowercased_words():
    assert shingles("The U.S. said") == ["the u s", "u s said"]
    assert shingles("Two words") == ["two words"]
    assert shingles("") == []


def test_twenty_thousand_articles_take_seconds():
    rng = np.random.default_rng(0)
    vocabulary = np.array([f"w{i}" for i in range(20_000)])
    texts = [" ".join(rng.choice(vocabulary, 80)) for _ in range(20_000)]
    texts[19_999] = texts[7] + " extra words"
    start = time.perf_counter()
    result = near_duplicates(frame(texts))
    assert time.perf_counter() - start < 20  # about 3 s here on one core
    assert result.notna().sum() == 1 and result.iloc[19_999] == "a7"


def product_pairs(vectors, threshold: float) -> sparse.csr_matrix:
    """The pairs (i < j) of the whole product of the rows: what `similar_pairs` must give."""
    product = (vectors @ vectors.T.tocsc()).tocoo()
    keep = (product.data >= threshold - 1e-6) & (product.row < product.col)
    return sparse.csr_matrix((np.ones(int(keep.sum()), dtype=bool),
                              (product.row[keep], product.col[keep])), shape=product.shape)


@pytest.fixture(scope="module")
def corpus_vectors(corpora_dir) -> sparse.csr_matrix:
    """Shingle vectors of two Reuters files, BBC News and 50 exact copies of BBC stories."""
    reuters = read_batch(corpora_dir / "reuters21578" / "reut2-000.sgm",
                         corpora_dir / "reuters21578" / "reut2-001.sgm").articles
    bbc = read_batch(corpora_dir / "bbc" / "bbc_news_2225.csv").articles
    return shingle_vectors(pd.concat([reuters, bbc, bbc.head(50)], ignore_index=True))


@pytest.mark.corpora
@pytest.mark.parametrize("threshold", [0.5, 0.8, 1.0])
def test_candidate_pairs_find_every_pair_of_the_whole_product(corpus_vectors, threshold):
    found = similar_pairs(corpus_vectors, threshold=threshold)
    expected = product_pairs(corpus_vectors, threshold)
    assert (found != expected).nnz == 0 and expected.nnz >= 50
