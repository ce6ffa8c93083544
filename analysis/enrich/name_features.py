"""Tokens and feature ids of the name tagger, shared by its training script and its runtime.

A text is cut into tokens by one regular expression that covers every character, so token
offsets are cumulative lengths (no per-match Python work). Each distinct token string gets a
row of a `TypeTable` (its lower-case word, shape, suffix, word class and how often the word is
written with a capital); the features of a token are then array look-ups of its own row and its
neighbours' rows. Only *candidate* tokens are tagged: words with a capital letter near their
start, and connectors ("of", "de", "&") between two of them. Every other token is outside a
name, which is what makes tagging cost a few CPU seconds on millions of words.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np

from analysis.enrich.discovery import (
    MONTHS_AND_DAYS,
    ORG_HEADS,
    PERSON_CUES,
    SPEECH_VERBS,
    STOP,
    TITLES,
)
from analysis.text import hard_wrapped

# initials ("U.S.", "J.P.", "J."), a title or company abbreviation with its full stop ("Mr.",
# "Corp."), words joined by - & . or an apostrophe that is not a possessive ("O'Neill", "AT&T",
# "Coca-Cola"), a possessive, any other character.
# Each piece is a token with the whitespace before it (one dictionary look-up per word, not
# two); whitespace at the very end is a piece of its own.
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Capt",
                 "Sen", "Rep", "Gov", "Prof", "Rev", "Messrs", "Corp", "Inc", "Co", "Ltd", "Bros",
                 "Mt", "Ft", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga",
                 "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo",
                 "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash",
                 "Wis", "Wyo")
# A capital, at most five small letters and a full stop ahead: only then are the abbreviations
# tried one by one (each is of that form), not at every token (a third of the tokenizer's time).
ABBREVIATION_AHEAD = r"(?=[A-Z][a-z]{0,5}\.)"
TOKEN = re.compile(
    r"\s*(?:(?:[^\W\d_]\.){2,}|" + ABBREVIATION_AHEAD + "(?:" + "|".join(ABBREVIATIONS)
    + r"|[A-Z])\.(?!\w)"
    r"|\w+(?:[-&.]\w+|['’](?![sS]\b)\w+)*|['’][sS]\b|\S)|\s+")
CONNECTORS = frozenset({"of", "and", "&", "for", "de", "la", "le", "van", "von", "der", "den",
                        "du", "da", "del", "di", "dos", "al", "bin", "ibn", "y", "the", "on",
                        "'s", "’s"})
# a paragraph: text up to a blank line (a line break followed by white space and another)
PARAGRAPH = re.compile(r"\S(?:[^\n]|\n(?![^\S\n]*\n))*")
SENTENCE_END = frozenset({".", "?", "!", ":", ";", '"', "“", "”", "(", ")", "-", "--", "—"})
UNKNOWN = 0  # id of an unseen word, suffix or shape
WORD_CLASSES = (("title", TITLES), ("cue", PERSON_CUES), ("org", ORG_HEADS),
                ("speech", SPEECH_VERBS), ("stop", STOP), ("time", MONTHS_AND_DAYS),
                ("connector", CONNECTORS))
# how often a word is written with a capital away from a sentence's start: bin edges
CAPITAL_BINS = (0.0, 0.05, 0.3, 0.7, 0.95, 1.0)
# how often a capitalised word is in a run that ends in a company suffix ("Noranda Inc",
# "Caltex Petroleum Corp"), in unlabelled Reuters text: bin edges (a firm named after its
# founder reads as a surname without it)
FIRM_BINS = (0.0, 0.05, 0.2, 0.5, 1.0)
# (name, row attribute, offset): a feature is the attribute of the token `offset` away
TEMPLATES: tuple[tuple[str, str, int], ...] = (
    ("w0", "word", 0), ("w-1", "word", -1), ("w+1", "word", 1), ("w-2", "word", -2),
    ("w+2", "word", 2), ("s0", "shape", 0), ("s-1", "shape", -1), ("s+1", "shape", 1),
    ("x0", "suffix", 0), ("p0", "prefix", 0), ("c0", "wclass", 0), ("c-1", "wclass", -1),
    ("c+1", "wclass", 1), ("k0", "capital", 0), ("k-1", "capital", -1), ("k+1", "capital", 1),
    ("e0", "exact", 0), ("g0", "cluster", 0), ("g-1", "cluster", -1), ("g+1", "cluster", 1),
    ("z0", "gazetteer", 0), ("z-1", "gazetteer", -1), ("z+1", "gazetteer", 1),
    ("f0", "firm", 0), ("f-1", "firm", -1), ("f+1", "firm", 1),
)
# bits of a word's gazetteer id: the name lists (read at training time) it is found in;
# org_word: a word of a known organisation's name, org_alone: a known organisation's name of
# one word (PETRARCH's dictionaries and the actor table: scripts/name_lexicons.py)
GAZETTEER_BITS = ("first_name", "surname", "place", "place_word", "country", "org_word",
                  "org_alone")
# conjunctions of the token's attribute with "first word of a sentence"
EXTRA_TEMPLATES = ("first|s0", "first|k0")
EXTRA_ATTRIBUTES = ("shape", "capital")
# the word and word class of the last token of the token's run of candidates: "Marvel
# Consultants Corp", "Party of the Russian Federation" end in a word that says organisation
# beyond the two neighbours each side
RUN_TEMPLATES = ("last|w", "last|c")
RUN_ATTRIBUTES = ("word", "wclass")


def tokenize(text: str) -> tuple[list[str], np.ndarray]:
    """The pieces of `text` (each a token with the whitespace before it; they cover the text)
    and the start offset of each piece."""
    pieces = TOKEN.findall(text)
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    starts = np.zeros(len(pieces), dtype=np.int64)
    if len(pieces) > 1:
        np.cumsum(lengths[:-1], out=starts[1:])
    return pieces, starts


def words(text: str) -> list[str]:
    """The tokens of `text`, whitespace left out."""
    return [piece.lstrip() for piece in TOKEN.findall(text) if not piece.isspace()]


def shape(word: str) -> str:
    """The word's shape, repeats collapsed: "Clinton" Xx, "U.S." X.X., "15-1/8" d-d."""
    head = word[:12]
    if head.isascii():  # (str.translate and one substitution: the loop below, sooner)
        return _REPEATS.sub(r"\1", head.translate(_ASCII_MARKS))
    out: list[str] = []
    for ch in head:
        mark = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != mark:
            out.append(mark)
    return "".join(out)


