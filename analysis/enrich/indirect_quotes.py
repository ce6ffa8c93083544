"""Indirect quotes: words a named source is reported to have said, "…, according to Y".

"X, according to Y." and "According to Y, X." give a quote of X by Y, flagged indirect (no
quotation marks: X is the writer's words for what Y said or holds). Y must be named: its first
word (after "the", "a" or "an") is capitalised and a name heads it ("the OECD", "Bank of
England deputy governor Rachel Lomax", the owner in "the Bank of Mexico's figures"); "according
to analysts", "according to a survey" or "according to Chinese state press reports" name no
one and give nothing. A sentence with quotation marks is left to the direct quote rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from analysis.enrich.discovery import ORG_HEADS, TITLES
from analysis.enrich.quote_parts import Named, Quote, between

VERB = "according to"
# a sentence: up to a full stop, ! or ? before a space and a capital or the paragraph's end
# (not the stop of an initial or of "U.S.")
_SENTENCE = re.compile(r"[^\n]+?(?:(?<!\b[A-Z])[.!?](?=\s+[A-Z\"“‘(]|\s*$|\s*\n)|$)",
                       re.MULTILINE)
# (a stop inside or after "U.S." is no end of the source)
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<source>(?:[^,.;:()\n]|\.(?=\w)|(?<=\b[A-Z])\.)+?)"
                        r"\s*(?=[,;:()]|(?<!\b[A-Z])\.(?!\w)|$)")
# an opening of at most two words before "According to Y," ("Meanwhile, according to …")
_OPENER = re.compile(r"^(?:[\w'’-]+\s+){0,1}[\w'’-]+,\s*$|^\s*$")
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\s]+")
_JOINS = {"of", "for", "and", "de", "on"}  # inside a name: "Bank of England"
_TAIL = {"of", "in", "on", "at", "for", "from", "which", "who", "that", "to", "as", "and", "but",
         "by", "with", "when", "while", "after", "before", "earlier", "last", "this"}
_MIN_WORDS = 3
_MAX_SOURCE_WORDS = 10


def according_to(text: str, mentions: list[Named]) -> Iterator[Quote]:
    """The indirect quotes of one text, given its mentions sorted by start."""
    for sentence in _SENTENCE.finditer(text):
        words = sentence.group()
        if any(mark in words for mark in '"“”'):
            continue
        for match in _ACCORDING.finditer(words):
            found = _source(match.group("source"))
            if found is None:
                continue
            name, offset = found
            start = sentence.start() + match.start("source")
            speaker = _canonical(name, start + offset, mentions)
            span = _reported(words, match)
            if span is None:
                continue
            a, b = (sentence.start() + span[0], sentence.start() + span[1])
            yield Quote(speaker, name, VERB, text[a:b], a, b, indirect=True)


def _reported(sentence: str, match: re.Match) -> tuple[int, int] | None:
    """Offsets in `sentence` of the words reported: before "according to" (X, according to
    Y.) or, when it opens the sentence, after its source (According to Y, X.)."""
    before = sentence[:match.start()]
    if _OPENER.match(before):
        rest = sentence[match.end():]
        if not rest.startswith(","):
            return None
        a = match.end() + 1
        b = len(sentence.rstrip().rstrip(".!?"))
    else:
        a, b = 0, len(before.rstrip().rstrip(","))
    a += len(sentence[a:b]) - len(sentence[a:b].lstrip())
    if len(sentence[a:b].split()) < _MIN_WORDS:
        return None
    return a, b


def _source(source: str) -> tuple[str, int] | None:
    """The name heading the source's words and its offset in them, or None when they name
    no one."""
    lead = _DETERMINER.match(source)
    skip = lead.end() if lead else 0
    words = list(_WORD.finditer(source, skip))
    if not words or not words[0].group()[:1].isupper() or len(words) > _MAX_SOURCE_WORDS:
        return None
    runs: list[list[re.Match]] = []
    run: list[re.Match] = []
    thing = False  # a common noun after the last name: "Chinese state press reports"
    for i, word in enumerate(words):
        token = word.group()
        capital = token[:1].isupper() or token[:1].isdigit()
        joins = token in _JOINS and run and i + 1 < len(words) \
            and words[i + 1].group()[:1].isupper()
        if capital or joins:
            run.append(word)
            thing = False
            if re.search(r"['’]s?$", token):
                runs.append(run)
                run = []
            continue
        if run:
            runs.append(run)
            run = []
        if token.casefold() in _TAIL:
            break
        thing = thing or token.casefold() not in TITLES
    if run:
        runs.append(run)
    owners = [r for r in runs if re.search(r"['’]s?$", r[-1].group())]
    if not runs or (thing and not owners):
        return None  # a capital, but a thing heads the words ("Census Bureau figures")
    head = owners[-1] if thing else runs[-1]  # "the Department's latest Export Sales report"
    body = head[-1].group().casefold().rstrip("'’s") in ORG_HEADS  # "the Finance Ministry"
    while head and not body and head[0].group().casefold().rstrip(".") in TITLES:
        head = head[1:]
    if not head:
        return None
    first, last = head[0], head[-1]
    name = source[first.start():last.end()]
    name = re.sub(r"['’]s?$", "", name)
    return name, first.start()


def _canonical(name: str, start: int, mentions: list[Named]) -> str:
    """The actor the mentions find at the source's name, else the name as written."""
    end = start + len(name)
    inside = [m for m in between(mentions, start, end + 1) if m.end <= end]
    people = [m for m in inside if m.actor_type == "person"]
    if people:
        return people[-1].actor
    others = [m for m in inside if m.actor_type not in {"country", "place"}]
    return others[0].actor if others else name
