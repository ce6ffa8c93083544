"""Fixtures of the enrich tests: the built-in actor table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.enrich.actors import load_actors


@pytest.fixture(scope="module")
def actors() -> pd.DataFrame:
    return load_actors()
