"""Words as the full-text index sees them: one definition for the index, queries and highlights.

A text becomes a run of tokens: each run of letters and digits is a word, folded (NFKD, accents
dropped, case folded: "Café" → "cafe", "Straße" → "strasse"), and each other visible character
(punctuation, symbols, "_") is a token of its own, so that "76%", "U.S." and "al-Maliki" can be
searched as written while "oil" still matches "oil," and "oil-rich". Spaces separate tokens and
are not tokens. Punctuation tokens are written into the index as characters of Unicode's private
use planes, which SQLite's unicode61 tokenizer keeps as tokens of their own; typographic quotes
and dashes are read as their ASCII forms (’ as ', – and — as -).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

_MARK_BASE = 0xF0000  # punctuation character c is written as chr(_MARK_BASE + ord(c))
_SAME = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"',
         "\u201d": '"', "\u201e": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
         "\u2013": "-", "\u2014": "-", "\u2212": "-"}
# a folded index text's tokens: runs of letters and digits, and single punctuation marks
_TOKEN = re.compile(r"[^\W_]+|[\U000f0000-\U0010fffd]")
_CHUNK = re.compile(r"\S+")


def _mark(char: str) -> str:
    char = _SAME.get(char, char)
    code = ord(char)
    return chr(_MARK_BASE + code) if code < 0xFFFE else chr(0x100000 + (code & 0xFFFD))


def _in_word(char: str) -> bool:
    """Whether `char` belongs to a word (letters, digits, combining marks), not "_"."""
    return char != "_" and (char.isalnum() or unicodedata.category(char) in ("Mn", "Me", "Mc"))


class _Spaced(dict):
    """A `str.translate` table: a punctuation character becomes " <its mark> ", others stay."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = char if _in_word(char) or char.isspace() else f" {_mark(char)} "
        return value


_SPACED = _Spaced()
_ASCII = {code: (None if chr(code).isalnum() or chr(code).isspace() else f" {_mark(chr(code))} ")
          for code in range(128)}
_ASCII = {code: value for code, value in _ASCII.items() if value is not None}
# the same as a pattern and its replacements: `sub` with them is three times faster than
# `str.translate` with a table of strings (0.24 against 0.77 CPU s over the Reuters texts)
_ASCII_MARKED = {chr(code): value for code, value in _ASCII.items() if value is not None}
_ASCII_MARK = re.compile(f"[{re.escape(''.join(_ASCII_MARKED))}]")


@functools.cache
def _marks() -> re.Pattern:
    """Non-spacing and enclosing marks (accents once NFKD has split them off)."""
    codes = [c for c in (*range(0x20000), *range(0xE0100, 0xE01F0))
             if unicodedata.category(chr(c)) in ("Mn", "Me")]
    ranges, start = [], codes[0]
    for prev, code in zip(codes, [*codes[1:], -1], strict=True):
        if code != prev + 1:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
            start = code
    return re.compile(f"[{''.join(ranges)}]")


def fold(text: str) -> str:
    """`text` with accents dropped and case folded ("Café" → "cafe")."""
    if text.isascii():
        return text.lower()
    return _marks().sub("", unicodedata.normalize("NFKD", text)).casefold()


def index_text(text: str) -> str:
    """`text` as the index stores it: folded words and punctuation marks, space separated."""
    if text.isascii():
        return _ASCII_MARK.sub(_marked, text).lower()
    return fold(text.translate(_SPACED))


def _marked(punctuation: re.Match) -> str:
    return _ASCII_MARKED[punctuation.group()]


def tokens(text: str) -> list[str]:
    """The tokens of `text`, as the index holds them."""
    return _TOKEN.findall(index_text(text))


class Unit(NamedTuple):
    """A stretch of an original text (a word or a punctuation mark) and its index tokens."""

    start: int
    end: int
    tokens: tuple[str, ...]


def units(text: str) -> list[Unit]:
    """`text` cut into words and punctuation marks with their offsets and index tokens (a
    word such as "½" may fold into several tokens)."""
    found = []
    for chunk in _CHUNK.finditer(text):
        word = chunk.group()
        start = chunk.start()
        if word.isalnum():
            found.append(Unit(start, chunk.end(), tuple(tokens(word))))
            continue
        i = 0
        while i < len(word):
            j = i + 1
            if _in_word(word[i]):
                while j < len(word) and _in_word(word[j]):
                    j += 1
            found.append(Unit(start + i, start + j, tuple(tokens(word[i:j]))))
            i = j
    return found


def shown(token: str) -> str:
    """A token as a person reads it (a punctuation mark as the character it stands for)."""
    if len(token) == 1 and ord(token) >= _MARK_BASE:
        return chr(ord(token) - _MARK_BASE) if ord(token) < 0x100000 else "?"
    return token
