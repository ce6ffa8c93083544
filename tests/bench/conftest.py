"""Stores the bench tests load: the bundled sample (the dashboard tests' own fixture), and one
Reuters-21578 file."""

from pathlib import Path

import pytest

from analysis.store.ingest import ingest
from tests.dashboard.conftest import sample_store  # noqa: F401 - the fixture, shared


@pytest.fixture(scope="session")
def store_1987(tmp_path_factory, corpora_dir) -> Path:
    """One Reuters-21578 file ingested (about 1,000 stories, Feb–Mar 1987)."""
    path = tmp_path_factory.mktemp("load") / "reuters.duckdb"
    ingest([corpora_dir / "reuters21578" / "reut2-000.sgm"], store=path)
    return path
