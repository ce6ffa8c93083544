"""The saved views in the sidebar (dashboard/saved.py): the list is cached with the other
answers, so a view saved since shows at the next run (the save changes the store's version)."""

from streamlit.testing.v1 import AppTest

from analysis.store.views import delete_view, save_view
from tests.conftest import copied
from tests.dashboard.conftest import APP


def listed(at: AppTest) -> list[str]:
    found = [box for box in at.sidebar.selectbox if box.key == "saved_open"]
    return list(found[0].options) if found else []


def test_the_list_follows_the_views_saved_and_deleted(sample_store, monkeypatch, tmp_path):
    path = copied(sample_store, tmp_path)
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert listed(at) == []
    save_view(path, "Gulf", "page=Overview&actors=Iran")
    at.run()
    assert listed(at) == ["Gulf"]
    save_view(path, "Another", "page=Tone")
    delete_view(path, "Gulf")
    at.run()
    assert listed(at) == ["Another"]
