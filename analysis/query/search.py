"""The search language: a query string → a tree (`parse`) → an SQLite FTS5 expression (`compile`).

    oil                  the word oil (whole words; any case; accents ignored)
    oil gas              both words (words without an operator are ANDed)
    "oil price"          the words next to each other; every character inside quotes counts
    oil OR gas, oil AND gas, oil NOT gas, -gas, NOT gas
    (oil OR gas) AND opec
    price*               words starting with price (at least 2 letters before the *)
    title:oil, source:reuters, byline:"john smith", title:(oil OR gas)

Operators are upper case (`and`, `or`, `not` are words). A malformed query raises
`SearchSyntaxError`, whose message is one line saying what is wrong and at which character.
`analysis.query.matches` runs a query against a store's index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.store.search_words import tokens

FIELDS = ("title", "source", "byline")
OPERATORS = ("AND", "OR", "NOT")
MIN_PREFIX = 2  # letters before a * (shorter prefixes would read most of the index)
# the FTS5 columns each field searches; no field: title and text
_COLUMNS = {None: "{title text}", "title": "title", "source": "source", "byline": "byline"}
_LEXEME = re.compile(r'\s+|"[^"]*"?|[()]|[^\s()"]+')


class SearchSyntaxError(ValueError):
    """A malformed query; `position` is the 1-based character where the problem is."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at character {position})")
        self.position = position


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase (`quoted`), maybe a prefix, maybe within one field."""

    text: str
    tokens: tuple[str, ...]
    quoted: bool = False
    prefix: bool = False
    field: str | None = None


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


Node = Term | Not | And | Or


@dataclass(frozen=True)
class _Lexeme:
    kind: str  # "word", "phrase", "(", ")", "AND", "OR", "NOT", "-"
    text: str
    at: int  # 1-based position
    field: str | None = None


def _lex(query: str) -> list[_Lexeme]:
    found: list[_Lexeme] = []
    for match in _LEXEME.finditer(query):
        text, at = match.group(), match.start() + 1
        if text.isspace():
            continue
        if text.startswith('"'):
            if len(text) == 1 or not text.endswith('"'):
                raise SearchSyntaxError("this quote is never closed", at)
            found.append(_Lexeme("phrase", text[1:-1], at))
        elif text in "()" or text in OPERATORS:
            found.append(_Lexeme(text, text, at))
        elif text == "-" and query[match.end():match.end() + 1] in ('"', "("):
            found.append(_Lexeme("-", text, at))  # -"a phrase", -(a group)
        else:
            found += _word(text, at)
    return found


def _word(text: str, at: int) -> list[_Lexeme]:
    """A bare word: maybe `-word`, maybe `field:` (alone before a quote or a parenthesis)."""
    lead: list[_Lexeme] = []
    if text == "-":
        raise SearchSyntaxError("a - must touch the word, phrase or parenthesis it excludes "
                                "(-gas)", at)
    if text.startswith("-") and len(text) > 1:
        lead, text, at = [_Lexeme("-", "-", at)], text[1:], at + 1
    name, colon, rest = text.partition(":")
    if colon and name.isalpha():
        if name.lower() not in FIELDS:
            raise SearchSyntaxError(f"unknown field {name}: (the fields are "
                                    f"{', '.join(f + ':' for f in FIELDS)})", at)
        field = _Lexeme("field", name.lower(), at)
        return [*lead, field, *([_Lexeme("word", rest, at + len(name) + 1)] if rest else [])]
    return [*lead, _Lexeme("word", text, at)]


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary ([AND] unary)*;
    unary := NOT unary | - unary | [field:] primary; primary := ( or ) | word | phrase."""

    def __init__(self, query: str) -> None:
        self.query, self.lexemes, self.i = query, _lex(query), 0

    def peek(self) -> _Lexeme | None:
        return self.lexemes[self.i] if self.i < len(self.lexemes) else None

    def take(self) -> _Lexeme:
        self.i += 1
        return self.lexemes[self.i - 1]

    def end_at(self) -> int:
        return len(self.query.rstrip()) + 1

    def parse(self) -> Node:
        node = self.either(None)
        left = self.peek()
        if left is not None:
            raise SearchSyntaxError("this ) closes no parenthesis" if left.kind == ")" else
                                    f"unexpected {left.text}", left.at)
        return node

    def either(self, field: str | None) -> Node:
        items = [self.both(field)]
        while (lexeme := self.peek()) is not None and lexeme.kind == "OR":
            self.take()
            items.append(self.both(field, after=lexeme))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def both(self, field: str | None, after: _Lexeme | None = None) -> Node:
        items = [self.unary(field, after)]
        while (lexeme := self.peek()) is not None and lexeme.kind not in ("OR", ")"):
            if lexeme.kind == "AND":
                self.take()
                items.append(self.unary(field, lexeme))
            else:
                items.append(self.unary(field, None))
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self, field: str | None, after: _Lexeme | None) -> Node:
        lexeme = self.peek()
        if lexeme is None or lexeme.kind in ("AND", "OR", ")"):
            if after is not None:
                raise SearchSyntaxError(f"{after.text} needs a search term after it", after.at)
            if lexeme is None:
                raise SearchSyntaxError("the query ends where a search term should be",
                                        self.end_at())
            raise SearchSyntaxError(
                "empty parentheses" if lexeme.kind == ")" and self.i and
                self.lexemes[self.i - 1].kind == "(" else
                f"{lexeme.text} needs a search term before it", lexeme.at)
        if lexeme.kind in ("NOT", "-"):
            self.take()
            return Not(self.unary(field, lexeme))
        if lexeme.kind == "field":
            return self.fielded(field)
        return self.primary(field)

    def fielded(self, field: str | None) -> Node:
        lexeme = self.take()
        if field is not None:
            raise SearchSyntaxError(f"{lexeme.text}: inside {field}: (a field cannot hold "
                                    "another)", lexeme.at)
        following = self.peek()
        if following is None or following.kind not in ("word", "phrase", "("):
            raise SearchSyntaxError(f"{lexeme.text}: needs a word, a quoted phrase or "
                                    "parentheses right after it", lexeme.at)
        return self.primary(lexeme.text)

    def primary(self, field: str | None) -> Node:
        lexeme = self.take()
        if lexeme.kind == "(":
            if (closing := self.peek()) is not None and closing.kind == ")":
                raise SearchSyntaxError("empty parentheses", lexeme.at)
            node = self.either(field)
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise SearchSyntaxError("this parenthesis is never closed", lexeme.at)
            self.take()
            return node
        if lexeme.kind == "phrase":
            return _term(lexeme, quoted=True, field=field)
        return _term(lexeme, quoted=False, field=field)


