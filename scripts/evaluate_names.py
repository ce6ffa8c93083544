"""Score the name tagger and the actor-table method on exact spans; print markdown tables.

Run: .venv/bin/python scripts/evaluate_names.py --data /path/to/ner-data [--split dev|test]
         [--model analysis/resources/names_model.npz] [--corpora ../shared/corpora]

Our hand-marked dev sentences are rebuilt from the Reuters-21578 and BBC News texts under
--corpora (scripts/names_data/*.tsv hold offsets only). The hand-marked Reuters-21578 headlines
(scripts/names_data/reuters_titles_{dev,test}.tsv, the file of --split) are a second table, each
headline scored as a text of its own through the same three methods; the first table does not
count them.

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
from train_names import CORPORA, TITLE_FILES, _source, evaluation_splits, title_sentences

import analysis.enrich.names as names_module
from analysis.enrich.actor_table import BUILTIN_ACTORS
from analysis.enrich.actors import find_mentions
from analysis.enrich.names import NameModel
from analysis.evaluate.names import Sentence, score_spans, score_table

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
    empty = pd.DataFrame({"article_id": [], "sentence": [], "start": [], "end": []})
    mentions = find_mentions(articles, empty, title=False, tagger=tagger)
    found: list[list[tuple]] = [[] for _ in sentences]
    # in any case: the table finds "FRENCH" in a headline as it finds "French" in a sentence
    adjectives = {word.casefold() for word in demonyms()}
    for row in mentions.itertuples(index=False):
        kind = ACTOR_KINDS.get(row.actor_type)
        if kind == "place" and row.surface.casefold() in adjectives:
            continue
        if kind and row.start >= 0:
            found[int(row.article_id)].append((int(row.start), int(row.end), kind))
    return found


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
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--corpora", type=Path, default=CORPORA,
                        help="the folder of reuters21578/ and bbc/ (the marked sentences' texts)")
    args = parser.parse_args()
    sentences = evaluation_splits(args.data, corpora=args.corpora)[args.split]
    if args.model:  # the whole path (find_mentions) reads the default model: make it this one
        names_module.MODEL_PATH = args.model
    model = names_module.default_model()
    print(tables(model, sentences))
    titles = title_sentences(args.split, corpora=args.corpora)
    print(f"\nReuters titles (scripts/names_data/{TITLE_FILES[args.split]}.tsv, "
          f"{len(titles)} headlines, each a text of its own):\n")
    print(tables(model, titles, part="Reuters titles"))


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
