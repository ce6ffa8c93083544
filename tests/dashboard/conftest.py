"""The store of the bundled sample, built once per session (Reuters-21578: tests/conftest.py)."""

from pathlib import Path

import pytest

from analysis.store.ingest import ingest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, sample_path) -> Path:
    path = tmp_path_factory.mktemp("store") / "sample.duckdb"
    ingest([sample_path], store=path)
    return path
