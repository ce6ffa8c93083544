"""Generated files fed to every reader: no crash, no hang, each item a record or a Reject."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.load.readers import READERS, read_source
from analysis.load.source import Reject, Source
from analysis.schema import ORIGIN

# CI-friendly: bounded examples, a generous deadline (a hang fails, a slow shared core does not),
# no example database written into the tree
settings.register_profile("hostile", max_examples=60, deadline=2000, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings.get_profile("hostile")
FORMATS = [fmt for fmt in READERS if fmt != "parquet"] + [None]
EXTENSIONS = {"page": ".txt", "html": ".html", "feed": ".xml", "json": ".json",
              "jsonl": ".jsonl", "csv": ".csv", "reuters": ".sgm", "gkg": ".csv", None: ".dat"}

_words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
_scalars = st.none() | st.booleans() | st.integers() | st.floats() | _words
_json_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                            | st.dictionaries(_words, inner, max_size=4), max_leaves=12)
_article_keys = st.sampled_from(["title", "text", "date", "published_at", "url", "author",
                                 "tags", "id", "lang", "body", "headline"])
_articles = st.dictionaries(_article_keys | _words, _json_values, max_size=6)
_markup = st.lists(st.sampled_from([
    "<html>", "<body>", "<p>", "</p>", "<script>alert(1)</script>", "<img onerror=x>",
    '<a href="javascript:x">', "<rss><channel><item><title>", "</title></item></channel></rss>",
    '<REUTERS NEWID="1">', "<TITLE>", "</TITLE>", "<BODY>", "</BODY>", "</REUTERS>",
    "<DATE>26-FEB-1987 15:01:01.79</DATE>", "<feed>", "<entry>", "&amp;", "&#5;", "<!--",
    "\t", "\n", ",", "\"", "20240101000000-1\t20240101000000\t", "\u202e", "\u200b",
]) | _words, max_size=30).map("".join)


def _check(items: list, source: Source) -> None:
    assert items, "a reader must yield a record or a Reject, never nothing"
    for item in items:
        if isinstance(item, Reject):
            assert item.reason.strip() and item.file == source.name
        else:
            assert isinstance(item, dict) and item[ORIGIN].startswith(source.name)


def _run(data: bytes, fmt: str | None) -> None:
    source = Source(f"generated{EXTENSIONS[fmt]}", data)
    _check(list(read_source(source, fmt=fmt)), source)


def _csv(rows: list[dict]) -> str:
    keys = list(dict.fromkeys(key for row in rows for key in row)) or ["title"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=keys, restval="")
    writer.writeheader()
    writer.writerows({key: str(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS, ids=str)
@PROFILE
@given(data=st.binary(max_size=2048))
def test_any_bytes(fmt, data):
    _run(data, fmt)


@pytest.mark.parametrize("fmt", FORMATS, ids=str)
@PROFILE
@given(text=_markup, encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_markup_like_text(fmt, text, encoding):
    _run(text.encode(encoding), fmt)


@pytest.mark.parametrize("fmt", FORMATS, ids=str)
@PROFILE
@given(rows=st.lists(_articles, max_size=5), layout=st.sampled_from(["json", "jsonl", "csv"]))
def test_structured_articles(fmt, rows, layout):
    if layout == "json":
        text = json.dumps(rows)
    elif layout == "jsonl":
        text = "".join(json.dumps(row) + "\n" for row in rows)
    else:
        text = _csv(rows)
    _run(text.encode("utf-8", "surrogatepass"), fmt)
