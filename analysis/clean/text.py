"""Normalise text every loader produces: invisible characters, whitespace, paragraph breaks."""

from __future__ import annotations

import html
import re
import unicodedata

# zero-width characters and bidirectional overrides/isolates: invisible, and a way to make text
# display differently from what it says; right-to-left *letters* are kept, only controls go
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069\u200e\u200f]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_LINE_EDGES = re.compile(r" ?\n ?")


_ENTITY_ROUNDS = 8  # "&amp;amp;lt;" and the like: more layers than any real feed has


def decode_entities(text: str) -> str:
    """`text` with HTML character references decoded until none is left.

    Once is not enough: "&amp;lt;b&amp;gt;" decodes to "&lt;b&gt;", which a chart or a second
    reader would show as <b>. Markup is stripped after this, so no encoded tag survives as text.
    """
    for _ in range(_ENTITY_ROUNDS):
        if "&" not in text:
            break
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def clean_line(text: str) -> str:
    """One line: invisible and control characters removed, runs of spaces made one, trimmed."""
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """A body of text: NFC, clean lines, paragraphs separated by exactly one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
    text = _LINE_EDGES.sub("\n", _SPACES.sub(" ", text))
    return _BLANK_LINES.sub("\n\n", text).strip()


def unwrap_paragraphs(text: str) -> str:
    """Join hard-wrapped lines (wire copy, plain-text e-mail) into paragraphs.

    A paragraph ends at a blank line or where the next line is indented, as in Reuters copy.
    """
    paragraphs: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            paragraphs.append([])
        elif raw[:1] in (" ", "\t") and paragraphs[-1]:
            paragraphs.append([raw])
        else:
            paragraphs[-1].append(raw)
    return clean_text("\n\n".join(" ".join(p) for p in paragraphs if p))


def fold(text: str) -> str:
    """Case-, space- and accent-insensitive key for comparing texts (duplicates, hashes)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", text))
