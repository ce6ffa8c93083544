"""The watch file: each kind of watch as the filters of the articles it follows, a saved view
read from the store without its dates, and a wrong file refused saying where."""

from __future__ import annotations

import pytest

from analysis.alerts import Watch, read_watches
from analysis.query import Filters
from analysis.store import connect
from analysis.store.views import save_view


def test_each_kind_of_watch_becomes_its_filters(tmp_path):
    listed = tmp_path / "watches.yaml"
    listed.write_text("watches:\n- actor: Iran\n- name: Oil\n  topic: Energy\n  when: spike\n"
                      "  period: week\n- search: grain OR wheat\n  when: [new]\n",
                      encoding="utf-8")
    assert read_watches(listed) == [
        Watch("actor Iran", "actor", "Iran"),
        Watch("Oil", "topic", "Energy", on=("spike",), freq="W"),
        Watch("search grain OR wheat", "search", "grain OR wheat", on=("new",))]
    assert [w.filters(None) for w in read_watches(listed)] == [
        Filters(actors=("Iran",)), Filters(topics=("Energy",)), Filters(search="grain OR wheat")]


def test_a_saved_view_is_watched_with_its_filters_but_its_dates(tmp_path):
    path = tmp_path / "s.duckdb"
    save_view(path, "Gulf", "page=Overview&actors=Iran~Iraq&start=2026-01-01&end=2026-02-01"
              "&search=oil&sources=Reuters")
    watch = Watch("Gulf watch", "view", "Gulf")
    with connect(path) as con:
        assert watch.filters(con) == Filters(actors=("Iran", "Iraq"), search="oil",
                                             sources=("Reuters",))
        with pytest.raises(ValueError, match="no saved view is called 'Gone'"):
            Watch("g", "view", "Gone").filters(con)


@pytest.mark.parametrize(("text", "said"), [
    ("- actor: Iran\n- actor: Iran\n", "two watches are called 'actor Iran'"),
    ("- actor: Iran\n  when: later\n", "item 1: when 'later'; valid: one or both of "
                                      "['spike', 'new']"),
    ("- Iran\n", "item 1: expected a mapping with one of ['actor', 'topic', 'search', 'view']"),
    ("[]\n", "expected a list of watches"),
])
def test_a_wrong_watch_file_says_which_item_and_what_is_valid(tmp_path, text, said):
    listed = tmp_path / "watches.yaml"
    listed.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        read_watches(listed)
    assert said in str(err.value)
