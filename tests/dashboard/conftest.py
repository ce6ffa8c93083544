"""Stores the dashboard tests open, built once per session: the bundled sample and Reuters-21578."""

from pathlib import Path

import pytest

from analysis.store.ingest import ingest
from tests.conftest import require_corpora

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, sample_path) -> Path:
    path = tmp_path_factory.mktemp("store") / "sample.duckdb"
    ingest([sample_path], store=path)
    return path


@pytest.fixture(scope="session")
def reuters_store(tmp_path_factory) -> Path:
    """Three Reuters-21578 files (3,000 stories, Feb–Mar 1987): a real, dated, multi-source-free
    wire corpus big enough for timelines, small enough to build in seconds."""
    corpora = require_corpora()
    path = tmp_path_factory.mktemp("store") / "reuters.duckdb"
    files = sorted((corpora / "reuters21578").glob("reut2-00[0-2].sgm"))
    ingest(files, store=path)
    return path
