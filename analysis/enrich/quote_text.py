"""Where a quote's parts lie in its text: sentence and paragraph bounds, the quoted words'
offsets, the attribution right after or before a quote, and whether a short quote is a name.

Text geometry only: no mention or speaker is read here (`quotes` resolves who spoke).
"""

from __future__ import annotations

import re

from analysis.enrich.quote_patterns import (
    AFTER,
    AFTER_TITLED,
    BEFORE,
    BOUNDARY,
    BREAK_ONLY,
    GOES_ON,
    NAMED_AS,
)


def last_kept(text: str, at: int, strip: str | None = None) -> int:
    """Where the last character before `at` that is not whitespace (or in `strip`) is, else
    -1: `len(text[:at].rstrip(strip)) - 1` without copying the text before `at`."""
    index = at - 1
    while index >= 0 and (text[index] in strip if strip is not None else text[index].isspace()):
        index -= 1
    return index


def ends_with(text: str, at: int, mark: str, *, strip: str | None = None) -> bool:
    """Whether the text before `at`, whitespace (or `strip`) taken off its end, ends in `mark`."""
    index = last_kept(text, at, strip)
    return index >= 0 and text[index] == mark


def paragraph(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def sentence_before(text: str, at: int) -> tuple[int, int] | None:
    """Where the sentence before the one holding `at` begins and ends, when both are in one
    paragraph; None when `at`'s sentence opens its paragraph."""
    sentence = sentence_start(text, at)
    if sentence <= paragraph(text, at):
        return None
    return sentence_start(text, sentence - 1), sentence


def sentence_start(text: str, at: int) -> int:
    """Where the sentence holding the offset `at` begins."""
    window = max(0, at - 400)
    start = window
    for boundary in BOUNDARY.finditer(text, window, at + 1):  # (its look-ahead sees `at`)
        if boundary.end() <= at:
            start = boundary.end()
    return start


def a_name(text: str, opens: int, match: re.Match) -> bool:
    """Whether a short fragment is a name or a term, not words said: each word capitalised
    ("Axis of Evil", "When"), or after "dubbed", "so-called" or "known as"."""
    quoted = re.findall(r"[\w'’]+", match.group(match.lastgroup or 0))  # ("German-bashing")
    capitals = [w for w in quoted if w.casefold() not in JOINS]
    if capitals and all(w[:1].isupper() for w in capitals):
        return True
    return bool(NAMED_AS.search(text, max(0, opens - 30), opens))


MAX_NAME_WORDS = 6


JOINS = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "de"}


def goes_on(text: str, words_end: int, start: int) -> bool:
    """Whether the quote at `start` goes on the words that end at `words_end`: the rest of an
    attribution's sentence may stand between them, but after a quote's closing mark (the
    attribution came before it, or it went on another) only a space or a paragraph may."""
    if text[words_end - 1:words_end] in {'"', "”"}:
        return bool(BREAK_ONLY.fullmatch(text, words_end, start))
    return bool(GOES_ON.fullmatch(text, words_end, start))


def quoted_span(text: str, match: re.Match, group: str) -> tuple[int, int]:
    """The quoted words' offsets: without the spaces around them or a comma that ends them."""
    quoted = match.group(group)
    start = match.start(group) + len(quoted) - len(quoted.lstrip())
    end = match.start(group) + len(quoted.rstrip().rstrip(",").rstrip())
    return start, end


def attribution(text: str, start: int, end: int) -> tuple[str, int, str, int] | None:
    """(speaker words, their offset, verb, where the attribution ends) from the words after the
    quote, else before it; before it first when they end in a colon (Law added: “…” He said
    it was vital…: the words after begin a sentence of their own)."""
    before = attribution_before(text, start, end)
    if before is not None and ends_with(text, start, ":"):
        return before
    after_limit = text.find("\n", end)
    after = text[end:after_limit if after_limit >= 0 else len(text)][:160]
    match = AFTER.match(after)
    if match is None and text[start:end].rstrip(" \"”").endswith(","):
        match = AFTER_TITLED.match(after)
    if match:
        n = which(match)
        return (match.group("who" + n), end + match.start("who" + n),
                match.group("verb" + n).casefold(), end + match.end())
    return before


def which(match: re.Match) -> str:
    """The suffix of the speaker and verb groups that took part in an attribution's match."""
    return next(n for n in ("", "2", "3") if match.groupdict().get("who" + n))


def attribution_before(text: str, start: int, end: int) -> tuple[str, int, str, int] | None:
    line_start = text.rfind("\n", 0, start) + 1
    before_start = max(line_start, start - 150)
    match = BEFORE.search(text[before_start:start])
    if match is None:
        return None
    who_group = next(g for g in ("who", "who2", "who3") if match.group(g))
    verb = re.sub(r"\s+", " ", match.group("verb") or match.group("verb2") or "")
    return match.group(who_group), before_start + match.start(who_group), verb.casefold(), end
