"""Draw the Reuters-21578 headlines to mark by hand for the name tagger's capitals (docs/names.md,
"Reuters headlines marked by hand").

The rule, fixed before any title was read: the TITLEs of Reuters-21578 reut2-000..017 (never
018..021, held out) as PressLens's reader gives them (`analysis.evaluate.actors.reuters_articles`,
its title column), white space collapsed to single spaces (`corpus_sentence`, as the located
marks read them); a title is kept when it has at least 3 words (runs of non-space characters)
and at least one letter. Distinct titles only: a title met again is left out, the first story
(in file and NEWID order) that carries it names it. The kept titles, in that order, are shuffled
with `random.Random(16)`; the first 320 are drawn, and every second one drawn (number % 2 == 1)
is test, the others dev: 160 dev, 160 test. The titles are for dev and test only, never for
training.

Prints tab-separated lines: number, split, document ("reut2-003.sgm#3456", the reader's article
id), title. The marked lines go into the project as offsets only (`scripts/names_marks.py
locate ... --corpus reuters21578_title`).

    .venv/bin/python scripts/names_titles_sample.py --reuters ../shared/corpora/reuters21578
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from analysis.evaluate.names import corpus_sentence

REUTERS_FILES = [f"reut2-{n:03d}.sgm" for n in range(18)]  # 018-021 are held out
WORD = re.compile(r"\S+")
SEED = 16
COUNT = 320


def keep(title: str) -> bool:
    """At least 3 words and at least one letter."""
    return len(WORD.findall(title)) >= 3 and any(c.isalpha() for c in title)


def distinct_titles(documents: list[str], titles: list[str]) -> list[tuple[str, str]]:
    """(document, title) of each kept title's first story, in the stories' order."""
    seen: set[str] = set()
    out = []
    for document, raw in zip(documents, titles, strict=True):
        title = corpus_sentence(raw, 0, len(raw))
        if title not in seen and keep(title):
            seen.add(title)
            out.append((document, title))
    return out


def draw(documents: list[str], titles: list[str], *, count: int = COUNT,
         seed: int = SEED) -> list[tuple[int, str, str, str]]:
    """(number, split, document, title) of the first `count` titles of the seeded shuffle."""
    kept = distinct_titles(documents, titles)
    random.Random(seed).shuffle(kept)
    return [(n, "test" if n % 2 == 1 else "dev", document, title)
            for n, (document, title) in enumerate(kept[:count])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", type=Path, required=True)
    parser.add_argument("--count", type=int, default=COUNT)
    args = parser.parse_args()
    from analysis.evaluate.actors import reuters_articles

    articles = reuters_articles(args.reuters, files=REUTERS_FILES)
    for number, split, document, title in draw(articles["article_id"].tolist(),
                                               articles["title"].tolist(), count=args.count):
        print(f"{number}\t{split}\t{document}\t{title}")


if __name__ == "__main__":
    main()
