"""Fixtures shared by the whole suite: paths to the bundled sample and to ../shared/corpora."""

from __future__ import annotations

import json
import os
import sys
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


@pytest.fixture(autouse=True)
def _main_module_kept():
    """Give back the `__main__` module a test's Streamlit AppTest replaced: its script runner
    makes a module of the page script (a temporary file) `__main__`, and a process pool
    started later in this worker (forkserver or spawn) runs that path again in each new
    worker, which dies on it; the pool then fails with BrokenPipeError, or hangs."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    return require_corpora()


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_expected() -> dict:
    return json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))
