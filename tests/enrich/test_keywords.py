"""Tests for analysis.enrich.keywords: frequent words and phrases without stop words."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.clean.page import parse_page
from analysis.enrich.keywords import (
    ARTICLES,
    COUNT,
    KEYWORD_COLUMNS,
    N_WORDS,
    NEWS_FILLER,
    TERM,
    keywords,
)
from analysis.schema import ARTICLE_ID, TEXT, TITLE


def articles(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({ARTICLE_ID: [f"a{i}" for i in range(len(texts))], TEXT: list(texts)})


@pytest.fixture(scope="module")
def sample_keywords(sample_path) -> pd.DataFrame:
    page = parse_page(sample_path.read_text(encoding="utf-8"))
    frame = pd.DataFrame({ARTICLE_ID: ["sample"], TITLE: [page[TITLE]], TEXT: [page[TEXT]]})
    return keywords(frame)


def test_sample_keywords_are_its_subjects(sample_keywords):
    assert list(sample_keywords.columns) == list(KEYWORD_COLUMNS)
    assert len(sample_keywords) == 30
    terms = sample_keywords[TERM].tolist()
    assert terms[:2] == ["iraq", "talks"]
    assert {"iran", "u.s.", "crocker", "militias", "united states", "sectarian violence",
            "central baghdad"} <= set(terms)
    assert sample_keywords[COUNT].is_monotonic_decreasing
    assert (sample_keywords[ARTICLES] == 1).all()


def test_sample_keywords_have_no_stop_words_or_filler(sample_keywords):
    for term in sample_keywords[TERM]:
        words = term.split()
        assert words[0] not in ENGLISH_STOP_WORDS | NEWS_FILLER, term
        assert words[-1] not in ENGLISH_STOP_WORDS | NEWS_FILLER, term
    assert not {"said", "the", "reuters", "told"} & set(sample_keywords[TERM])


def test_phrases_keep_inner_joiners_but_not_edges_punctuation_or_numbers():
    found = keywords(articles(
        "The Bank of England said rates rose. The Bank of England met.",
        "A bomb, killing 19 people. A bomb, killing 19 people.",
    ), top=50)
    terms = set(found[TERM])
    assert "bank of england" in terms
    assert not {"of the", "the bank", "bomb killing", "killing people", "19"} & terms
    row = found.loc[found[TERM] == "bank of england"].iloc[0]
    assert (row[N_WORDS], row[COUNT], row[ARTICLES]) == (3, 2, 1)


def test_a_phrase_must_repeat_and_words_inside_phrases_are_not_listed_twice():
    found = keywords(articles("The prime minister spoke.", "The prime minister left.",
                              "The prime minister came back to talk to the prime minister.",
                              "A new visitor arrived once."), top=10)
    terms = found[TERM].tolist()
    assert "prime minister" in terms
    assert "prime" not in terms and "minister" not in terms  # always inside "prime minister"
    assert "new visitor" not in terms  # a phrase seen once is no frequent phrase
    assert "visitor" in terms


def test_a_word_used_on_its_own_is_kept_beside_its_phrase():
    found = keywords(articles("Oil prices rose. Oil prices fell.", "Oil, oil and oil again."))
    assert {"oil prices", "oil"} <= set(found[TERM])


def test_possessives_and_apostrophes():
    found = keywords(articles("Tehran’s envoy and Tehran's army met Shi’ite leaders."))
    assert {"tehran", "shi'ite"} <= set(found[TERM])
    assert found.loc[found[TERM] == "tehran", COUNT].item() == 2


@pytest.mark.parametrize(("ngram_range", "sizes"), [((1, 1), {1}), ((2, 3), {2, 3})])
def test_ngram_range(ngram_range, sizes):
    text = "Central bank rates rose. Central bank chiefs met. Central bank rates held."
    found = keywords(articles(text), ngram_range=ngram_range)
    assert set(found[N_WORDS]) == sizes


def test_top_and_empty_input():
    assert len(keywords(articles("alpha beta gamma delta"), top=2)) == 2
    for frame in (articles(), articles("", "the of and"), articles(None)):
        found = keywords(frame)
        assert found.empty and list(found.columns) == list(KEYWORD_COLUMNS)


@pytest.mark.parametrize(("options", "message"), [
    ({"top": 0}, "top=0"), ({"ngram_range": (2, 1)}, "ngram_range=\\(2, 1\\)"),
])
def test_bad_options(options, message):
    with pytest.raises(ValueError, match=message):
        keywords(articles("x"), **options)


def test_missing_text_column():
    with pytest.raises(ValueError, match="missing column 'text'"):
        keywords(pd.DataFrame({ARTICLE_ID: ["a"]}))
