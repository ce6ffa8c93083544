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
    """'Additional reporting by Fredrik Dahl in Tehran'; a byline that named no person (a desk,
    an agency beside the source) 'Credited to Staff Reports'."""
    role, name = str(credit.get("role") or "credit"), credit.get("name") or "?"
    text = f"Credited to {name}" if role in ("byline", "agency") else \
        f"{role.capitalize()} by {name}"
    return text + (f" in {credit['place']}" if credit.get("place") else "")


def language_name(code: object) -> str:
    """'French' for 'fr'; the code itself when it is not an ISO 639-1 code; 'unknown' for none."""
    if code is None or pd.isna(code) or not str(code).strip():
        return "unknown"
    import pycountry  # its tables load on first use: only pages that name a language pay

    found = pycountry.languages.get(alpha_2=str(code))
    return str(found.name) if found is not None else str(code)


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


def languages_label(counts: pd.DataFrame) -> str:
    """'English 2,100 · French 27 (27 not scored)' from `analysis.query.languages`."""
    parts = []
    for row in counts.itertuples(index=False):
        unscored = row.articles - row.scored
        parts.append(f"{language_name(row.language)} {row.articles:,}"
                     + (f" ({unscored:,} not scored)" if unscored else ""))
    return " · ".join(parts)
