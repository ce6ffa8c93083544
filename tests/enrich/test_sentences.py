"""Tests for analysis.enrich.sentences: offline sentence splitting with exact offsets."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.enrich.sentences import sentence_spans, split_sentences
from analysis.schema import ARTICLE_ID, END, SENTENCE, START, TEXT


def sentences_of(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def sample_body(path) -> str:
    raw = path.read_text(encoding="utf-8")
    start = raw.index("Washington’s top official", raw.index("BAGHDAD (Reuters)"))
    end = raw.index("develop a nuclear bomb.", start) + len("develop a nuclear bomb.")
    return raw[start:end]


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. Treasury said on Feb. 3 it would act. Mr. Smith agreed.",
     ["The U.S. Treasury said on Feb. 3 it would act.", "Mr. Smith agreed."]),
    ("Exports rose 3.5 pct in the U.S. The rise was expected.",
     ["Exports rose 3.5 pct in the U.S.", "The rise was expected."]),
    ("He met Gen. Smith and Gov. Brown at 5 p.m. on Monday. They talked.",
     ["He met Gen. Smith and Gov. Brown at 5 p.m. on Monday.", "They talked."]),
    ("Shares of Acme Corp. rose 2.5 dlrs. Analysts said Mrs. Jones sold.",
     ["Shares of Acme Corp. rose 2.5 dlrs.", "Analysts said Mrs. Jones sold."]),
    ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
])
def test_abbreviations_and_numbers_do_not_end_a_sentence(text, expected):
    assert sentences_of(text) == expected


def test_a_blank_line_always_ends_a_sentence():
    text = "HAND SHAKE\n\nWashington has long accused Tehran\n \n\nof fomenting violence"
    assert sentences_of(text) == ["HAND SHAKE", "Washington has long accused Tehran",
                                  "of fomenting violence"]


def test_offsets_index_the_article_text_and_count_from_zero():
    texts = ["  First one here. Second one?\n\nThird!  ", "Only one"]
    frame = split_sentences(pd.DataFrame({ARTICLE_ID: ["a", "b"], TEXT: texts}))
    assert list(frame.columns) == [ARTICLE_ID, SENTENCE, TEXT, START, END]
    assert frame[SENTENCE].tolist() == [0, 1, 2, 0]
    assert frame[TEXT].tolist() == ["First one here.", "Second one?", "Third!", "Only one"]
    for row in frame.itertuples():
        article = texts[0] if row.article_id == "a" else texts[1]
        assert article[row.start:row.end] == row.text


def test_articles_without_text_give_no_rows():
    frame = split_sentences(pd.DataFrame({ARTICLE_ID: ["a", "b", "c"], TEXT: ["", None, " \n"]}))
    assert frame.empty
    assert list(frame.columns) == [ARTICLE_ID, SENTENCE, TEXT, START, END]
    assert frame[START].dtype == "int64"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "U.S.", "said", "Feb.", "3.5", "talks.", "He", "it",
                                 "ended?", "\n", "\n\n", "“Yes,”", "(Reuters)", "e.g.", "..."]),
                max_size=40).map(" ".join))
def test_spans_are_ordered_trimmed_and_cover_every_visible_character(text):
    spans = sentence_spans(text)
    covered = [False] * len(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        covered[start:end] = [True] * (end - start)
        previous_end = end
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


def test_sample_body_offsets_are_exact(sample_path):
    body = sample_body(sample_path)
    frame = split_sentences(pd.DataFrame({ARTICLE_ID: ["sample"], TEXT: [body]}))
    assert all(body[r.start:r.end] == r.text for r in frame.itertuples())
    assert frame[TEXT].iloc[0].startswith("Washington’s top official in Iraq said")
    assert frame[TEXT].iloc[-1].endswith("it is being used to develop a nuclear bomb.")
    assert "HAND SHAKE" in frame[TEXT].tolist()  # a subheading: its own sentence
    assert "The U.S. military has put on display" in " ".join(frame[TEXT])
    assert len(frame) == 20
