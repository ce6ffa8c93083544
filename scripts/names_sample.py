"""Draw the sentences to mark by hand for the name tagger (docs/names.md, "Marked by hand").

The rule, fixed before any sentence was read: the bodies of Reuters-21578 reut2-000..017
(never 018..021) and the BBC corpus's business, politics, tech and entertainment articles (not
sport) are cut into sentences (`analysis.enrich.sentences`); a sentence is kept when it has
8 to 50 words, at most 15 % of its words hold a digit (not a table), no more than half its
letters are capitals, it has a capitalised word after its first, and it is not already in a
marked file. A seeded shuffle (seed 15) of each source's kept sentences, Reuters first then
BBC, taken in turns 3 Reuters : 2 BBC; every sixth sentence drawn (number % 6 == 5) is dev.
A drawn sentence that is in the tests' accuracy floor (tests/data/names_reuters_sample.tsv) is
left out after the draw (one, number 292), so the numbers keep their order.
Prints tab-separated lines: number, split, source, sentence (to mark by hand; the marked lines
go into the project as offsets only, `scripts/names_marks.py locate`). The marked files are
read from the corpora folder, the parent of --reuters.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

from analysis.enrich.sentences import sentence_spans
from analysis.evaluate.names import read_located

HAND = Path(__file__).resolve().parent / "names_data"
FLOOR = Path(__file__).resolve().parents[1] / "tests" / "data" / "names_reuters_sample.tsv"
REUTERS_FILES = [f"reut2-{n:03d}.sgm" for n in range(18)]
BBC_KINDS = {"business", "politics", "tech", "entertainment"}
WORD = re.compile(r"\S+")


def keep(sentence: str) -> bool:
    words = WORD.findall(sentence)
    if not 8 <= len(words) <= 50:
        return False
    if sum(any(c.isdigit() for c in w) for w in words) > 0.15 * len(words):
        return False
    letters = [c for c in sentence if c.isalpha()]
    if sum(c.isupper() for c in letters) > 0.5 * len(letters):
        return False
    return any(w[:1].isupper() for w in words[1:])


def sentences(texts: list[str], known: set[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for text in texts:
        for start, end in sentence_spans(text):
            s = " ".join(text[start:end].split())
            if s not in known and s not in seen and keep(s):
                seen.add(s)
                out.append(s)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reuters", type=Path, required=True)
    parser.add_argument("--bbc", type=Path, required=True)
    parser.add_argument("--count", type=int, default=1500)
    args = parser.parse_args()
    from analysis.evaluate.actors import reuters_articles

    corpora = args.reuters.parent
    known = {s.text for name in ("reuters_hand_train.tsv", "reuters_hand_dev.tsv")
             for s in read_located(HAND / name, corpora)}
    articles = reuters_articles(args.reuters, files=REUTERS_FILES)
    reuters = sentences([t for t in articles["text"].tolist() if isinstance(t, str)], known)
    with open(args.bbc, newline="", encoding="utf-8") as handle:
        bbc = sentences([row["body"] for row in csv.DictReader(handle)
                         if row["category"] in BBC_KINDS], known)
    rng = random.Random(15)
    rng.shuffle(reuters)
    rng.shuffle(bbc)
    pattern = ["reuters", "bbc", "reuters", "bbc", "reuters"]
    pools = {"reuters": iter(reuters), "bbc": iter(bbc)}
    floor = {s.text for s in read_located(FLOOR, corpora)} if FLOOR.exists() else set()
    for number in range(args.count):
        source = pattern[number % len(pattern)]
        split = "dev" if number % 6 == 5 else "train"
        sentence = next(pools[source])
        if sentence not in floor:
            print(f"{number}\t{split}\t{source}\t{sentence}")


if __name__ == "__main__":
    main()
