"""Files stored under the names they were uploaded with (the Reuters-21578 folder ingested as a
user gives it is in test_reuters_folder.py)."""

import gc
import json

import pytest

from analysis import store
from analysis.store.ingest import ingest


def test_uploaded_files_keep_their_names(tmp_path):
    """The Upload page saves each upload under a temporary name: the articles' origin, their
    source and the ingest's history show the name it was uploaded with."""
    saved = tmp_path / ".uploads-x1" / "0000-gulf_wire.json"
    saved.parent.mkdir()
    saved.write_text(json.dumps([{"title": "Tanker hit", "text": "A tanker was hit."},
                                 {"oops": 1}]))
    path = tmp_path / "news.duckdb"
    summary = ingest([saved], store=path, enrich=False, names={str(saved): "gulf_wire.json"})
    with store.connect(path) as con:
        origin, source = con.execute("SELECT origin, source FROM articles").fetchall()[0]
        paths = con.execute("SELECT paths FROM ingests").fetchall()[0][0]
    assert (origin, source, paths) == ("gulf_wire.json#1", "gulf_wire", ["gulf_wire.json"])
    assert summary.rejects["file"].tolist() == ["gulf_wire.json"]


def test_an_ingest_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    """An ingest leaves the objects it holds out of full collections while it runs
    (gc.freeze), and hands them back at the end, also when it fails; a caller that froze
    objects itself keeps them frozen."""
    saved = tmp_path / "wire.json"
    saved.write_text(json.dumps([{"title": "Tanker hit", "text": "A tanker was hit."}]))
    assert gc.get_freeze_count() == 0
    ingest([saved], store=tmp_path / "news.duckdb", enrich=False)
    assert gc.get_freeze_count() == 0
    broken = tmp_path / "broken.duckdb"
    broken.write_text("not a database")
    with pytest.raises(store.StoreError):  # fails inside, after the freeze
        ingest([saved], store=broken, enrich=False)
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        ingest([saved], store=tmp_path / "news.duckdb", enrich=False)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
