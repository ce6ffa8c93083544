"""analysis.enrich.vader_scores: VADER's valences and compound, float for float."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

from analysis.enrich import vader_scores
from analysis.enrich.sentences import sentence_spans
from analysis.enrich.sentiment import analyzer, news_compound
from tests.enrich.test_textblob_scores import corpus_texts

# each rule of VADER's, and its corners
TRICKY = [
    "", "good", "not good", "not very good", "never so good", "never this bad", "this is good",
    "without doubt good", "without any doubt good", "no good", "no problem at all",
    "no, or nor bad", "no or bad", "He was not the least bit happy", "at least good",
    "very least good", "the least good", "kind of good", "kind of", "sort of good",
    "It is GOOD and not BAD", "GOOD", "VERY good, EXTREMELY bad", "a bit kind of sad",
    "good but bad", "bad but good but fine", "good, good but good", "BUT it is good",
    "the bomb went off", "kiss of death", "to die for", "yeah right", "the shit hit",
    "it cut the mustard", "hardly good", "barely bad at all", "isn't good", "wasn't bad",
    "doesnt hurt", "ain't nothing good", "Good!!!", "Bad?? really??", "Great!!!!! ?",
    ":) good :( bad", "'good' \"bad\" (fine)", "it's no-good", "uh-uh good", "despite gains",
    "Profits rose sharply, but losses mounted.", "IRAN SAID IT KILLED 50 SOLDIERS",
]


def vader_valences(vader: SentimentIntensityAnalyzer, text: str) -> list[float]:
    """VADER's own walk (its `polarity_scores` without the emoji pass and the scoring)."""
    sentitext = SentiText(text)
    words = sentitext.words_and_emoticons
    found: list[float] = []
    for i, item in enumerate(words):
        lowered = item.lower()
        if lowered in BOOSTER_DICT or (lowered == "kind" and i + 1 < len(words)
                                       and words[i + 1].lower() == "of"):
            found.append(0)
        else:
            found = vader.sentiment_valence(0, sentitext, item, i, found)
    return vader._but_check(words, found)


@pytest.mark.parametrize("vader", [SentimentIntensityAnalyzer(), analyzer()],
                         ids=["vader", "news"])
@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_get_vaders_valences_and_compound(vader, text):
    assert vader_scores.valences(text, vader) == vader_valences(vader, text)
    assert vader_scores.compound(text.strip(), vader) == vader.polarity_scores(text)["compound"]


@pytest.mark.corpora
def test_every_sentence_of_the_corpora_gets_vaders_compound(corpora_dir):
    vader = analyzer()
    for name, texts in corpus_texts(corpora_dir).items():
        sentences = [text[a:b] for text in texts for a, b in sentence_spans(text)]
        differ = [sentence[:80] for sentence in sentences
                  if news_compound(sentence) != vader.polarity_scores(sentence)["compound"]
                  or vader_scores.valences(sentence, vader) != vader_valences(vader, sentence)]
        assert len(sentences) > 50 and differ == [], f"{name}: {len(differ)} differ"
