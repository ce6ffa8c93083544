"""Train the name tagger (analysis/enrich/names.py) with CRFsuite and write its model file.

Run (needs `pip install -e ".[train]"` for python-crfsuite; the corpora are not in the repo,
docs/names.md says where each comes from and how DATA is laid out):

    .venv/bin/python scripts/train_names.py --data /path/to/ner-data \
        --corpora ../shared/corpora --out analysis/resources/names_model.npz

Our hand-marked sentences (scripts/names_data/*.tsv) hold offsets only: each is rebuilt from
the Reuters-21578 and BBC News texts under --corpora, and its hash checked.

It prints the dev scores (and with --test the test scores, to be reported once).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import name_lexicons
import numpy as np

from analysis.enrich.discovery import COMPANY_HEADS
from analysis.enrich.name_features import (
    CONNECTORS,
    SENTENCE_END,
    TypeTable,
    Vocabulary,
    candidates,
    capitalised,
    feature_ids,
    segments,
    template_names,
    word_tokens,
    words,
)
from analysis.enrich.names import NameModel
from analysis.evaluate.names import (
    Sentence,
    read_columns,
    read_located,
    read_uner,
    score_spans,
    score_table,
)

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
CODES = {"person": "PER", "organisation": "ORG", "place": "LOC"}
# re3d's sources under an open licence (its BBC and EU documents are not)
RE3D_SOURCES = ("Australian_Department_of_Foreign_Affairs", "CENTCOM", "UK_Government",
                "US_State_Department", "Wikipedia")
CROSSNER_DOMAINS = ("politics", "science")  # CrossNER's domains with news-like names
HAND = Path(__file__).resolve().parent / "names_data"  # our marks (offsets, no corpus text)
CORPORA = Path("../shared/corpora")  # Reuters-21578 and BBC News: the marked sentences' texts
HAND_REPEAT = 5  # the few in-domain sentences count this many times in training
SAMPLE_REPEAT = 1  # the sampled news sentences count once (1, 3, 5 compared on dev: names.md)
# sentences drawn by scripts/names_sample.py and marked by hand (Reuters and BBC News)
SAMPLE_FILES = ("reuters_sample", "bbc_sample")
REUTERS_FILES = tuple(f"reut2-{n:03d}.sgm" for n in range(18))  # 018-021 are held out
# headlines drawn by scripts/names_titles_sample.py and marked by hand: dev and test only, never
# training; scored as a set of their own (scripts/evaluate_names.py), not in evaluation_splits
TITLE_FILES = {"dev": "reuters_titles_dev", "test": "reuters_titles_test"}
# the marked sentences scored in their whole story (scripts/evaluate_names.py, "in story"): the
# located dev files, and a test set drawn after the 1,500 (scripts/names_sample.py, numbers
# 1500-1749) and marked by hand for it: never training, scored once (docs/names.md); test2, the
# next draws (1750-1999), marked by hand the same way for the next round of rules; test3 (draws
# 2000-2249) for the round after
STORY_FILES = {"dev": ("reuters_hand_dev", "reuters_sample_dev", "bbc_sample_dev"),
               "test": ("reuters_sample_test", "bbc_sample_test"),
               "test2": ("reuters_sample_test2", "bbc_sample_test2"),
               "test3": ("reuters_sample_test3", "bbc_sample_test3")}


def splits(data: Path, *, corpora: Path = CORPORA, skip: tuple[str, ...] = (),
           sample_repeat: int = SAMPLE_REPEAT) -> dict[str, list[Sentence]]:
    """train, dev and test sentences from the corpora under `data` and our marks of sentences
    of the corpora under `corpora` (see docs/names.md); `skip` leaves training corpora out
    ("btc", "wnut17"); the sampled hand-marked news sentences count `sample_repeat` times."""
    wikigold = read_columns(data / "wikigold.conll.txt")
    cut = int(len(wikigold) * 0.8)
    train = [*read_uner(data / "uner" / "en_ewt-ud-dev.iob2"), *wikigold[:cut]]
    if "uner_train" not in skip:
        train += read_uner(data / "uner" / "en_ewt-ud-train.iob2")
    if "reuters_hand" not in skip:
        train += read_located(HAND / "reuters_hand_train.tsv", corpora) * HAND_REPEAT
    for name in SAMPLE_FILES:
        if name not in skip:
            train += read_located(HAND / f"{name}_train.tsv", corpora) * sample_repeat
    if "btc" not in skip:
        for section in "abefgh":
            train += read_columns(data / "btc" / f"{section}.conll")
    if "re3d" not in skip:
        for source in RE3D_SOURCES:
            for path in sorted((data / "re3d" / source).glob("*.conll")):
                train += read_columns(path)
    if "crossner" not in skip:
        for domain in CROSSNER_DOMAINS:
            for part in ("train", "dev", "test"):
                train += read_columns(data / "crossner" / f"{domain}-{part}.txt")
    if "wnut17" not in skip:
        train += read_columns(data / "wnut17" / "train.conll")
        train += read_columns(data / "wnut17" / "dev.conll")
    return {"train": train, **evaluation_splits(data, corpora=corpora)}


def evaluation_splits(data: Path, *, corpora: Path = CORPORA) -> dict[str, list[Sentence]]:
    """The dev and test sentences under `data` and of our marks (no training corpus is read)."""
    wikigold = read_columns(data / "wikigold.conll.txt")
    cut = int(len(wikigold) * 0.8)
    dev = [*read_uner(data / "uner" / "en_ewt-ud-test.iob2"), *wikigold[cut:],
           *read_located(HAND / "reuters_hand_dev.tsv", corpora),
           *(s for name in SAMPLE_FILES for s in read_located(HAND / f"{name}_dev.tsv", corpora))]
    test = read_uner(data / "uner" / "en_pud-ud-test.iob2")
    return {"dev": dev, "test": test}


def title_sentences(split: str, *, corpora: Path = CORPORA) -> list[Sentence]:
    """The hand-marked Reuters-21578 headlines of one split ("dev" or "test"), each a text."""
    if split not in TITLE_FILES:
        raise ValueError(f"split={split!r}, only {sorted(TITLE_FILES)}")
    return read_located(HAND / f"{TITLE_FILES[split]}.tsv", corpora)


def story_sentences(split: str, *, corpora: Path = CORPORA) -> list[Sentence]:
    """The hand-marked body sentences of one split ("dev", "test", "test2" or "test3") with
    their place in their story, to be scored in it; a test file not yet marked is left out."""
    if split not in STORY_FILES:
        raise ValueError(f"split={split!r}, only {sorted(STORY_FILES)}")
    return [s for name in STORY_FILES[split] if (HAND / f"{name}.tsv").is_file()
            for s in read_located(HAND / f"{name}.tsv", corpora)]


def capital_shares(texts: Iterable[str], *, min_count: int = 3) -> dict[str, float]:
    """Per lower-case word, the share of its uses away from a sentence start with a capital."""
    counts: dict[str, list[int]] = {}
    for text in texts:
        previous = "."
        for piece in words(text):
            if piece[0].isalpha() and previous not in SENTENCE_END:
                entry = counts.setdefault(piece.lower(), [0, 0])
                entry[0] += capitalised(piece)
                entry[1] += 1
            previous = piece
    return {word: up / total for word, (up, total) in counts.items() if total >= min_count}


def firm_shares(texts: Iterable[str], *, min_count: int = 3) -> dict[str, float]:
    """Per lower-case word, the share of its capitalised uses that are in a run of capitalised
    words (and connectors) ending in a company suffix, the suffix itself aside: "Noranda Inc",
    "Caltex Petroleum Corp". Words with no such use are left out (unknown)."""
    firm: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for text in texts:
        run: list[str] = []
        for piece in [*words(text), "."]:
            lower = piece.lower()
            if capitalised(piece) or (run and lower in CONNECTORS):
                run.append(lower)
                continue
            while run and run[-1] in CONNECTORS:
                run.pop()
            named = [w for w in run if w not in CONNECTORS]
            uses.update(named)
            if len(named) >= 2 and named[-1] in COMPANY_HEADS:
                firm.update(w for w in named if w not in COMPANY_HEADS)
            run = []
    return {w: n / uses[w] for w, n in firm.items() if uses[w] >= min_count}


def reuters_texts(folder: Path) -> list[str]:
    """The bodies of Reuters-21578 files reut2-000 to reut2-017 (never the held-out ones)."""
    from analysis.evaluate.actors import reuters_articles

    articles = reuters_articles(folder, files=REUTERS_FILES)
    return [t for t in articles["text"].tolist() if isinstance(t, str)]


def token_labels(sentence: Sentence, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """The BIO label of each token from the sentence's gold character spans."""
    labels = ["O"] * len(starts)
    for start, end, kind in sentence.spans:
        inside = np.flatnonzero((starts >= start) & (ends <= end))
        for n, i in enumerate(inside.tolist()):
            labels[i] = f"{'B' if n == 0 else 'I'}-{CODES[kind]}"
    return labels


