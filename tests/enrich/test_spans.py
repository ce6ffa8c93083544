"""Span sets answer overlap and cover questions as a scan of every span does; a text's word
counts between two points are those of slicing it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from analysis.enrich.spans import Spans
from analysis.enrich.topics import _Words

span = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(span, max_size=25), span)
def test_overlaps_and_covers_agree_with_a_scan_of_every_span(spans, query) -> None:
    start, end = query
    found = Spans(spans)
    assert found.overlaps(start, end) == any(s < end and start < e for s, e in spans)
    assert found.covers(start, end) == any(s <= start and end <= e for s, e in spans)


@given(st.text(alphabet="ab \n\u00a0", min_size=300, max_size=900), st.integers(0, 950),
       st.integers(0, 950))
def test_words_between_two_points_are_those_of_the_slice(text, start, end) -> None:
    """Gaps of 200 characters and more are counted from the index of the text's words."""
    assert _Words(text).between(start, end) == len(text[start:end].split())
