"""Read an HTML page: main text and metadata via trafilatura."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document

from analysis.load.source import Record, Reject, Source
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
    clean_text,
    drop_unread,
    fold,
    language_code,
    plain_line,
    strip_markup,
    unique_labels,
    web_url,
)

# fall back on trafilatura's default extraction when the precise one keeps less than this share
# of the page's paragraph text, on pages with at least this much of it
FALLBACK_SHARE = 0.5
FALLBACK_MIN_CHARS = 500
# htmldate: the page's own date only (metadata, JSON-LD, a complete date in the URL, a timestamp
# in the markup); no free-text guessing, no partial URL dates, no fallback to today
_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "deferred_url_extractor": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def read_html(source: Source) -> Iterator[Record | Reject]:
    """One record for the page in `source`; a Reject when it holds no extractable article body."""
    tree = trafilatura.load_html(source.text())
    if tree is None:
        yield Reject(source.name, None, "not an HTML page: no markup could be parsed")
        return
    drop_unread(tree)
    language = page_language(tree)
    document = extract(tree)
    if not isinstance(document, Document) or not (document.text or "").strip():
        yield Reject(source.name, None, "no article body could be extracted from the page")
        return
    title = plain_line(document.title or "") or None
    record: Record = {ORIGIN: source.origin(), TEXT: _body_text(document.text or "", title=title)}
    optional = {
        TITLE: title,
        BYLINE: split_names(document.author or ""),
        PUBLISHED_AT: _page_date(document.date),
        URL: web_url(document.url),
        SOURCE: plain_line(document.sitename or "") or None,
        SECTION: unique_labels(_split_labels([*(document.categories or []),
                                              *(document.tags or [])])),
        LANGUAGE: language,
    }
    record.update({key: value for key, value in optional.items() if value})
    yield record


def extract(tree: HtmlElement) -> Document | None:
    """The page's article by trafilatura, favouring precision (a page of navigation links alone
    must not pass for an article); when that keeps less than FALLBACK_SHARE of the text of the
    page's paragraphs (and those hold at least FALLBACK_MIN_CHARS), trafilatura's default
    extraction instead, if it keeps more: precision mode can take a story's container for page
    chrome and return only a reprint notice."""
    main = paragraph_chars(tree)
    precise = _extraction(copy.deepcopy(tree), precise=True)
    kept = len((precise.text if isinstance(precise, Document) else None) or "")
    if main < FALLBACK_MIN_CHARS or kept >= FALLBACK_SHARE * main:
        return precise
    default = _extraction(tree, precise=False)
    if isinstance(default, Document) and len(default.text or "") > kept:
        return default
    return precise


def _extraction(tree: HtmlElement, *, precise: bool) -> Document | None:
    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, favor_precision=precise,
        date_extraction_params=_DATE_PARAMS,
    )
    return document if isinstance(document, Document) else None


def paragraph_chars(tree: HtmlElement) -> int:
    """Characters of text in the page's paragraphs (those of its <article> or <main> when it
    has one), leaving out navigation, asides and the footer: the page's main text."""
    outside = "not(ancestor::nav or ancestor::aside or ancestor::footer)"
    paragraphs = (tree.xpath(f"//article//p[{outside}]|//main//p[{outside}]")
                  or tree.xpath(f"//body//p[{outside}]"))
    return sum(len(" ".join(p.text_content().split())) for p in dict.fromkeys(paragraphs))


def page_language(tree: HtmlElement) -> str | None:
    """The language a page declares (``<html lang>``, content-language, og:locale), as ``en``."""
    declared = tree.xpath(
        "/html/@lang|/html/@xml:lang|//meta[@http-equiv='content-language']/@content"
        "|//meta[@property='og:locale']/@content",
        namespaces={"xml": "http://www.w3.org/XML/1998/namespace"},
    )
    codes = (language_code(str(value)) for value in declared)
    return next((code for code in codes if code), None)


def split_names(names: str) -> list[str]:
    """Author names from one string as trafilatura and feeds give them (``A; B``).

    The string is decoded and stripped before it is split: the ";" of "&lt;b&gt;" is no
    separator.
    """
    return unique_labels(re.split(r"\s*;\s*", plain_line(names)))


def _split_labels(values: Iterable[str]) -> list[str]:
    # trafilatura hands keywords over as one "a, b, c" string
    return [part for value in values for part in re.split(r"\s*[,;]\s*", plain_line(value))]


def _page_date(value: str | None) -> datetime | None:
    # htmldate gives _DATE_PARAMS' outputformat; the offset is missing when the page gave none
    if not value:
        return None
    for layout in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"):
        try:
            moment = datetime.strptime(value, layout)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def _body_text(text: str, *, title: str | None) -> str:
    paragraphs = [line for line in text.split("\n") if line.strip()]
    # trafilatura keeps the headline as the first line of the text; the title has it already
    if paragraphs and title and fold(paragraphs[0]) == fold(title):
        paragraphs = paragraphs[1:]
    return clean_text(strip_markup("\n\n".join(paragraphs)))