# what `shape` writes for each ASCII letter and digit (every other character stands for itself)
_ASCII_MARKS = str.maketrans({**dict.fromkeys(string.ascii_uppercase, "X"),
                              **dict.fromkeys(string.ascii_lowercase, "x"),
                              **dict.fromkeys(string.digits, "d")})
_REPEATS = re.compile(r"(.)\1+", re.DOTALL)


def capitalised(word: str) -> bool:
    """Whether a word can start or continue a name: a capital within its first four characters
    ("Clinton", "U.S.", "al-Qaeda", "eBay") and a letter first or after a prefix."""
    head = word[:4]
    return any(ch.isupper() for ch in head) and word[0].isalpha()


def word_class(lower: str) -> str:
    """The lists of discovery.py a word belongs to, as one key ("title+cue", "" for none)."""
    return "+".join(name for name, words in WORD_CLASSES if lower in words)


def capital_bin(share: float | None, edges: tuple[float, ...] = CAPITAL_BINS) -> int:
    """The bin of how often a word is capitalised away from a sentence's start (0: unknown);
    with `edges` FIRM_BINS, of how often it is in a company's name."""
    if share is None:
        return 0
    # 1 + the edges of edges[1:-1] at or below the share (a bisection of the inner edges)
    return bisect.bisect_right(edges, share, 1, len(edges) - 1)


