"""The Upload page's limits (AppTest): types, sizes, editors only, nothing left beside the store."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis import store
from analysis.settings import SETTINGS
from tests.conftest import REPO
from tests.dashboard.conftest import APP
from tests.dashboard.test_auth import SECRETS

UPLOAD_PAGE = str(Path(APP).parent / "views" / "upload.py")
ARTICLE = (b'{"title": "Harbour strike ends after talks", "source": "Test Wire", '
           b'"text": "Dock workers in Rotterdam returned to work on Monday after union leaders '
           b'accepted a new pay offer from the port authority."}\n')
OTHER = ARTICLE.replace(b"Harbour strike ends", b"Ferry service resumes")


@pytest.fixture
def news(tmp_path, monkeypatch) -> Path:
    """A store path in its own folder inside tmp_path; the test's working folder is tmp_path."""
    path = tmp_path / "store" / "news.duckdb"
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    monkeypatch.chdir(tmp_path)
    return path


def open_upload(*files: tuple[str, bytes], **options) -> AppTest:
    at = AppTest.from_file(UPLOAD_PAGE, default_timeout=120)
    for name, value in options.items():
        setattr(at, name, value)
    at.run()
    for name, content in files:
        at.file_uploader(key="upload_files").upload(name, content)
    return at.run() if files else at


def ingest_clicked(at: AppTest) -> AppTest:
    return at.button(key="upload_go").click().run()


def every_file(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_the_uploader_offers_the_loaders_types_and_the_size_limit(news):
    uploader = open_upload().file_uploader(key="upload_files")
    assert {".txt", ".html", ".jsonl", ".csv", ".parquet", ".sgm", ".zip"} <= set(
        uploader.allowed_type)
    assert ".exe" not in uploader.allowed_type
    assert uploader.proto.max_upload_size_mb == 200


def test_uploads_are_ingested_and_nothing_is_left_outside_the_store(news, tmp_path):
    at = ingest_clicked(open_upload(("strike.jsonl", ARTICLE),
                                    ("../../../escape.jsonl", OTHER)))
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["2 new, 0 duplicate, 0 rejected."]
    with store.connect(news) as con:
        assert len(store.read_articles(con)) == 2
    left = every_file(tmp_path)
    assert left and all(name.startswith("store/news.duckdb") for name in left), left


def test_an_executable_is_refused_by_its_type(news, tmp_path):
    at = open_upload(("tool.exe", b"MZ\x90\x00\x03" + bytes(range(256)) * 8))
    assert "Invalid file extension: `.exe`" in str(at.exception[0].value)
    assert not at.button and every_file(tmp_path) == []


def test_binary_content_under_a_text_name_is_rejected_by_the_loaders(news):
    at = ingest_clicked(open_upload(("report.txt", b"MZ\x90\x00\x03" + bytes(range(256)) * 8)))
    assert [s.value for s in at.success] == ["0 new, 0 duplicate, 1 rejected."]
    rejects = at.dataframe[0].value
    assert list(rejects["file"]) == ["report.txt"]
    assert "binary data" in rejects["reason"].iloc[0]


def test_an_oversize_file_is_refused_naming_the_limit(news, tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_MAX_FILE_MB", "1")
    big = b"Dock workers returned to work on Monday.\n" * 40_000  # 1.6 MiB of text
    at = open_upload(("big.txt", big))
    assert at.file_uploader(key="upload_files").proto.max_upload_size_mb == 1
    [error] = at.error
    assert "big.txt: 1.6 MiB, over the 1 MiB limit" in error.value
    assert "PRESSLENS_MAX_FILE_MB" in error.value
    assert not at.button and every_file(tmp_path) == []


@pytest.mark.parametrize("user", [
    {"is_logged_in": False},
    {"is_logged_in": True, "email": "victor@newsroom.test"},
])
def test_only_editors_reach_the_uploader(news, tmp_path, user):
    at = open_upload(secrets=dict(SECRETS), user=user)
    assert not at.exception
    assert [e.value for e in at.error] == ["Only editors may upload and ingest articles."]
    assert not at.file_uploader and every_file(tmp_path) == []


def test_an_editor_reaches_the_uploader(news):
    at = open_upload(secrets=dict(SECRETS),
                     user={"is_logged_in": True, "email": "edith@newsroom.test"})
    assert not at.error and len(at.file_uploader) == 1


def test_the_repository_config_keeps_xsrf_on_and_the_upload_limit_in_step():
    server = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())["server"]
    assert server["enableXsrfProtection"] is True
    max_file_mb = next(s.default for s in SETTINGS if s.name == "max_file_mb")
    assert server["maxUploadSize"] == max_file_mb


def test_an_ingest_past_its_memory_is_stopped_and_stores_nothing(news, tmp_path, monkeypatch):
    """The Upload page ran ingests inside the server: one overlapping-entries zip took it from
    424 to 2,226 MB (issue 20). It now runs in a process of its own, stopped past its memory
    (here 60 MiB, less than the child needs to start), and the store is left as it was."""
    monkeypatch.setenv("PRESSLENS_INGEST_MEMORY_MB", "60")
    at = ingest_clicked(open_upload(("strike.jsonl", ARTICLE)))
    assert not at.exception, at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith("The ingest used ") and error.endswith(
        "more than the 60 MiB it may (setting ingest_memory_mb), and was stopped; nothing was "
        "stored.")
    assert not at.success
    if news.exists():
        with store.connect(news) as con:
            assert store.read_articles(con).empty
    left = every_file(tmp_path)
    assert all(name.startswith("store/news.duckdb") for name in left), left


def test_an_overlapping_zip_upload_is_rejected_as_a_zip_bomb(news, tmp_path):
    from tests.load.test_files import overlapping_zip

    bomb = overlapping_zip(tmp_path / "bomb.zip").read_bytes()
    (tmp_path / "bomb.zip").unlink()
    at = ingest_clicked(open_upload(("bomb.zip", bomb)))
    assert [s.value for s in at.success] == ["0 new, 0 duplicate, 1 rejected."]
    rejects = at.dataframe[0].value
    assert list(rejects["file"]) == ["bomb.zip"]
    assert "overlapping-entries zip bomb" in rejects["reason"].iloc[0]
