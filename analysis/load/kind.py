"""Tell a plain-text file that is not an article (a DTD, a licence, code, a word list, a README)
from one that is, by what its lines hold; the name of the file is never looked at.

The rule, in order (the first that fits gives the reason):

1. a DTD: at least 3 SGML/XML declarations (``<!ELEMENT``, ``<!ATTLIST``, ``<!ENTITY``) making
   at least a third of the lines that are not comments;
2. a licence: a licence's heading in the first lines ("MIT License", "GNU General Public
   License", "Apache License", ...) or at least two of the phrases licences are made of;
3. code: at least 5 lines, and at least 40 % of all lines, look like source code (end in
   ``;``, ``{`` or ``}``, or start with ``def``, ``import``, ``#include``, ``function``, ...);
4. a word list: at least 10 lines, at least 95 % of them one to three words, none a sentence;
5. mostly a list: at least 20 lines, at least 75 % of them five words or fewer without a
   digit (a table of figures may be news), and lines of 8 words or more (prose) holding
   under 35 % of the words;
6. documentation (a README when it describes itself): two of these four: it describes
   itself (a line opening with "README", or "this file describes"); three or more section
   headings ("II. Copyright", "## Usage", an underlined title); two or
   more file names (``reut2-000.sgm``, ``setup.py``); install or usage instructions
   (``pip install``, ``Usage:``, a code fence).

A news page, even one with long menus, has most of its words in prose lines and none of these
marks; `presslens ingest --format page` reads a file as a page whatever it holds.
"""

from __future__ import annotations

import re

_DECLARATION = re.compile(r"^\s*<!(?:ELEMENT|ATTLIST|ENTITY|NOTATION)\b")
_COMMENT = re.compile(r"^\s*(?:<!--.*-->|<!--|-->)\s*$")
_LICENCE_HEADING = re.compile(
    r"^\s*(?:the\s+)?(?:MIT|BSD|ISC|Apache|GNU|Mozilla|Eclipse|Creative Commons|Boost)\b"
    r".{0,60}\b(?:License|Licence|LICENSE|LICENCE)\b|^\s*(?:LICEN[CS]E|COPYING)\s*$",
    re.IGNORECASE,
)
_LICENCE_PHRASES = (
    "permission is hereby granted", "redistribution and use in source and binary forms",
    'the software is provided "as is"', "without warranty of any kind",
    "this program is free software", "licensed under the apache license",
    "gnu general public license", "warranties of merchantability",
    "you may not use this file except in compliance", "all rights reserved",
    "creative commons attribution", "the above copyright notice",
)
_CODE_LINE = re.compile(
    r"(?:[;{}]|\)\s*:|=>)\s*$"
    r"|^\s*(?:def|class|import|from\s+[\w.]+\s+import|#include|#!|function|var|let|const|"
    r"public|private|protected|return|package|using|fn|func|end|elif|else\s*:|try\s*:|"
    r"except\b|@\w+)\b"
)
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")
# "README" opening a line, or "this file describes ..."; not a story that mentions a README
_README = re.compile(
    r"^\s*README\b|\bthis\s+(?:file|document|readme|directory|folder|package|distribution)\s+"
    r"(?:describes|contains|lists|explains|documents)\b", re.IGNORECASE | re.MULTILINE)
_HEADING = re.compile(
    r"^(?:(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-Z][^.!?]{1,60}|#{1,6}\s+\S.{0,60})$")
_UNDERLINE = re.compile(r"^(?:={3,}|-{3,}|\*{3,})$")
_FILE_NAME = re.compile(
    r"\b[\w-]+\.(?:txt|sgm|sgml|csv|tsv|json|jsonl|dtd|xml|py|md|rst|zip|gz|tar|tgz|pdf|"
    r"html?|cfg|toml|yaml|yml|ipynb|sh|java|js)\b", re.IGNORECASE)
