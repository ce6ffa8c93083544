"""Bytes to text: byte-order marks, encoding detection (charset-normalizer), mojibake repair."""

from __future__ import annotations

import codecs

import charset_normalizer
import ftfy
from charset_normalizer.md import mess_ratio

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# share of control characters (other than tab, newline, carriage return, form feed) above which
# a decoded file is taken for binary data rather than text
_MAX_CONTROL_SHARE = 0.01
# how much more mess (charset-normalizer's measure) Windows-1252 may score than the best guess
# and still be preferred; text of another script read as Windows-1252 scores 1 or more
_WESTERN_SLACK = 0.05


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def decode(data: bytes, *, name: str = "<bytes>") -> str:
    """Decode `data` to text, repairing mojibake; raise DecodeError for empty or binary data."""
    if not data.strip():
        raise DecodeError("empty file (no text)")
    text = _decode_bytes(data, name=name)
    if _looks_binary(text):
        raise DecodeError("binary data, not text (control characters throughout)")
    if text.isascii():
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


def _decode_bytes(data: bytes, *, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {encoding} byte-order mark but: {err}") from None
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 3:
        # UTF-16 without a byte-order mark: every other byte of ASCII text is NUL
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise DecodeError("binary data or an unknown encoding") from None
    best = matches[0]
    # Western text is far more common in news than Central-European or Baltic code pages, which
    # decode it equally cleanly: between equally plausible candidates, prefer Windows-1252.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            return str(match)
    # with few accented letters charset-normalizer may leave Windows-1252 out altogether and
    # offer a DOS code page (cp775: "Zürich" read as "Z³rich", "“" as "ō"): weigh Windows-1252
    # itself, allowing the slight mess its curly quotes and dashes score
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return str(best)
    return western if mess_ratio(western, 1.0) <= best.chaos + _WESTERN_SLACK else str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" in sample or controls > _MAX_CONTROL_SHARE * len(sample)
