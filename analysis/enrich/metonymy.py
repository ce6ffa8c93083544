"""Metonymy: when a capital stands for its government ("Washington said") and when it is a place."""

from __future__ import annotations

import re

# "in Tehran", "reporting by ... in Tehran", "flew to Baghdad": a location, never the government
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|to|into|outside|around|across|via|inside|within|through|toward|towards"
    r"|of|visit|visited|visiting|visits|arrived|arrive|arriving|based|embassy|streets|city)\s+"
    r"(?:the\s+|central\s+|downtown\s+|northern\s+|southern\s+|eastern\s+|western\s+)?$",
    re.IGNORECASE)

# "Tehran denies", "Washington has long accused", "Tehran's continued stand-off"
_AGENT_AFTER = re.compile(
    r"^(?:['’]s\b|\s+(?:has|have|had|is|was|will|would|wants|wanted|should|must|could|can|may"
    r"|might|says|said|say|denies|denied|deny|accuses|accused|accuse|insists|insisted|rejects"
    r"|rejected|warns|warned|urges|urged|calls|called|agrees|agreed|believes|hopes|fears|feared"
    r"|sees|saw|refuses|refused|announces|announced|claims|claimed|demands|demanded|threatens"
    r"|threatened|hopes|expects|expected|plans|planned|pressed|presses|protested|protests"
    r"|responded|replied|welcomed|welcomes|condemned|condemns|supports|supported|backs|backed"
    r"|opposes|opposed|insisted|argues|argued|maintains|maintained|does|did|also|however|and"
    r"|officials?|government|leaders?|regime|authorities|[a-z]+ed)\b)",
    re.IGNORECASE)

# "accused Tehran of", "relations with Tehran", "talks between Washington and Tehran"
_AGENT_BEFORE = re.compile(
    r"\b(?:accused|accuse|accuses|urged|urge|urges|warned|warn|warns|told|tell|tells|pressed"
    r"|press|pressure|pressuring|with|against|between|by|and|asked|blamed|blames|criticised"
    r"|criticized|sanctions\s+on|pressure\s+on)\s+$",
    re.IGNORECASE)

_WINDOW = 40  # characters looked at on either side


def stands_for_government(text: str, start: int, end: int) -> bool:
    """Whether the capital at text[start:end] stands for its government rather than the city.

    A location cue just before it ("in", "from", "visited") keeps it a place; otherwise a verb
    or possessive right after it, or a verb or preposition of dealings just before it, makes it
    the government. With no cue at all it stays a place.
    """
    before = text[max(0, start - _WINDOW):start]
    after = text[end:end + _WINDOW]
    if _LOCATIVE_BEFORE.search(before):
        return False
    return bool(_AGENT_AFTER.match(after) or _AGENT_BEFORE.search(before))
