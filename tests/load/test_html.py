"""Reading one HTML page: main text, metadata, hostile markup and pages with no article."""

from datetime import UTC, datetime

import pytest

from analysis.load.html import read_html, split_names
from analysis.load.source import Reject, Source
from analysis.schema import (
    BYLINE,
    LANGUAGE,
    ORIGIN,
    PUBLISHED_AT,
    SECTION,
    SOURCE,
    TEXT,
    TITLE,
    URL,
)
from analysis.text import (
    fragment_text,
    language_code,
    plain_line,
    strip_markup,
    web_url,
)

BODY = (
    "<p>A powerful storm struck the northern coast on Tuesday, forcing thousands of residents "
    "to leave their homes as rivers burst their banks and roads were closed.</p>"
    "<p>Officials said emergency shelters had been opened in three towns, and more rain is "
    "expected later this week, according to the national weather service.</p>"
    "<p>The storm is the third to hit the region this winter, and insurers expect claims to "
    "run into millions.</p>"
)
HEAD = (
    '<meta property="og:site_name" content="Daily Planet">'
    '<meta property="article:published_time" content="2024-03-05T10:15:00+01:00">'
    '<meta name="author" content="Lois Lane; Clark Kent">'
    '<meta property="article:section" content="World">'
    '<link rel="canonical" href="https://planet.example/news/storm">'
)


def _page(body: str = BODY, *, head: str = HEAD, lang: str = "en-GB",
          title: str = "Storm hits coast") -> bytes:
    return (f'<!doctype html><html lang="{lang}"><head><title>{title} | Daily Planet</title>{head}'
            f"</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright 2024 Daily Planet</footer></body></html>").encode()


def _read(data: bytes) -> list:
    return list(read_html(Source("storm.html", data)))


def test_reads_text_and_metadata():
    [record] = _read(_page())
    assert record[ORIGIN] == "storm.html"
    assert record[TITLE] == "Storm hits coast"
    assert record[TEXT].startswith("A powerful storm struck")
    assert record[TEXT].count("\n\n") == 2  # three paragraphs, the headline not repeated
    assert "Home" not in record[TEXT] and "Copyright" not in record[TEXT]
    assert record[BYLINE] == ["Lois Lane", "Clark Kent"]
    assert record[PUBLISHED_AT] == datetime(2024, 3, 5, 9, 15, tzinfo=UTC)
    assert record[URL] == "https://planet.example/news/storm"
    assert record[SOURCE] == "Daily Planet"
    assert record[SECTION] == ["World"]
    assert record[LANGUAGE] == "en"


def test_no_date_in_the_page_means_no_date_not_today():
    head = '<meta property="og:site_name" content="Daily Planet">'
    [record] = _read(_page(head=head))
    assert PUBLISHED_AT not in record


def test_a_full_date_in_the_url_is_the_page_date():
    head = '<link rel="canonical" href="https://planet.example/2023/11/02/storm-hits-coast">'
    [record] = _read(_page(head=head))
    assert record[PUBLISHED_AT] == datetime(2023, 11, 2, tzinfo=UTC)


def test_hostile_markup_never_reaches_text_or_title():
    body = BODY.replace(
        "emergency shelters",
        '<a href="javascript:alert(1)">emergency shelters</a><img src=x onerror="alert(2)">'
        "<script>document.cookie</script><style>p{}</style>",
    )
    title = "Storm <script>steal()</script>hits coast"
    head = HEAD.replace("https://planet.example/news/storm", "javascript:alert(3)")
    [record] = _read(_page(body, head=head, title=title))
    for field in (record[TEXT], record[TITLE]):
        for fragment in ("<", "script", "steal", "alert", "onerror", "javascript", "cookie"):
            assert fragment not in field
    assert "emergency shelters" in record[TEXT]
    assert URL not in record  # a javascript: address is no URL


def test_markup_in_metadata_is_reduced_to_text():
    head = HEAD.replace("Lois Lane; Clark Kent", "&lt;b&gt;Lois Lane&lt;/b&gt;") + (
        '<meta property="og:title" content="Storm &lt;img src=x onerror=alert(1)&gt;hits">')
    [record] = _read(_page(head=head))
    assert record[TITLE] == "Storm hits"
    assert record[BYLINE] == ["Lois Lane"]


@pytest.mark.parametrize(("value", "plain"), [
    # one layer of encoding: decoded once, the link used to survive as text a chart drew as one
    ('&lt;a href="https://evil.example"&gt;Daily Planet&lt;/a&gt;', "Daily Planet"),
    ('&amp;lt;a href="https://evil.example"&amp;gt;Planet&amp;lt;/a&amp;gt;', "Planet"),
    ("&#60;b&#62;Bold&#60;/b&#62; news", "Bold news"),
    ("E = mc<sup>2</sup> and H<sub>2</sub>O", "E = mc2 and H2O"),
    ('<span style="font-size:400px;opacity:0.01">Wire</span>', "Wire"),
    ("AT&amp;amp;T", "AT&T"),
    ("a &lt; b and <BAC>", "a < b and <BAC>"),  # text that only looks like markup stays
])
def test_markup_is_stripped_after_every_layer_of_entities_is_decoded(value, plain):
    assert plain_line(value) == plain


