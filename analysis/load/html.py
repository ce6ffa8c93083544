"""Read an HTML page (main text and metadata via trafilatura); HTML fragments to plain text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml.html import HtmlElement

from analysis.clean.text import clean_line, clean_text, decode_entities, fold
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

# elements whose content is never text to read; JSON-LD stays, trafilatura takes metadata from it
_UNREAD = (
    "//script[not(@type='application/ld+json')]|//style|//noscript|//template"
    "|//iframe|//object|//embed|//svg"
)
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
})
# htmldate: the page's own date only (metadata, JSON-LD, a complete date in the URL, a timestamp
# in the markup); no free-text guessing, no partial URL dates, no fallback to today
_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "deferred_url_extractor": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
# text that holds HTML elements (as scraped tables and og:title values sometimes do); "a < b" and
# a ticker such as "<BAC>" are not markup. The list holds the elements that format or link
# (Plotly draws <a>, <sup>, <sub> and <span style> in chart labels) and the structural ones.
_MARKUP = re.compile(
    r"<(?:!--|/?(?:a|abbr|address|article|aside|audio|b|base|big|blockquote|body|br|button|"
    r"canvas|caption|center|cite|code|col|colgroup|dd|del|details|dfn|dialog|div|dl|dt|em|"
    r"embed|fieldset|figure|font|footer|form|frame|frameset|h[1-6]|head|header|hr|html|i|"
    r"iframe|img|input|ins|kbd|label|legend|li|link|main|mark|marquee|math|meta|nav|noscript|"
    r"object|ol|option|p|picture|pre|samp|script|section|select|small|source|span|strike|"
    r"strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|title|"
    r"tr|tt|u|ul|var|video|wbr)(?=[\s/>]))",
    re.IGNORECASE,
)
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    if document is None or not (document.text or "").strip():
        yield Reject(source.name, None, "no article body could be extracted from the page")
        return
    title = plain_line(document.title or "") or None
    record: Record = {ORIGIN: source.origin(), TEXT: _body_text(document.text, title=title)}
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


def drop_unread(tree: HtmlElement) -> HtmlElement:
    """Remove scripts, styles and embedded objects from `tree` in place (their tails are kept)."""
    for element in tree.xpath(_UNREAD):
        if element.getparent() is not None:
            element.drop_tree()
    return tree


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed summary, say): block elements become paragraphs."""
    markup = _CONTROL.sub("", markup)
    if not markup.strip():
        return ""
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    drop_unread(root)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return clean_text(root.text_content())


def strip_markup(text: str) -> str:
    """`text` with character references decoded (all layers) and any HTML elements in it
    reduced to their plain text; other text unchanged.

    Decoding comes first, so that "&lt;a href=…&gt;" is stripped as the link it stands for
    instead of surviving as text that a later reader would decode into one.
    """
    text = decode_entities(text)
    return fragment_text(text) if _MARKUP.search(text) else text


def plain_line(text: str) -> str:
    """One line of plain text (a title, a name) from a value that may hold markup or breaks."""
    return clean_line(" ".join(strip_markup(text).split()))


def page_language(tree: HtmlElement) -> str | None:
    """The language a page declares (``<html lang>``, content-language, og:locale), as ``en``."""
    declared = tree.xpath(
        "/html/@lang|/html/@xml:lang|//meta[@http-equiv='content-language']/@content"
        "|//meta[@property='og:locale']/@content",
        namespaces={"xml": "http://www.w3.org/XML/1998/namespace"},
    )
    codes = (language_code(str(value)) for value in declared)
    return next((code for code in codes if code), None)


def web_url(value: object) -> str | None:
    """`value` if it is an http(s) address; anything else (``javascript:``, ``urn:``) is None."""
    if not isinstance(value, str):
        return None
    url = clean_line(value)
    return url if urlsplit(url).scheme.lower() in ("http", "https") and " " not in url else None


def language_code(tag: str) -> str | None:
    """The primary subtag of a language tag, lower-cased: ``en-US`` → ``en``; None if malformed."""
    match = _LANGUAGE_TAG.match(tag.strip())
    return match.group(1).lower() if match else None


def split_names(names: str) -> list[str]:
    """Author names from one string as trafilatura and feeds give them (``A; B``).

    The string is decoded and stripped before it is split: the ";" of "&lt;b&gt;" is no
    separator.
    """
    return unique_labels(re.split(r"\s*;\s*", plain_line(names)))


def unique_labels(labels: Iterable[str]) -> list[str]:
    """Cleaned, non-empty labels in first-seen order, without case-insensitive repeats."""
    seen: set[str] = set()
    out = []
    for label in labels:
        label = clean_line(label)
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            out.append(label)
    return out


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