@dataclass
class Vocabulary:
    """The strings each feature id stands for, learnt from training text; id 0 is unknown."""

    words: dict[str, int]      # lower-case words
    exact: dict[str, int]      # capitalised words as written (a name seen in training)
    suffixes: dict[str, int]
    prefixes: dict[str, int]
    shapes: dict[str, int]
    classes: dict[str, int]
    capital_share: dict[str, float]  # lower word -> share written with a capital
    clusters: dict[str, int]         # lower word -> distributional cluster (1-based)
    gazetteer: dict[str, int]        # lower word -> bits of GAZETTEER_BITS
    # lower word -> share of its capitalised uses in a company's name (none in older models)
    firm_share: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, words: Iterable[str], *, capital_share: dict[str, float],
              clusters: dict[str, int], gazetteer: dict[str, int],
              firm_share: dict[str, float] | None = None,
              min_count: int = 1) -> Vocabulary:
        """A vocabulary of the training tokens `words` (each as often as it occurs)."""
        counts: dict[str, int] = {}
        for word in words:
            counts[word] = counts.get(word, 0) + 1
        kept = [w for w, n in counts.items() if n >= min_count and not w.isspace()]

        def ids(keys: Iterable[str]) -> dict[str, int]:
            return {key: i for i, key in enumerate(sorted(set(keys)), start=1)}

        return cls(words=ids(w.lower() for w in kept),
                   exact=ids(w for w in kept if capitalised(w)),
                   suffixes=ids(w.lower()[-3:] for w in kept),
                   prefixes=ids(w.lower()[:3] for w in kept),
                   shapes=ids(shape(w) for w in kept),
                   classes=ids(word_class(w.lower()) for w in kept),
                   capital_share=capital_share, clusters=clusters, gazetteer=gazetteer,
                   firm_share=firm_share or {})


class TypeTable:
    """One row of feature ids per distinct token string, grown as new strings are met."""

    ATTRIBUTES = ("word", "exact", "suffix", "prefix", "shape", "wclass", "capital", "cluster",
                  "gazetteer", "firm", "candidate", "connector", "boundary", "space", "lead",
                  "size", "newlines")
    MAX_ROWS = 2_000_000  # past this the rows for strings met at run time are dropped

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.rows: dict[str, int] = {}
        self.columns: dict[str, list[int]] = {name: [] for name in self.ATTRIBUTES}
        self._arrays: dict[str, np.ndarray] | None = None
        self.generation = 0  # counts resets: row numbers of an older generation are stale

    def ids(self, tokens: Sequence[str]) -> np.ndarray:
        """The row of each token, adding rows for strings not seen before."""
        if not tokens:
            return np.zeros(0, dtype=np.int64)
        try:  # itemgetter looks all tokens up in one C loop
            found = itemgetter(*tokens)(self.rows)
        except KeyError:
            if len(self.rows) > self.MAX_ROWS:
                self._reset()
            self._add(list(set(tokens).difference(self.rows)))
            found = itemgetter(*tokens)(self.rows)
        if len(tokens) == 1:
            found = (found,)
        return np.fromiter(found, dtype=np.int64, count=len(tokens))

    def arrays(self) -> dict[str, np.ndarray]:
        """Each attribute as an array indexed by row."""
        if self._arrays is None:
            self._arrays = {name: np.asarray(values, dtype=np.int64)
                            for name, values in self.columns.items()}
        elif len(self._arrays["word"]) < len(self.rows):  # only the rows added since
            done = len(self._arrays["word"])
            self._arrays = {name: np.concatenate((self._arrays[name], np.asarray(
                values[done:], dtype=np.int64))) for name, values in self.columns.items()}
        return self._arrays

    def _reset(self) -> None:
        self.rows = {}
        self.columns = {name: [] for name in self.ATTRIBUTES}
        self._arrays = None
        self.generation += 1

    def _add(self, pieces: list[str]) -> None:
        """Rows for the strings `pieces`, one attribute at a time (a list comprehension over
        them each: a fraction of the Python work of a row at a time)."""
        vocab = self.vocabulary
        tokens = [piece.lstrip() for piece in pieces]
        lowers = [token.lower() for token in tokens]
        share, firm = vocab.capital_share.get, vocab.firm_share.get
        values = {
            "word": [vocab.words.get(lower, UNKNOWN) for lower in lowers],
            "exact": [vocab.exact.get(token, UNKNOWN) for token in tokens],
            "suffix": [vocab.suffixes.get(lower[-3:], UNKNOWN) for lower in lowers],
            "prefix": [vocab.prefixes.get(lower[:3], UNKNOWN) for lower in lowers],
            "shape": [vocab.shapes.get(shape(token), UNKNOWN) for token in tokens],
            "wclass": [vocab.classes.get(word_class(lower), UNKNOWN) for lower in lowers],
            "capital": [capital_bin(share(lower)) for lower in lowers],
            "cluster": [vocab.clusters.get(lower, UNKNOWN) for lower in lowers],
            "gazetteer": [vocab.gazetteer.get(lower, UNKNOWN) for lower in lowers],
            # a model trained without firm shares has no such feature (-1), not "unknown"
            "firm": [capital_bin(firm(lower), FIRM_BINS) for lower in lowers]
            if vocab.firm_share else [-1] * len(pieces),
            "candidate": [int(bool(token) and capitalised(token)) for token in tokens],
            "connector": [int(lower in CONNECTORS) for lower in lowers],
            "boundary": [int(token in SENTENCE_END) for token in tokens],
            "space": [int(not token) for token in tokens],
            "lead": [len(piece) - len(token) for piece, token in zip(pieces, tokens, strict=True)],
            "size": [len(token) for token in tokens],
            # line breaks in the white space before the token: 0, 1, or 2 for a blank line
            "newlines": [min(piece[:len(piece) - len(token)].count("\n"), 2)
                         for piece, token in zip(pieces, tokens, strict=True)],
        }
        first = len(self.rows)
        self.rows.update(zip(pieces, range(first, first + len(pieces)), strict=True))
        for name, column in values.items():
            self.columns[name] += column


