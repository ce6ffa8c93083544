"""Score the name tagger and the actor-table method on exact spans; print markdown tables.

Run: .venv/bin/python scripts/evaluate_names.py --data /path/to/ner-data [--split dev|test|test2|test3]
         [--model analysis/resources/names_model.npz] [--corpora ../shared/corpora]

Our hand-marked dev sentences are rebuilt from the Reuters-21578 and BBC News texts under
--corpora (scripts/names_data/*.tsv hold offsets only). The hand-marked Reuters-21578 headlines
(scripts/names_data/reuters_titles_{dev,test}.tsv, the file of --split) are a second table, each
headline scored as a text of its own through the same three methods; the first table does not
count them. A third table, "in story", scores the whole path on the marked news sentences of
the split (train_names.STORY_FILES: the located dev files; for test, the held-out sentences
scripts/names_data/{reuters,bbc}_sample_test.tsv) twice: each sentence alone, and read in its
whole story (title, body, dateline, as PressLens ingests it), counting only the names inside
the sentence; and the headlines as the first line of their story. `--split test2` prints only
this table, on the second held-out set ({reuters,bbc}_sample_test2.tsv, no headlines), and
`--split test3` on the third ({reuters,bbc}_sample_test3.tsv).

Three methods: the tagger alone (`NameModel.tag`); "actors + tagger", the whole path of actor
finding (`find_mentions`: the actor table's aliases, the tagger's people and organisations the
table lacks, the cue rules' discoveries in what is left, surnames resolved); and "actor table",
the same path without the tagger (`find_mentions(tagger=False)`, the method before it). Of
`find_mentions`, person mentions are people, organisation and group mentions organisations,
country and place mentions places, except those written as a demonym ("American", "Dutch",
"Asian"): the table counts them as mentions of the country or region an article is about, but
they are not names of places, and the gold sets leave them outside.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import yaml
from train_names import (
    CORPORA,
    STORY_FILES,
    TITLE_FILES,
    _source,
    evaluation_splits,
    story_sentences,
    title_sentences,
)

import analysis.enrich.names as names_module
from analysis.enrich.actor_table import BUILTIN_ACTORS
from analysis.enrich.actors import find_mentions
from analysis.enrich.names import NameModel
from analysis.evaluate.actors import reuters_articles
from analysis.evaluate.names import (
    BBC_CSV,
    Sentence,
    score_spans,
    score_table,
    sentence_offsets,
)
from analysis.evaluate.quotes import bbc_articles

ACTOR_KINDS = {"person": "person", "organisation": "organisation", "group": "organisation",
               "country": "place", "place": "place"}


def demonyms(path: Path = BUILTIN_ACTORS) -> set[str]:
    """The built-in table's demonyms, and the aliases of its places that are another alias
    with "n" or "an" added ("Africa" -> "African", "Europe" -> "Europeans")."""
    found: set[str] = set()
    for section in yaml.safe_load(path.read_text(encoding="utf-8")).values():
        for entry in section:
            found.update(entry.get("demonyms") or [])
            aliases = set(entry.get("aliases") or [])
            found.update(a for a in aliases for base in aliases
                         if a.rstrip("s") in (base + "n", base + "an", base[:-1] + "an"))
    return found


def tagger_spans(model: NameModel, sentences: list[Sentence]) -> list[list[tuple]]:
    return [[(n.start, n.end, n.kind) for n in found]
            for found in model.tag([s.text for s in sentences])]


def actor_spans(sentences: list[Sentence], *, tagger: bool) -> list[list[tuple]]:
    """The spans `find_mentions` gives each sentence (as an article of its own)."""
    articles = pd.DataFrame({"article_id": [str(i) for i in range(len(sentences))],
                             "text": [s.text for s in sentences]})
    found: dict[str, list[tuple]] = mention_spans(articles, title=False, tagger=tagger)
    return [found.get(str(i), []) for i in range(len(sentences))]


def mention_spans(articles: pd.DataFrame, *, title: bool = True,
                  tagger: bool = True) -> dict[str, list[tuple]]:
    """{article id: (start, end, kind) of each text mention} that `find_mentions` gives, less
    the demonyms (see the module's docstring)."""
    empty = pd.DataFrame({"article_id": [], "sentence": [], "start": [], "end": []})
    mentions = find_mentions(articles, empty, title=title, tagger=tagger)
    found: dict[str, list[tuple]] = {}
    # in any case: the table finds "FRENCH" in a headline as it finds "French" in a sentence
    adjectives = {word.casefold() for word in demonyms()}
    for row in mentions.itertuples(index=False):
        kind = ACTOR_KINDS.get(row.actor_type)
        if kind == "place" and row.surface.casefold() in adjectives:
            continue
        if kind and row.start >= 0:
            found.setdefault(str(row.article_id), []).append((int(row.start), int(row.end),
                                                              kind))
    return found


def stories(sentences: list[Sentence], corpora: Path) -> pd.DataFrame:
    """The stories of the located sentences as PressLens's readers give them (Reuters-21578:
    title, body, dateline, date; BBC: title and body), one row each; article_id is
    "corpus:document". A headline (corpus reuters21578_title) is its story's first line: the
    title, a blank line, then the body, with no title of its own."""
    wanted: dict[str, set[str]] = {}
    for sentence in sentences:
        if sentence.where is None:
            raise ValueError(f"{sentence.doc}: a sentence with no place in a story")
        wanted.setdefault(sentence.where[0], set()).add(sentence.where[1])
    frames = []
    reuters_ids = wanted.get("reuters21578", set()) | wanted.get("reuters21578_title", set())
    if reuters_ids:
        files = sorted({doc.partition("#")[0] for doc in reuters_ids})
        reuters = reuters_articles(corpora / "reuters21578", files=files)
        reuters = reuters[reuters["article_id"].isin(reuters_ids)]
        for corpus in ("reuters21578", "reuters21578_title"):
            part = reuters[reuters["article_id"].isin(wanted.get(corpus, set()))].copy()
            if corpus == "reuters21578_title":
                part["text"] = part["title"] + "\n\n" + part["text"]
                part["title"] = ""
            part["article_id"] = corpus + ":" + part["article_id"]
            frames.append(part)
    if wanted.get("bbc"):
        bbc = bbc_articles(corpora / BBC_CSV, sorted(wanted["bbc"]))
        bbc["article_id"] = "bbc:" + bbc["article_id"]
        frames.append(bbc)
    return pd.concat(frames, ignore_index=True)


def story_spans(sentences: list[Sentence], *, corpora: Path,
                tagger: bool = True) -> list[list[tuple]]:
    """The spans `find_mentions` gives each located sentence when it reads the whole story
    (`stories`), those inside the sentence, in the sentence's offsets."""
    articles = stories(sentences, corpora)
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    found = mention_spans(articles, tagger=tagger)
    out: list[list[tuple]] = []
    for sentence in sentences:
        assert sentence.where is not None
        corpus, document, start, end = sentence.where
        key = f"{corpus}:{document}"
        offsets = sentence_offsets(texts[key], start, end)
        at = {offset: i for i, offset in enumerate(offsets)}
        out.append([(at[a], at[b - 1] + 1, kind) for a, b, kind in found.get(key, [])
                    if start <= a and b <= end and a in at and b - 1 in at])
    return out


def table(name: str, sentences: list[Sentence], predicted: list[list[tuple]], *,
          part: str | None = None) -> str:
    """Markdown rows: per source and kind, precision / recall / F1 and the counts (all the
    sentences as one `part` when given)."""
    parts: dict[str, list[int]] = {}
    if part is None:
        for i, sentence in enumerate(sentences):
            parts.setdefault(_source(sentence.doc), []).append(i)
        part = "all"
    parts[part] = list(range(len(sentences)))
    lines = []
    for part, rows in parts.items():
        scores = score_spans([sentences[i] for i in rows], [predicted[i] for i in rows])
        for row in score_table(scores):
            lines.append(f"| {name} | {part} | {row['kind']} | {row['precision']:.3f} | "
                         f"{row['recall']:.3f} | {row['f1']:.3f} | {row['gold']} | "
                         f"{row['found']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--split", choices=["dev", "test", "test2", "test3"], default="dev")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--corpora", type=Path, default=CORPORA,
                        help="the folder of reuters21578/ and bbc/ (the marked sentences' texts)")
    args = parser.parse_args()
    if args.model:  # the whole path (find_mentions) reads the default model: make it this one
        names_module.MODEL_PATH = args.model
    titles: list[Sentence] = []
    if args.split in TITLE_FILES:  # test2 and test3 are the in-story table alone
        sentences = evaluation_splits(args.data, corpora=args.corpora)[args.split]
        model = names_module.default_model()
        print(tables(model, sentences))
        titles = title_sentences(args.split, corpora=args.corpora)
        print(f"\nReuters titles (scripts/names_data/{TITLE_FILES[args.split]}.tsv, "
              f"{len(titles)} headlines, each a text of its own):\n")
        print(tables(model, titles, part="Reuters titles"))
    located = story_sentences(args.split, corpora=args.corpora)
    print(f"\nIn story ({', '.join(STORY_FILES[args.split])}: {len(located)} sentences; the "
          f"Reuters titles, if any, as the first line of their story), the whole path (actors "
          f"+ tagger), each sentence alone and in its story:\n")
    print(in_story_table(located, titles, corpora=args.corpora))


