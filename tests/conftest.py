"""Fixtures shared by the whole suite: paths to the bundled sample and to ../shared/corpora."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.web_server import site  # noqa: F401 (a fixture: a web server on 127.0.0.1)

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = REPO / "tests" / "data"
SAMPLE = TEST_DATA / "000_494b092cd619754e.txt"
SAMPLE_EXPECTED = TEST_DATA / "000_494b092cd619754e.expected.json"
CORPORA = REPO.parent / "shared" / "corpora"


def require_corpora() -> Path:
    """The corpora folder; skip when it is absent, but fail in CI where it must be present."""
    if CORPORA.is_dir():
        return CORPORA
    reason = f"{CORPORA} not found: the shared research corpora are not beside this checkout"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI=true: corpora tests must not skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    return require_corpora()


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_expected() -> dict:
    return json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))
