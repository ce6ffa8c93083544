"""The Reuters-21578 folder given to `presslens ingest` as a user gives it (issue 14): its news
stories stored, every other file turned away with its reason, the story-less wire tables grouped
in the output; and ingesting its 18 files again adds nothing. One ingest of the whole folder
(about 17,000 stories, not enriched: what is stored is the question here; an enriched store
ingested again is in test_crash_safety.py) serves both tests."""

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from analysis import store
from analysis.evaluate.actors import open_reuters_files
from tests.conftest import PRESSLENS, copied

# the story's key for exact duplicates, as an independent reading of the SGML: title and body,
# entities resolved, control-character references and the "Reuter" sign-off dropped, spaces
# made one
_SIGN_OFF = re.compile(r"\s*reuters?(?:\s+[A-Z]{1,4})?\W*$", re.IGNORECASE)
_SUMMARY = re.compile(r": (\d+) new, (\d+) duplicate, (\d+) rejected")


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"&#\d+;", "", text)).split())


def reuters_stories(folder: Path) -> tuple[int, set[tuple[str, str]]]:
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


def presslens(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PRESSLENS), *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def open_folder(corpora_dir, tmp_path_factory) -> Path:
    """The Reuters-21578 folder as a user holds it, less the held-out reut2-018 … 021 where a
    copy has them: links to its 18 open story files and to every file that is not a story."""
    source = corpora_dir / "reuters21578"
    folder = tmp_path_factory.mktemp("reuters21578")
    for path in [*open_reuters_files(source),
                 *(p for p in sorted(source.iterdir()) if p.suffix != ".sgm")]:
        (folder / path.name).symlink_to(path.resolve())
    return folder


@pytest.fixture(scope="module")
def folder_ingest(open_folder, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """`presslens ingest FOLDER --no-enrich` of that folder into a new store, and what it
    printed."""
    path = tmp_path_factory.mktemp("reuters-folder") / "reuters.duckdb"
    done = presslens("ingest", str(open_folder), "--store", str(path), "--no-enrich", "--quiet")
    assert done.returncode == 0, done.stderr
    return path, done


@pytest.mark.corpora
def test_the_reuters_folder_stores_its_news_stories_only(open_folder, folder_ingest):
    path, done = folder_ingest
    stories, keys = reuters_stories(open_folder)
    assert (stories, len(keys)) == (17280, 16995)
    new, duplicates, _ = map(int, _SUMMARY.search(done.stdout).groups())
    assert new == len(keys) and duplicates == stories - len(keys)
    assert "and 715 more for the same reason" in done.stdout  # 720 UNPROC tables, grouped
    with store.connect(path) as con:
        numbers = store.stats(con)
        origins = con.execute("SELECT DISTINCT regexp_replace(origin, '#.*', '') FROM articles"
                              ).fetchall()
        reasons = dict(con.execute("SELECT file, reason FROM rejects WHERE record IS NULL"
                                   ).fetchall())
    assert numbers["articles"] == len(keys)
    # the months of the 18 files (26 Feb - 2 Jun 1987), not README.txt's 1997
    assert numbers["first_published"].startswith("1987-02-26")
    assert numbers["last_published"].startswith("1987-06-02")  # NEWID 18000, the last story
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


@pytest.mark.corpora
def test_reuters_ingest_is_idempotent(open_folder, folder_ingest, tmp_path):
    stored, _ = folder_ingest
    path = copied(stored, tmp_path)  # the other test reads the original
    files = sorted(str(p) for p in open_folder.glob("reut2-*.sgm"))
    assert len(files) == 18
    before = json.loads(presslens("stats", "--store", str(path), "--json").stdout)
    again = presslens("ingest", *files, "--store", str(path), "--no-enrich", "--quiet")
    assert again.returncode == 0, again.stderr
    assert again.stdout.split(":", 1)[1].strip().startswith("0 new")
    after = json.loads(presslens("stats", "--store", str(path), "--json").stdout)
    assert after["articles"] == before["articles"] > 15000
    assert after["ingests"] == before["ingests"] + 1