def in_story_table(located: list[Sentence], titles: list[Sentence], *, corpora: Path) -> str:
    """The markdown table of the whole path on each located sentence alone and in its story,
    per source and pooled ("all", the body sentences), and on the headlines."""
    rows = ["| method | source | kind | precision | recall | F1 | gold | found |",
            "|---|---|---|---|---|---|---|---|"]
    for method, spans in (("sentence alone", actor_spans(located, tagger=True)),
                          ("in story", story_spans(located, corpora=corpora))):
        rows.append(table(method, located, spans))  # per file, then "all" of them
    if titles:
        rows.append(table("in story", titles, story_spans(titles, corpora=corpora),
                          part="Reuters titles"))
    return "\n".join(rows)


def tables(model: NameModel, sentences: list[Sentence], *, part: str | None = None) -> str:
    """The markdown table of the three methods on `sentences`."""
    return "\n".join([
        "| method | source | kind | precision | recall | F1 | gold | found |",
        "|---|---|---|---|---|---|---|---|",
        table("tagger", sentences, tagger_spans(model, sentences), part=part),
        table("actors + tagger", sentences, actor_spans(sentences, tagger=True), part=part),
        table("actor table", sentences, actor_spans(sentences, tagger=False), part=part)])


if __name__ == "__main__":
    main()
