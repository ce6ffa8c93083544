"""Near-duplicate articles: syndicated copies of one story, found by word-shingle cosine."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import HashingVectorizer

from analysis import schema

SHINGLE_WORDS = 3  # words per shingle: long enough that unrelated stories share few shingles
_FEATURES = 2**22  # hashed shingle space; collisions at this size barely move a cosine
_BLOCK = 2000  # rows per block of the similarity product: bounds memory on large tables
_WORD = re.compile(r"\w+")


def near_duplicates(articles: pd.DataFrame, *, threshold: float = 0.8) -> pd.Series:
    """The `duplicate_of` column: which earlier article each article is a near-copy of.

    Each article's text (its title when it has no text) becomes the set of its lower-cased
    3-word shingles, hashed with scikit-learn's HashingVectorizer; two articles are near
    duplicates when the cosine similarity of those sets is at least `threshold`. Clusters are
    the connected components of that relation (so copies of copies join one cluster).

    Returns a Series aligned with `articles` (same index, named ``duplicate_of``): for every
    article of a cluster but its first, the `article_id` of the cluster's first article (the
    earliest published, undated last, ties in table order); None for the first article and for
    articles without a near duplicate. ``articles[result.isna()]`` is therefore the table with
    one article per story.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold={threshold!r}: must be in (0, 1]")
    result = pd.Series([None] * len(articles), index=articles.index, dtype=object,
                       name=schema.DUPLICATE_OF)
    if len(articles) < 2:
        return result
    pairs = similar_pairs(shingle_vectors(articles), threshold=threshold)
    _count, labels = connected_components(pairs, directed=False)
    first = _first_of_each_cluster(articles, labels)
    ids = articles[schema.ARTICLE_ID].to_numpy(dtype=object)
    representative = ids[first[labels]]
    copies = representative != ids
    result[copies] = representative[copies]
    return result


def shingle_vectors(articles: pd.DataFrame) -> sparse.csr_matrix:
    """One L2-normalised binary row of hashed word shingles per article."""
    text = articles[schema.TEXT].fillna("").astype(str)
    title = articles[schema.TITLE].fillna("").astype(str)
    documents = text.where(text.str.strip() != "", title).tolist()
    vectorizer = HashingVectorizer(analyzer=shingles, n_features=_FEATURES, binary=True,
                                   alternate_sign=False, norm="l2", dtype=np.float32)
    return vectorizer.transform(documents).tocsr()


def shingles(document: str) -> list[str]:
    """The lower-cased 3-word shingles of `document` (the whole text if it is shorter)."""
    words = _WORD.findall(document.lower())
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words)] if words else []
    # sklearn's analyzer="word" with ngram_range does the same, about 40% slower
    grams = zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)  # stops at the shortest
    return [" ".join(gram) for gram in grams]


def similar_pairs(vectors: sparse.csr_matrix, *, threshold: float) -> sparse.csr_matrix:
    """Boolean n×n matrix of the pairs (i < j) whose cosine similarity is at least `threshold`."""
    n = vectors.shape[0]
    transposed = vectors.T.tocsc()
    rows, cols = [], []
    for start in range(0, n, _BLOCK):
        product = (vectors[start:start + _BLOCK] @ transposed).tocoo()
        # float32 sums of equal unit vectors land a hair under 1.0: allow for rounding
        keep = (product.data >= threshold - 1e-6) & (product.row + start < product.col)
        rows.append(product.row[keep] + start)
        cols.append(product.col[keep])
    row = np.concatenate(rows) if rows else np.empty(0, dtype=np.int64)
    col = np.concatenate(cols) if cols else np.empty(0, dtype=np.int64)
    return sparse.csr_matrix((np.ones(len(row), dtype=bool), (row, col)), shape=(n, n))


def _first_of_each_cluster(articles: pd.DataFrame, labels: np.ndarray) -> np.ndarray:
    """Position of each cluster's first article (earliest published, undated last, table order)."""
    order = pd.DataFrame({
        "label": labels,
        "published": articles[schema.PUBLISHED_AT].to_numpy(),
        "position": np.arange(len(labels)),
    }).sort_values(["published", "position"], na_position="last", kind="stable")
    first = order.drop_duplicates("label", keep="first")
    positions = np.empty(labels.max() + 1, dtype=np.int64)
    positions[first["label"].to_numpy()] = first["position"].to_numpy()
    return positions
