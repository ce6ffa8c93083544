"""Format sniffing from content, not only the extension."""

import io
import json
import zipfile

import pandas as pd
import pytest

from analysis.load.sniff import sniff
from analysis.load.source import Source


def _parquet() -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame({"title": ["a"], "text": ["b"]}).to_parquet(buffer)
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


CASES = {
    "zip": _zip(),
    "parquet": _parquet(),
    "feed": b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
    "html": b"<!DOCTYPE html><html><body><p>Story</p></body></html>",
    "json": json.dumps([{"title": "a", "text": "b"}]).encode(),
    "jsonl": b'{"title": "a"}\n{"title": "b"}\n',
    "csv": b"title,text,date\na,b,2020-01-01\nc,d,2020-01-02\ne,f,2020-01-03\n",
    "reuters": b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS NEWID="1"><BODY>x</BODY></REUTERS>',
    "page": "Iran, Iraq hold talks\n\nBAGHDAD (Reuters) – Officials met on Monday.".encode(),
}


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_sniffs_content_under_a_misleading_name(fmt):
    # every input is named .txt: the content alone must decide
    assert sniff(Source("upload.txt", CASES[fmt])) == fmt


def test_prose_with_commas_is_not_a_table():
    text = "Iran, Iraq and Syria met, officials said.\nThe talks, held in Baghdad, ended.\n"
    assert sniff(Source("story.txt", text.encode())) == "page"


@pytest.mark.corpora
@pytest.mark.parametrize(
    ("name", "fmt"),
    [("reuters21578/reut2-000.sgm", "reuters"), ("gdelt/gkg2samp.csv", "gkg"),
     ("gdelt/gkg1samp.csv", "gkg"), ("bbc/bbc_news_2225.csv", "csv"),
     ("newsmtsc/train.jsonl", "jsonl")],
)
def test_sniffs_the_real_corpora(corpora_dir, name, fmt):
    path = corpora_dir / name
    assert sniff(Source(str(path), path.read_bytes())) == fmt
