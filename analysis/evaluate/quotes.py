"""Score quote attribution: the sample page's three quotes, and quotes built from real sentences.

The built set: real news sentences from NewsMTSC (political news, 2010s) are put in quotation
marks and attributed, by a handful of common wire patterns, to real people of the built-in actor
table (whose surnames are unambiguous there): "“…” Name said.", "Name said: “…”", "“…,” said
Name.", a full name introduced then the surname alone ("“…” Surname told reporters."), and a
second quote given as "he added". Because the speaker is placed by construction, the right
answer is known; what is measured is whether the attribution rules find it.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.clean.page import parse_page
from analysis.enrich.actor_table import load_actors
from analysis.enrich.actors import find_mentions
from analysis.enrich.quotes import find_quotes

TEMPLATES = ("said_after", "said_before", "said_inverted", "surname", "pronoun")


def _score(articles: pd.DataFrame, expected: pd.DataFrame) -> pd.DataFrame:
    mentions = find_mentions(articles, pd.DataFrame())
    found = find_quotes(articles, mentions)
    rows = []
    for item in expected.itertuples(index=False):
        got = found[(found[schema.ARTICLE_ID] == item.article_id)
                    & found[schema.QUOTE].str.startswith(item.starts_with[:25])]
        speaker = got[schema.SPEAKER].iloc[0] if len(got) else None
        rows.append({"set": item.set, "template": item.template, "expected": item.speaker,
                     "found": speaker, "quote_found": len(got) > 0,
                     "correct": speaker == item.speaker})
    return pd.DataFrame(rows)


def sample_quotes(page: str | Path, expected: str | Path) -> pd.DataFrame:
    """Each annotated quote of the sample page: its speaker and the one PressLens gives."""
    parsed = parse_page(Path(page).read_text(encoding="utf-8"))
    articles = pd.DataFrame([{schema.ARTICLE_ID: "sample", schema.TITLE: parsed.get(schema.TITLE),
                              schema.TEXT: parsed[schema.TEXT],
                              schema.DATELINE: parsed.get(schema.DATELINE)}])
    truth = json.loads(Path(expected).read_text(encoding="utf-8"))["quotes"]
    expected_rows = pd.DataFrame([{"set": "sample page", "template": "as published",
                                   "article_id": "sample", "speaker": q["speaker"],
                                   "starts_with": q["starts_with"]} for q in truth])
    return _score(articles, expected_rows)


def built_quotes(newsmtsc: str | Path, *, n: int = 300, seed: int = 0) -> pd.DataFrame:
    """Quotes built from NewsMTSC sentences and real people; one row per quote, scored."""
    chooser = random.Random(seed)
    sentences = _sentences(newsmtsc, chooser, 2 * n)
    people = _speakers()
    articles, expected = [], []
    for i in range(n):
        name = chooser.choice(people)
        template = TEMPLATES[i % len(TEMPLATES)]
        first, second = sentences[2 * i], sentences[2 * i + 1]
        text, starts = _render(template, name, first, second)
        article_id = f"built-{i}"
        articles.append({schema.ARTICLE_ID: article_id, schema.TITLE: None, schema.TEXT: text,
                         schema.DATELINE: None})
        expected += [{"set": "built from NewsMTSC", "template": template,
                      "article_id": article_id, "speaker": name, "starts_with": s}
                     for s in starts]
    return _score(pd.DataFrame(articles), pd.DataFrame(expected))


def _render(template: str, name: str, first: str, second: str) -> tuple[str, list[str]]:
    surname = name.split()[-1]
    if template == "said_after":
        return f"“{first}” {name} said on Tuesday.", [first]
    if template == "said_before":
        return f"{name} said on Tuesday: “{first}”", [first]
    if template == "said_inverted":
        return f"“{first.rstrip('.')},” said {name}.", [first.rstrip(".")]
    if template == "surname":
        return (f"{name} spoke to reporters in the capital on Tuesday.\n\n"
                f"“{first}” {surname} told reporters.", [first])
    return (f"“{first}” {name} said.\n\n“{second}” he added.", [first, second])


def _sentences(path: str | Path, chooser: random.Random, count: int) -> list[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["sentence_normalized"] for line in lines if line.strip()]
    # quotes inside a quote would be ambiguous by construction; keep plain sentences
    plain = [t.strip() for t in texts if not any(c in t for c in "\"“”") and 40 < len(t) < 240]
    return chooser.sample(plain, count)


def _speakers() -> list[str]:
    actors = load_actors()
    people = actors[actors["type"] == "person"]["name"].tolist()
    surnames = pd.Series([p.split()[-1] for p in people]).value_counts()
    return sorted(p for p in people if len(p.split()) >= 2 and surnames[p.split()[-1]] == 1
                  and p.replace(" ", "").replace("-", "").isalpha())


def summarise(scored: pd.DataFrame) -> pd.DataFrame:
    """Speaker accuracy per set and template (quotes found, and speakers right)."""
    grouped = scored.groupby(["set", "template"], as_index=False).agg(
        n=("correct", "size"), found=("quote_found", "mean"), accuracy=("correct", "mean"))
    overall = scored.groupby("set", as_index=False).agg(
        n=("correct", "size"), found=("quote_found", "mean"), accuracy=("correct", "mean"))
    return pd.concat([grouped, overall.assign(template="all")], ignore_index=True)
