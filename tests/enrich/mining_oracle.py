"""A second answer to the text mining, kept in the tests only: `keywords` and
`discover_topics` as scikit-learn's vectorizers give them over the texts themselves, every text
tokenised afresh at every call (the code before `analysis.enrich.term_counts`)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from analysis.enrich.keywords import stop_words
from analysis.schema import ARTICLES, COUNT, N_WORDS, TERM, TEXT, TITLE

OWN_SHARE = 0.25  # analysis.enrich.keywords: a term mostly inside longer ones is left out


def _texts(articles: pd.DataFrame) -> tuple[list[str], list[str]]:
    titles = articles[TITLE].fillna("").astype(str).tolist()
    texts = articles[TEXT].fillna("").astype(str).tolist()
    return titles, texts


def keyword_counts(articles: pd.DataFrame, analyzer) -> pd.DataFrame:
    """Every candidate term of the articles (title, then text) with its occurrences, the
    articles that hold it and its words, by CountVectorizer with `analyzer` (the module's own
    tokeniser, so that only the counting is checked)."""
    titles, texts = _texts(articles)
    vectorizer = CountVectorizer(analyzer=analyzer)
    try:
        matrix = vectorizer.fit_transform([f"{t}.\n\n{x}"
                                           for t, x in zip(titles, texts, strict=True)])
    except ValueError:  # no terms at all
        return pd.DataFrame({TERM: [], COUNT: [], ARTICLES: [], N_WORDS: []})
    frame = pd.DataFrame({TERM: vectorizer.get_feature_names_out(),
                          COUNT: np.asarray(matrix.sum(axis=0)).ravel(),
                          ARTICLES: np.asarray((matrix > 0).sum(axis=0)).ravel()})
    frame[N_WORDS] = frame[TERM].str.count(" ") + 1
    return frame


def keywords(articles: pd.DataFrame, analyzer, *, top: int) -> list[tuple[str, int, int, int]]:
    """The `top` keywords as (term, words, count, articles), ranked as documented."""
    frame = keyword_counts(articles, analyzer)
    frame = frame.loc[(frame[N_WORDS] == 1) | (frame[COUNT] >= 2)]
    ranked = sorted(zip(frame[TERM], frame[N_WORDS], frame[COUNT], frame[ARTICLES], strict=True),
                    key=lambda row: (-row[2], -row[3], -row[1], row[0]))[:top * 4]
    counts = {term: count for term, _, count, _ in ranked}
    inside = {term: sum(c for other, c in counts.items()
                        if other != term and f" {term} " in f" {other} ") for term in counts}
    kept = [row for row in ranked if counts[row[0]] - inside[row[0]] >= OWN_SHARE * row[2]]
    return [(str(t), int(w), int(c), int(a)) for t, w, c, a in kept[:top]]


def as_rows(frame: pd.DataFrame) -> list[tuple[str, int, int, int]]:
    """A keywords answer as the oracle gives it: (term, words, count, articles)."""
    return [(str(t), int(w), int(c), int(a)) for t, w, c, a in
            zip(frame[TERM], frame[N_WORDS], frame[COUNT], frame[ARTICLES], strict=True)]


def topic_terms(articles: pd.DataFrame, *, n_topics: int, top_terms: int = 8
                ) -> list[tuple[str, list[str], float]]:
    """Each topic's label, top terms and share of the corpus, largest first, by NMF over
    TF-IDF that tokenises the texts itself."""
    titles, texts = _texts(articles)
    docs = [f"{t}\n\n{x}".strip() for t, x in zip(titles, texts, strict=True)]
    large = len(docs) >= 10
    vectorizer = TfidfVectorizer(stop_words=sorted(stop_words()),
                                 token_pattern=r"(?u)\b[^\W\d_]{2,}\b", sublinear_tf=True,
                                 min_df=2 if large else 1, max_df=0.5 if large else 1.0,
                                 max_features=20_000)
    matrix = vectorizer.fit_transform(docs)
    vocabulary = vectorizer.get_feature_names_out()
    k = min(n_topics, int((matrix.getnnz(axis=1) > 0).sum()), matrix.shape[1])
    model = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=400)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.filterwarnings("ignore", "invalid value encountered in sqrt", RuntimeWarning)
        doc_topic = model.fit_transform(matrix)
    mass = doc_topic.sum(axis=0)
    out = []
    for t in [t for t in np.argsort(-mass, kind="stable") if mass[t] > 0]:
        row = model.components_[t]
        terms = [str(vocabulary[j]) for j in np.argsort(-row, kind="stable")[:top_terms]
                 if row[j] > 0]
        out.append((", ".join(terms[:3]), terms, float(mass[t] / mass.sum())))
    return out