_INSTRUCTIONS = re.compile(
    r"\b(?:pip|npm|conda|apt-get|brew)\s+install\b|\bgit\s+clone\b|^\s*usage:|^\s*```"
    r"|^\s*\$\s+\w", re.IGNORECASE | re.MULTILINE)

MIN_DECLARATIONS = 3
MIN_CODE_LINES, CODE_SHARE = 5, 0.4
MIN_LIST_LINES, LIST_SHARE, LIST_WORDS = 10, 0.95, 3
MIN_MOSTLY_LINES, MOSTLY_SHARE, MOSTLY_WORDS, PROSE_WORDS, PROSE_SHARE = 20, 0.75, 5, 8, 0.35
MIN_DOC_SIGNS = 2


def not_an_article(text: str) -> str | None:
    """What `text` holds instead of an article ("a DTD", "a list of 135 one-word lines", ...),
    or None when it may be one; the rule is in this module's docstring."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    for check in (_dtd, _licence, _code, _word_list, _mostly_list, _documentation):
        reason = check(lines)
        if reason:
            return reason
    return None


def _dtd(lines: list[str]) -> str | None:
    content = [line for line in lines if not _COMMENT.match(line)]
    declared = sum(bool(_DECLARATION.match(line)) for line in content)
    if declared >= MIN_DECLARATIONS and declared * 3 >= len(content):
        return f"a DTD ({declared} SGML/XML declarations)"
    return None


def _licence(lines: list[str]) -> str | None:
    if any(_LICENCE_HEADING.search(line) for line in lines[:5]):
        return "a licence"
    head = " ".join(lines[:200]).casefold()
    if sum(phrase in head for phrase in _LICENCE_PHRASES) >= 2:
        return "a licence"
    return None


def _code(lines: list[str]) -> str | None:
    coded = sum(bool(_CODE_LINE.search(line)) for line in lines)
    if coded >= MIN_CODE_LINES and coded >= CODE_SHARE * len(lines):
        return f"source code ({coded} of {len(lines)} lines look like code)"
    return None


def _word_list(lines: list[str]) -> str | None:
    words = [len(line.split()) for line in lines]
    short = sum(n <= LIST_WORDS for n in words)
    sentences = sum(bool(_SENTENCE_END.search(line)) and n > 1 for line, n in zip(
        lines, words, strict=True))
    if len(lines) < MIN_LIST_LINES or short < LIST_SHARE * len(lines) or sentences:
        return None
    if all(n == 1 for n in words):
        return f"a list of {len(lines)} one-word lines"
    return f"a list of {len(lines)} short lines"


def _mostly_list(lines: list[str]) -> str | None:
    words = [len(line.split()) for line in lines]
    # a table of figures is short lines too, and may well be news: lines with digits are not
    short = sum(n <= MOSTLY_WORDS and not _DIGIT.search(line) for line, n in zip(
        lines, words, strict=True))
    prose = sum(n for n in words if n >= PROSE_WORDS)
    if (len(lines) >= MIN_MOSTLY_LINES and short >= MOSTLY_SHARE * len(lines)
            and prose < PROSE_SHARE * sum(words)):
        return (f"mostly a list ({short} of {len(lines)} lines are {MOSTLY_WORDS} words or fewer, "
                "without figures)")
    return None


def _documentation(lines: list[str]) -> str | None:
    text = "\n".join(lines)
    headings = sum(bool(_HEADING.match(line)) for line in lines)
    headings += sum(bool(_UNDERLINE.match(line)) for line in lines[1:])
    files = {name.lower() for name in _FILE_NAME.findall(text)}
    describes_itself = bool(_README.search(text))
    signs = {
        "describes itself": describes_itself,
        f"{headings} section headings": headings >= 3,
        f"names {len(files)} files": len(files) >= 2,
        "install or usage instructions": bool(_INSTRUCTIONS.search(text)),
    }
    found = [sign for sign, present in signs.items() if present]
    if len(found) < MIN_DOC_SIGNS:
        return None
    what = "a README" if describes_itself else "documentation"
    return f"{what} ({', '.join(found)})"
