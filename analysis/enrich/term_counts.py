"""Each document's terms counted once per process, for text mining asked again and again of
overlapping sets of the same texts: the dashboard's Topics page mines the newest texts of each
filter set, and most of a new set's texts were tokenised for an earlier one. A set's counts are
then its documents' rows put together, not a tokenising of every text again.

A row is keyed by a digest of the document's text itself (and the tokeniser), so it can never
be stale: a changed or new text is a new key. The memory is bounded (documents kept, most
recently used last; the vocabulary), and on the store of the 18 Reuters files, all 16,995
texts' word and phrase counts take about 70 MB.
"""

from __future__ import annotations

import array
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

MAX_DOCS = 20_000  # documents whose rows are kept (the least recently used go first)
MAX_TERMS = 1_000_000  # distinct terms kept; once reached, everything is forgotten and counted anew


@dataclass(frozen=True)
class Rows:
    """The term counts of a list of documents, as a sparse matrix in CSR form: document i's
    term ids are `ids[starts[i]:starts[i + 1]]`, in the order of their first occurrence in
    it, each with its count in `counts`; `terms[j]` is term j and `n_words[j]` its words."""

    ids: np.ndarray  # int32
    counts: np.ndarray  # int64
    starts: np.ndarray  # int64, one more than there are documents
    terms: list[str]
    n_words: np.ndarray  # int8, as long as `terms` when the rows were made

    def totals(self) -> tuple[np.ndarray, np.ndarray]:
        """Each term's occurrences in all the documents, and how many documents hold it."""
        size = len(self.terms)
        return (np.bincount(self.ids, weights=self.counts, minlength=size).astype(np.int64),
                np.bincount(self.ids, minlength=size).astype(np.int64))


class TermCounts:
    """Rows of term counts of documents, each document tokenised once by `tokenize` (a
    function from a text to its terms, in order, repeats included)."""

    def __init__(self, tokenize: Callable[[str], list[str]], *, max_docs: int = MAX_DOCS,
                 max_terms: int = MAX_TERMS) -> None:
        self._tokenize = tokenize
        self._max_docs, self._max_terms = max_docs, max_terms
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        """Forget every row and term (rows handed out before stay valid)."""
        self._vocabulary: dict[str, int] = {}
        self._terms: list[str] = []
        self._n_words = array.array("b")
        self._docs: OrderedDict[bytes, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def __len__(self) -> int:
        """How many documents' rows are kept."""
        return len(self._docs)

    def __contains__(self, doc: object) -> bool:
        """Whether the rows of the document `doc` (a text) are kept."""
        return isinstance(doc, str) and _key(doc) in self._docs

    def rows(self, docs: Sequence[str]) -> Rows:
        """The rows of `docs`, in their order; texts not seen before are tokenised now."""
        with self._lock:
            keys = [_key(doc) for doc in docs]
            new = {key: doc for key, doc in zip(keys, docs, strict=True)
                   if key not in self._docs}
            if len(self._terms) >= self._max_terms:
                self.clear()
                new = dict(zip(keys, docs, strict=True))
            for key, doc in new.items():
                self._docs[key] = self._count(doc)
            rows = [self._docs[key] for key in keys]
            for key in keys:
                self._docs.move_to_end(key)
            while len(self._docs) > max(self._max_docs, len(set(keys))):
                self._docs.popitem(last=False)
            lengths = np.fromiter((len(ids) for ids, _ in rows), dtype=np.int64,
                                  count=len(rows))
            starts = np.zeros(len(rows) + 1, dtype=np.int64)
            np.cumsum(lengths, out=starts[1:])
            empty = np.zeros(0, dtype=np.int32)
            return Rows(ids=np.concatenate([ids for ids, _ in rows] or [empty]),
                        counts=np.concatenate([n for _, n in rows] or [empty]).astype(np.int64),
                        starts=starts, terms=self._terms,
                        n_words=np.frombuffer(self._n_words, dtype=np.int8).copy())

    def _count(self, doc: str) -> tuple[np.ndarray, np.ndarray]:
        """One document's term ids, in order of first occurrence, and their counts."""
        vocabulary, counted = self._vocabulary, dict[int, int]()
        for term in self._tokenize(doc):
            j = vocabulary.get(term)
            if j is None:
                j = vocabulary[term] = len(self._terms)
                self._terms.append(term)
                self._n_words.append(min(term.count(" ") + 1, 127))
            counted[j] = counted.get(j, 0) + 1
        return (np.fromiter(counted, dtype=np.int32, count=len(counted)),
                np.fromiter(counted.values(), dtype=np.int32, count=len(counted)))


def _key(doc: str) -> bytes:
    return hashlib.blake2b(doc.encode("utf-8", "surrogatepass"), digest_size=16).digest()
