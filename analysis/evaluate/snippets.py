"""Tone of longer texts against human ratings: EmoBank's sentences, read as snippets.

EmoBank (Buechel and Hahn 2017, CC BY-SA 4.0, github.com/JULIELab/EmoBank) rates 10,062
English sentences for valence (1…5, the mean of reader and writer perspectives). Apart from
its SemEval-2007 headlines (the headline set PressLens is fitted on), they come from whole
documents of MASC: newspapers, letters, essays, blogs, fiction and travel guides, with each
sentence's place in its document. `k` consecutive rated sentences of one document make a
snippet, rated by the mean of their ratings: a stand-in for texts of a few sentences rated
as a whole, which EmoBank does not have. Documents are split in two halves by a stable hash
of their name (`dev` for choices, `test` for reporting), so a snippet never shares a document
with one of the other half. EmoBank is not shipped: pass the folder holding its
`corpus/emobank.csv` and `corpus/meta.tsv`.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import pearsonr, spearmanr
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.enrich.sentences import sentence_spans
from analysis.enrich.sentiment import HEADLINE_SLOPE, news_compound, text_tone
from analysis.enrich.textblob_scores import sentiment_of
from analysis.evaluate.tone import TARGET_REPORT as REPORT
from analysis.evaluate.tone import TARGET_TUNE as TUNE
from analysis.evaluate.tone import stable_half

METHODS = ("textblob", "vader", "news-vader, word-weighted", "tone")


def read_emobank(folder: str | Path) -> pd.DataFrame:
    """EmoBank's rated sentences of MASC documents: document, category, begin, text, valence."""
    corpus = Path(folder) / "corpus"
    ratings = pd.read_csv(corpus / "emobank.csv")
    meta = pd.read_csv(corpus / "meta.tsv", sep="\t")
    frame = ratings.merge(meta, on="id", how="inner")
    frame = frame[(frame["category"] != "SemEval") & frame["text"].map(
        lambda t: isinstance(t, str) and bool(t.strip()))]
    frame = frame.assign(begin=frame["id"].str.extract(r"_(\d+)_\d+$")[0].astype("int64"))
    return (frame.rename(columns={"V": "valence"})
            .sort_values(["document", "begin"], kind="stable")
            [["document", "category", "begin", "text", "valence"]].reset_index(drop=True))


def half(document: str) -> str:
    """"dev" or "test": half of the documents each, by a stable hash of the name (as
    NewsMTSC's articles are split)."""
    return stable_half(document)


def snippets(sentences: pd.DataFrame, k: int) -> pd.DataFrame:
    """Runs of `k` consecutive rated sentences of one document (the last short run dropped):
    document, category, split, text, valence (the mean of the sentences')."""
    rows = []
    for document, group in sentences.groupby("document", sort=True):
        texts, valences = group["text"].tolist(), group["valence"].to_numpy()
        for start in range(0, len(texts) - k + 1, k):
            rows.append((document, group["category"].iloc[0], half(document),
                         " ".join(texts[start:start + k]), float(valences[start:start + k].mean())))
    return pd.DataFrame(rows, columns=["document", "category", "split", "text", "valence"])


def _word_weighted(text: str) -> float:
    """PressLens's tone before issue 15 (up to scale): news-VADER compounds of the sentences,
    averaged with weights by word count."""
    parts = [text[a:b] for a, b in sentence_spans(text)]
    weights = np.array([len(part.split()) for part in parts], dtype="float64")
    if not weights.sum():
        return math.nan
    return HEADLINE_SLOPE * float(np.average([news_compound(p) for p in parts], weights=weights))


def snippet_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """Each method's score of each snippet: TextBlob polarity and plain VADER compound of the
    whole text (what a notebook user would run), the old word-weighted tone, PressLens tone."""
    vader = SentimentIntensityAnalyzer()
    texts = frame["text"].tolist()
    return pd.DataFrame({
        "textblob": [sentiment_of(t)[0] for t in texts],
        "vader": [vader.polarity_scores(t)["compound"] for t in texts],
        "news-vader, word-weighted": [_word_weighted(t) for t in texts],
        "tone": [text_tone(t) for t in texts],
    }, index=frame.index)


def evaluate_snippets(folder: str | Path, sizes: tuple[int, ...] = (1, 3, 6)) -> pd.DataFrame:
    """Pearson and Spearman correlation with the snippets' valence, per size, method, split."""
    sentences = read_emobank(folder)
    rows = []
    for k in sizes:
        frame = snippets(sentences, k)
        scores = snippet_scores(frame)
        for method in METHODS:
            for split in (TUNE, REPORT):
                mask = (frame["split"] == split).to_numpy()
                truth, score = frame["valence"].to_numpy()[mask], scores[method].to_numpy()[mask]
                few = mask.sum() < 3  # no correlation to speak of
                rows.append({"sentences": k, "method": method, "split": split,
                             "n": int(mask.sum()),
                             "pearson": math.nan if few else float(pearsonr(score, truth)[0]),
                             "spearman": math.nan if few else float(spearmanr(score, truth)[0])})
    return pd.DataFrame(rows)
