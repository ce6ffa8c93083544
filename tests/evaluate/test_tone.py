"""Tests for analysis.evaluate.tone: tone against SemEval-2007 headlines and NewsMTSC targets."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.enrich.sentiment import HEADLINE_SLOPE, TARGET_WEIGHTS, tone_class
from analysis.evaluate.tone import (
    best_band,
    evaluate_headlines,
    evaluate_targets,
    fit_headline_weights,
    fit_target_weights,
    newsmtsc_split,
    read_headlines,
    read_targets,
)


def test_newsmtsc_split_is_stable_and_keeps_an_article_together():
    gids = ["allsides_1000_401_25_Reality Leigh Winner_0_6",
            "allsides_1000_401_3_Reality Leigh Winner_0_3"]
    assert {newsmtsc_split(g) for g in gids} == {newsmtsc_split(gids[0])}
    splits = [newsmtsc_split(f"polusa_v1_{n}_-1_0_X_0_1") for n in range(400)]
    assert set(splits) == {"dev", "test"}
    assert 150 < splits.count("dev") < 250
    assert splits == [newsmtsc_split(f"polusa_v1_{n}_-1_0_X_0_1") for n in range(400)]


def test_tone_classes_and_best_band():
    assert tone_class(np.array([-0.2, -0.05, 0.0, 0.05, 0.06])).tolist() == [
        "negative", "neutral", "neutral", "neutral", "positive"]
    scores = np.array([-3.0, -2.0, -1.0, 0.0, 0.1, 0.2, 1.0, 2.0, 3.0])
    labels = np.array(["negative"] * 3 + ["neutral"] * 3 + ["positive"] * 3)
    low, high = best_band(scores, labels)
    assert tone_class(scores, low=low, high=high).tolist() == labels.tolist()
    assert -1.0 < low < 0.0 and 0.2 < high < 1.0


def test_read_targets_spans_name_the_mention(tmp_path):
    path = tmp_path / "t.jsonl"
    record = {"primary_gid": "allsides_1_2_3_Smith_0_5", "sentence_normalized":
              "Smith attacked Jones.", "targets": [
                  {"from": 0, "to": 5, "mention": "Smith", "polarity": 2.0},
                  {"from": 15, "to": 20, "mention": "Jones", "polarity": 4.0}]}
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    frame = read_targets(path)
    assert frame["label"].tolist() == ["negative", "neutral"]
    assert [t[s:e] for t, s, e in frame[["text", "start", "end"]].itertuples(index=False)] == [
        "Smith", "Jones"]


def test_read_headlines_names_a_missing_column(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("split,headline\ntrial,Hello\n", encoding="utf-8")
    with pytest.raises(ValueError, match="valence"):
        read_headlines(path)


@pytest.fixture(scope="module")
def semeval(corpora_dir):
    return corpora_dir / "semeval2007" / "semeval2007_affective_headlines.csv"


@pytest.fixture(scope="module")
def newsmtsc(corpora_dir):
    return corpora_dir / "newsmtsc" / "train.jsonl"


def score(table: pd.DataFrame, method: str, split: str, column: str) -> float:
    return float(table.loc[(table["method"] == method) & (table["split"] == split),
                           column].item())


@pytest.mark.corpora
def test_headline_tone_beats_the_baselines_on_the_test_split(semeval):
    table = evaluate_headlines(semeval)
    assert set(table["split"]) == {"trial", "test"}
    assert table.loc[table["split"] == "test", "n"].eq(1000).all()
    tone = score(table, "tone", "test", "pearson")
    assert tone >= 0.60
    for baseline in ("textblob", "vader", "vader+textblob"):
        assert tone > score(table, baseline, "test", "pearson"), baseline
        assert score(table, "tone", "test", "spearman") > score(table, baseline, "test",
                                                                  "spearman")


@pytest.mark.corpora
def test_target_tone_beats_the_baselines_on_the_test_half(newsmtsc):
    table = evaluate_targets(newsmtsc)
    assert set(table["split"]) == {"dev", "test"}
    tone = score(table, "tone", "test", "macro_f1")
    assert tone >= 0.55
    for baseline in ("textblob", "vader", "vader, tuned band"):
        assert tone > score(table, baseline, "test", "macro_f1"), baseline


@pytest.mark.corpora
def test_shipped_weights_are_those_fitted_on_the_tuning_splits(semeval, newsmtsc):
    assert fit_headline_weights(read_headlines(semeval)) == pytest.approx(HEADLINE_SLOPE,
                                                                          abs=1e-3)
    assert fit_target_weights(read_targets(newsmtsc)) == pytest.approx(TARGET_WEIGHTS, abs=1e-3)
