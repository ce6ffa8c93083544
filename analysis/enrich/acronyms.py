"""What an acronym stands for in a text: "the British Chamber of Commerce (BCC)" defines BCC.

Quote attribution reads it to name a speaker in full ("the BCC said" is the British Chamber of
Commerce), and actor finding to leave a table's acronym alone where the text gives it another
meaning ("Singapore National Printers Ltd (SNP)" is no Scottish National Party).
"""

from __future__ import annotations

import re

# "the British Chamber of Commerce (BCC)", "General Agreement on Tariffs and Trade (GATT)": the
# name an acronym stands for in the text
_DEFINED = re.compile(r"(?P<name>(?:[A-Z][\w&.'’-]*\s+(?:(?:of|and|for|the|on|in|de|du|des)\s+)*)"
                      r"{1,8})\((?P<acronym>[A-Z]{2,6})\)")
# what every match of _DEFINED ends in: a text without one defines nothing (re finds it by
# skipping to each "(", where _DEFINED tries a name at every capital of the text)
_BRACKETED = re.compile(r"\([A-Z]{2,6}\)")
# a company's legal form, which its acronym leaves out: "Singapore National Printers Ltd (SNP)"
LEGAL_FORMS = frozenset({"ltd", "inc", "corp", "co", "plc", "ag", "sa", "nv", "bv", "spa", "gmbh",
                    "bhd", "llc", "lp"})


def defined_acronyms(text: str) -> dict[str, str]:
    """Each acronym the text defines in brackets after a name whose capitals (its legal form
    aside) end in it, and that name (from its first capital word the acronym's letters cover);
    a bracket whose letters the name does not spell ("Social Democrats (SPD)", "Nissan Motor
    Manufacturing (UK) Ltd") defines nothing."""
    found: dict[str, str] = {}
    if not _BRACKETED.search(text):
        return found
    for match in _DEFINED.finditer(text):
        words = match["name"].split()
        while len(words) > 1 and words[-1].rstrip(".").casefold() in LEGAL_FORMS:
            words.pop()
        initials = "".join(w[0] for w in words if w[0].isupper())
        if initials.endswith(match["acronym"]):
            kept = words[len(initials) - len(match["acronym"]):] if initials != match["acronym"] \
                else words
            while kept and not kept[0][0].isupper():
                kept = kept[1:]
            found[match["acronym"]] = " ".join(kept)
    return found
