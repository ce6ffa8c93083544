"""The search language: parsing, errors that say what and where, and what each operator finds
in small hand-built texts (in memory and in a store with its index file)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import query, schema, store
from analysis.query import Filters
from analysis.query.search import And, Not, Or, SearchSyntaxError, Term, compile, parse, terms

TEXTS = {  # id: (title, text, source, byline)
    "oil": ("Oil prices climb", "Crude oil rose 76% on Monday.", "Reuters", ["Jane Doe"]),
    "soil": ("Farm news", "The soil was dry; turmoil followed.", "AP", []),
    "oils": ("Markets", "Vegetable oils were cheap, oil-rich states said.", "AP", []),
    "us": ("Talks", "U.S. officials met the OPEC envoy.", "Reuters", []),
    "them": ("Us and them", "It was us against them in Washington.", "BBC", []),
    "percent": ("Percent", "Output rose 76 percent in a year.", "BBC", []),
    "snake": ("Files", "The file_name field and a_b were set.", "AP", []),
    "cafe": ("Le Café de Zürich", "A CAFÉ society gathered; Société Générale said.", "AFP",
             ["José Núñez"]),
    "maliki": ("Iraq", "Nuri al-Maliki said on Tuesday.", "Reuters", ["John Smith"]),
    "al maliki": ("Iraq", "Al Maliki said nothing.", "AP", []),
    "phrase": ("Prices", "The oil price fell; the price of oil rose.", "Reuters", []),
    "comma": ("Prices", "They sold oil, price notwithstanding.", "AP", []),
}


def frame(texts: dict = TEXTS) -> pd.DataFrame:
    """An article table of `texts`, every other column empty."""
    given = {"article_id": list(texts), "title": [t[0] for t in texts.values()],
             "text": [t[1] for t in texts.values()], "source": [t[2] for t in texts.values()],
             "byline": [t[3] for t in texts.values()],
             "content_hash": [f"hash-{k}" for k in texts]}
    return schema.validate_articles(pd.DataFrame({
        column: given.get(column, [schema.empty_value(kind)] * len(texts))
        for column, kind in schema.ARTICLE_COLUMNS.items()}))


@pytest.fixture(scope="module")
def memory():
    return query.connection({"articles": frame()})


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "s.duckdb"
    with store.writer(path) as con:
        store.write_batch(con, frame(), schema.empty_frame(schema.REJECT_COLUMNS),
                          paths=["made in the test"], duplicates=0)
    return path


SEMANTICS = [
    ("oil", {"oil", "oils", "phrase", "comma"}),  # whole words: not soil, turmoil, oils
    ("OIL", {"oil", "oils", "phrase", "comma"}),  # any case
    ("oil*", {"oil", "oils", "phrase", "comma"}),  # a prefix: oils too
    ("oils", {"oils"}),  # no stemming
    ("turmoil", {"soil"}),
    ('"oil price"', {"phrase"}),  # next to each other, nothing between: not "oil, price"
    ('"price of oil"', {"phrase"}),
    ('"oil, price"', {"comma"}),
    ("oil price", {"phrase", "comma"}),  # both words, anywhere
    ("oil AND price", {"phrase", "comma"}),
    ("oil OR soil", {"oil", "oils", "phrase", "comma", "soil"}),
    ("oil NOT price", {"oil", "oils"}),
    ("oil -price", {"oil", "oils"}),
    ("-oil", set(TEXTS) - {"oil", "oils", "phrase", "comma"}),
    ("NOT oil", set(TEXTS) - {"oil", "oils", "phrase", "comma"}),
    ("-oil -said", set(TEXTS) - {"oil", "oils", "phrase", "comma", "cafe", "maliki",
                                 "al maliki"}),
    ("soil OR -oil", set(TEXTS) - {"oil", "oils", "phrase", "comma"}),
    ("(oil OR us) AND NOT (price OR rose)", {"oils", "them"}),
    ('"76%"', {"oil"}),  # every character inside quotes counts
    ("76%", {"oil"}),
    ("76", {"oil", "percent"}),
    ('"U.S."', {"us"}),
    ("us", {"them"}),  # not U.S.
    ('"al-Maliki"', {"maliki"}),
    ("maliki", {"maliki", "al maliki"}),
    ('"a_b"', {"snake"}),
    ("a", {"percent", "snake", "cafe"}),  # the "a" of "a_b" is a word of its own too
    ("file_name", {"snake"}),
    ("name", {"snake"}),
    ("cafe", {"cafe"}),  # accents do not matter, either way
    ("CAFÉ", {"cafe"}),
    ("zurich societe", {"cafe"}),
    ("nunez", set()),  # the byline is searched only with byline:
    ("byline:nunez", {"cafe"}),
    ('byline:"john smith"', {"maliki"}),
    ("title:oil", {"oil"}),
    ("title:(us OR cafe)", {"them", "cafe"}),
    ("source:reuters oil", {"oil", "phrase"}),
    ("-source:ap", {"oil", "us", "them", "percent", "cafe", "maliki", "phrase"}),
    ("tuesday OR monday", {"oil", "maliki"}),
    ("and", {"them", "snake"}),  # lower-case operators are words
]


def found(con, text: str) -> set[str]:
    page, total = query.article_list(con, Filters(search=text), limit=100)
    assert total == len(page)
    return set(page["article_id"])


@pytest.mark.parametrize(("text", "expected"), SEMANTICS)
def test_what_a_query_finds_in_memory(memory, text, expected):
    assert found(memory, text) == expected


@pytest.mark.parametrize(("text", "expected"), SEMANTICS)
def test_what_a_query_finds_in_a_store(stored, text, expected):
    with store.connect(stored) as con:
        assert found(con, text) == expected


@pytest.mark.parametrize(("text", "message", "position"), [
    ('oil "price', "quote is never closed", 5),
    ("(oil OR gas", "parenthesis is never closed", 1),
    ("oil)", "closes no parenthesis", 4),
    ("oil ()", "empty parentheses", 5),
    ('""', "empty quotes", 1),
    ("oil AND", "AND needs a search term after it", 5),
    ("OR oil", "OR needs a search term before it", 1),
    ("oil OR OR gas", "OR needs a search term after it", 5),
    ("NOT", "NOT needs a search term after it", 1),
    ("oil NOT", "NOT needs a search term after it", 5),
    ("oil - gas", "a - must touch", 5),
    ("o*l", "a * may only end a word", 2),
    ("*", "a * needs letters", 1),
    ("o*", "at least 2 letters", 1),
    ("topic:oil", "unknown field topic:", 1),
    ("title:", "needs a word", 1),
    ("title:(byline:x)", "a field cannot hold another", 8),
])
def test_a_malformed_query_says_what_and_where(text, message, position):
    with pytest.raises(SearchSyntaxError, match=re.escape(message)) as raised:
        parse(text)
    assert raised.value.position == position
    assert f"(at character {position})" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_tree_and_its_fts5_expression():
    tree = parse('title:"oil price" (gas OR coal*) -opec')
    assert tree == And((
        Term("oil price", ("oil", "price"), quoted=True, field="title"),
        Or((Term("gas", ("gas",)), Term("coal", ("coal",), prefix=True))),
        Not(Term("opec", ("opec",)))))
    expression, negated = compile(tree)
    assert not negated
    assert expression == ('((title : "oil price") AND (({title text} : "gas") OR '
                          '({title text} : "coal" *))) NOT (({title text} : "opec"))')
    assert compile(parse("-oil -gas")) == ('({title text} : "oil") OR ({title text} : "gas")',
                                           True)
    assert [t.text for t in terms(tree)] == ["oil price", "gas", "coal"]
    assert parse("   ") is None


def test_a_search_filter_in_words_and_sql():
    found_ = query.matches.Found(bits="0110", negated=False, matched=2)
    ctx = query.filters.Context(found=found_)
    assert query.filters.Search().sql(Filters(search="oil"), ctx) == (
        "get_bit(?::BIT, f.a) = 1", ["0110"])
    assert query.describe(Filters(search="oil -gas")) == "articles matching “oil -gas”"
    with pytest.raises(ValueError, match="use facts_sql"):
        query.to_sql(Filters(search="oil"))