@dataclass
class Tokens:
    """The word tokens of a text (whitespace dropped) with their offsets and table rows."""

    pieces: list[str]    # every piece of the text (a token and the whitespace before it)
    index: np.ndarray    # the piece of each word token
    starts: np.ndarray
    ends: np.ndarray
    rows: np.ndarray

    def word(self, i: int) -> str:
        """The i-th word token."""
        return self.pieces[int(self.index[i])].lstrip()

    @property
    def text(self) -> list[str]:
        """All word tokens (a list built on each call: for tests and training)."""
        return [self.pieces[i].lstrip() for i in self.index.tolist()]


def word_tokens(text: str, table: TypeTable) -> Tokens:
    """The tokens of `text` (whitespace left out) with their offsets and rows in `table`."""
    pieces, starts = tokenize(text)
    rows = table.ids(pieces)
    arrays = table.arrays()
    index = np.flatnonzero(arrays["space"][rows] == 0)
    rows = rows[index]
    begins = starts[index] + arrays["lead"][rows]
    return Tokens(pieces, index, begins, begins + arrays["size"][rows], rows)


def line_starts(text: str, tokens: Tokens, table: TypeTable) -> np.ndarray:
    """Whether each word token of `text` begins a line of its own: after a blank line, or
    after a line break in a paragraph that is not one paragraph wrapped at a fixed width
    (`hard_wrapped`: wire copy and plain-text e-mail break their lines inside sentences)."""
    breaks = table.arrays()["newlines"][tokens.rows]
    starts = breaks == 2
    single = np.flatnonzero(breaks == 1)
    if not len(single):
        return starts
    separate = [(match.start(), match.end()) for match in PARAGRAPH.finditer(text)
                if "\n" in match.group() and not hard_wrapped(
                    [line for line in match.group().split("\n") if line.strip()])]
    if separate:
        bounds = np.asarray(separate, dtype=np.int64)
        at = tokens.starts[single]
        which = np.searchsorted(bounds[:, 0], at, side="right") - 1
        inside = (which >= 0) & (at < bounds[np.clip(which, 0, None), 1])
        starts[single[inside]] = True
    return starts


