"""Stores the bench tests load: the bundled sample (the dashboard tests' own fixture), and one
Reuters-21578 file."""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copied
from tests.dashboard.conftest import sample_store  # noqa: F401 - the fixture, shared


@pytest.fixture(scope="session")
def store_1987(reuters_one_file, tmp_path_factory) -> Path:
    """One Reuters-21578 file ingested (about 1,000 stories, Feb–Mar 1987)."""
    return copied(reuters_one_file, tmp_path_factory.mktemp("load"))


def run_apart(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """`asyncio.run(coroutine)` in a thread of its own: a browser test earlier in the same worker
    leaves Playwright's event loop running in the main thread, where `asyncio.run` refuses."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
