"""What an acronym stands for in a text: "the British Chamber of Commerce (BCC)" defines BCC.

Quote attribution reads it to name a speaker in full ("the BCC said" is the British Chamber of
Commerce), and actor finding to leave a table's acronym alone where the text gives it another
meaning ("Singapore National Printers Ltd (SNP)" is no Scottish National Party).
"""

from __future__ import annotations

import re

# "the British Chamber of Commerce (BCC)": the name an acronym stands for in the text
_DEFINED = re.compile(r"(?P<name>(?:[A-Z][\w&'’-]*\s+(?:(?:of|and|for|the)\s+)*){1,6})"
                      r"\((?P<acronym>[A-Z]{2,6})\)")


def defined_acronyms(text: str) -> dict[str, str]:
    """Each acronym the text defines in brackets after a name whose capitals end in it, and
    that name (from its first capital word that the acronym's letters cover)."""
    found = {}
    for match in _DEFINED.finditer(text):
        words = match["name"].split()
        initials = "".join(w[0] for w in words if w[0].isupper())
        if initials.endswith(match["acronym"]):
            kept = words[len(initials) - len(match["acronym"]):] if initials != match["acronym"] \
                else words
            while kept and not kept[0][0].isupper():
                kept = kept[1:]
            found[match["acronym"]] = " ".join(kept)
    return found


# a capitalised name and an acronym in brackets right after it, whatever its letters:
# "Singapore National Printers Ltd (SNP)"
_BRACKETED = re.compile(
    r"(?P<name>[A-Z][\w&.'’-]*(?:\s+(?:(?:of|and|for|the|de)\s+)*[A-Z][\w&.'’-]*)+)"
    r"\s+\((?P<acronym>[A-Z]{2,6})\)")


def bracketed_acronyms(text: str) -> dict[str, str]:
    """Each acronym in brackets right after a name of two capitalised words or more, and that
    name: what the acronym stands for in this text, even where its letters do not spell it."""
    return {match["acronym"]: match["name"] for match in _BRACKETED.finditer(text)}