def sequences(sentences: list[Sentence], table: TypeTable):
    """(features as strings, labels) of each candidate segment of each sentence."""
    names = template_names()
    for sentence in sentences:
        tokens = word_tokens(sentence.text, table)
        if not len(tokens.rows):
            continue
        labels = token_labels(sentence, tokens.starts, tokens.ends)
        mask = candidates(tokens.rows, table)
        positions = np.flatnonzero(mask)
        if not len(positions):
            continue
        features = feature_ids(tokens.rows, positions, table).tolist()
        index = {p: i for i, p in enumerate(positions.tolist())}
        for start, length in zip(*segments(mask), strict=True):
            rows = [features[index[p]] for p in range(start, start + length)]
            yield ([[f"{n}:{v}" for n, v in zip(names, row, strict=True) if v >= 0]
                    for row in rows], labels[start:start + length])


def train(sentences: list[Sentence], table: TypeTable, *, c1: float, c2: float,
          iterations: int, model_file: Path) -> None:
    """Fit a CRF on the candidate segments of `sentences` with L-BFGS (elastic net)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences(sentences, table):
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(model_file))


def export(model_file: Path, vocabulary: Vocabulary, out: Path, *,
           outside_bias: float = 0.0) -> None:
    """Write the CRF's weights and the vocabulary as the numpy model file that names.py reads."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    info = tagger.info()
    labels = list(LABELS)
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (previous, current), weight in info.transitions.items():
        transitions[labels.index(previous), labels.index(current)] = weight
    arrays: dict[str, np.ndarray] = {"labels": _packed(labels), "transitions": transitions,
                                     "outside_bias": np.asarray(outside_bias, np.float32)}
    sizes = _template_sizes(vocabulary)
    per_template: dict[str, dict[int, np.ndarray]] = {name: {} for name in template_names()}
    for (attribute, label), weight in info.state_features.items():
        name, _, value = attribute.rpartition(":")
        row = per_template[name].setdefault(int(value), np.zeros(len(labels), np.float32))
        row[labels.index(label)] = weight
    for name, rows in per_template.items():
        keys = sorted(rows)
        arrays[f"rows_{name}"] = np.asarray(keys, dtype=np.int32)
        arrays[f"weights_{name}"] = np.asarray([rows[k] for k in keys], np.float32).reshape(
            len(keys), len(labels)).astype(np.float16)
        arrays[f"size_{name}"] = np.asarray(sizes[name])
    arrays.update(_vocabulary_arrays(vocabulary))
    np.savez_compressed(out, **arrays)


