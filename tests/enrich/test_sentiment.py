"""Tests for analysis.enrich.sentiment: TextBlob scores and news tone."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.enrich import score_targets, score_texts, tone_class
from analysis.enrich.sentences import split_sentences
from analysis.enrich.sentiment import (
    LEXICON,
    read_lexicon,
    score_articles,
    score_sentences,
    text_tone,
)
from analysis.schema import (
    ARTICLE_ID,
    END,
    NEUTRAL_BAND,
    POLARITY,
    START,
    SUBJECTIVITY,
    TEXT,
    TITLE,
    TONE,
)
from tests.enrich.test_sentences import sample_body


def targets(*rows: tuple[str, str]) -> pd.DataFrame:
    """A target frame from (sentence, mention) pairs; the mention's first occurrence."""
    return pd.DataFrame([{TEXT: text, START: text.index(mention),
                          END: text.index(mention) + len(mention)} for text, mention in rows])


def test_score_texts_gives_one_row_per_text_and_nan_for_no_text():
    scores = score_texts(["Bombers kill shoppers", "", None, "Goal delight for Sheva"])
    assert list(scores.columns) == [POLARITY, SUBJECTIVITY, TONE]
    assert len(scores) == 4
    assert scores.iloc[1:3].isna().all().all()
    assert scores[TONE].iloc[0] < -0.3 < 0.3 < scores[TONE].iloc[3]
    assert scores[TONE].between(-1, 1).iloc[[0, 3]].all()


@pytest.mark.parametrize("headline", [
    "Tropical storm floods coastal villages",
    "Gunmen seize hostages in embassy siege",
    "Shares plunge as bank collapses",
])
def test_news_words_vader_lacks_make_a_headline_negative(headline):
    assert SentimentIntensityAnalyzer().polarity_scores(headline)["compound"] > -NEUTRAL_BAND
    assert score_texts([headline])[TONE].iloc[0] < -NEUTRAL_BAND


@pytest.mark.parametrize("headline", [
    "Security Council meets on Iraq", "Justice Department names new prosecutor",
    "Central bank holds interest rates", "The committee meets on Tuesday",
])
def test_a_text_without_news_sentiment_is_neutral(headline):
    assert abs(score_texts([headline])[TONE].iloc[0]) <= NEUTRAL_BAND


def test_long_texts_do_not_saturate():
    body = " ".join(["Rebels killed three soldiers in an attack on Monday."] +
                    ["The minister spoke to parliament about the budget."] * 9)
    tone = score_texts([body])[TONE].iloc[0]
    assert tone == text_tone(body)
    assert -0.2 < tone < -NEUTRAL_BAND  # one violent sentence in ten, not a VADER -0.9


def test_a_texts_tone_is_the_plain_mean_of_its_sentences_tones():
    short, long = "The plan is a disgrace.", ("The committee met on Tuesday in the capital to "
                                               "review the schedule for the coming months.")
    tones = [score_texts([part])[TONE].iloc[0] for part in (short, long)]
    assert tones[0] < -NEUTRAL_BAND and abs(tones[1]) <= NEUTRAL_BAND
    # each sentence counts once: the long neutral one does not drown the short pointed one
    assert score_texts([f"{short} {long}"])[TONE].iloc[0] == pytest.approx(sum(tones) / 2)


def test_textblob_reads_the_opinion_vader_misses():
    # "mediocre" and "deplorable" are in TextBlob's lexicon of adjectives, not in VADER's
    text = "The proposal is mediocre and the timetable deplorable."
    assert SentimentIntensityAnalyzer().polarity_scores(text)["compound"] == 0.0
    assert score_texts([text])[TONE].iloc[0] < -NEUTRAL_BAND


def test_news_lexicon_is_well_formed_and_documented():
    header = [line for line in LEXICON.read_text(encoding="utf-8").splitlines()
              if line.startswith("#")]
    assert any("How it was made" in line for line in header)
    lexicon = read_lexicon()
    assert len(lexicon) > 300
    assert all(-4 <= value <= 4 for value in lexicon.values())
    assert all(word == word.lower().strip() and " " not in word for word in lexicon)
    assert lexicon["security"] == 0 and lexicon["deaths"] < 0 < lexicon["ceasefire"]


def test_score_sentences_adds_polarity_and_tone_to_each_sentence():
    articles = pd.DataFrame({ARTICLE_ID: ["a"], TEXT: ["A car bomb killed 19 people. "
                                                       "The talks proceeded positively."]})
    sentences = score_sentences(split_sentences(articles))
    assert len(sentences) == 2
    assert sentences[TONE].iloc[0] < -NEUTRAL_BAND < NEUTRAL_BAND < sentences[TONE].iloc[1]
    assert sentences[POLARITY].iloc[1] > 0


