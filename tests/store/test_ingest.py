"""A folder ingested as a user gives it: the stories only, each file turned away with its reason
(issue 14); and files stored under the names they were uploaded with."""

import html
import json
import re

import pytest

from analysis import store
from analysis.store.ingest import ingest

# the story's key for exact duplicates, as an independent reading of the SGML: title and body,
# entities resolved, control-character references and the "Reuter" sign-off dropped, spaces
# made one
_SIGN_OFF = re.compile(r"\s*reuters?(?:\s+[A-Z]{1,4})?\W*$", re.IGNORECASE)


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"&#\d+;", "", text)).split())


def reuters_stories(folder) -> tuple[int, set[tuple[str, str]]]:
    """How many stories have a title or a body, and their distinct (title, body) keys."""
    stories, keys = 0, set()
    for path in sorted(folder.glob("reut2-*.sgm")):
        for story in re.findall(r"<REUTERS\b.*?</REUTERS>", path.read_text(encoding="latin-1"),
                                re.DOTALL):
            title = re.search(r"<TITLE>(.*?)</TITLE>", story, re.DOTALL)
            body = re.search(r"<BODY>(.*?)</BODY>", story, re.DOTALL)
            if title is None and body is None:
                continue
            stories += 1
            text = _SIGN_OFF.sub("", _plain(body.group(1))) if body else ""
            keys.add((_plain(title.group(1)) if title else "", text))
    return stories, keys


@pytest.mark.corpora
def test_the_reuters_folder_stores_its_news_stories_only(corpora_dir, tmp_path):
    folder = corpora_dir / "reuters21578"
    stories, keys = reuters_stories(folder)
    path = tmp_path / "reuters.duckdb"
    summary = ingest([folder], store=path, enrich=False)
    assert (stories, len(keys)) == (17280, 16995)
    assert summary.new == len(keys) and summary.duplicates == stories - len(keys)
    with store.connect(path) as con:
        numbers = store.stats(con)
        origins = con.execute("SELECT DISTINCT regexp_replace(origin, '#.*', '') FROM articles"
                              ).fetchall()
        reasons = dict(con.execute("SELECT file, reason FROM rejects WHERE record IS NULL"
                                   ).fetchall())
    assert numbers["articles"] == len(keys)
    # the months of the 18 files (26 Feb - 2 Jun 1987), not README.txt's 1997
    assert numbers["first_published"].startswith("1987-02-26")
    assert numbers["last_published"].startswith("1987-06-02")
    assert {origin.rsplit("/", 1)[-1] for (origin,) in origins} == {
        f"reut2-{n:03d}.sgm" for n in range(18)}
    assert {name.rsplit("/", 1)[-1]: reason.split(";")[0] for name, reason in reasons.items()} == {
        "README.txt": "not an article: a README (describes itself, 28 section headings, "
                      "names 7 files)",
        "all-exchanges-strings.lc.txt": "not an article: a list of 39 one-word lines",
        "all-orgs-strings.lc.txt": "not an article: a list of 56 one-word lines",
        "all-people-strings.lc.txt": "not an article: a list of 267 one-word lines",
        "all-places-strings.lc.txt": "not an article: a list of 175 one-word lines",
        "all-topics-strings.lc.txt": "not an article: a list of 136 one-word lines",
        "cat-descriptions_120396.txt": "not an article: mostly a list (695 of 896 lines are "
                                       "5 words or fewer, without figures)",
        "lewis.dtd": "not an article: a DTD (30 SGML/XML declarations)",
    }


def test_uploaded_files_keep_their_names(tmp_path):
    """The Upload page saves each upload under a temporary name: the articles' origin, their
    source and the ingest's history show the name it was uploaded with."""
    saved = tmp_path / ".uploads-x1" / "0000-gulf_wire.json"
    saved.parent.mkdir()
    saved.write_text(json.dumps([{"title": "Tanker hit", "text": "A tanker was hit."},
                                 {"oops": 1}]))
    path = tmp_path / "news.duckdb"
    summary = ingest([saved], store=path, enrich=False, names={str(saved): "gulf_wire.json"})
    with store.connect(path) as con:
        origin, source = con.execute("SELECT origin, source FROM articles").fetchall()[0]
        paths = con.execute("SELECT paths FROM ingests").fetchall()[0][0]
    assert (origin, source, paths) == ("gulf_wire.json#1", "gulf_wire", ["gulf_wire.json"])
    assert summary.rejects["file"].tolist() == ["gulf_wire.json"]