def _template_sizes(vocabulary: Vocabulary) -> dict[str, int]:
    """How many ids each template's feature can take (its table has one more row, for -1)."""
    from analysis.enrich.name_features import (
        CAPITAL_BINS,
        EXTRA_TEMPLATES,
        FIRM_BINS,
        GAZETTEER_BITS,
        RUN_ATTRIBUTES,
        RUN_TEMPLATES,
        TEMPLATES,
    )

    attribute_size = {
        "word": len(vocabulary.words) + 1, "exact": len(vocabulary.exact) + 1,
        "suffix": len(vocabulary.suffixes) + 1, "prefix": len(vocabulary.prefixes) + 1,
        "shape": len(vocabulary.shapes) + 1, "wclass": len(vocabulary.classes) + 1,
        "capital": len(CAPITAL_BINS) + 1,
        "cluster": max(vocabulary.clusters.values(), default=0) + 1,
        "gazetteer": 2 ** len(GAZETTEER_BITS), "firm": len(FIRM_BINS) + 1}
    sizes = {name: attribute_size[attribute] for name, attribute, _ in TEMPLATES}
    sizes[EXTRA_TEMPLATES[0]] = attribute_size["shape"]
    sizes[EXTRA_TEMPLATES[1]] = attribute_size["capital"]
    for name, attribute in zip(RUN_TEMPLATES, RUN_ATTRIBUTES, strict=True):
        sizes[name] = attribute_size[attribute]
    return sizes


