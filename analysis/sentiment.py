"""Public scoring functions: tone of texts, and tone toward a target span (stable API)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.enrich.sentiment import score_targets, score_texts
from analysis.schema import NEUTRAL_BAND

__all__ = ["NEUTRAL_BAND", "score_targets", "score_texts", "tone_class"]


def tone_class(values: pd.Series | np.ndarray) -> pd.Series:
    """"negative", "neutral" or "positive" for each tone; within ±NEUTRAL_BAND is neutral."""
    values = pd.Series(values, dtype="float64")
    labels = np.where(values > NEUTRAL_BAND, "positive",
                      np.where(values < -NEUTRAL_BAND, "negative", "neutral"))
    return pd.Series(labels, index=values.index, name="tone_class")
