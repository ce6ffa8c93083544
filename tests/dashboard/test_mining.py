"""Text mining off the page run, in a process of its own: started once per store version and
set of texts mined, shared, ready later; a failure raised in the page, a dead worker replaced.

The questions asked here are this module's functions: the mining's process imports them by name.
Each test gives its own file to note calls in, which keeps its answers apart from the others'.
"""

import os
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import query, store
from analysis.enrich.keywords import candidate_terms
from analysis.query import Filters
from analysis.query.topics import WARM_TEXTS
from analysis.store.ingest import ingest
from analysis.store.remove import remove
from dashboard import mining
from tests.conftest import copied
from tests.enrich import mining_oracle


def wait_for(question, filters, **options):
    deadline = time.monotonic() + 60
    while (answer := mining.started(question, filters, **options)) is None:
        assert time.monotonic() < deadline, "the mining never finished"
        time.sleep(0.05)
    return answer


def counted_keywords(con, filters, *, calls: str, **options):
    """`query.keywords`, noting each call's filters as a line of the file `calls`."""
    with open(calls, "a", encoding="utf-8") as out:
        out.write(f"{filters!r}\n")
    return query.keywords(con, filters, **options)


def flaky_question(con, filters, *, attempts: str):
    """Fails the first time it is asked (the file `attempts` counts the tries)."""
    with open(attempts, "a", encoding="utf-8") as out:
        out.write("try\n")
    if len(Path(attempts).read_text().splitlines()) == 1:
        raise RuntimeError("first try fails")
    return pd.DataFrame({"ok": [1]})


def process_id(con, filters, *, asked_by: str) -> int:
    """The id of the process that answers."""
    return os.getpid()


