"""Read named-entity corpora (CoNLL columns, UNER iob2, our own marks) and score name spans on
exact offsets.

Every corpus becomes `Sentence`s: a text and its gold spans as character offsets, so the tagger
is scored on what it returns for raw text, whatever tokens the corpus used. A corpus without
raw text (CoNLL columns) gets its tokens joined by single spaces. Labels are mapped to the
tagger's kinds (person, organisation, place); everything else (MISC, products...) is outside.
Our own marks of Reuters-21578 and BBC News sentences, and of Reuters-21578 headlines, hold no
corpus text: each line says where its sentence is in the corpus and where its names are in the
sentence (`read_located`).
"""

from __future__ import annotations

import functools
import hashlib
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
MARK_CODES = {kind: code for code, kind in MARK_KINDS.items()}
# a located line: corpus, document, start, end, hash, marks (tab-separated; see read_located)
LOCATED_FIELDS = ("corpus", "document", "start", "end", "sha1", "marks")
LOCATED_MARK = re.compile(r"(PER|ORG|LOC):(\d+)-(\d+)")
# reuters21578_title: a Reuters-21578 story's TITLE (its headline), not its body
CORPORA = ("reuters21578", "bbc", "reuters21578_title")
REUTERS_COLUMNS = {"reuters21578": "text", "reuters21578_title": "title"}
BBC_CSV = "bbc/bbc_news_2225.csv"


@dataclass
class Sentence:
    """A text with its gold name spans (start, end, kind), offsets into `text`."""

    text: str
    spans: list[tuple[int, int, str]]
    doc: str = ""
    tokens: list[tuple[int, int]] = field(default_factory=list, repr=False)
    # a located sentence's place: (corpus, document, start, end) in the corpus text
    where: tuple[str, str, int, int] | None = field(default=None, repr=False)


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


def sentence_hash(text: str) -> str:
    """The first 12 hex digits of the SHA-1 of a sentence (UTF-8): a located line's check."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def sentence_offsets(body: str, start: int, end: int) -> list[int]:
    """For each character of `corpus_sentence(body, start, end)`, its offset in `body` (a
    collapsed space: the last white-space character before the next word)."""
    offsets: list[int] = []
    for match in re.finditer(r"\S+", body[start:end]):
        if offsets:
            offsets.append(start + match.start() - 1)
        offsets.extend(range(start + match.start(), start + match.end()))
    return offsets


def corpus_sentence(body: str, start: int, end: int) -> str:
    """The sentence at characters `start`:`end` of a corpus text, white space collapsed to
    single spaces (a Reuters body breaks its lines inside sentences)."""
    return " ".join(body[start:end].split())


def located_line(corpus: str, document: str, start: int, end: int, sentence: Sentence) -> str:
    """The tab-separated line of a sentence found at `start`:`end` of a corpus document."""
    marks = " ".join(f"{MARK_CODES[kind]}:{a}-{b}" for a, b, kind in sentence.spans) or "-"
    return "\t".join((corpus, document, str(start), str(end), sentence_hash(sentence.text), marks))


def corpus_texts(corpora: str | Path, wanted: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """{(corpus, document): text} of the wanted documents, as PressLens's readers give them:
    Reuters-21578 bodies (`reuters_articles`, document "reut2-000.sgm#5", file and NEWID),
    Reuters-21578 headlines (corpus "reuters21578_title": the same reader's title column, same
    documents) and BBC bodies (`bbc_articles`, document "business/001"). Missing documents are
    left out."""
    from analysis.evaluate.quotes import bbc_articles

    folder = Path(corpora)
    texts: dict[tuple[str, str], str] = {}
    unknown = set(wanted) - set(CORPORA)
    if unknown:
        raise ValueError(f"unknown corpora {sorted(unknown)}, only {list(CORPORA)}")
    for corpus, column in REUTERS_COLUMNS.items():
        for name in sorted({doc.partition("#")[0] for doc in wanted.get(corpus, ())}):
            if (folder / "reuters21578" / name).is_file():
                texts.update(((corpus, a), t) for a, t in
                             _reuters_texts(str(folder / "reuters21578"), name, column).items())
    if wanted.get("bbc") and (folder / BBC_CSV).is_file():
        import pandas as pd

        ids = set(pd.read_csv(folder / BBC_CSV, usecols=["id"])["id"]) & wanted["bbc"]
        frame = bbc_articles(folder / BBC_CSV, sorted(ids))
        texts.update((("bbc", a), t) for a, t in zip(frame["article_id"], frame["text"],
                                                     strict=True))
    return texts


@functools.lru_cache(maxsize=64)
def _reuters_texts(folder: str, name: str, column: str = "text") -> dict[str, str]:
    """{article id: body or title} of one Reuters-21578 file (kept: tests and scripts read it
    often)."""
    from analysis.evaluate.actors import reuters_articles

    frame = reuters_articles(folder, files=[name])
    return dict(zip(frame["article_id"], frame[column], strict=True))


def read_located(path: str | Path, corpora: str | Path) -> list[Sentence]:
    """The sentences of a file of located marks, each rebuilt from the corpora folder
    (../shared/corpora: reuters21578/, bbc/). A line is corpus, document, start and end of the
    sentence in the document's text (`corpus_texts`; the sentence is `corpus_sentence`; a
    headline's line: 0 and its title's length), the sentence's `sentence_hash`, and its marks
    "KIND:start-end" within the sentence ("-": none).
    Lines starting with # are comments. Raises ValueError naming the file and line when a
    document is missing or the rebuilt sentence's hash differs from the line's."""
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != len(LOCATED_FIELDS):
            raise ValueError(f"{path}:{number}: {len(parts)} fields, not {len(LOCATED_FIELDS)} "
                             f"({', '.join(LOCATED_FIELDS)})")
        rows.append((number, parts))
    wanted: dict[str, set[str]] = {}
    for _, (corpus, document, *_) in rows:
        wanted.setdefault(corpus, set()).add(document)
    texts = corpus_texts(corpora, wanted)
    return [_located(path, number, texts, parts) for number, parts in rows]


def _located(path: str | Path, number: int, texts: dict[tuple[str, str], str],
             parts: list[str]) -> Sentence:
    corpus, document, start, end, digest, marks = parts
    body = texts.get((corpus, document))
    if body is None:
        raise ValueError(f"{path}:{number}: {corpus} document {document} not found in the "
                         f"corpora folder (is --corpora right?)")
    text = corpus_sentence(body, int(start), int(end))
    if sentence_hash(text) != digest:
        raise ValueError(f"{path}:{number}: the sentence at {corpus} {document} {start}-{end} "
                         f"has hash {sentence_hash(text)}, the line says {digest}: the corpus "
                         f"or the line changed")
    spans = [(int(a), int(b), MARK_KINDS[code]) for code, a, b in LOCATED_MARK.findall(marks)]
    if len(spans) != (0 if marks == "-" else len(marks.split())):
        raise ValueError(f"{path}:{number}: marks {marks!r} are not KIND:start-end")
    return Sentence(text, spans, doc=Path(path).name,
                    where=(corpus, document, int(start), int(end)))


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
