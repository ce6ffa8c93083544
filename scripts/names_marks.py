"""Hand-marked names without corpus text: locate inline-marked sentences in the corpora, or show
a located file's sentences with their marks (docs/names.md, "Marked by hand").

The corpora's terms allow research use, not copies inside the project, so a file of marks
holds, per sentence, where it is in Reuters-21578 or BBC News and where its names are
(`analysis.evaluate.names.read_located`), never the text.

    # inline marks ("[ORG Volvo] said ...", one sentence a line) -> a located file
    .venv/bin/python scripts/names_marks.py locate marked.txt scripts/names_data/NAME.tsv \
        --corpus reuters21578 [--corpora ../shared/corpora]   # or bbc, reuters21578_title
    # a located file's sentences with inline marks, rebuilt from the corpora (to read them)
    .venv/bin/python scripts/names_marks.py show scripts/names_data/NAME.tsv

`locate` keeps the comment lines, finds each sentence (white space collapsed) in the
corpus's texts, preferring a place where a word starts, and writes it where it is first found
(Reuters in file and story order, BBC in id order); a headline (`--corpus reuters21578_title`)
must be a whole title, and is written as the first story with that title. A sentence that is
not in the corpus is printed to stderr and left out. It then reads the written file back and
stops with an error unless every sentence kept has the same text and marks as before.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from pathlib import Path

from analysis.evaluate.names import (
    BBC_CSV,
    CORPORA,
    MARK_CODES,
    REUTERS_COLUMNS,
    Sentence,
    corpus_sentence,
    corpus_texts,
    located_line,
    read_located,
    read_marked,
)

REUTERS_FILES = tuple(f"reut2-{n:03d}.sgm" for n in range(18))  # 018-021 are held out
TOKEN = re.compile(r"\S+")


class Finder:
    """Finds a sentence (white space collapsed) in a corpus's texts and gives its raw offsets."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.documents = list(texts)
        self.texts = texts
        self.tokens = {d: [m.span() for m in TOKEN.finditer(t)] for d, t in texts.items()}
        joined = [" ".join(texts[d][a:b] for a, b in self.tokens[d]) for d in self.documents]
        self.starts = []
        cursor = 0
        for piece in joined:
            self.starts.append(cursor)
            cursor += len(piece) + 1
        self.all = "\x00".join(joined)

    def find(self, sentence: str) -> tuple[str, int, int] | None:
        """(document, start, end) of the sentence's first place, one where a word starts first."""
        first = at = self.all.find(sentence)
        while at >= 0 and not (at == 0 or self.all[at - 1] in " \x00"):
            at = self.all.find(sentence, at + 1)
        at = at if at >= 0 else first
        if at < 0:
            return None
        n = bisect.bisect_right(self.starts, at) - 1
        document = self.documents[n]
        start = self._raw(document, at - self.starts[n])
        end = self._raw(document, at - self.starts[n] + len(sentence) - 1) + 1
        return document, start, end

    def _raw(self, document: str, offset: int) -> int:
        """The raw offset of a character of the collapsed text."""
        cursor = 0
        for a, b in self.tokens[document]:
            if offset < cursor + (b - a):
                return a + offset - cursor
            cursor += b - a + 1
        raise ValueError(f"offset {offset} past the end of {document}")


class TitleFinder:
    """Finds a headline that is a whole title (white space collapsed), in its first story."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.first: dict[str, str] = {}
        for document, text in texts.items():
            self.first.setdefault(corpus_sentence(text, 0, len(text)), document)

    def find(self, sentence: str) -> tuple[str, int, int] | None:
        """(document, 0, the raw title's length) of the first story titled `sentence`."""
        document = self.first.get(sentence)
        return None if document is None else (document, 0, len(self.texts[document]))


def corpus_documents(corpora: Path, corpus: str) -> dict[str, str]:
    """Every document of a corpus as {document: text} (Reuters: reut2-000..017 only; its
    headlines for "reuters21578_title")."""
    if corpus in REUTERS_COLUMNS:
        from analysis.evaluate.actors import reuters_articles

        frame = reuters_articles(corpora / "reuters21578", files=REUTERS_FILES)
        column = REUTERS_COLUMNS[corpus]
        return {a: t for a, t in zip(frame["article_id"], frame[column], strict=True)
                if isinstance(t, str)}
    import pandas as pd

    ids = pd.read_csv(corpora / BBC_CSV, usecols=["id"])["id"].tolist()
    texts = corpus_texts(corpora, {"bbc": set(ids)})
    return {d: texts[("bbc", d)] for d in sorted(ids) if isinstance(texts[("bbc", d)], str)}


def locate(marked: Path, out: Path, *, corpus: str, corpora: Path) -> tuple[int, int]:
    """Write `marked` as a located file; (sentences written, sentences not found)."""
    documents = corpus_documents(corpora, corpus)
    finder: Finder | TitleFinder = (TitleFinder(documents) if corpus == "reuters21578_title"
                                    else Finder(documents))
    lines = marked.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    kept: list[Sentence] = []
    rows = []
    missing = 0
    for sentence in read_marked(marked):
        place = finder.find(" ".join(sentence.text.split()))
        if place is None or corpus_sentence(finder.texts[place[0]], *place[1:]) != sentence.text:
            print(f"{marked}: not in {corpus}, left out: {marked_text(sentence)}", file=sys.stderr)
            missing += 1
            continue
        kept.append(sentence)
        rows.append(located_line(corpus, *place, sentence))
    header = "# corpus, document, start, end (characters of the reader's text), sha1[:12] of the "\
             "sentence, marks KIND:start-end in the sentence (scripts/names_marks.py)"
    out.write_text("\n".join([*comments, header, *rows]) + "\n", encoding="utf-8")
    again = read_located(out, corpora)
    before = [(s.text, s.spans) for s in kept]
    if [(s.text, s.spans) for s in again] != before:
        raise SystemExit(f"{out}: the sentences read back differ from {marked}")
    return len(rows), missing


def marked_text(sentence: Sentence) -> str:
    """The sentence with its names marked inline: "[ORG Volvo] said ..."."""
    text, cursor = "", 0
    for start, end, kind in sorted(sentence.spans):
        text += f"{sentence.text[cursor:start]}[{MARK_CODES[kind]} {sentence.text[start:end]}]"
        cursor = end
    return text + sentence.text[cursor:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    commands = parser.add_subparsers(dest="command", required=True)
    located = commands.add_parser("locate", help="inline-marked lines -> a located file")
    located.add_argument("marked", type=Path)
    located.add_argument("out", type=Path)
    located.add_argument("--corpus", choices=CORPORA, required=True)
    shown = commands.add_parser("show", help="a located file's sentences, marked inline")
    shown.add_argument("located", type=Path)
    args = parser.parse_args()
    if args.command == "locate":
        written, missing = locate(args.marked, args.out, corpus=args.corpus, corpora=args.corpora)
        print(f"{args.out}: {written} sentences located, {missing} not found and left out")
    else:
        for sentence in read_located(args.located, args.corpora):
            print(marked_text(sentence))


if __name__ == "__main__":
    main()