def test_article_tone_from_sentences_matches_tone_of_the_whole_text():
    texts = ["Rebels killed three soldiers. Peace talks resumed with hope of a deal.",
             "", "Markets rallied strongly after the agreement."]
    articles = pd.DataFrame({ARTICLE_ID: ["a", "b", "c"], TEXT: texts,
                             TITLE: ["t", "Floods kill dozens", None]})
    sentences = score_sentences(split_sentences(articles))
    with_sentences = score_articles(articles, sentences)
    alone = score_articles(articles)
    np.testing.assert_array_equal(with_sentences[TONE], alone[TONE])
    np.testing.assert_allclose(with_sentences[POLARITY], alone[POLARITY])
    expected = score_texts([texts[0], "Floods kill dozens", texts[2]])  # no body: the title
    np.testing.assert_allclose(alone[[POLARITY, SUBJECTIVITY, TONE]], expected)


def test_an_article_with_neither_body_nor_title_scores_nan():
    scored = score_articles(pd.DataFrame({ARTICLE_ID: ["a"], TEXT: [None], TITLE: [None]}))
    assert scored[[POLARITY, SUBJECTIVITY, TONE]].isna().all().all()


def test_sample_body_polarity_matches_the_annotation(sample_path, sample_expected):
    body = sample_body(sample_path)
    assert "about +0.08" in sample_expected["sentiment_note"]
    scores = score_texts([body]).iloc[0]
    assert scores[POLARITY] == pytest.approx(0.08, abs=0.01)
    assert scores[SUBJECTIVITY] == pytest.approx(0.37, abs=0.01)
    sentences = score_sentences(split_sentences(pd.DataFrame({ARTICLE_ID: ["s"], TEXT: [body]})))
    tone = dict(zip(sentences[TEXT], sentences[TONE], strict=True))
    assert tone["“The talks proceeded positively."] > NEUTRAL_BAND
    most_negative = sentences[TEXT].iloc[sentences[TONE].argmin()]
    assert "car bomb exploded" in most_negative
    assert -1 < scores[TONE] < -NEUTRAL_BAND  # accusations and a bombing outweigh "positive"


def test_tone_toward_a_target_follows_the_words_around_it():
    sentence = "Smith won praise for the deal, but Jones faced charges of fraud and bribery."
    tones = score_targets(targets(
        (sentence, "Smith"), (sentence, "Jones"),
        ("Critics attacked Smith over the failed raid.", "Smith"),
        ("The committee praised Smith for her leadership.", "Smith"),
        ("Smith met Jones in Geneva on Monday.", "Smith"),
    ))
    assert tones[0] > tones[1]
    assert tone_class(tones).tolist()[2:] == ["negative", "positive", "neutral"]
    assert tones[4] == 0.0


def test_a_targets_own_name_carries_no_sentiment():
    tones = score_targets(targets(("Hope Hicks met reporters in Washington.", "Hope Hicks"),
                                  ("Joy Reid interviewed the senator.", "Joy Reid")))
    assert tones.tolist() == [0.0, 0.0]


def test_score_targets_keeps_the_index_and_scores_blank_text_nan():
    frame = targets(("Critics attacked Smith.", "Smith")).set_axis([7])
    frame.loc[8] = [None, 0, 0]
    tones = score_targets(frame)
    assert tones.index.tolist() == [7, 8]
    assert tones[7] < 0 and math.isnan(tones[8])
    assert score_targets(frame.iloc[:0]).empty


def test_tone_class_uses_the_neutral_band():
    labels = tone_class(pd.Series([0.3, 0.05, -0.05, -0.0501, math.nan], index=list("abcde")))
    assert labels.tolist() == ["positive", "neutral", "neutral", "negative", None]
    assert labels.index.tolist() == list("abcde")
    assert tone_class(np.array([-1.0])).tolist() == ["negative"]


def test_the_old_home_of_the_scoring_functions_still_works_with_a_warning():
    import importlib
    import sys

    sys.modules.pop("analysis.sentiment", None)
    with pytest.warns(DeprecationWarning, match="import score_texts, score_targets"):
        old = importlib.import_module("analysis.sentiment")
    assert old.score_texts is score_texts


def test_the_vader_internal_tone_relies_on_still_weighs_clauses_around_but():
    """`token_valences` calls VADER's private `_but_check` (pyproject pins vaderSentiment below
    3.4): before "but" a valence counts half, after it one and a half times."""
    assert SentimentIntensityAnalyzer()._but_check(["good", "but", "bad"], [1.0, 0.0, -1.0]) == [
        0.5, 0.0, -1.5]
