"""Deprecated alias of `analysis.enrich` for the scoring functions; goes in PressLens 0.3."""

import warnings

from analysis.enrich.sentiment import score_targets, score_texts, tone_class
from analysis.schema import NEUTRAL_BAND

__all__ = ["NEUTRAL_BAND", "score_targets", "score_texts", "tone_class"]
warnings.warn("analysis.sentiment is deprecated: import score_texts, score_targets and "
              "tone_class from analysis.enrich", DeprecationWarning, stacklevel=2)
