"""Text mining off the page run: started once per store version and filters, shared, ready later."""

import time

import pandas as pd

from analysis import query, store
from analysis.query import Filters
from dashboard import mining


def wait_for(question, filters, **options):
    deadline = time.monotonic() + 60
    while (answer := mining.started(question, filters, **options)) is None:
        assert time.monotonic() < deadline, "the mining never finished"
        time.sleep(0.05)
    return answer


def counted_keywords(calls: list, name: str):
    """`query.keywords` that notes each call's filters in `calls`, asked under `name`."""
    def counted(con, filters, **options):
        calls.append(filters)
        return query.keywords(con, filters, **options)

    counted.__qualname__ = name
    return counted


def test_the_answer_is_the_questions_and_is_mined_once(sample_store, monkeypatch):
    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    calls: list = []
    counted = counted_keywords(calls, "counted_keywords")
    mined = wait_for(counted, Filters(), top=5)
    again = wait_for(counted, Filters(), top=5)
    pd.testing.assert_frame_equal(mined, again)
    assert calls == [Filters()]  # the second ask found the first answer
    with store.connect(sample_store) as con:
        pd.testing.assert_frame_equal(mined, query.keywords(con, Filters(), top=5))


def test_a_failed_mining_raises_in_the_page_and_is_tried_again(sample_store, monkeypatch):
    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    attempts = []

    def flaky(con, filters):
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("first try fails")
        return pd.DataFrame({"ok": [1]})

    flaky.__qualname__ = "flaky_question"
    deadline = time.monotonic() + 30
    while True:
        try:
            if mining.started(flaky, Filters()) is not None:
                break
        except RuntimeError as err:
            assert "first try fails" in str(err)
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert len(attempts) == 2


def test_clearing_the_caches_forgets_the_answers(sample_store, monkeypatch):
    """The "Clear cache" menu item (and the load check before each play) mines again."""
    import streamlit as st

    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    calls: list = []
    counted = counted_keywords(calls, "counted_keywords_cleared")
    wait_for(counted, Filters(), top=5)
    st.cache_resource.clear()
    wait_for(counted, Filters(), top=5)
    assert calls == [Filters(), Filters()]


def test_filters_that_keep_the_same_texts_share_one_mining(sample_store, monkeypatch):
    """The sample's only source keeps the texts no filter keeps: one mining for both."""
    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    only_source = Filters(sources=("Reuters",))
    with store.connect(sample_store) as con:
        assert query.mined_texts(con, only_source) == query.mined_texts(con, Filters())
    calls: list = []
    counted = counted_keywords(calls, "counted_keywords_shared")
    first = wait_for(counted, Filters(), top=5)
    pd.testing.assert_frame_equal(wait_for(counted, only_source, top=5), first)
    assert calls == [Filters()]