@pytest.mark.parametrize(("names", "split"), [
    ("&lt;b&gt;Lois Lane&lt;/b&gt;; Clark Kent", ["Lois Lane", "Clark Kent"]),
    ("Lois Lane &amp;amp; Clark Kent", ["Lois Lane & Clark Kent"]),
])
def test_entity_encoded_names_are_not_split_on_their_semicolons(names, split):
    assert split_names(names) == split


def test_strip_markup_leaves_plain_text_alone():
    plain = "Corp <BAC> profits < 5 mln & rising"
    assert strip_markup(plain) == plain
    assert strip_markup("<p>Hello <b>there</b></p><p>again</p>") == "Hello there\n\nagain"
    assert plain_line("<h1>Two\nlines</h1>") == "Two lines"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><head><title>Site</title></head><body><nav><a href='/'>Home</a> | "
         b"<a href='/w'>World</a></nav><ul><li><a href=/a>About us</a></li></ul>"
         b"<footer>Copyright 2024 Example Media</footer></body></html>", "no article body"),
        (b"<html><body></body></html>", "no article body"),
        (b"just a line of words with no markup at all", "not an HTML page"),
    ],
)
def test_a_page_without_an_article_is_rejected(data, reason):
    [reject] = _read(data)
    assert isinstance(reject, Reject)
    assert reject.file == "storm.html"
    assert reason in reject.reason


def test_fragment_text_keeps_paragraphs_and_drops_scripts():
    markup = ("<p>One &amp; <b>two</b></p><p>Three<br>four</p><script>bad()</script>"
              "<img src=x onerror='alert(1)'>tail\x00")
    assert fragment_text(markup) == "One & two\n\nThree\nfour\n\ntail"
    assert fragment_text("a < b, plain") == "a < b, plain"
    assert fragment_text("  ") == ""


@pytest.mark.parametrize(("tag", "code"), [("en-US", "en"), ("de_DE", "de"), ("FR", "fr"),
                                           ("", None), ("english please", None)])
def test_language_code(tag, code):
    assert language_code(tag) == code


@pytest.mark.parametrize(("value", "url"), [
    ("https://a.example/x", "https://a.example/x"), ("HTTP://a.example", "HTTP://a.example"),
    ("javascript:alert(1)", None), ("urn:uuid:1", None), (None, None), ("/relative", None),
])
def test_web_url(value, url):
    assert web_url(value) == url


NOTICE = ("This copy is for your personal, non-commercial use only. To order presentation-ready "
          "copies for distribution to colleagues, clients or customers, use the Order Reprints "
          "tool.")
STORY = [
    "Shares of chip makers rose sharply on Tuesday after two of the largest suppliers said "
    "orders from carmakers and phone makers had picked up faster than expected.",
    "The rebound follows a year in which inventories piled up across the industry and prices "
    "for memory chips fell by almost half, squeezing margins from Taiwan to Texas.",
    "Analysts said the new orders suggested the worst of the downturn had passed, although "
    "several warned that demand from data centres remained uneven.",
    "One supplier said it would restart a production line it had idled in the spring, and "
    "another raised its forecast for sales in the second half by about a tenth.",
    "The broader market also gained, with technology stocks leading the advance for a third day.",
]
# the story sits in a container whose classes precision mode takes for page chrome ("bottom")
# and readability passes over ("footer"); the reprint notice above it is all precision keeps
REPRINTED = (
    "<!DOCTYPE html><html lang='en'><head><title>Chip Makers Rally as Orders Rebound</title>"
    "<meta property='og:site_name' content='Market Weekly'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/markets'>Markets</a></nav><main><article>"
    "<h1>Chip Makers Rally as Orders Rebound</h1>"
    f"<div class='reprint'><p>{NOTICE}</p></div>"
    "<div class='article-footer bottom'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>"
    "</article></main><footer><p>Copyright Market Weekly.</p></footer></body></html>"
)


def test_the_story_is_kept_when_precision_mode_keeps_only_a_notice():
    import trafilatura

    precise = trafilatura.bare_extraction(trafilatura.load_html(REPRINTED), favor_precision=True)
    # the case: the story lost, the headline and a reprint notice left
    assert precise.text == f"Chip Makers Rally as Orders Rebound\n{NOTICE}"
    [record] = read_html(Source("chips.html", REPRINTED.encode()))
    assert all(paragraph in record[TEXT] for paragraph in STORY)
    assert record[TITLE] == "Chip Makers Rally as Orders Rebound"


def test_a_page_whose_precise_extraction_is_whole_needs_no_second_one():
    page = REPRINTED.replace("article-footer bottom", "article-body")
    [record] = read_html(Source("chips.html", page.encode()))
    assert all(paragraph in record[TEXT] for paragraph in STORY)
    assert NOTICE not in record[TEXT]  # precision still drops the notice where it can
