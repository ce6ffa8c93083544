"""Read an HTML page: main text and metadata via trafilatura."""

from __future__ import annotations

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
    # precision over recall: a page of navigation links alone must not pass for an article
    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
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
