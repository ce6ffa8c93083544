"""Build the case table of analysis/enrich/truecase.py from the Reuters-21578 bodies.

Run: .venv/bin/python scripts/build_truecase.py --corpora ../shared/corpora \
         --out analysis/resources/truecase.txt.gz

Counts, in the paragraphs of the bodies of reut2-000..017 (never the held-out 018..021) that
are written mostly in small letters (not tables or telex copy), each word's forms away from a
sentence's start, and whether it is capitalised after each word before it. A word seen at
least MIN_COUNT times gets a line: its usual form when that form has at least 60 % of its uses
and is neither lower case nor capitalised ("U.S.", "OPEC"), else the word capitalised when at
least truecase.CAPITAL_SHARE of its uses are, else in lower case. A pair seen at least
MIN_COUNT times gets a line "before ^word" or "before _word" when the share after `before`
decides otherwise than the word's own line. A word the bodies use fewer times gets its line
from the share the name tagger's model file holds (learnt from the Reuters bodies and its
training text), when it has one.
"""

from __future__ import annotations

import argparse
import gzip
from collections import Counter, defaultdict
from pathlib import Path

from train_names import REUTERS_FILES

from analysis.enrich.name_features import SENTENCE_END, capitalised, words
from analysis.enrich.names import MODEL_PATH, NameModel
from analysis.enrich.truecase import CAPITAL_SHARE, TABLE_PATH
from analysis.evaluate.actors import reuters_articles

MIN_COUNT = 3
USUAL_SHARE = 0.6


def running_text(paragraph: str) -> bool:
    """Whether a paragraph is mostly small letters (not a table or a line in capitals)."""
    return sum(c.islower() for c in paragraph) > 2 * sum(c.isupper() for c in paragraph)


def count(texts: list[str]) -> tuple[dict[str, Counter[str]], dict[tuple[str, str], list[int]]]:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    pairs: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for text in texts:
        for paragraph in filter(running_text, text.split("\n")):
            before = "."
            for word in words(paragraph):
                if word[0].isalpha() and before not in SENTENCE_END:
                    forms[word.lower()][word] += 1
                    pair = pairs[(before.lower(), word.lower())]
                    pair[0] += capitalised(word)
                    pair[1] += 1
                before = word
    return forms, pairs


def usual_form(lower: str, seen: Counter[str]) -> str:
    total = sum(seen.values())
    form, times = seen.most_common(1)[0]
    if (times >= USUAL_SHARE * total and form not in (lower, lower.capitalize())
            and len(form) == len(lower)):
        return form
    share = sum(n for written, n in seen.items() if capitalised(written)) / total
    return lower[:1].upper() + lower[1:] if share >= CAPITAL_SHARE else lower


def table_lines(forms: dict[str, Counter[str]], pairs: dict[tuple[str, str], list[int]],
                shares: dict[str, float]) -> list[str]:
    usual = {lower: usual_form(lower, seen) for lower, seen in forms.items()
             if sum(seen.values()) >= MIN_COUNT}
    for lower, share in shares.items():  # words the bodies use too rarely: the tagger's shares
        if lower not in usual and lower[:1].isalpha() and " " not in lower:
            usual[lower] = lower[:1].upper() + lower[1:] if share >= CAPITAL_SHARE else lower
    lines = sorted(usual.values())
    for (before, lower), (up, total) in sorted(pairs.items()):
        if total < MIN_COUNT:
            continue
        capital = up / total >= CAPITAL_SHARE
        alone = usual.get(lower)
        if capital != (alone is None or alone[:1].isupper()):
            lines.append(f"{before} {'^' if capital else '_'}{lower}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--out", type=Path, default=TABLE_PATH)
    parser.add_argument("--model", type=Path, default=MODEL_PATH,
                        help="the name tagger's model: its capital shares (learnt from its "
                             "training text too) for words the bodies use fewer than 3 times")
    args = parser.parse_args()
    articles = reuters_articles(args.corpora / "reuters21578", files=list(REUTERS_FILES))
    texts = [t for t in articles["text"].tolist() if isinstance(t, str)]
    shares = NameModel(args.model).vocabulary.capital_share
    lines = table_lines(*count(texts), shares)
    # mtime=0: the same table gives the same bytes (its hash is part of the mentions' version)
    args.out.write_bytes(gzip.compress("\n".join(lines).encode("utf-8"), mtime=0))
    print(f"{args.out}: {len(lines)} lines from {len(texts)} bodies")


if __name__ == "__main__":
    main()
