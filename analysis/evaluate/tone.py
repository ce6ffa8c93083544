"""Score PressLens tone against human ratings: SemEval-2007 headlines and NewsMTSC targets.

Headlines: SemEval-2007 Task 14 valence (−100…+100, six raters averaged) against each method's
score, as Pearson and Spearman correlation. `tone` is VADER with the PressLens news lexicon,
its scale fitted on the 250 `trial` headlines; `test` (1,000 headlines) was not used for any
choice. Baselines: TextBlob polarity, plain VADER compound, and VADER and TextBlob combined by
least squares on `trial` (`vader+textblob`).

Targets: NewsMTSC (sentences from political news, the sentiment toward one named person, 2 =
negative, 4 = neutral, 6 = positive), scored as three classes (a tone within ±0.05 is neutral)
by macro-F1 and accuracy. Its one file is split by a stable hash (SHA-256) of each sentence's
source article (the first three `_`-fields of `primary_gid`), so that sentences of one article
never fall on both sides: `dev` (tuning) and `test` (reported). Baselines: TextBlob and VADER
on the whole sentence with the ±0.05 band, and VADER with its two class thresholds tuned on
`dev` (`vader, tuned band`), the strongest baseline.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import accuracy_score, f1_score
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import schema
from analysis.enrich.sentiment import (
    TARGET_FEATURES,
    score_targets,
    score_texts,
    target_feature_frame,
    text_signal,
    tone_class,
)
from analysis.schema import NEUTRAL_BAND

HEADLINE_TUNE, HEADLINE_REPORT = "trial", "test"
TARGET_TUNE, TARGET_REPORT = "dev", "test"
LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
_BAND_QUANTILES = np.linspace(0.1, 0.9, 41)  # candidate class thresholds, as score quantiles


def read_headlines(path: str | Path) -> pd.DataFrame:
    """SemEval-2007 headlines: split, headline, valence (−100…+100)."""
    frame = pd.read_csv(path)
    missing = {"split", "headline", "valence"} - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    return frame[["split", "headline", "valence"]].reset_index(drop=True)


def stable_half(key: str) -> str:
    """"dev" or "test" for `key`, by a stable hash (SHA-256): half of all keys each."""
    return TARGET_TUNE if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 \
        else TARGET_REPORT


def newsmtsc_split(primary_gid: str) -> str:
    """"dev" or "test": half of NewsMTSC's source articles each, by a stable hash."""
    return stable_half("_".join(primary_gid.split("_")[:3]))


def read_targets(path: str | Path) -> pd.DataFrame:
    """NewsMTSC: one row per target: primary_gid, split, text, start, end, mention, label."""
    rows = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            for target in record["targets"]:
                rows.append({"primary_gid": record["primary_gid"],
                             "split": newsmtsc_split(record["primary_gid"]),
                             schema.TEXT: record["sentence_normalized"],
                             schema.START: target["from"], schema.END: target["to"],
                             "mention": target["mention"], "label": LABELS[target["polarity"]]})
    return pd.DataFrame(rows)


def headline_scores(headlines: pd.DataFrame) -> pd.DataFrame:
    """Each method's score of each headline: textblob, vader, vader+textblob, tone."""
    texts = headlines["headline"].tolist()
    vader = SentimentIntensityAnalyzer()
    scores = pd.DataFrame({
        "textblob": [TextBlob(t).sentiment.polarity for t in texts],
        "vader": [vader.polarity_scores(t)["compound"] for t in texts],
    }, index=headlines.index)
    tune = (headlines["split"] == HEADLINE_TUNE).to_numpy()
    both = scores[["vader", "textblob"]].to_numpy()
    coef = _least_squares(both[tune], headlines["valence"].to_numpy()[tune] / 100)
    scores["vader+textblob"] = coef[0] + both @ coef[1:]
    scores["tone"] = score_texts(texts)[schema.TONE].to_numpy()
    return scores


def evaluate_headlines(path: str | Path) -> pd.DataFrame:
    """Pearson and Spearman correlation with human valence, per method and split."""
    headlines = read_headlines(path)
    scores = headline_scores(headlines)
    rows = []
    for method in scores.columns:
        for split in (HEADLINE_TUNE, HEADLINE_REPORT):
            mask = (headlines["split"] == split).to_numpy()
            truth, score = headlines["valence"].to_numpy()[mask], scores[method].to_numpy()[mask]
            rows.append({"method": method, "split": split, "n": int(mask.sum()),
                         "pearson": float(pearsonr(score, truth)[0]),
                         "spearman": float(spearmanr(score, truth)[0])})
    return pd.DataFrame(rows)


