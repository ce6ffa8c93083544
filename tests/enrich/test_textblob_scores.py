"""analysis.enrich.textblob_scores: TextBlob's polarity and subjectivity, float for float."""

from __future__ import annotations

import re

import pytest
from textblob import TextBlob

from analysis.clean import read_batch
from analysis.enrich.textblob_scores import sentiment_of, sentiments, split_token
from analysis.schema import TEXT, TITLE

# each rule of TextBlob's analyser, and the tokenizer's corners
TRICKY = [
    "", "   ", "good", "Good!", "not good", "not a good idea", "not really good", "really not good",
    "very very good", "never bad", "He isn't happy; she doesn't care.", "I don't like it at all",
    "It was (!) great", "It was ( ! ) great", "fine :) and :-( then :'( ok", "In (1988) (8) :3",
    "ratio: 3 to 1", "X-D xD XD <3 ♥", "o.O then . O", "The U.S. and Mr. Smith met Dr. Jones.",
    "Prices rose 3.5 pct... then fell.", "“Superb,” he said. ‘Awful’ she said.",
    "first paragraph is great\n\nsecond one is terrible", "a\r\n\r\nb good", "a\n\r\nb bad",
    "END-OF-SENTENCE good END-OF-SENTENCE", "wonderfully terribly good!!!", "Sad. (Really!)",
    "A 'quoted' word's end, 'tis fine", "#1 @home $5 50% [big] {huge} ~nice~ |best|",
    "an extremely, unbelievably awful and not at all pleasant day", "İstanbul ΣΑΣ good",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_score_as_textblob_scores_them(text):
    assert sentiment_of(text) == tuple(TextBlob(text).sentiment)


@pytest.mark.parametrize(("token", "pieces"), [
    ("said.", ("said", ".")), ("U.S.", ("U.S.",)), ("Mr.", ("Mr.",)),
    ("(1988),", ("(", "1988", ")", ",")),
    ("fell...", ("fell", "...")), ("plain", ("plain",)), ("'s", ("'s",)), ("-", ("-",)),
])
def test_a_token_is_cut_as_textblob_cuts_it(token, pieces):
    assert split_token(token) == pieces


def scored_texts(articles) -> list[str]:
    """What the pipeline scores of each article: its body, else its title."""
    def has(value) -> bool:
        return isinstance(value, str) and bool(value.strip())

    return [text if has(text) else title
            for text, title in zip(articles[TEXT], articles[TITLE], strict=True)
            if has(text) or has(title)]


def corpus_texts(corpora) -> dict[str, list[str]]:
    """The texts PressLens scores of every article of BBC News, SemEval-2007, NewsMTSC train and
    one Reuters-21578 file, as its loaders read them, and the sentences of the GigaWord sample.
    (All 18 Reuters files, 16,995 articles, are checked by bench/enrich_vs_naive.py: in a test
    TextBlob alone would take half a minute on them.)"""
    loads = {
        "bbc": read_batch(corpora / "bbc" / "bbc_news_2225.csv"),
        "semeval": read_batch(corpora / "semeval2007" / "semeval2007_affective_headlines.csv",
                              mapping={"title": "headline", "source_id": "id"}),
        "newsmtsc": read_batch(corpora / "newsmtsc" / "train.jsonl",
                               mapping={"text": "sentence_normalized",
                                        "source_id": "primary_gid"}),
        "reuters": read_batch(corpora / "reuters21578" / "reut2-004.sgm"),
    }
    texts = {name: scored_texts(batch.articles) for name, batch in loads.items()}
    gigaword = (corpora / "petrarch" / "GigaWord.sample.PETR.xml").read_text(encoding="utf-8")
    texts["gigaword"] = [t.strip() for t in re.findall(r"<Text>(.*?)</Text>", gigaword, re.S)]
    return texts


@pytest.mark.corpora
def test_every_article_of_the_corpora_scores_as_textblob_scores_it(corpora_dir):
    texts = corpus_texts(corpora_dir)
    assert {name: len(found) > 0 for name, found in texts.items()} == dict.fromkeys(texts, True)
    for name, found in texts.items():
        ours = sentiments(found)
        differ = [text[:80] for text, score in zip(found, ours, strict=True)
                  if score != tuple(TextBlob(text).sentiment)]
        assert differ == [], f"{name}: {len(differ)} of {len(found)} differ"
