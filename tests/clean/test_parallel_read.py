"""`read_batch` in worker processes: the batch of one process, on real files."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from analysis.clean import read_batch


@pytest.mark.corpora
def test_files_read_in_two_processes_give_the_batch_of_one(corpora_dir, tmp_path, caplog):
    reuters = corpora_dir / "reuters21578"
    # two Reuters files (2.6 MB: read in workers), a missing file, a file that is no article,
    # and the second file again (its stories all exact duplicates)
    licence = tmp_path / "LICENSE.txt"
    licence.write_text("Permission is hereby granted, free of charge, to any person obtaining "
                       "a copy of this software\n" * 20, encoding="utf-8")
    paths = [reuters / "reut2-000.sgm", tmp_path / "missing.sgm", licence,
             reuters / "reut2-001.sgm", reuters / "reut2-001.sgm"]
    read: list[str] = []
    one = read_batch(*paths, workers=1)
    with caplog.at_level(logging.INFO, logger="analysis.clean.articles"):
        two = read_batch(*paths, workers=2, on_file=read.append)
    assert "load and clean, wall clock in 2 process(es)" in caplog.text
    pd.testing.assert_frame_equal(two.articles, one.articles)
    pd.testing.assert_frame_equal(two.rejects, one.rejects)
    pd.testing.assert_frame_equal(two.notes, one.notes)
    assert two.duplicates == one.duplicates > 900
    assert len(one.articles) > 1500 and len(one.notes) > 0
    rejected = {name.rpartition("/")[2] for name in one.rejects["file"]}
    assert {"missing.sgm", "LICENSE.txt"} <= rejected
    assert read == [str(path) for path in paths if path.name != "missing.sgm"]
