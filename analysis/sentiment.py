"""Public scoring functions: tone of texts, and tone toward a target span (stable API)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.enrich.sentiment import score_targets, score_texts
from analysis.schema import NEUTRAL_BAND

__all__ = ["NEUTRAL_BAND", "score_targets", "score_texts", "tone_class"]


def tone_class(values: pd.Series | np.ndarray | Iterable[float]) -> pd.Series:
    """"negative", "neutral" or "positive" for each tone; within ±NEUTRAL_BAND is neutral.

    A missing tone (NaN) stays missing (None). A Series keeps its index.
    """
    index = values.index if isinstance(values, pd.Series) else None
    tones = pd.Series(np.asarray(values, dtype="float64"), index=index)
    labels = np.where(tones > NEUTRAL_BAND, "positive",
                      np.where(tones < -NEUTRAL_BAND, "negative", "neutral")).astype(object)
    labels[tones.isna().to_numpy()] = None
    return pd.Series(labels, index=tones.index, name="tone_class", dtype=object)
