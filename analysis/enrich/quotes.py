"""Direct quotes and who said them: “…” or "…" with an attribution before or after it.

A quote is attributed by the words next to it in its paragraph: after (“…,” Crocker told
reporters / “…,” said Crocker) or before (Crocker said: “…” / according to Crocker, “…” /
Crocker, the U.S. envoy, said: “…”). A quote with no attribution of its own that follows an
attributed one with nothing but that attribution between them (“…,” Crocker said. “…”) goes
on the same speaker's words, in the next sentence or the next paragraph; so does a paragraph
whose quote is left open because the quote runs on into the next paragraph (“…¶“…,” he said,
or "…. "…," he said, where the paragraphs were joined by a space).
Marks may be mixed ("…” or “…"), as pages typed by hand often have them. The speaker is
canonicalised through the article's mentions ("Crocker" is the "Ryan Crocker" mentioned
before); "he" or "she" is the person who opens a sentence between the last attribution and the
quote, else the last person named as a speaker, else the last person mentioned before the quote.
Quotes of fewer than three words (scare quotes) are left out. Offsets are those of the quoted
words, without the quotation marks. Indirect quotes ("…, according to Y") are found by
`indirect_quotes` and listed with the direct ones, flagged `indirect`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from analysis.enrich.indirect_quotes import according_to
from analysis.enrich.quote_parts import PRONOUNS, Named, Quote, is_person, named
from analysis.enrich.quote_parts import speaker as speaker_of
from analysis.enrich.quote_parts import subject as subject_of
from analysis.schema import (
    ACTOR,
    ACTOR_TYPE,
    ARTICLE_ID,
    END,
    QUOTE_COLUMNS,
    START,
    TEXT,
    conform,
)

VERBS = ("said|says|say|told|tells|added|adds|warned|warns|stated|declared|noted|argued"
         "|explained|insisted|continued|asked|replied|wrote|commented|stressed|emphasised"
         "|emphasized|acknowledged|admitted|conceded|claimed|maintained|cautioned|complained"
         "|recalled|observed|remarked|concluded|announced|urged|predicted|added|revealed"
         "|reveals|agreed|agrees")
# a capitalised word; a full stop inside it ("U.S") or after an initial or "Jr", not the one
# that ends the sentence ("… said Paul Volcker. Bond prices fell")
_NAME_WORD = r"[A-ZÀ-Þ](?:[\w'’-]|\.(?=\w))*(?:(?<=\b[A-Z])\.|(?<=Jr|Sr|St)\.)?"
_NAME = (rf"{_NAME_WORD}"
         rf"(?:\s+(?:(?:al|el|de|la|van|von|bin|ibn|da|du)\s+)?{_NAME_WORD}){{0,5}}")
_SPEAKER = (rf"(?P<who>(?i:he|she|they)|(?:(?:the|a|an)\s+)?(?:[a-z-]+\s+){{0,2}}?(?:{_NAME})"
            r"|(?:the|a|an)\s+[a-z-]+(?:\s+[a-z-]+)?)")
# "Robertson, the U.S. commander, said": a short apposition between the speaker and the verb
_APPOSITION = r"(?:,\s+(?:the|a|an|its|his|her)\s+[^,“”\"\n]{1,60},)?"
# "said DZ Bank economist Bernd Weidensteiner": the words before the name that say who they are
_DESCRIBED = r"(?:(?:the|a|an|[A-ZÀ-Þ][\w&'’-]*)\s+(?:[\w&'’-]+,?\s+){0,3})?"
# (not "… revealed that …": reported speech of its own, a sentence after the quote)
_AFTER = re.compile(
    rf"^[\s,]*(?:{_SPEAKER}{_APPOSITION}\s+(?P<verb>{VERBS})\b(?!\s+that\b)|(?P<verb2>{VERBS})\s+"
    rf"(?P<who2>{_DESCRIBED}{_NAME}|(?:the|a|an)\s+[a-z-]+(?:\s+[a-z-]+)?))")
_BEFORE = re.compile(
    rf"(?:{_SPEAKER}{_APPOSITION}\s+(?P<verb>{VERBS})(?:\s+[\w.'’-]+){{0,3}}?|(?P<verb2>[Aa]ccording\s+to)\s+"
    rf"(?P<who2>{_NAME}))\s*[:,]?\s*$")
# a quote in matching marks (curly ones may run over a line break, straight ones not), in
# mixed marks, or a quote left open at the end of a paragraph whose next paragraph opens
# another (the quote goes on there); a straight quote is also left open where a straight mark
# after a space opens the next words ("… wrongs. "As a nation…": paragraphs joined by a space)
_QUOTES = re.compile(r"“(?P<curly>[^“”]+)”|“(?P<mixed>[^“”\"\n]+)\""
                     r"|\"(?P<joined>[^\"“”\n]+?)(?=[ \t]+\"[^\s\"])"
                     r"|\"(?P<straight>[^\"“”\n]+)\"|\"(?P<mixed2>[^\"“”\n]+)”"
                     r"|“(?P<open>[^“”\"\n]+)(?=\n\s*“)|\"(?P<opens>[^\"“”\n]+)(?=\n\s*\")")
_RUNS_ON = {"open", "opens", "joined"}
# what may stand between an attribution and the next quote for that quote to go on the same
# words: the rest of the attribution's sentence (" in Baghdad."), then a space or a paragraph
_GOES_ON = re.compile(r"[^“”\"\n.!?]{0,80}[.!?,:;]?\s*")
_BREAK_ONLY = re.compile(r"[.,;]?\s*")
# ... and that quote is a sentence of its own: its paragraph or the text ends after it, or a new
# sentence begins ("“…”, “…” opened here" is a phrase quoted, not words going on)
_ENDS = re.compile(r"[ \t]*(?:$|\n|[A-Z“\"])")
_MIN_WORDS = 3


def find_quotes(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per attributed quote in each article's text (QUOTE_COLUMNS): direct quotes,
    and indirect ones ("…, according to Y", `indirect` true)."""
    in_text = mentions[mentions[START] >= 0] if len(mentions) else mentions
    positions = in_text.groupby(ARTICLE_ID).indices if len(in_text) else {}
    empty = mentions.iloc[0:0] if len(mentions.columns) else pd.DataFrame(
        columns=[ARTICLE_ID, ACTOR, ACTOR_TYPE, START, END])
    rows = []
    for article_id, text in zip(articles[ARTICLE_ID], articles[TEXT], strict=True):
        direct = bool(text) and ("“" in text or '"' in text)
        if not direct and not (text and "ccording to" in text):
            continue  # no quotation marks and no "according to": no quotes (and no mentions
            # to sort for them)
        at = positions.get(article_id)
        of_article = named(empty if at is None else in_text.iloc[at].sort_values(START))
        found = [*(article_quotes(text, of_article) if direct else ()),
                 *according_to(text, of_article)]
        for quote in sorted(found, key=lambda q: q.start):
            rows.append((article_id, quote.speaker, quote.surface, quote.verb, quote.quote,
                         quote.start, quote.end, quote.indirect))
    frame = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    return conform(frame, QUOTE_COLUMNS, name="quotes")


