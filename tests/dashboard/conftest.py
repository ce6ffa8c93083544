"""Stores the dashboard tests open: the bundled sample, built once per session."""

from pathlib import Path

import pytest

from analysis.ingest import ingest


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, sample_path) -> Path:
    path = tmp_path_factory.mktemp("store") / "sample.duckdb"
    ingest([sample_path], store=path)
    return path
