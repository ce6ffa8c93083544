"""Statistical name tagger: people, organisations and places in English news text.

`tag_names(text)` returns the names of a text as `NameSpan`s on its character offsets;
`tag_articles(articles)` returns one row per name of each article (article_id, start, end,
kind, surface). The model is a linear-chain CRF trained with CRFsuite by
scripts/train_names.py on openly licensed annotated text (docs/names.md says which, its
licence and its scores) and shipped as analysis/resources/names_model.npz: weight tables that
numpy reads, so tagging needs no CRF library. Only runs of capitalised words (with "of", "de",
"&" between them) are tagged, all runs of a batch at once, by a vectorised Viterbi.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.enrich.name_features import (
    EXTRA_ATTRIBUTES,
    EXTRA_TEMPLATES,
    RUN_ATTRIBUTES,
    TEMPLATES,
    Tokens,
    TypeTable,
    Vocabulary,
    candidates,
    line_starts,
    run_last,
    segments,
    sentence_first,
    template_names,
    word_tokens,
)
from analysis.enrich.name_rules import (
    acronyms,
    bodies,
    common_words,
    consistent,
    described,
    institutions,
    parenthesised,
    particles,
    partners,
    suffixes,
    traded,
    trim,
)
from analysis.enrich.truecase import TABLE_PATH, recase
from analysis.schema import ARTICLE_ID, NAME_COLUMNS, TEXT, conform

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "names_model.npz"
KINDS = ("person", "organisation", "place")
LABEL_KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place"}
OFFSETS: list[int] = sorted({int(offset) for _, _, offset in TEMPLATES})
BATCH_CHARS = 2_000_000  # texts are tagged in batches of about this many characters


@dataclass(frozen=True)
class NameSpan:
    """A name in a text: `text[start:end]` is `text`, `kind` one of KINDS."""

    start: int
    end: int
    kind: str
    text: str


class NameModel:
    """The tagger's weights and vocabulary, read from a model file."""

    def __init__(self, path: str | Path = MODEL_PATH) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.labels = _strings(data["labels"])
            self.transitions = data["transitions"].astype(np.float32)
            self.vocabulary = _vocabulary(data)
            # a model trained before the run templates has none: their weights are zero
            self.run_features = "rows_last|w" in data.files
            # subtracted from the outside label's score of every candidate before decoding
            # (scripts/train_names.py --outside-bias, chosen on dev)
            self.outside_bias = float(data["outside_bias"]) if "outside_bias" in data.files else 0.0
            # added to each label's score of every candidate (the organisation labels': their
            # recall was the weakest; scripts/names_bias.py, chosen on dev); none in older models
            self.label_bias = (data["label_bias"].astype(np.float32) if "label_bias" in data.files
                               else np.zeros(len(self.labels), dtype=np.float32))
            self.weights = [_dense(data, name, len(self.labels), len(self.vocabulary.words) + 2)
                            for name in template_names()]
        self.table = TypeTable(self.vocabulary)
        self._tables: dict[int | str, np.ndarray] | None = None
        self._tables_rows = 0
        self._tables_generation = self.table.generation
        self.outside = self.labels.index("O")
        self.begins = {i: LABEL_KINDS[label[2:]] for i, label in enumerate(self.labels)
                       if label.startswith("B-")}
        self.insides = {i: LABEL_KINDS[label[2:]] for i, label in enumerate(self.labels)
                        if label.startswith("I-")}

    def tag(self, texts: list[str], *, cased: list[str] | None = None) -> list[list[NameSpan]]:
        """The names of each text, in order. `cased` is each text as `recase(text,
        context=text)` gives it, when the caller has it."""
        spans: list[list[NameSpan]] = [[] for _ in texts]
        if cased is None:
            cased = [recase(t, context=t) if isinstance(t, str) else "" for t in texts]
        joined, offsets = _join(cased)
        tokens = word_tokens(joined, self.table)
        if not len(tokens.rows):
            return spans
        # each text is tagged as if alone: no feature, connector or run reaches another text,
        text_of = np.searchsorted(offsets, tokens.starts, side="right") - 1
        new_text = np.ones(len(text_of), dtype=bool)
        new_text[1:] = text_of[1:] != text_of[:-1]
        # so is each line of its own (a headline, a dateline, a byline): no name crosses a line
        new_text |= line_starts(joined, tokens, self.table)
        mask = candidates(tokens.rows, self.table, new_text=new_text)
        positions = np.flatnonzero(mask)
        if not len(positions):
            return spans
        scores = self.emissions(tokens.rows, positions, text_of=np.cumsum(new_text) - 1)
        scores[:, self.outside] -= self.outside_bias
        starts, lengths = segments(mask, new_text=new_text)
        first = np.searchsorted(positions, starts)
        labels = viterbi(scores, first, lengths, self.transitions)
        found = _by_text(trim(self._spans(labels, positions), tokens.word), tokens, offsets)
        # runs the model left wholly outside: a text's other names may say they are names
        empty = np.add.reduceat((labels != self.outside).astype(np.int64), first) == 0
        runs = _by_text(trim([(int(a), int(a + n - 1), "") for a, n in zip(
            starts[empty], lengths[empty], strict=True)], tokens.word), tokens, offsets)
        share = self.vocabulary.capital_share.get
        for text_no in sorted(found.keys() | runs.keys()):
            text = cased[text_no]
            left_out = [(a, b) for a, b, _ in runs.get(text_no, [])]
            kept = suffixes(text, found.get(text_no, []))
            kept = parenthesised(text, institutions(text, traded(text, kept, left_out)))
            kept = described(text, partners(text, particles(text, bodies(text, kept))),
                             left_out, share=share)
            kept = consistent(text, kept, left_out, share=share)
            kept = acronyms(text, kept, share=share)
            kept = common_words(text, kept, share)
            spans[text_no] = [NameSpan(a, b, kind, texts[text_no][a:b]) for a, b, kind in kept]
        return spans

    def emissions(self, rows: np.ndarray, positions: np.ndarray, *,
                  text_of: np.ndarray | None = None) -> np.ndarray:
        """The label scores (positions x labels) of the tokens at `positions` of a sequence
        whose table rows are `rows`: per offset, one look-up of the summed weights of the
        templates that look that far (the same sums as `feature_ids` and `weights` give), plus
        the model's `label_bias`.
        `text_of` numbers the text of each token of a batch: a neighbour in another text is
        beyond the text."""
        tables = self._row_tables()
        outside = len(tables[0]) - 1  # the all-zero row: a neighbour beyond the text
        count = len(rows)
        scores = np.zeros((len(positions), len(self.labels)), dtype=np.float32)
        for offset in OFFSETS:
            at = positions + offset
            inside = (at >= 0) & (at < count)
            near = np.clip(at, 0, count - 1)
            if text_of is not None:
                inside &= text_of[near] == text_of[positions]
            scores += tables[offset][np.where(inside, rows[near], outside)]
        new_text = None
        if text_of is not None:
            new_text = np.ones(count, dtype=bool)
            new_text[1:] = text_of[1:] != text_of[:-1]
        first = sentence_first(rows, positions, self.table, new_text=new_text)
        scores[first] += tables["first"][rows[positions[first]]]
        if self.run_features:
            scores += tables["last"][rows[run_last(positions, new_text=new_text)]]
        scores += self.label_bias
        return scores

    def _row_tables(self) -> dict[int | str, np.ndarray]:
        """Per table row (and a last all-zero row), the summed weights of the templates at
        each offset and of the sentence-start templates; extended as the table grows."""
        size = len(self.table.rows)
        if self._tables_generation != self.table.generation:
            self._tables, self._tables_rows = None, 0
            self._tables_generation = self.table.generation
        if self._tables_rows < size:
            new = self._table_block(self._tables_rows, size)
            old = self._tables
            self._tables = {key: block if old is None else np.concatenate(
                (old[key][:-1], block)) for key, block in new.items()}
            self._tables_rows = size
        assert self._tables is not None  # made above for any table with a row
        return self._tables

    def _table_block(self, begin: int, end: int) -> dict[int | str, np.ndarray]:
        """The summed weights of rows begin..end-1, each block ending in an all-zero row."""
        arrays = self.table.arrays()
        keys: list[int | str] = [*OFFSETS, "first", "last"]
        blocks: dict[int | str, np.ndarray] = {
            key: np.zeros((end - begin + 1, len(self.labels)), dtype=np.float32) for key in keys}
        for column, (_, attribute, offset) in enumerate(TEMPLATES):
            blocks[offset][:-1] += self.weights[column][arrays[attribute][begin:end]]
        for column, attribute in enumerate(EXTRA_ATTRIBUTES, start=len(TEMPLATES)):
            blocks["first"][:-1] += self.weights[column][arrays[attribute][begin:end]]
        for column, attribute in enumerate(RUN_ATTRIBUTES if self.run_features else (),
                                           start=len(TEMPLATES) + len(EXTRA_TEMPLATES)):
            blocks["last"][:-1] += self.weights[column][arrays[attribute][begin:end]]
        return blocks

    def _spans(self, labels: np.ndarray, positions: np.ndarray) -> list[tuple[int, int, str]]:
        """(first token, last token, kind) of each name in the labelled candidate tokens."""
        found: list[tuple[int, int, str]] = []
        current: list = []  # [first token, last token, kind]
        for label, position in zip(labels.tolist(), positions.tolist(), strict=True):
            kind = self.begins.get(label) or self.insides.get(label)
            extends = (label in self.insides and current and current[2] == kind
                       and current[1] == position - 1)
            if extends:
                current[1] = position
                continue
            if current:
                found.append(tuple(current))
            current = [position, position, kind] if kind else []
        if current:
            found.append(tuple(current))
        return found


