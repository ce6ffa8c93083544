"""Mark what enrichment and the search found in an article's text: non-overlapping runs per
paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis import schema
from analysis.query import search
from analysis.store.search_words import units

# when marks overlap, the higher kind wins the characters they share
KINDS = ("quote", "topic", "event", "actor", "search")
_RANK = {kind: rank for rank, kind in enumerate(KINDS, start=1)}


@dataclass(frozen=True)
class Run:
    """A stretch of text and what it is marked as (None: plain), with a label for hover."""

    text: str
    kind: str | None = None
    label: str = ""


def spans_of(detail: dict) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, label) of every mention, quote, topic word and casualty in `detail`
    (as `analysis.query.article_detail` returns it)."""
    text = detail["article"][schema.TEXT] or ""
    spans = []
    for row in detail["mentions"].itertuples(index=False):
        if row.start is not pd.NA and int(row.start) >= 0:
            spans.append((int(row.start), int(row.end), "actor", f"{row.actor} ({row.actor_type})"))
    for row in detail["quotes"].itertuples(index=False):
        said = "indirect quote" if getattr(row, schema.INDIRECT, False) else "quote"
        spans.append((int(row.start), int(row.end), "quote", f"{said}: {row.speaker}"))
    for row in detail["topics"].itertuples(index=False):
        spans += [(s, e, "topic", f"topic: {row.topic}") for s, e in _find(text, row.evidence)]
    for row in detail["events"].itertuples(index=False):
        label = f"{row.event}: {_figure(row.killed)} killed, {_figure(row.wounded)} wounded"
        spans += [(s, e, "event", label) for s, e in _find(text, [row.event])]
    return spans


def search_spans(text: str, query: str, *, field: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each stretch of `text` that a term of the search `query` matches: the
    terms an article must contain (not those after NOT) of `field` (None: the body text;
    "title": the title, which terms without a field search too; the words must be the index's
    words in a row, the last one a prefix for `price*`)."""
    fields = {None, "title"} if field == "title" else {field}
    try:
        wanted = [t for t in search.terms(search.parse(query)) if t.field in fields]
    except search.SearchSyntaxError:
        return []
    if not wanted:
        return []
    flat = [(token, unit) for unit in units(text) for token in unit.tokens]
    found = []
    for term in wanted:
        size = len(term.tokens)
        for i in range(len(flat) - size + 1):
            if _matches(term, [token for token, _ in flat[i:i + size]]):
                found.append((flat[i][1].start, flat[i + size - 1][1].end))
    return sorted(set(found))


def _matches(term: search.Term, tokens: list[str]) -> bool:
    *whole, last = term.tokens
    return tokens[:-1] == whole and (tokens[-1].startswith(last) if term.prefix
                                     else tokens[-1] == last)


def runs(text: str, spans: Iterable[tuple[int, int, str, str]]) -> list[list[Run]]:
    """`text` cut into paragraphs (at blank lines) of Runs, each marked by its strongest span."""
    kinds: list[str | None] = [None] * len(text)
    labels = [""] * len(text)
    for start, end, kind, label in sorted(spans, key=lambda s: _RANK[s[2]]):
        for i in range(max(start, 0), min(end, len(text))):
            kinds[i], labels[i] = kind, label
    paragraphs: list[list[Run]] = [[]]
    i = 0
    while i < len(text):
        if text.startswith("\n\n", i):
            paragraphs.append([])
            i += 2
            continue
        j = i + 1
        while j < len(text) and (kinds[j], labels[j]) == (kinds[i], labels[i]) \
                and not text.startswith("\n\n", j):
            j += 1
        paragraphs[-1].append(Run(text[i:j], kinds[i], labels[i]))
        i = j
    return [p for p in paragraphs if p]


def _find(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    found = []
    for word in {w for w in words if w and w.strip()}:
        pattern = r"(?<!\w)" + re.escape(word).replace(r"\ ", r"\s+") + r"(?!\w)"
        found += [m.span() for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
    return found


def _figure(value: Any) -> str:
    return "?" if value is None or value is pd.NA or pd.isna(value) else f"{int(value):,}"
