"""Tell an input's format from its content (magic bytes, markup, structure), not its name."""

from __future__ import annotations

import csv
import io
import re

from analysis.load.source import Source

FORMATS = ("zip", "parquet", "reuters", "feed", "html", "json", "jsonl", "gkg", "csv", "page")

_EXTENSIONS = {
    ".zip": "zip", ".parquet": "parquet", ".sgm": "reuters", ".sgml": "reuters",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".html": "html", ".htm": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
    ".txt": "page",
}
_FEED = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<(p|div|article|h1)[\s>]", re.IGNORECASE)
_REUTERS = re.compile(r"<!DOCTYPE lewis|<REUTERS\s[^>]*NEWID=", re.IGNORECASE)
# a GDELT GKG export: its header (GKG 1.0 and 2.x, with or without a header row)
_GKG_HEADER = re.compile(r"^(gkgrecordid|DATE)[,\t](\w+[,\t])*?(v2)?(themes|THEMES)", re.IGNORECASE)
_FIELD_NAME = re.compile(r"^[\w .:/()#-]{1,40}$")
_GKG_ROW = re.compile(r"^\d{14}-T?\d+\t\d{14}\t")
_WINDOW = 65536  # characters read to tell a format
_WIDE_HEADER = 1_000  # delimiters on a first line longer than the window: a (very wide) table


def sniff(source: Source) -> str:
    """The format of `source`, one of FORMATS; binary formats by magic bytes, text by content."""
    head = source.data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"PAR1"):
        return "parquet"
    text = source.text()[:_WINDOW]
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if _REUTERS.search(text[:4096]):
        return "reuters"
    if start == "<" and _FEED.search(text[:4096]):
        return "feed"
    if start == "<" and _HTML.search(text[:4096]):
        return "html"
    if start == "[":
        return "json"
    if start == "{":
        first_line = text.lstrip().split("\n", 1)[0].strip()
        return "jsonl" if first_line.endswith("}") and "\n" in text.strip() else "json"
    if _GKG_HEADER.match(text) or _GKG_ROW.match(text):
        return "gkg"
    if _looks_tabular(text, by_extension=sniff_by_extension(source.name) == "csv"):
        return "csv"
    if _wide_first_line(text):
        return "csv"  # the CSV reader then refuses it by its number of columns
    return "page"


def sniff_by_extension(name: str) -> str | None:
    """The format an extension suggests, or None; used only when content is ambiguous."""
    lowered = name.lower()
    for extension, fmt in _EXTENSIONS.items():
        if lowered.endswith(extension):
            return fmt
    return None


def _looks_tabular(text: str, *, by_extension: bool) -> bool:
    first_line = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",\t;|")
    except csv.Error:
        return False
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        rows.append(row)
        if len(rows) == 6:
            break
    header = rows[0]
    # a header is short field names, not prose that happens to hold a comma
    if len(header) < 2 or not all(_is_field_name(cell) for cell in header):
        return False
    consistent = sum(len(row) == len(header) for row in rows[1:])
    return consistent >= 1 if by_extension else consistent >= 2


def _wide_first_line(text: str) -> bool:
    """A first line that runs past the window with a thousand delimiters of one kind in it."""
    if len(text) < _WINDOW or "\n" in text:
        return False
    return max(text.count(delimiter) for delimiter in ",\t;|") >= _WIDE_HEADER


def _is_field_name(cell: str) -> bool:
    cell = cell.strip()
    return bool(_FIELD_NAME.match(cell)) and len(cell.split()) <= 3 and not cell.endswith(".")
