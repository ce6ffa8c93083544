"""Deprecated alias of `analysis.store` for `read_analysis`; goes in PressLens 0.3."""

import warnings

from analysis.store.enriched import read_analysis

__all__ = ["read_analysis"]
warnings.warn("analysis.stored is deprecated: use analysis.store.read_analysis",
              DeprecationWarning, stacklevel=2)
