"""Fixtures shared by the whole suite: paths to the bundled sample and to ../shared/corpora."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import filelock
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


def built_once(tmp_path_factory, worker_id: str, name: str,
               build: Callable[[Path], object]) -> Path:
    """The folder `name` that `build` fills, once for the whole run: under pytest-xdist by
    whichever worker asks first while the others wait on a lock (the run's own folder is
    shared by its workers and made anew by each run)."""
    root = tmp_path_factory.getbasetemp()
    folder = (root if worker_id == "master" else root.parent) / name
    with filelock.FileLock(f"{folder}.lock"):
        if not (folder / "complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / "complete").touch()
    return folder


def copied(store: Path, into: Path) -> Path:
    """A copy of `store` (with its search index) in `into`, for a test that may write to it."""
    for part in store.parent.glob(f"{store.name}*"):
        if not part.name.endswith(".lock"):
            shutil.copy2(part, into / part.name)
    return into / store.name


PRESSLENS = Path(sys.executable).with_name("presslens")
# the stores of `reuters_ingested` are made as the crash test's ingests run: two worker
# processes, from 500 new articles (one Reuters file), so that a kill lands while they enrich
INGEST_ENV = {"PRESSLENS_WORKERS": "2", "PRESSLENS_PARALLEL_FROM": "500"}


def reuters_ingested(tmp_path_factory, worker_id: str, pattern: str) -> Path:
    """The Reuters-21578 files of `pattern` given to `presslens ingest` in one batch (with
    INGEST_ENV), built once for the run. Beside the store, `ingest.json` keeps how long the
    command took and how many articles it stored (`reuters_run`)."""
    files = sorted((require_corpora() / "reuters21578").glob(pattern))

    def build(into: Path) -> None:
        began = time.monotonic()
        done = subprocess.run(
            [str(PRESSLENS), "ingest", *map(str, files), "--store", str(into / "reuters.duckdb"),
             "--quiet"], capture_output=True, text=True, timeout=600,
            env={**os.environ, **INGEST_ENV})
        assert done.returncode == 0, done.stderr
        (into / "ingest.json").write_text(json.dumps({
            "files": [str(f) for f in files], "seconds": time.monotonic() - began,
            "new": new_count(done.stdout)}))

    folder = built_once(tmp_path_factory, worker_id, f"reuters-{len(files)}", build)
    return folder / "reuters.duckdb"


def new_count(out: str) -> int:
    """The new articles an ingest reports in its first line ("PATH: 12 new, …")."""
    return int(out.split(": ", 1)[1].split(" new")[0])


def reuters_run(store: Path) -> dict:
    """How the store of `reuters_ingested` was made: its files, the command's seconds, new."""
    return json.loads((store.parent / "ingest.json").read_text())


@pytest.fixture(scope="session")
def reuters_three_files(tmp_path_factory, worker_id) -> Path:
    """reut2-000..002 ingested (about 2,800 stories, Feb–Mar 1987), built once for the run:
    read it, or copy it (`copied`) before writing to it."""
    return reuters_ingested(tmp_path_factory, worker_id, "reut2-00[0-2].sgm")


@pytest.fixture(scope="session")
def reuters_store(reuters_three_files, tmp_path_factory) -> Path:
    """Three Reuters-21578 files ingested: a real, dated wire corpus big enough for timelines,
    small enough to build in seconds. This worker's own copy: tests that write (saved views)
    never reach the store another worker reads."""
    return copied(reuters_three_files, tmp_path_factory.mktemp("reuters"))


@pytest.fixture(scope="session")
def reuters_one_file(tmp_path_factory, worker_id) -> Path:
    """reut2-000 ingested (about 1,000 stories, Feb–Mar 1987), built once for the run: copy
    it (`copied`) before writing to it."""
    return reuters_ingested(tmp_path_factory, worker_id, "reut2-000.sgm")
