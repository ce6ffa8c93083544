"""Small formatting helpers for pages: escaped article text, date labels, metadata lines."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

# every character Markdown (and Streamlit's extensions: $ math, : emoji shortcodes) gives meaning
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:&])")
# what Streamlit's Markdown turns into links or icons even when escaped, because it looks for
# them in the text after the escapes are read: web addresses (http://, https://, www.) and
# e-mail addresses (GitHub's autolinks), and icon codes (:material/home:). A word joiner
# (U+2060, invisible, no width) inside each keeps it text.
_AUTOLINKED = re.compile(r"(?i)(?<=https:)(?=//)|(?<=http:)(?=//)|(?<=\bwww)(?=\.)"
                         r"|(?<=@)(?=[\w-])|(?<=:)(?=material/)")
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """`text` with Markdown syntax escaped, so article content is shown, never interpreted:
    no link, no icon, no formatting (web and e-mail addresses stay text, see _AUTOLINKED)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINKED.sub(WORD_JOINER, text))


def date_label(value: object) -> str:
    """'12 Mar 1987 14:05 UTC', or 'date unknown' when the article states no date."""
    if value is None or pd.isna(value):
        return "date unknown"
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert("UTC").strftime("%-d %b %Y %H:%M UTC")


def names(values: Iterable[object] | None) -> str:
    """A list of names as 'A, B and C' ('' for none)."""
    items = [str(v) for v in (values if values is not None else []) if str(v).strip()]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def credit_label(credit: dict) -> str:
    """'Additional reporting by Fredrik Dahl in Tehran'."""
    text = f"{str(credit.get('role') or 'credit').capitalize()} by {credit.get('name') or '?'}"
    return text + (f" in {credit['place']}" if credit.get("place") else "")


def freq_for_span(first: object, last: object) -> str:
    """Days for up to three months of articles, weeks up to two years, months beyond."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return "D"
    days = (pd.Timestamp(last) - pd.Timestamp(first)).days
    return "D" if days <= 92 else "W" if days <= 730 else "M"


def span_label(first: object, last: object) -> str:
    """A short date span: '26 Feb – 9 Mar 1987', '3 Mar 1987', or '—' when nothing is dated."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return "—"
    start, end = pd.Timestamp(first), pd.Timestamp(last)
    if start.date() == end.date():
        return f"{start.day} {start:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start:%b %Y} – {end:%b %Y}"


def language_name(code: str) -> str:
    """'English' for 'en' (ISO 639); the code itself when it is not a known language."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return str(found.name) if found is not None else code