def _packed(strings: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def _vocabulary_arrays(vocabulary: Vocabulary) -> dict[str, np.ndarray]:
    def ordered(ids: dict[str, int]) -> list[str]:
        return [key for key, _ in sorted(ids.items(), key=lambda kv: kv[1])]

    arrays = {f"vocab_{name}": _packed(ordered(getattr(vocabulary, name)))
              for name in ("words", "exact", "suffixes", "prefixes", "shapes", "classes")}
    share = sorted(vocabulary.capital_share.items())
    arrays["capital_words"] = _packed([w for w, _ in share])
    arrays["capital_share"] = np.asarray([s for _, s in share], dtype=np.float16)
    clusters = sorted(vocabulary.clusters.items())
    arrays["cluster_words"] = _packed([w for w, _ in clusters])
    arrays["clusters"] = np.asarray([c for _, c in clusters], dtype=np.int32)
    gazetteer = sorted(vocabulary.gazetteer.items())
    arrays["gazetteer_words"] = _packed([w for w, _ in gazetteer])
    arrays["gazetteer"] = np.asarray([g for _, g in gazetteer], dtype=np.int8)  # 7 bits
    if vocabulary.firm_share:
        firm = sorted(vocabulary.firm_share.items())
        arrays["firm_words"] = _packed([w for w, _ in firm])
        arrays["firm_share"] = np.asarray([s for _, s in firm], dtype=np.float16)
    return arrays


def evaluate(model: NameModel, sentences: list[Sentence]) -> dict[str, list[dict[str, object]]]:
    """Exact-span scores of `model` on `sentences`, in all and per source."""
    found = model.tag([s.text for s in sentences])
    predicted = [[(n.start, n.end, n.kind) for n in names] for names in found]
    parts: dict[str, list[int]] = {"all": list(range(len(sentences)))}
    for i, sentence in enumerate(sentences):
        parts.setdefault(_source(sentence.doc), []).append(i)
    return {name: list(score_table(score_spans([sentences[i] for i in rows],
                                               [predicted[i] for i in rows])))
            for name, rows in parts.items()}


def _source(doc: str) -> str:
    """The corpus a sentence comes from, by its document name (UNER: its sentence id)."""
    if doc.endswith((".txt", ".tsv", ".conll")):
        return doc
    if doc[:1] in ("n", "w") and doc[1:2].isdigit():  # PUD: n01001-0001 news, w... wiki
        return "uner-pud-news" if doc[0] == "n" else "uner-pud-wiki"
    return "uner-ewt"


def bbc_texts(folder: Path) -> list[str]:
    """The bodies of the BBC News corpus's articles but sport (the categories of our marked
    sentences), for the unlabelled text."""
    import pandas as pd

    bbc = pd.read_csv(folder / "bbc_news_2225.csv")
    return bbc.loc[bbc["category"] != "sport", "body"].dropna().tolist()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--corpora", type=Path, default=CORPORA,
                        help="the folder of reuters21578/ and bbc/ (the marked sentences' texts)")
    parser.add_argument("--reuters", type=Path, default=None,
                        help="Reuters-21578's folder for the unlabelled text (--corpora's)")
    parser.add_argument("--out", type=Path, default=Path("analysis/resources/names_model.npz"))
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--outside-bias", type=float, default=0.75,
                        help="subtracted from the outside label's score before decoding")
    parser.add_argument("--clusters", type=int, default=600, help="0: no word clusters")
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["btc", "wnut17", "re3d", "reuters_hand", "uner_train", "crossner",
                                 *SAMPLE_FILES])
    parser.add_argument("--sample-repeat", type=int, default=SAMPLE_REPEAT,
                        help="how many times each sampled hand-marked news sentence counts")
    parser.add_argument("--no-gazetteer", dest="gazetteer", action="store_false")
    # tried for organisations on 2026-12-07 (branch orgs) and not in the shipped model:
    # docs/names.md
    parser.add_argument("--org-gazetteer", action="store_true",
                        help="gazetteer bits of the words of PETRARCH's and the table's "
                             "organisation names")
    parser.add_argument("--firm", action="store_true",
                        help="how often a word is in a company's name in the unlabelled text")
    parser.add_argument("--unlabelled-bbc", action="store_true",
                        help="add the BBC corpus's bodies (but sport) to the unlabelled text")
    parser.add_argument("--petrarch", type=Path, default=None,
                        help="PETRARCH's dictionaries (default: --corpora's petrarch/)")
    parser.add_argument("--test", action="store_true", help="also score the test split")
    args = parser.parse_args()
    started = time.perf_counter()
    data = splits(args.data, corpora=args.corpora, skip=tuple(args.skip),
                  sample_repeat=args.sample_repeat)
    train_words = [word for s in data["train"] for word in words(s.text)]
    reuters = args.reuters or args.corpora / "reuters21578"
    unlabelled = [*reuters_texts(reuters), *(s.text for s in data["train"])]
    if args.unlabelled_bbc:
        unlabelled += bbc_texts(args.corpora / "bbc")
    vocabulary = Vocabulary.build(
        train_words, capital_share=capital_shares(unlabelled),
        clusters=name_lexicons.clusters(unlabelled, k=args.clusters) if args.clusters else {},
        gazetteer=name_lexicons.gazetteer(
            organisations=args.petrarch or args.corpora / "petrarch"
            if args.org_gazetteer else None) if args.gazetteer else {},
        firm_share=firm_shares(unlabelled) if args.firm else {})
    with tempfile.TemporaryDirectory() as tmp:
        crf = Path(tmp) / "names.crfsuite"
        train(data["train"], TypeTable(vocabulary), c1=args.c1, c2=args.c2,
              iterations=args.iterations, model_file=crf)
        export(crf, vocabulary, args.out, outside_bias=args.outside_bias)
    model = NameModel(args.out)
    report = {"seconds": round(time.perf_counter() - started, 1),
              "model_bytes": args.out.stat().st_size,
              "sentences": {k: len(v) for k, v in data.items()},
              "dev": evaluate(model, data["dev"])}
    if args.test:
        report["test"] = evaluate(model, data["test"])
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
