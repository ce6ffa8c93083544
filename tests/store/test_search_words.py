"""Words as the full-text index sees them (analysis/store/search_words.py)."""

import pytest

from analysis.store.search_words import index_text, tokens


def spelled_out(text: str) -> str:
    """An ASCII text as the index stores it, one character at a time: a letter or digit lower
    cased, a space kept, anything else a mark of the private use plane between spaces."""
    return "".join(char.lower() if char.isalnum() or char.isspace()
                   else f" {chr(0xF0000 + ord(char))} " for char in text)


@pytest.mark.parametrize("text", [
    "".join(map(chr, range(128))),
    "OPEC's output, 76% of U.S. demand (al-Maliki_2) -- \"we will not cut\"\n\tsaid.",
    "", "plain words only", "___", "\x00\x7f",
])
def test_an_ascii_text_is_marked_character_by_character(text):
    assert index_text(text) == spelled_out(text)


def test_punctuation_tokens_stand_alone():
    assert tokens("U.S. oil-rich, 76%") == [
        "u", chr(0xF0000 + ord(".")), "s", chr(0xF0000 + ord(".")), "oil",
        chr(0xF0000 + ord("-")), "rich", chr(0xF0000 + ord(",")), "76", chr(0xF0000 + ord("%"))]