def candidates(rows: np.ndarray, table: TypeTable, *,
               new_text: np.ndarray | None = None) -> np.ndarray:
    """Which tokens may be part of a name: capitalised ones, and connectors between two
    (of the same text, where `new_text` marks the first token of each text of a batch)."""
    arrays = table.arrays()
    capital = arrays["candidate"][rows].astype(bool)
    connector = arrays["connector"][rows].astype(bool)
    before = np.zeros_like(capital)
    after = np.zeros_like(capital)
    before[1:] = capital[:-1]
    after[:-1] = capital[1:]
    if new_text is not None:
        before &= ~new_text
        after[:-1] &= ~new_text[1:]
    return capital | (connector & before & after & ~capital)


def segments(mask: np.ndarray, *,
             new_text: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(start, length) of each run of True in `mask`; a run also ends where `new_text` marks
    the first token of the next text of a batch."""
    mask = np.asarray(mask, dtype=bool)
    begins = mask.copy()
    ends = mask.copy()
    begins[1:] &= ~mask[:-1] | (False if new_text is None else new_text[1:])
    ends[:-1] &= ~mask[1:] | (False if new_text is None else new_text[1:])
    starts = np.flatnonzero(begins)
    return starts, np.flatnonzero(ends) + 1 - starts


def feature_ids(rows: np.ndarray, positions: np.ndarray, table: TypeTable) -> np.ndarray:
    """The id of each template's feature (columns: TEMPLATES then EXTRA_TEMPLATES) for the
    tokens at `positions` of a token sequence whose table rows are `rows`."""
    arrays = table.arrays()
    count = len(rows)
    out = np.empty((len(positions), len(TEMPLATES) + len(EXTRA_TEMPLATES) + len(RUN_TEMPLATES)),
                   dtype=np.int64)
    for column, (_, attribute, offset) in enumerate(TEMPLATES):
        at = positions + offset
        inside = (at >= 0) & (at < count)
        values = arrays[attribute][rows[np.clip(at, 0, max(count - 1, 0))]]
        # outside the text: a reserved id one past the largest, -1 marks "no feature"
        out[:, column] = np.where(inside, values, -1)
    first = sentence_first(rows, positions, table)
    for column, attribute in enumerate(EXTRA_ATTRIBUTES, start=len(TEMPLATES)):
        out[:, column] = np.where(first, arrays[attribute][rows[positions]], -1)
    last = run_last(positions)
    for column, attribute in enumerate(RUN_ATTRIBUTES,
                                       start=len(TEMPLATES) + len(EXTRA_TEMPLATES)):
        out[:, column] = arrays[attribute][rows[last]]
    return out


def run_last(positions: np.ndarray, *, new_text: np.ndarray | None = None) -> np.ndarray:
    """For each of the candidate `positions` (sorted), the position of the last token of its
    run: a run is consecutive positions of one text (`new_text` marks each text's first token
    in a batch)."""
    if not len(positions):
        return positions
    last = np.ones(len(positions), dtype=bool)
    last[:-1] = positions[1:] != positions[:-1] + 1
    if new_text is not None:
        last[:-1] |= new_text[positions[1:]]
    ends = np.flatnonzero(last)
    return positions[ends[np.searchsorted(ends, np.arange(len(positions)))]]


def sentence_first(rows: np.ndarray, positions: np.ndarray, table: TypeTable, *,
                   new_text: np.ndarray | None = None) -> np.ndarray:
    """Whether each position starts a sentence: first token (of its text, where `new_text`
    marks the first token of each text of a batch), or after end punctuation."""
    first = _sentence_first(rows, positions, table.arrays())
    return first if new_text is None else first | new_text[positions]


def _sentence_first(rows: np.ndarray, positions: np.ndarray,
                    arrays: dict[str, np.ndarray]) -> np.ndarray:
    """Whether each position starts a sentence: first token, or after end punctuation."""
    previous = positions - 1
    boundary = arrays["boundary"][rows[np.clip(previous, 0, None)]].astype(bool)
    return (previous < 0) | boundary


def template_names() -> list[str]:
    """The name of each column of `feature_ids`."""
    return [name for name, _, _ in TEMPLATES] + list(EXTRA_TEMPLATES) + list(RUN_TEMPLATES)
