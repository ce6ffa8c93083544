"""Decoding: byte-order marks, legacy encodings, mojibake, empty and binary input."""

import pytest

from analysis.load.decode import DecodeError, decode

TEXT = "Iran’s envoy met Crocker in Baghdad — “talks proceeded positively”, café naïve."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_decodes_common_encodings(encoding):
    assert decode(TEXT.encode(encoding)) == TEXT


def test_latin1_without_curly_quotes():
    text = "Le président a déclaré que la réunion était positive à Genève."
    assert decode(text.encode("latin-1")) == text


def test_repairs_mojibake():
    text = "Iran’s envoy — “a café in Tehran“ — naïve."
    garbled = text.encode("utf-8").decode("cp1252").encode("utf-8")  # UTF-8 read as cp1252
    assert "â€" in garbled.decode("utf-8")
    assert decode(garbled) == text


def test_utf16_without_bom():
    assert decode(TEXT.encode("utf-16-le")) == TEXT


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n"])
def test_empty_is_an_error(data):
    with pytest.raises(DecodeError, match="empty"):
        decode(data)


def test_binary_is_an_error():
    with pytest.raises(DecodeError, match="binary"):
        decode(bytes(range(256)) * 50)


def test_keeps_curly_quotes_and_normalises_newlines():
    assert decode("“a”\r\nb\rc".encode()) == "“a”\nb\nc"