def calls_in(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_the_answer_is_the_questions_and_is_mined_once(sample_store, monkeypatch, tmp_path):
    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    calls = tmp_path / "calls"
    mined = wait_for(counted_keywords, Filters(), top=5, calls=str(calls))
    again = wait_for(counted_keywords, Filters(), top=5, calls=str(calls))
    pd.testing.assert_frame_equal(mined, again)
    assert calls_in(calls) == [repr(Filters())]  # the second ask found the first answer
    with store.connect(sample_store) as con:
        pd.testing.assert_frame_equal(mined, query.keywords(con, Filters(), top=5))


@pytest.mark.corpora
def test_the_mining_runs_in_another_process_and_answers_as_the_query_does(
        reuters_one_file, monkeypatch):
    """The server's page runs never wait for the mining's Python lock; its answers are those
    of `query.keywords` and `query.discovered_topics` asked directly, with and without filters
    (the Topics page's options; the whole store's answer is the one mined at ingest)."""
    monkeypatch.setenv("PRESSLENS_STORE", str(reuters_one_file))
    assert wait_for(process_id, Filters(), asked_by="another process") != os.getpid()
    with store.connect(reuters_one_file) as con:
        for filters in (Filters(), Filters(topics=("grain",)), Filters(search="oil")):
            pd.testing.assert_frame_equal(wait_for(query.keywords, filters, top=40),
                                          query.keywords(con, filters, top=40))
            pd.testing.assert_frame_equal(wait_for(query.discovered_topics, filters),
                                          query.discovered_topics(con, filters))


def test_a_failed_mining_raises_in_the_page_and_is_tried_again(sample_store, monkeypatch,
                                                               tmp_path):
    """Every run that asks within RETRY_S of the failure shows it; a later ask mines again."""
    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    monkeypatch.setattr(mining, "RETRY_S", 1.0)
    attempts = tmp_path / "attempts"
    failures = []
    deadline = time.monotonic() + 30
    while True:
        try:
            if mining.started(flaky_question, Filters(), attempts=str(attempts)) is not None:
                break
        except RuntimeError as err:
            failures.append((time.monotonic(), str(err)))
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert {err for _, err in failures} == {"first try fails"}
    assert len(failures) >= 5  # asked every 0.05 s for about a second: the same failure
    assert failures[-1][0] - failures[0][0] >= 0.9
    assert len(calls_in(attempts)) == 2


def test_a_worker_that_died_is_replaced(sample_store, monkeypatch):
    """Killed (out of memory, by hand): what it held fails, the next question starts another."""
    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    first = wait_for(process_id, Filters(), asked_by="before the kill")
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while True:
        try:
            second = mining.started(process_id, Filters(), asked_by="after the kill")
        except Exception as err:  # a question submitted as it died fails with it
            assert type(err).__name__ == "BrokenProcessPool", err
            second = None
        if second is not None:
            break
        assert time.monotonic() < deadline, "no new worker answered"
        time.sleep(0.05)
    assert second not in (first, os.getpid())


def test_clearing_the_caches_forgets_the_answers(sample_store, monkeypatch, tmp_path):
    """The "Clear cache" menu item (and the load check before each play) mines again."""
    import streamlit as st

    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    calls = tmp_path / "calls"
    wait_for(counted_keywords, Filters(), top=5, calls=str(calls))
    st.cache_resource.clear()
    wait_for(counted_keywords, Filters(), top=5, calls=str(calls))
    assert calls_in(calls) == [repr(Filters())] * 2


def test_filters_that_keep_the_same_texts_share_one_mining(sample_store, monkeypatch, tmp_path):
    """The sample's only source keeps the texts no filter keeps: one mining for both."""
    monkeypatch.setenv("PRESSLENS_STORE", str(sample_store))
    only_source = Filters(sources=("Reuters",))
    with store.connect(sample_store) as con:
        assert query.mined_texts(con, only_source) == query.mined_texts(con, Filters())
    calls = tmp_path / "calls"
    first = wait_for(counted_keywords, Filters(), top=5, calls=str(calls))
    pd.testing.assert_frame_equal(wait_for(counted_keywords, only_source, top=5,
                                           calls=str(calls)), first)
    assert calls_in(calls) == [repr(Filters())]


def thread_counts(con, filters, *, asked_by: str) -> list[int]:
    """The threads each numerical library loaded in the answering process may use."""
    import threadpoolctl

    return [lib["num_threads"] for lib in threadpoolctl.threadpool_info()]


@pytest.mark.corpora
def test_the_worker_mines_on_one_thread(reuters_one_file, monkeypatch):
    """Its BLAS and OpenMP threads would wait for a core beside a busy server, spinning: the
    NMF's CPU per mining was 2-4 times as much with two (docs/reliability.md)."""
    monkeypatch.setenv("PRESSLENS_STORE", str(reuters_one_file))
    wait_for(query.discovered_topics, Filters(topics=("trade",)))  # scikit-learn is loaded
    counts = wait_for(thread_counts, Filters(), asked_by="after a mining")
    assert counts and set(counts) == {1}


@pytest.mark.corpora
def test_after_a_store_change_the_worker_answers_for_the_new_texts(
        corpora_dir, reuters_one_file, monkeypatch, tmp_path):
    """The worker keeps each text's counts it has seen (analysis.enrich.term_counts): after a
    removal and after an ingest, its answers are those of the texts as they are now, tokenised
    afresh (tests/enrich/mining_oracle.py)."""
    path = copied(reuters_one_file, tmp_path)
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    filters = Filters(actors=("United States",))

    def check() -> list:
        got = wait_for(query.keywords, filters, top=40)
        with store.connect(path) as con:
            texts = query.article_texts(con, filters)
        assert mining_oracle.as_rows(got) == mining_oracle.keywords(texts, candidate_terms, top=40)
        topics = wait_for(query.discovered_topics, filters)
        assert topics["terms"].tolist() == [t for _, t, _ in
                                            mining_oracle.topic_terms(texts, n_topics=10)]
        return mining_oracle.as_rows(got)

    before = check()
    with store.connect(path) as con:  # the newer half of the matching articles goes
        matching = query.article_texts(con, filters)["article_id"].tolist()
        newest = matching[:len(matching) // 2]
    with store.writer(path) as con:
        remove(con, ids=newest)
    removed = check()
    ingest([corpora_dir / "reuters21578" / "reut2-001.sgm"], store=path)
    added = check()
    assert before != removed != added


def counted(con, filters, *, asked_by: str) -> tuple[bool, bool]:
    """Whether the worker holds the term counts of every text `filters` keep (up to the
    counts' capacity), for keywords and for topics."""
    from analysis.enrich.keywords import _counter
    from analysis.enrich.keywords import _documents as keyword_documents
    from analysis.enrich.topics import _documents as topic_documents
    from analysis.enrich.topics import _tokens

    texts = query.article_texts(con, filters, limit=WARM_TEXTS)
    return (all(doc in _counter(1, 3) for doc in keyword_documents(texts)),
            all(doc in _tokens() for doc in topic_documents(texts)))


@pytest.mark.corpora
def test_after_its_first_answer_the_worker_counts_the_stores_texts(reuters_one_file,
                                                                     monkeypatch, tmp_path):
    """Its memory then grows in the warm-up, not as users pick filter sets, and a later
    mining of any filter set tokenises nothing (docs/reliability.md: +12.4 % at 20 users)."""
    path = copied(reuters_one_file, tmp_path)  # a store the worker has not been asked about
    monkeypatch.setenv("PRESSLENS_STORE", str(path))
    with store.connect(path) as con:
        everything = len(query.article_texts(con, Filters(), limit=WARM_TEXTS))
        few = len(query.article_texts(con, Filters(search="coffee")))
    assert 0 < few < everything
    wait_for(query.keywords, Filters(search="coffee"))
    assert wait_for(counted, Filters(), asked_by="after the first mining") == (True, True)
