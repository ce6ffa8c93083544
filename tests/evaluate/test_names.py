"""Reading named-entity corpora into sentences with character spans, and scoring exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.evaluate.names import (
    Sentence,
    label_spans,
    read_columns,
    read_marked,
    read_uner,
    score_spans,
)


def test_label_spans_read_iob1_and_iob2() -> None:
    assert label_spans(["I-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-LOC"]) == [
        (0, 2, "person"), (3, 5, "place"), (5, 6, "place")]
    assert label_spans(["I-ORG", "I-MISC", "B-ORG", "I-PER"]) == [
        (0, 1, "organisation"), (2, 3, "organisation"), (3, 4, "person")]


def test_conll_columns_become_space_joined_text_with_spans(tmp_path: Path) -> None:
    path = tmp_path / "tiny.conll"
    path.write_text("-DOCSTART- O\n\nBill\tB-PER\nClinton\tI-PER\nvisited\tO\nParis\tB-LOC\n"
                    "\nApple\tB-corporation\nfell\tO\n")
    first, second = read_columns(path)
    assert first.text == "Bill Clinton visited Paris"
    assert [(first.text[a:b], kind) for a, b, kind in first.spans] == [
        ("Bill Clinton", "person"), ("Paris", "place")]
    assert second.spans == [(0, 5, "organisation")]


def test_uner_sentences_keep_their_raw_text_and_id(tmp_path: Path) -> None:
    path = tmp_path / "tiny.iob2"
    path.write_text("# sent_id = n01001-0001\n# text = Obama's aide met Kori Schulman.\n"
                    "1\tObama\tB-ORG\t-\t-\n2\t's\tO\t-\t-\n3\taide\tO\t-\t-\n4\tmet\tO\t-\t-\n"
                    "5\tKori\tB-PER\t-\t-\n6\tSchulman\tI-PER\t-\t-\n7\t.\tO\t-\t-\n\n")
    (sentence,) = read_uner(path)
    assert sentence.text == "Obama's aide met Kori Schulman."
    assert sentence.doc == "n01001-0001"
    assert [(sentence.text[a:b], kind) for a, b, kind in sentence.spans] == [
        ("Obama", "organisation"), ("Kori Schulman", "person")]


def test_hand_marked_lines_give_text_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "marked.txt"
    path.write_text("# a comment\n[PER Bill Clinton] met [ORG Hamas] in [LOC Gaza].\n")
    (sentence,) = read_marked(path)
    assert sentence.text == "Bill Clinton met Hamas in Gaza."
    assert [(sentence.text[a:b], kind) for a, b, kind in sentence.spans] == [
        ("Bill Clinton", "person"), ("Hamas", "organisation"), ("Gaza", "place")]


def test_a_span_counts_only_with_its_exact_offsets_and_kind() -> None:
    sentence = Sentence("Bill Clinton met Hamas in Gaza.",
                        [(0, 12, "person"), (17, 22, "organisation"), (26, 30, "place")])
    predicted = [[(5, 12, "person"), (17, 22, "organisation"), (26, 30, "organisation")]]
    scores = score_spans([sentence], predicted)
    assert (scores["person"].tp, scores["person"].fp, scores["person"].fn) == (0, 1, 1)
    assert scores["organisation"].precision == 0.5 and scores["organisation"].recall == 1.0
    assert scores["place"].f1 == 0.0
    assert (scores["all"].tp, scores["all"].fp, scores["all"].fn) == (1, 2, 2)


def test_a_token_missing_from_its_raw_text_names_the_file_and_sentence(tmp_path: Path) -> None:
    path = tmp_path / "bad.iob2"
    path.write_text("# sent_id = n9\n# text = Bill met Ann.\n1\tBill\tB-PER\t-\t-\n"
                    "2\tmeets\tO\t-\t-\n\n")
    with pytest.raises(ValueError, match=r"bad\.iob2: sentence n9: token 'meets'"):
        read_uner(path)