def _term(lexeme: _Lexeme, *, quoted: bool, field: str | None) -> Term:
    text, prefix = lexeme.text, False
    if not quoted:
        if "*" in text.rstrip("*") or text.endswith("**"):
            raise SearchSyntaxError("a * may only end a word (price*)",
                                    lexeme.at + text.index("*"))
        prefix, text = text.endswith("*"), text.rstrip("*")
    found = tuple(tokens(text))
    if not found:
        raise SearchSyntaxError("empty quotes" if quoted else "a * needs letters before it",
                                lexeme.at)
    if prefix and len(found[-1]) < MIN_PREFIX:
        raise SearchSyntaxError(f"a prefix needs at least {MIN_PREFIX} letters before the *",
                                lexeme.at)
    return Term(text, found, quoted=quoted, prefix=prefix, field=field)


def parse(query: str) -> Node | None:
    """The tree of `query` (None for a blank query); raises SearchSyntaxError if malformed."""
    if not query.strip():
        return None
    return _Parser(query).parse()


def _fts(term: Term) -> str:
    phrase = '"' + " ".join(token.replace('"', '""') for token in term.tokens) + '"'
    return f"{_COLUMNS[term.field]} : {phrase}{' *' if term.prefix else ''}"


def _compiled(node: Node) -> tuple[str, bool]:
    """(FTS5 expression, negated): the articles `node` finds are those the expression finds,
    or (negated) all others. FTS5 has no NOT on its own; De Morgan moves each to the top."""
    if isinstance(node, Term):
        return _fts(node), False
    if isinstance(node, Not):
        expression, negated = _compiled(node.item)
        return expression, not negated
    parts = [_compiled(item) for item in node.items]
    plain = [f"({e})" for e, negated in parts if not negated]
    flipped = [f"({e})" for e, negated in parts if negated]
    if isinstance(node, And):  # a AND NOT b = a NOT b; NOT a AND NOT b = NOT (a OR b)
        if not plain:
            return " OR ".join(flipped), True
        kept = " AND ".join(plain)
        return (f"({kept}) NOT ({' OR '.join(flipped)})" if flipped else kept), False
    if not flipped:  # a OR NOT b = NOT (b NOT a); NOT a OR NOT b = NOT (a AND b)
        return " OR ".join(plain), False
    dropped = " AND ".join(flipped)
    return (f"({dropped}) NOT ({' OR '.join(plain)})" if plain else dropped), True


def compile(node: Node) -> tuple[str, bool]:
    """The FTS5 MATCH expression of `node` and whether the query keeps the articles it does
    *not* match (a query such as `-oil` or `NOT (oil AND gas)`)."""
    return _compiled(node)


def terms(node: Node | None, *, negated: bool = False) -> list[Term]:
    """The terms a matching article contains (those not under a NOT), for highlighting."""
    if node is None:
        return []
    if isinstance(node, Term):
        return [] if negated else [node]
    if isinstance(node, Not):
        return terms(node.item, negated=not negated)
    return [t for item in node.items for t in terms(item, negated=negated)]
