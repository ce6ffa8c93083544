"""Text helpers every stage shares: clean lines and paragraphs, markup to plain text, URLs, labels.

Loaders and cleaners both use these; nothing here reads files or knows a format.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

import lxml.html
from lxml.html import HtmlElement

# zero-width characters and bidirectional overrides/isolates: invisible, and a way to make text
# display differently from what it says; right-to-left *letters* are kept, only controls go
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069\u200e\u200f]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# where _SPACES changes something: two spaces, or one that is not " " (most texts have neither)
_SPACES_TO_FOLD = re.compile(r"  |[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_LINE_EDGES = re.compile(r" ?\n ?")

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


_ENTITY_ROUNDS = 8  # "&amp;amp;lt;" and the like: more layers than any real feed has


def decode_entities(text: str) -> str:
    """`text` with HTML character references decoded until none is left.

    Once is not enough: "&amp;lt;b&amp;gt;" decodes to "&lt;b&gt;", which a chart or a second
    reader would show as <b>. Markup is stripped after this, so no encoded tag survives as text.
    """
    for _ in range(_ENTITY_ROUNDS):
        if "&" not in text:
            break
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def clean_line(text: str) -> str:
    """One line: invisible and control characters removed, runs of spaces made one, trimmed."""
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
    return (_SPACES.sub(" ", text) if _SPACES_TO_FOLD.search(text) else text).strip()


def clean_text(text: str) -> str:
    """A body of text: NFC, clean lines, paragraphs separated by exactly one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
    # each substitution only where it changes something: a pass that replaces every space
    # with a space costs more than the rest of cleaning a story
    if _SPACES_TO_FOLD.search(text):
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGES.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def unwrap_paragraphs(text: str) -> str:
    """Join hard-wrapped lines (wire copy, plain-text e-mail) into paragraphs.

    A paragraph ends at a blank line or where the next line is indented, as in Reuters copy.
    """
    paragraphs: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            paragraphs.append([])
        elif raw[:1] in (" ", "\t") and paragraphs[-1]:
            paragraphs.append([raw])
        else:
            paragraphs[-1].append(raw)
    return clean_text("\n\n".join(" ".join(p) for p in paragraphs if p))


def hard_wrapped(lines: list[str]) -> bool:
    """Whether `lines` (of one paragraph) are a paragraph wrapped at a fixed width, rather than
    separate lines (a headline, a dateline, a list, page elements)."""
    if len(lines) < 2 or not all(40 <= len(line) <= 100 for line in lines[:-1]):
        return False
    open_ended = sum(not line.endswith((".", "!", "?", "”", '"', ":")) for line in lines[:-1])
    continued = any(line[:1].islower() for line in lines[1:])
    return continued and 2 * open_ended > len(lines) - 1


def fold(text: str) -> str:
    """Case-, space- and accent-insensitive key for comparing texts (duplicates, hashes)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", text))


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
