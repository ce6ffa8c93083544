"""Lines written in capitals, recased as running text would write them, for the name tagger.

Wire headlines ("JAPAN SALES TAX MAY FORCE NAKASONE OUT OF OFFICE"), datelines ("BRUSSELS
1996-08-22") and telex copy carry no case, the tagger's main cue. `recase(text)` rewrites each
such line of a text word by word in the case the word usually has in running text, and leaves
every other line alone; the result has the same length, so offsets into it are offsets into
the text ("Japan sales tax may force Nakasone out of office").

A word's case comes from a table learnt from the mixed-case paragraphs of the Reuters-21578
bodies reut2-000..017 (scripts/build_truecase.py; docs/names.md): its usual form when that is
neither lower case nor capitalised ("U.S.", "OPEC", "McDonald"); else capitalised when at least
CAPITAL_SHARE of its uses away from a sentence's start are, after the word before it when that
pair was seen at least three times ("Resources Department", "Bank of Japan"), else over all its
uses. A word the table never saw is capitalised (in a headline it is more often a name than a
rare common word); a line's first word is capitalised.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

from analysis.enrich.name_features import TOKEN

TABLE_PATH = Path(__file__).resolve().parents[1] / "resources" / "truecase.txt.gz"
CAPITAL_SHARE = 0.2  # the share of capitalised uses from which a word is capitalised (dev)
MAX_UPPER_SHARE = 0.5  # a line with more capitals than this among its letters is recased
MAX_CONTEXT_WORDS = 2_000  # distinct words of a text's lines in capitals looked up in its context
MAX_USES = 20  # uses of a word in the context counted
# two capitals in a row: a text without them has no line in capitals
_CAPITALS = re.compile(r"[A-Z]{2}")
_WORD = re.compile(r"[^\W\d_][\w'’&.-]*[^\W_]|[^\W\d_]")
_NOT_UPPER = bytes(b for b in range(256) if not 65 <= b <= 90)
_NOT_LOWER = bytes(b for b in range(256) if not 97 <= b <= 122)


class CaseTable:
    """Each known word's usual form, and the pairs whose second word's case differs from it."""

    def __init__(self, forms: dict[str, str], pairs: dict[tuple[str, str], bool]) -> None:
        self.forms = forms  # lower-case word -> usual form
        self.pairs = pairs  # (word before, word) in lower case -> capitalised after it

    @classmethod
    def read(cls, path: str | Path = TABLE_PATH) -> CaseTable:
        """The table of a file: a form per line, then "before ^word" (capitalised after
        `before`) or "before _word" (lower case after it) lines."""
        forms: dict[str, str] = {}
        pairs: dict[tuple[str, str], bool] = {}
        for line in gzip.decompress(Path(path).read_bytes()).decode("utf-8").splitlines():
            before, _, after = line.partition(" ")
            if after:
                pairs[(before, after[1:])] = after[0] == "^"
            elif line:
                forms[line.lower()] = line
        return cls(forms, pairs)

    def form(self, word: str, before: str | None) -> str:
        """`word` in its usual case after the word `before` (None: it starts the line); a
        word joined by hyphens that the table lacks, part by part ("Argentina-Brazil")."""
        lower = word.lower()
        if not lower[:1].isalpha():
            return lower  # "'S" -> "'s", "3RD" -> "3rd"
        usual = self.forms.get(lower)
        if usual is None and "-" in lower.strip("-"):
            parts = word.split("-")
            return "-".join(self.form(part, None if at == 0 else parts[at - 1]) if part else ""
                            for at, part in enumerate(parts))
        capital = usual is None or usual[:1].isupper()
        if before is not None:
            capital = self.pairs.get((before.lower(), lower), capital)
        if usual is not None and usual not in (lower, lower.capitalize()):
            return usual  # "U.S.", "OPEC"
        return lower[:1].upper() + lower[1:] if capital or before is None else lower


@cache
def case_table() -> CaseTable:
    """The table shipped in analysis/resources, read once per process."""
    return CaseTable.read(TABLE_PATH)


def recase(text: str, *, context: str | None = None, table: CaseTable | None = None) -> str:
    """`text` with each line mostly in capitals written in its words' usual case; the same
    length, and every other line unchanged. A word that `context` (the story of a headline,
    or the text itself) writes in running text takes the form it has there most often."""
    return recased(text, context=context, table=table)[0]


def recased(text: str, *, context: str | None = None,
            table: CaseTable | None = None) -> tuple[str, bool]:
    """`recase(text, ...)`, and whether `text` has a line mostly in capitals. A text without
    one is returned as it is, and `recase` of it, with any context, returns it again."""
    if not _CAPITALS.search(text):
        return text, False
    lines = text.split("\n")
    shouting = [at for at, line in enumerate(lines) if shouted(line)]
    if not shouting:
        return text, False
    forms = context_forms([lines[at] for at in shouting], context) if context else {}
    for at in shouting:
        lines[at] = recase_line(lines[at], forms=forms, table=table)
    return "\n".join(lines), True


def context_forms(lines: list[str], context: str) -> dict[str, str]:
    """The form `context` gives most often to each word of `lines`, counting up to MAX_USES
    uses away from a sentence's or line's start, in lines not mostly in capitals. Lines of
    more than MAX_CONTEXT_WORDS distinct words (telex copy, not a headline) get none: each word
    is a search of the whole context."""
    wanted = {word.lower() for line in lines for word in _WORD.findall(line) if len(word) > 1}
    lower = context.lower()
    if not wanted or len(wanted) > MAX_CONTEXT_WORDS or len(lower) != len(context):
        return {}  # (a letter whose small form has another length would move offsets)
    found: dict[str, str] = {}
    for word in wanted:
        seen: dict[str, int] = {}
        at, uses = lower.find(word), 0
        while at >= 0 and uses < MAX_USES:
            end = at + len(word)
            if _alone(lower, at, end) and not _line_start(context, at):
                form = context[at:end]
                if not (form.isupper() and shouted(_line_at(context, at))):
                    seen[form] = seen.get(form, 0) + 1
                    uses += 1
            at = lower.find(word, end)
        if seen:
            found[word] = max(seen, key=seen.__getitem__)
    return found


def _alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole word (no letter or digit on either side)."""
    return not (start and text[start - 1].isalnum()) and not (
        end < len(text) and text[end].isalnum())


