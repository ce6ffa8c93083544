"""On real Reuters-21578 stories, each kind of query finds exactly the articles an independent
regular expression finds in their titles and texts."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from analysis import query, store
from analysis.query import Filters
from analysis.store.ingest import ingest

BEFORE, AFTER = r"(?<![^\W_])", r"(?![^\W_])"  # no letter or digit just before / after


def has(pattern: str, *, title_only: bool = False) -> Callable[[str, str], bool]:
    """Whether the title (or the text) holds `pattern`, in any case."""
    compiled = re.compile(pattern, re.IGNORECASE)
    return lambda title, text: bool(compiled.search(title)) or (
        not title_only and bool(compiled.search(text)))


def word(text: str) -> Callable[[str, str], bool]:
    return has(BEFORE + re.escape(text) + AFTER)


CASES: dict[str, Callable[[str, str], bool]] = {
    "oil": word("oil"),
    "Oil": word("oil"),
    "oils": word("oils"),
    "export*": has(BEFORE + "export"),
    '"oil prices"': has(BEFORE + r"oil\s+prices" + AFTER),
    '"U.S."': has(BEFORE + r"u\s*\.\s*s\s*\."),
    '"76%"': has(BEFORE + r"76\s*%"),
    '"1,000"': has(BEFORE + r"1\s*,\s*000" + AFTER),
    "title:oil": has(BEFORE + "oil" + AFTER, title_only=True),
    "oil NOT crude": lambda t, x: word("oil")(t, x) and not word("crude")(t, x),
    "oil OR gas": lambda t, x: word("oil")(t, x) or word("gas")(t, x),
    "opec saudi": lambda t, x: word("opec")(t, x) and word("saudi")(t, x),
    "-said": lambda t, x: not word("said")(t, x),
    "(coffee OR cocoa) -brazil": lambda t, x: (word("coffee")(t, x) or word("cocoa")(t, x))
    and not word("brazil")(t, x),
}


@pytest.fixture(scope="module")
def reuters(tmp_path_factory, corpora_dir):
    path = tmp_path_factory.mktemp("reuters") / "r.duckdb"
    ingest([corpora_dir / "reuters21578" / "reut2-001.sgm"], store=path, enrich=False)
    with store.connect(path) as con:
        texts = con.execute("SELECT coalesce(title, ''), coalesce(text, '') FROM articles"
                            ).fetchall()
    return path, texts


@pytest.mark.corpora
@pytest.mark.parametrize("text", CASES)
def test_counts_equal_a_regular_expression_count(reuters, text):
    path, texts = reuters
    expected = sum(CASES[text](title, body) for title, body in texts)
    with store.connect(path) as con:
        assert query.summary(con, Filters(search=text))["articles"] == expected
    assert expected > 0 or text == '"76%"'
