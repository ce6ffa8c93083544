"""The settings table: environment overrides, clear errors, and every setting in the README."""

import pytest

from analysis import settings
from tests.conftest import REPO


def test_every_setting_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [s.env for s in settings.SETTINGS if s.env not in readme]
    assert not missing, f"README.md does not document {missing}"


def test_environment_overrides_the_default(monkeypatch):
    monkeypatch.setenv("PRESSLENS_MAX_FILE_MB", "7")
    assert settings.get("max_file_mb") == 7


def test_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("PRESSLENS_PAGE_SIZE", "many")
    with pytest.raises(ValueError, match="PRESSLENS_PAGE_SIZE='many'"):
        settings.get("page_size")


def test_unknown_setting_lists_the_valid_ones():
    with pytest.raises(ValueError, match="valid: "):
        settings.get("nope")
