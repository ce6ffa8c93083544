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
    """Boolean n×n matrix of the pairs (i < j) whose cosine similarity is at least `threshold`.

    The cosine of a pair is the float32 number the product of the two rows gives (scipy sums
    `overlap` equal terms, so the same float), worked out for the candidate pairs only: those
    that share one of the rarest shingles of both (prefix filtering; `_candidates`).
    """
    n = vectors.shape[0]
    counts = np.diff(vectors.indptr)
    # a float32 sum of k equal terms can be k * 2**-24 above the exact one, relatively
    floor = max(0.0, threshold - 1e-6 - 1e-5 - float(counts.max(initial=0)) * 2.0**-23)
    first, second = _candidates(vectors, counts, floor)
    ones = sparse.csr_matrix((np.ones(vectors.nnz, dtype=np.int32), vectors.indices,
                              vectors.indptr), shape=vectors.shape)
    overlap = np.asarray(ones[first].multiply(ones[second]).sum(axis=1)).ravel()
    term = vectors.data[vectors.indptr[first]] * vectors.data[vectors.indptr[second]]
    near = overlap * term.astype(np.float64) >= floor
    first, second = first[near], second[near]
    cosine = _sum_of_equal_terms(term[near], overlap[near])
    # float32 sums of equal unit vectors land a hair under 1.0: allow for rounding
    keep = cosine >= threshold - 1e-6
    return sparse.csr_matrix((np.ones(int(keep.sum()), dtype=bool), (first[keep], second[keep])),
                             shape=(n, n))


def _candidates(vectors: sparse.csr_matrix, counts: np.ndarray, floor: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i < j) that can have a cosine of `floor` or more. Such a pair shares at
    least floor² times the shingles of each, so it shares one of the first
    `count - ceil(floor² * count) + 1` of each row's shingles taken rarest first."""
    n, features = vectors.shape
    frequency = np.bincount(vectors.indices, minlength=features).astype(np.int64)
    rows = np.repeat(np.arange(n, dtype=np.int64), counts)
    # row by row, the rarest shingles first (ties by shingle number)
    order = np.argsort((rows * (n + 1) + frequency[vectors.indices]) * features
                       + vectors.indices, kind="stable")
    rank = np.arange(vectors.nnz) - vectors.indptr[rows]
    prefix = np.minimum(counts - np.ceil(floor * floor * counts).astype(np.int64) + 1, counts)
    chosen = order[rank < prefix[rows]]
    first = sparse.csr_matrix(
        (np.ones(len(chosen), dtype=np.int32), vectors.indices[chosen],
         np.concatenate([[0], np.cumsum(prefix)])), shape=vectors.shape)
    shared = (first @ first.T).tocoo()
    above = shared.row < shared.col
    return shared.row[above].astype(np.int64), shared.col[above].astype(np.int64)


def _sum_of_equal_terms(term: np.ndarray, count: np.ndarray) -> np.ndarray:
    """`count` times `term` added up one by one in float32, as a sparse product adds them."""
    total = np.zeros(len(term), dtype=np.float32)
    for k in range(1, int(count.max(initial=0)) + 1):
        total = np.where(k <= count, total + term, total).astype(np.float32)
    return total


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