def fit_headline_weights(headlines: pd.DataFrame) -> float:
    """The slope of tone on `sentence_signal` (news-VADER compound plus a share of TextBlob
    polarity), fitted through 0 on the `trial` split."""
    tune = headlines[headlines["split"] == HEADLINE_TUNE]
    signal = np.array([text_signal(t) for t in tune["headline"]])
    valence = tune["valence"].to_numpy() / 100
    return float(signal @ valence / (signal @ signal))


def target_scores(targets: pd.DataFrame) -> pd.DataFrame:
    """Each method's score toward each target: textblob, vader (whole sentence), tone."""
    vader = SentimentIntensityAnalyzer()
    texts = targets[schema.TEXT].tolist()
    return pd.DataFrame({
        "textblob": [TextBlob(t).sentiment.polarity for t in texts],
        "vader": [vader.polarity_scores(t)["compound"] for t in texts],
        "tone": score_targets(targets).to_numpy(),
    }, index=targets.index)


def evaluate_targets(path: str | Path, *, limit: int | None = None) -> pd.DataFrame:
    """Macro-F1 and accuracy of the three tone classes toward NewsMTSC targets (the first
    `limit` of them if given: both splits are spread through the file)."""
    targets = read_targets(path)
    if limit is not None:
        targets = targets.head(limit)
    scores = target_scores(targets)
    tune = (targets["split"] == TARGET_TUNE).to_numpy()
    labels = targets["label"].to_numpy()
    predicted = {method: _classes(scores[method].to_numpy()) for method in scores.columns}
    low, high = best_band(scores["vader"].to_numpy()[tune], labels[tune])
    predicted["vader, tuned band"] = _classes(scores["vader"].to_numpy(), low=low, high=high)
    rows = []
    for method in ("textblob", "vader", "vader, tuned band", "tone"):
        for split in (TARGET_TUNE, TARGET_REPORT):
            mask = (targets["split"] == split).to_numpy()
            truth, guess = labels[mask], predicted[method][mask]
            rows.append({"method": method, "split": split, "n": int(mask.sum()),
                         "macro_f1": float(f1_score(truth, guess, average="macro")),
                         "accuracy": float(accuracy_score(truth, guess))})
    return pd.DataFrame(rows)


def best_band(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The class thresholds (low, high), among quantiles of `scores`, with the best macro-F1."""
    candidates = np.unique(np.quantile(scores, _BAND_QUANTILES))
    best, band = -1.0, (-NEUTRAL_BAND, NEUTRAL_BAND)
    for i, low in enumerate(candidates):
        for high in candidates[i + 1:]:
            f1 = f1_score(labels, _classes(scores, low=low, high=high), average="macro")
            if f1 > best:
                best, band = f1, (float(low), float(high))
    # move each threshold halfway into the gap to the next score beyond it: the same classes,
    # but no score (such as that of a sentence without sentiment words) sits on a threshold
    below, above = scores[scores < band[0]], scores[scores > band[1]]
    low = (band[0] + below.max()) / 2 if len(below) else band[0]
    high = (band[1] + above.min()) / 2 if len(above) else band[1]
    return float(low), float(high)


def fit_target_weights(targets: pd.DataFrame) -> tuple[float, ...]:
    """Weights of TARGET_FEATURES in tone toward a target, fitted on the `dev` split.

    Least squares on −1/0/+1 gives their proportions; the scale is then the one whose neutral
    band (±0.05) gives the best macro-F1 on `dev`. A target without sentiment words around it
    keeps tone 0: no intercept.
    """
    tune = targets[targets["split"] == TARGET_TUNE]
    features = target_feature_frame(tune)[list(TARGET_FEATURES)].to_numpy()
    truth = tune["label"].map({"negative": -1.0, "neutral": 0.0, "positive": 1.0}).to_numpy()
    weights = _least_squares(features, truth)[1:]
    raw = features @ weights
    size = np.abs(raw)
    labels, best, band = tune["label"].to_numpy(), -1.0, 1.0
    for width in np.unique(np.quantile(size[size > 0], _BAND_QUANTILES)):
        f1 = f1_score(labels, _classes(raw / width * NEUTRAL_BAND), average="macro")
        if f1 > best:
            best, band = f1, width
    band = (band + size[size > band].min()) / 2  # into the gap: no score sits on the edge
    return tuple(float(w * NEUTRAL_BAND / band) for w in weights)


def _least_squares(features: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Intercept then one coefficient per column of `features`."""
    design = np.column_stack([np.ones(len(features)), features])
    return np.linalg.lstsq(design, target, rcond=None)[0]


def _classes(scores: np.ndarray, *, low: float = -NEUTRAL_BAND,
             high: float = NEUTRAL_BAND) -> np.ndarray:
    return tone_class(scores, low=low, high=high).to_numpy()