def article_quotes(text: str, mentions: list[Named]) -> Iterator[Quote]:
    """The attributed quotes of one text, given its mentions sorted by start."""
    last_speaker: str | None = None
    said: tuple[tuple[str | None, str, str], int] | None = None  # who said the last quote, and
    # where the words of it and of its attribution end
    open_parts: list[tuple[int, int, int]] = []  # paragraphs of a quote still running on
    for match in _QUOTES.finditer(text):
        group = match.lastgroup or ""  # each way of quoting is one named group
        start, end = _quoted_span(text, match, group)
        if open_parts and text[open_parts[-1][2]:match.start()].strip(" \n,”\""):
            open_parts = []  # the next paragraph's quote was not one: the run-on is lost
        if group in _RUNS_ON:
            open_parts.append((match.start(), start, end))
            continue
        parts = [*open_parts, (match.start(), start, end)]
        open_parts = []
        if sum(len(text[a:b].split()) for _, a, b in parts) < _MIN_WORDS:
            continue
        found = _attribution(text, parts[0][0], match.end())
        if found is not None:
            who, who_start, verb, words_end = found
            subject = subject_of(text, said[1], match.start(), mentions) if said else None
            speaker = speaker_of(who, who_start, match.start(), mentions, subject or last_speaker)
            if speaker is not None and who.casefold() not in PRONOUNS | {"they"}:
                last_speaker = speaker if is_person(speaker, mentions) else last_speaker
            by = (speaker, who, verb)
        elif (said is not None and _goes_on(text, said[1], parts[0][0])
              and _ENDS.match(text, match.end())):
            by, words_end = said[0], match.end()
        else:
            continue
        for _, a, b in parts:
            yield Quote(*by, text[a:b], a, b)
        said = (by, words_end)


def _goes_on(text: str, words_end: int, start: int) -> bool:
    """Whether the quote at `start` goes on the words that end at `words_end`: the rest of an
    attribution's sentence may stand between them, but after a quote's closing mark (the
    attribution came before it, or it went on another) only a space or a paragraph may."""
    if text[words_end - 1:words_end] in {'"', "”"}:
        return bool(_BREAK_ONLY.fullmatch(text, words_end, start))
    return bool(_GOES_ON.fullmatch(text, words_end, start))


def _quoted_span(text: str, match: re.Match, group: str) -> tuple[int, int]:
    """The quoted words' offsets: without the spaces around them or a comma that ends them."""
    quoted = match.group(group)
    start = match.start(group) + len(quoted) - len(quoted.lstrip())
    end = match.start(group) + len(quoted.rstrip().rstrip(",").rstrip())
    return start, end


def _attribution(text: str, start: int, end: int) -> tuple[str, int, str, int] | None:
    """(speaker words, their offset, verb, where the attribution ends) from the words after the
    quote, else before it; before it first when they end in a colon (Law added: “…” He said
    it was vital…: the words after begin a sentence of their own)."""
    before = _attribution_before(text, start, end)
    if before is not None and text[:start].rstrip().endswith(":"):
        return before
    after_limit = text.find("\n", end)
    after = text[end:after_limit if after_limit >= 0 else len(text)][:120]
    match = _AFTER.match(after)
    if match:
        who_group = "who" if match.group("who") else "who2"
        verb = match.group("verb") or match.group("verb2")
        return (match.group(who_group), end + match.start(who_group), verb.casefold(),
                end + match.end())
    return before


def _attribution_before(text: str, start: int, end: int) -> tuple[str, int, str, int] | None:
    line_start = text.rfind("\n", 0, start) + 1
    before_start = max(line_start, start - 150)
    match = _BEFORE.search(text[before_start:start])
    if match:
        who_group = "who" if match.group("who") else "who2"
        verb = re.sub(r"\s+", " ", match.group("verb") or match.group("verb2"))
        return match.group(who_group), before_start + match.start(who_group), verb.casefold(), end
    return None
