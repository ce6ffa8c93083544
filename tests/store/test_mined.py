"""The whole store's text mining, worked out when an ingest ends (analysis/store/mined.py): the
answer `query.keywords` and `query.discovered_topics` give with no filter is a fresh mining's,
and stays so as the store changes."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import processes, query, store
from analysis.enrich.keywords import keywords
from analysis.enrich.topics import discover_topics
from analysis.query import Filters
from analysis.store import mined
from analysis.store.ingest import ingest
from analysis.store.remove import remove
from tests.conftest import copied


def fresh(con) -> dict[str, pd.DataFrame]:
    """A mining of the store's newest texts as they are now, with the dashboard's options."""
    texts = query.article_texts(con, Filters(), limit=mined.TEXT_SAMPLE)
    return {"keywords": keywords(texts, top=mined.KEYWORDS_TOP),
            "topics": discover_topics(texts, n_topics=mined.N_TOPICS)[1]}


def answers(con) -> dict[str, pd.DataFrame]:
    """What the dashboard asks: keywords (top 40) and topics of all articles."""
    return {"keywords": query.keywords(con, Filters(), top=40),
            "topics": query.discovered_topics(con, Filters())}


def assert_same(got: dict, expected: dict) -> None:
    for what in expected:
        pd.testing.assert_frame_equal(got[what], expected[what], obj=what)


@pytest.fixture
def reuters(corpora_dir, reuters_one_file, tmp_path):
    """A store of the first Reuters-21578 file (1,000 stories), and the second to add."""
    return copied(reuters_one_file, tmp_path), corpora_dir / "reuters21578" / "reut2-001.sgm"


def test_an_ingest_stores_the_answer_a_fresh_mining_gives(reuters):
    path, _ = reuters
    with store.connect(path) as con:
        kept = {what: mined.stored(con, what) for what in ("keywords", "topics")}
        assert all(frame is not None and len(frame) > 5 for frame in kept.values())
        assert_same(kept, fresh(con))
        assert_same(answers(con), kept)


def test_a_new_ingest_mines_the_newest_texts_again(reuters):
    path, more = reuters
    with store.connect(path) as con:
        before = mined.fingerprint(con)
    ingest([more], store=path)
    with store.connect(path) as con:
        assert mined.fingerprint(con) != before
        assert mined.stored(con, "keywords") is not None
        assert_same(answers(con), fresh(con))
    with store.locked(path):
        assert mined.refresh(path) is False  # nothing changed since: nothing is mined


def test_an_ingest_in_several_processes_mines_in_a_worker_the_same(reuters):
    # the worker mines the texts as the write's transaction ends, while it commits
    path, more = reuters
    ingest([more], store=path, workers=2)
    with store.connect(path) as con:
        kept = {what: mined.stored(con, what) for what in ("keywords", "topics")}
        assert all(frame is not None and len(frame) > 5 for frame in kept.values())
        assert_same(kept, fresh(con))


def test_a_mining_worker_that_died_leaves_the_mining_to_this_process(reuters):
    path, _ = reuters
    with store.writer(path) as con:
        store.run(con, "DELETE FROM meta WHERE key = 'mined_fingerprint'")
    with processes.pool(1) as pool:
        os.kill(pool.submit(os.getpid).result(), signal.SIGKILL)
        with store.connect(path) as con:
            mining = mined.begin(con, pool=pool)
        assert mined.keep(path, mining)
    with store.connect(path) as con:
        kept = {what: mined.stored(con, what) for what in ("keywords", "topics")}
        assert all(frame is not None for frame in kept.values())
        assert_same(kept, fresh(con))


def test_a_removal_that_did_not_mine_again_is_not_answered_from_the_old_mining(reuters):
    path, _ = reuters
    with store.connect(path) as con:
        newest = query.article_texts(con, Filters(), limit=5)["article_id"].tolist()
    with store.writer(path) as con:
        remove(con, ids=newest)
    with store.connect(path) as con:
        assert mined.stored(con, "keywords") is None and mined.stored(con, "topics") is None
        assert_same(answers(con), fresh(con))


def test_presslens_remove_mines_the_newest_texts_again(reuters):
    path, _ = reuters
    with store.connect(path) as con:
        newest = query.article_texts(con, Filters(), limit=1)["article_id"].tolist()
    presslens = Path(sys.executable).with_name("presslens")
    done = subprocess.run([str(presslens), "remove", "--store", str(path), "--id", *newest],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with store.connect(path) as con:
        kept = {what: mined.stored(con, what) for what in ("keywords", "topics")}
        assert all(frame is not None for frame in kept.values())
        assert_same(kept, fresh(con))


def test_filters_or_other_options_are_mined_not_read_from_the_store(reuters):
    path, _ = reuters
    with store.connect(path) as con:
        topic = query.topic_frequencies(con)["topic"].iloc[0]
        texts = query.article_texts(con, Filters(topics=(topic,)), limit=mined.TEXT_SAMPLE)
        assert 0 < len(texts) < 1000
        pd.testing.assert_frame_equal(query.keywords(con, Filters(topics=(topic,)), top=40),
                                      keywords(texts, top=40))
        everything = query.article_texts(con, Filters(), limit=mined.TEXT_SAMPLE)
        pd.testing.assert_frame_equal(query.keywords(con, Filters(), top=10),
                                      keywords(everything, top=10))


def test_a_filter_that_keeps_the_newest_texts_has_the_stored_answer(reuters):
    """Reuters is the file's only source: that filter keeps the store's newest texts, so the
    stored answer is its answer; an actor narrows them, and its answer is mined."""
    path, _ = reuters
    only_source = Filters(sources=("Reuters",))
    narrowed = Filters(actors=("United States",))
    with store.connect(path, read_only=False) as con:
        # mark the stored keywords, to see which answer each question gives
        con.execute("UPDATE mined_keywords SET term = 'stored ' || term")
    with store.connect(path) as con:
        assert query.mined_texts(con, only_source) == query.mined_texts(con, Filters())
        assert query.mined_texts(con, narrowed) != query.mined_texts(con, Filters())
        assert query.keywords(con, only_source, top=40)["term"].str.startswith("stored ").all()
        mined_here = query.keywords(con, narrowed, top=40)
        assert len(mined_here) > 0 and not mined_here["term"].str.startswith("stored ").any()
        pd.testing.assert_frame_equal(
            mined_here, keywords(query.article_texts(con, narrowed), top=40))
        pd.testing.assert_frame_equal(query.discovered_topics(con, only_source),
                                      mined.stored(con, "topics"))