def _by_text(found: list[tuple[int, int, str]], tokens: Tokens,
             offsets: np.ndarray) -> dict[int, list[tuple[int, int, str]]]:
    """Token spans of a batch as character spans of each text (by its number)."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    if not found:
        return out
    bounds = np.asarray([(first, last) for first, last, _ in found], dtype=np.int64)
    starts, ends = tokens.starts[bounds[:, 0]], tokens.ends[bounds[:, 1]]
    which = np.searchsorted(offsets, starts, side="right") - 1
    starts, ends = (starts - offsets[which]).tolist(), (ends - offsets[which]).tolist()
    for text_no, start, end, (_, _, kind) in zip(which.tolist(), starts, ends, found,
                                                 strict=True):
        out.setdefault(text_no, []).append((start, end, kind))
    return out


def viterbi(scores: np.ndarray, first: np.ndarray, lengths: np.ndarray,
            transitions: np.ndarray) -> np.ndarray:
    """The best label of each row of `scores` (rows x labels), one chain per segment: rows
    first[i] .. first[i] + lengths[i] - 1. All segments advance together, a step per token."""
    order = np.argsort(-lengths, kind="stable")
    first, lengths = first[order], lengths[order]
    best = np.empty(len(scores), dtype=np.int64)
    back = np.zeros(scores.shape, dtype=np.int64)
    delta = scores[first]
    for step in range(1, int(lengths.max()) if len(lengths) else 0):
        active = int(np.searchsorted(-lengths, -step, side="left"))  # lengths > step
        rows = first[:active] + step
        total = delta[:active, :, None] + transitions[None, :, :]
        back[rows] = total.argmax(axis=1)
        delta = np.concatenate((total.max(axis=1) + scores[rows], delta[active:]))
    best[first + lengths - 1] = delta.argmax(axis=1)
    for step in range(int(lengths.max()) - 1 if len(lengths) else 0, 0, -1):
        active = int(np.searchsorted(-lengths, -step, side="left"))
        rows = first[:active] + step
        best[rows - 1] = back[rows, best[rows]]
    return best


def _join(texts: list[str]) -> tuple[str, np.ndarray]:
    """The texts joined by blank lines, and where each begins."""
    offsets = np.zeros(len(texts), dtype=np.int64)
    position = 0
    for i, text in enumerate(texts):
        offsets[i] = position
        position += len(text) + 2
    return "\n\n".join(texts), offsets


def _strings(array: np.ndarray) -> list[str]:
    """A list of strings stored as their UTF-8 bytes joined by newlines."""
    raw = array.tobytes().decode("utf-8")
    return raw.split("\n") if raw else []


def _vocabulary(data: np.lib.npyio.NpzFile) -> Vocabulary:
    def ids(name: str) -> dict[str, int]:
        return {key: i for i, key in enumerate(_strings(data[f"vocab_{name}"]), start=1)}

    share_words = _strings(data["capital_words"])
    cluster_words = _strings(data["cluster_words"])
    gazetteer_words = _strings(data["gazetteer_words"])
    firm_words = _strings(data["firm_words"]) if "firm_words" in data.files else []
    firm_share = data["firm_share"].tolist() if firm_words else []
    return Vocabulary(
        words=ids("words"), exact=ids("exact"), suffixes=ids("suffixes"),
        prefixes=ids("prefixes"), shapes=ids("shapes"), classes=ids("classes"),
        capital_share=dict(zip(share_words, data["capital_share"].tolist(), strict=True)),
        clusters=dict(zip(cluster_words, data["clusters"].tolist(), strict=True)),
        gazetteer=dict(zip(gazetteer_words, data["gazetteer"].tolist(), strict=True)),
        firm_share=dict(zip(firm_words, firm_share, strict=True)))


def _dense(data: np.lib.npyio.NpzFile, name: str, labels: int, missing: int) -> np.ndarray:
    """A template's weights as rows x labels, with a last all-zero row for "no feature" (-1);
    a template the model was trained without: `missing` rows of zeros."""
    if f"rows_{name}" not in data.files:
        return np.zeros((missing, labels), dtype=np.float32)
    rows = data[f"rows_{name}"]
    size = int(data[f"size_{name}"])
    dense = np.zeros((size + 1, labels), dtype=np.float32)
    dense[rows] = data[f"weights_{name}"].astype(np.float32)
    return dense


@cache
def model_version(path: str | Path = MODEL_PATH) -> str:
    """A short hash of the model file's and the case table's bytes: it changes when the model
    is retrained or the table rebuilt."""
    return hashlib.sha256(Path(path).read_bytes() + TABLE_PATH.read_bytes()).hexdigest()[:12]


@cache
def default_model() -> NameModel:
    """The model shipped in analysis/resources, read once per process."""
    return NameModel(MODEL_PATH)


def tag_names(text: str, *, model: NameModel | None = None) -> list[NameSpan]:
    """The names of `text` (people, organisations, places) on its character offsets."""
    return (model or default_model()).tag([text])[0]


def tag_texts(texts: list[str], *, model: NameModel | None = None,
              batch_chars: int = BATCH_CHARS,
              cased: list[str] | None = None) -> list[list[NameSpan]]:
    """The names of each text, in order; texts are tagged in batches of about `batch_chars`
    characters (memory against overhead). `cased` is each text as `recase(text,
    context=text)` gives it, when the caller has it (`NameModel.tag`)."""
    model = model or default_model()
    found: list[list[NameSpan]] = []
    start = 0
    while start < len(texts):
        stop, size = start, 0
        while stop < len(texts) and (size < batch_chars or stop == start):
            size += len(texts[stop])
            stop += 1
        found += model.tag(texts[start:stop],
                           cased=None if cased is None else cased[start:stop])
        start = stop
    return found


def tag_articles(articles: pd.DataFrame, *, model: NameModel | None = None,
                 batch_chars: int = BATCH_CHARS) -> pd.DataFrame:
    """One row per name in each article's text: article_id, start, end, kind, surface
    (`tag_texts` over the texts)."""
    texts = [t if isinstance(t, str) else "" for t in articles[TEXT].tolist()]
    found = tag_texts(texts, model=model, batch_chars=batch_chars)
    rows = [(article_id, s.start, s.end, s.kind, s.text)
            for article_id, spans in zip(articles[ARTICLE_ID].tolist(), found, strict=True)
            for s in spans]
    frame = pd.DataFrame(rows, columns=list(NAME_COLUMNS))
    return conform(frame, NAME_COLUMNS, name="names")