def _line_start(text: str, at: int) -> bool:
    """Whether `at` starts a sentence or a line (after white space and opening marks)."""
    before = text[max(0, at - 12):at].rstrip(" \t\"“'(")
    return before[-1:] in ("", "\n", ".", "!", "?", ":")


def _line_at(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1:len(text) if end < 0 else end]


def shouted(line: str) -> bool:
    """Whether most ASCII letters of `line` are capitals."""
    sample = line.encode("ascii", "ignore")
    upper = len(sample.translate(None, _NOT_UPPER))
    return upper > MAX_UPPER_SHARE * (upper + len(sample.translate(None, _NOT_LOWER)))


def recase_line(line: str, *, forms: dict[str, str] | None = None,
                table: CaseTable | None = None) -> str:
    """One line, each word in its usual case, or its form in `forms` (by lower-case word);
    a form of another length keeps the word."""
    table = table or case_table()
    forms = forms or {}
    out: list[str] = []
    before: str | None = None
    ticker = False  # inside "<...>": a stock ticker stays as written
    for piece in TOKEN.findall(line):
        word = piece.lstrip()
        ticker = word == "<" or (ticker and word != ">")
        if word and not ticker and any(c.isalpha() for c in word):
            form = forms.get(word.lower()) or table.form(word, before)
            if before is None and form.islower():
                form = form[:1].upper() + form[1:]
            piece = piece[:len(piece) - len(word)] + (form if len(form) == len(word) else word)
        if word:
            before = word
        out.append(piece)
    return "".join(out)
