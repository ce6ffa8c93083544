"""Read named-entity corpora (CoNLL columns, UNER iob2) and score name spans on exact offsets.

Every corpus becomes `Sentence`s: a text and its gold spans as character offsets, so the tagger
is scored on what it returns for raw text, whatever tokens the corpus used. A corpus without
raw text (CoNLL columns) gets its tokens joined by single spaces. Labels are mapped to the
tagger's kinds (person, organisation, place); everything else (MISC, products...) is outside.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("person", "organisation", "place")
# corpus label (after B-/I-) -> kind; labels not here are outside any name
LABEL_KINDS = {
    "PER": "person", "ORG": "organisation", "LOC": "place",
    "person": "person", "corporation": "organisation", "group": "organisation",
    "location": "place", "Person": "person", "Organisation": "organisation",
    "Location": "place",
    # CrossNER (politics, science): its finer kinds; "misc", "event", "election"... stay outside
    "politician": "person", "scientist": "person", "organisation": "organisation",
    "politicalparty": "organisation", "university": "organisation", "country": "place",
}

# a name marked by hand in running text: "[PER Bill Clinton]", "[ORG ...]", "[LOC ...]"
MARK = re.compile(r"\[(PER|ORG|LOC) ([^\]]+)\]")
MARK_KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place"}


@dataclass
class Sentence:
    """A text with its gold name spans (start, end, kind), offsets into `text`."""

    text: str
    spans: list[tuple[int, int, str]]
    doc: str = ""
    tokens: list[tuple[int, int]] = field(default_factory=list, repr=False)


def label_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first, last + 1, kind) token spans of IOB1 or IOB2 labels, unknown kinds dropped."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    kind: str | None = None
    for i, label in enumerate([*labels, "O"]):
        prefix, _, name = label.partition("-")
        this = LABEL_KINDS.get(name) if prefix in ("B", "I") else None
        continues = prefix == "I" and this is not None and this == kind
        if start is not None and kind is not None and not continues:
            spans.append((start, i, kind))
            start, kind = None, None
        if this is not None and start is None:
            start, kind = i, this
    return spans


def _sentence(words: list[str], labels: list[str], *, text: str | None = None,
              doc: str = "") -> Sentence:
    """A sentence from its tokens, placed in `text` when given (else joined by spaces)."""
    if text is None:
        text = " ".join(words)
    offsets: list[tuple[int, int]] = []
    cursor = 0
    for word in words:
        at = text.find(word, cursor)
        if at < 0:
            raise ValueError(f"token {word!r} not found in {text!r} after offset {cursor}")
        offsets.append((at, at + len(word)))
        cursor = at + len(word)
    spans = [(offsets[a][0], offsets[b - 1][1], kind) for a, b, kind in label_spans(labels)]
    return Sentence(text, spans, doc, offsets)


def read_columns(path: str | Path, *, token_column: int = 0,
                 label_column: int = -1) -> list[Sentence]:
    """The sentences of a CoNLL-style file: a token and a label per line, blank between."""
    sentences: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if parts and parts[0] == "-DOCSTART-":
            continue
        if len(parts) < 2:
            if words:
                sentences.append(_sentence(words, labels, doc=Path(path).name))
            words, labels = [], []
            continue
        words.append(parts[token_column])
        labels.append(parts[label_column])
    return sentences


def read_uner(path: str | Path) -> list[Sentence]:
    """The sentences of a Universal NER .iob2 file, on the raw text of its `# text` lines."""
    sentences: list[Sentence] = []
    text, doc = None, ""
    words: list[str] = []
    labels: list[str] = []
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line.startswith("# sent_id = "):
            doc = line[len("# sent_id = "):]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if words:
                try:
                    sentences.append(_sentence(words, labels, text=text, doc=doc))
                except ValueError as error:
                    raise ValueError(f"{path}: sentence {doc}: {error}") from error
            text, words, labels = None, [], []
        else:
            parts = line.split("\t")
            words.append(parts[1])
            labels.append(parts[2])
    return sentences


def read_marked(path: str | Path) -> list[Sentence]:
    """The sentences of a file of hand-marked lines ("[PER Bill Clinton] said ..."); lines
    starting with # are comments."""
    sentences: list[Sentence] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        text, spans, cursor = "", [], 0
        for match in MARK.finditer(line):
            text += line[cursor:match.start()]
            spans.append((len(text), len(text) + len(match.group(2)),
                          MARK_KINDS[match.group(1)]))
            text += match.group(2)
            cursor = match.end()
        sentences.append(Sentence(text + line[cursor:], spans, doc=Path(path).name))
    return sentences


@dataclass
class Score:
    """Exact-span counts for one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


Tagger = Callable[[list[str]], list[list[tuple[int, int, str]]]]


def score_spans(sentences: list[Sentence],
                predicted: Iterable[list[tuple[int, int, str]]]) -> dict[str, Score]:
    """Per kind (and "all"): a predicted span counts only with the gold offsets and kind."""
    scores = {kind: Score() for kind in (*KINDS, "all")}
    for sentence, found in zip(sentences, predicted, strict=True):
        gold = set(sentence.spans)
        guess = {span for span in found if span[2] in KINDS}
        for kind in KINDS:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in guess if s[2] == kind}
            scores[kind].tp += len(g & p)
            scores[kind].fp += len(p - g)
            scores[kind].fn += len(g - p)
    for kind in KINDS:
        for count in ("tp", "fp", "fn"):
            setattr(scores["all"], count, getattr(scores["all"], count)
                    + getattr(scores[kind], count))
    return scores


def score_table(scores: dict[str, Score]) -> Iterator[dict[str, object]]:
    """One row per kind: precision, recall, F1 (3 decimals) and the counts."""
    for kind, score in scores.items():
        yield {"kind": kind, "precision": round(score.precision, 3),
               "recall": round(score.recall, 3), "f1": round(score.f1, 3),
               "gold": score.tp + score.fn, "found": score.tp + score.fp}
